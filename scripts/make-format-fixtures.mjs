#!/usr/bin/env node
// Writes the corpus-format fixtures in test/fixtures/workspace/formats/ (the integration tests mine them too) from one bundled speech, with LibreOffice headless
// (`soffice`, 7.4 or later, and a Chinese font such as fonts-wqy-microhei). The fixtures are committed: tests and CI
// need neither LibreOffice nor this script. Run it again only to change the fixtures:
//   node scripts/make-format-fixtures.mjs [seeds/002_19a4f98e508d591a.txt] [test/fixtures/workspace/formats]
import { execFileSync } from 'node:child_process';
import { copyFileSync, mkdirSync, mkdtempSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, join, resolve } from 'node:path';

const seed = resolve(process.argv[2] ?? 'seeds/002_19a4f98e508d591a.txt');
const out = resolve(process.argv[3] ?? 'test/fixtures/workspace/formats');
const work = mkdtempSync(join(tmpdir(), 'format-fixtures-'));
mkdirSync(join(out, 'hostile'), { recursive: true });

const lines = readFileSync(seed, 'utf8').split('\n').map(line => line.trim()).filter(Boolean);
const [title, ...body] = lines;
const escape = text => text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');

/** Runs LibreOffice on one file; returns the path it wrote. */
function soffice(input, target, name) {
  execFileSync('soffice', ['--headless', '--norestore', `-env:UserInstallation=file://${work}/profile`, '--convert-to', target, '--outdir', work, input], { stdio: 'pipe', timeout: 180_000 });
  const written = join(work, `${basename(input).replace(/\.[^.]+$/, '')}.${target.split(':')[0]}`);
  const path = join(work, name);
  renameSync(written, path);
  return path;
}

// The speech as a Word document: a centred bold title, body paragraphs with the two-character first-line indent.
const flatOdt = columns => `<?xml version="1.0" encoding="UTF-8"?>
<office:document xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" xmlns:style="urn:oasis:names:tc:opendocument:xmlns:style:1.0"
 xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0" xmlns:fo="urn:oasis:names:tc:opendocument:xmlns:xsl-fo-compatible:1.0"
 office:version="1.3" office:mimetype="application/vnd.oasis.opendocument.text">
 <office:font-face-decls><style:font-face style:name="WenQuanYi Micro Hei" svg:font-family="'WenQuanYi Micro Hei'" xmlns:svg="urn:oasis:names:tc:opendocument:xmlns:svg-compatible:1.0"/></office:font-face-decls>
 <office:styles>
  <style:default-style style:family="paragraph"><style:text-properties style:font-name="WenQuanYi Micro Hei" style:font-name-asian="WenQuanYi Micro Hei" fo:font-size="14pt" style:font-size-asian="14pt"/></style:default-style>
 </office:styles>
 <office:automatic-styles>
  <style:style style:name="Title" style:family="paragraph"><style:paragraph-properties fo:text-align="center" fo:margin-bottom="12pt"/><style:text-properties fo:font-size="20pt" style:font-size-asian="20pt" fo:font-weight="bold" style:font-weight-asian="bold"/></style:style>
  <style:style style:name="Body" style:family="paragraph"><style:paragraph-properties fo:text-indent="28pt" fo:text-align="justify" fo:line-height="150%"/></style:style>
  <style:page-layout style:name="Page"><style:page-layout-properties fo:page-width="21cm" fo:page-height="29.7cm" fo:margin-top="3.7cm" fo:margin-bottom="3.5cm" fo:margin-left="2.8cm" fo:margin-right="2.6cm">${columns > 1 ? `<style:columns fo:column-count="${columns}" fo:column-gap="1cm"/>` : ''}</style:page-layout-properties><style:footer-style/></style:page-layout>
 </office:automatic-styles>
 <office:master-styles><style:master-page style:name="Standard" style:page-layout-name="Page"><style:footer><text:p text:style-name="Footer">— <text:page-number text:select-page="current">1</text:page-number> —</text:p></style:footer></style:master-page></office:master-styles>
 <office:body><office:text>
  <text:p text:style-name="Title">${escape(title)}</text:p>
${body.map(line => `  <text:p text:style-name="Body">${escape(line)}</text:p>`).join('\n')}
 </office:text></office:body>
</office:document>
`;
writeFileSync(join(work, 'speech.fodt'), flatOdt(1));
writeFileSync(join(work, 'speech2.fodt'), flatOdt(2));

const docx = soffice(join(work, 'speech.fodt'), 'docx:MS Word 2007 XML', 'speech.docx');
copyFileSync(docx, join(out, 'speech.docx'));
copyFileSync(soffice(docx, 'doc:MS Word 97', 'speech.doc'), join(out, 'speech.doc'));
// WPS 文字 (2005 and later) writes this same compound-file layout under the .wps name (real/oa-changelog-kingsoft.wps
// is one written by WPS itself); LibreOffice cannot write .wps.
copyFileSync(join(out, 'speech.doc'), join(out, 'speech.wps'));
copyFileSync(soffice(docx, 'pdf:writer_pdf_Export', 'speech.pdf'), join(out, 'speech.pdf'));
copyFileSync(soffice(join(work, 'speech2.fodt'), 'pdf:writer_pdf_Export', 'speech-2col.pdf'), join(out, 'speech-2col.pdf'));
// A .doc that is really RTF, as web systems' "save as Word" buttons write.
copyFileSync(soffice(docx, 'rtf:Rich Text Format', 'speech.rtf'), join(out, 'speech-rtf.doc'));

// The speech saved from a government site: the article inside the page's chrome (the layout of TRS-built sites such
// as cmse.gov.cn and shanxi.gov.cn: breadcrumbs, a toolbar, share buttons, previous/next links, a footer). Saved as
// the browser saves it (UTF-8, `.html`), as an old site serves it (GBK bytes, `.htm`), and as a web archive (`.mhtml`).
const page = charset => `<!DOCTYPE html PUBLIC "-//W3C//DTD XHTML 1.0 Transitional//EN" "http://www.w3.org/TR/xhtml1/DTD/xhtml1-transitional.dtd">
<html><head><meta http-equiv="Content-Type" content="text/html; charset=${charset}" />
<title>${escape(title)}_领导讲话_某某市人民政府门户网站</title>
<script type="text/javascript">var _hmt = _hmt || []; document.write('<div>统计</div>');</script>
<style>.TRS_Editor P{line-height:2;font-size:16px}</style></head>
<body>
<div class="top"><div class="nav"><ul><li><a href="/">首页</a></li><li><a href="/zwgk/">政务公开</a></li><li><a href="/ldjh/">领导讲话</a></li><li><a href="/hdjl/">互动交流</a></li></ul></div></div>
<div class="position">当前位置：<a href="/">首页</a> &gt; <a href="/zwgk/">政务公开</a> &gt; 领导讲话</div>
<div class="main">
 <div class="article">
  <h1 class="title">${escape(title)}</h1>
  <div class="info">发布时间：2023-09-21 10:30　来源：市委办公室　浏览次数：<span id="count">1024</span></div>
  <div class="tools">字号：<a href="#">大</a> <a href="#">中</a> <a href="#">小</a>　【<a href="javascript:window.print()">打印本页</a>】【<a href="javascript:window.close()">关闭窗口</a>】</div>
  <div class="TRS_Editor" id="zoom">
${body.map(line => `<p style="text-indent:2em">&nbsp;&nbsp;${escape(line)}</p>`).join('\n')}
  </div>
  <div class="editor">（责任编辑：王某）</div>
  <div class="bdsharebuttonbox">分享到：<a class="bds_weixin">微信</a><a class="bds_tsina">微博</a></div>
  <div class="pager"><p>上一篇：<a href="/ldjh/1.html">在全市经济工作会议上的讲话</a></p><p>下一篇：<a href="/ldjh/3.html">在全市安全生产工作会议上的讲话</a></p></div>
 </div>
 <div class="side"><h3>相关链接</h3><ul><li><a href="#">市委办公室</a></li><li><a href="#">市政府办公室</a></li></ul></div>
</div>
<div class="footer"><p>主办：某某市人民政府办公室　承办：某某市大数据中心</p><p>版权所有：某某市人民政府　ICP备案号：某ICP备12345678号</p></div>
</body></html>
`;
writeFileSync(join(out, 'speech.html'), page('utf-8'));
writeFileSync(join(out, 'speech-gbk.htm'), execFileSync('iconv', ['-f', 'UTF-8', '-t', 'GB18030'], { input: page('gb2312') }));
const quotedPrintable = bytes => {
  let line = '';
  let text = '';
  for (const byte of bytes) {
    const piece = byte === 0x0a ? '\r\n' : (byte >= 33 && byte <= 126 && byte !== 61) || byte === 32 ? String.fromCharCode(byte) : `=${byte.toString(16).toUpperCase().padStart(2, '0')}`;
    if (piece === '\r\n') {
      text += `${line}\r\n`;
      line = '';
    } else {
      if (line.length + piece.length > 75) {
        text += `${line}=\r\n`;
        line = '';
      }
      line += piece;
    }
  }
  return text + line;
};
writeFileSync(join(out, 'speech.mhtml'), [
  'From: <Saved by Blink>',
  `Snapshot-Content-Location: http://www.example.gov.cn/ldjh/2.html`,
  'Subject: =?utf-8?Q?speech?=',
  'MIME-Version: 1.0',
  'Content-Type: multipart/related;',
  '\ttype="text/html";',
  '\tboundary="----MultipartBoundary--fixture----"',
  '',
  '',
  '------MultipartBoundary--fixture----',
  'Content-Type: text/html; charset=gb2312',
  'Content-ID: <frame-1@mhtml.blink>',
  'Content-Transfer-Encoding: quoted-printable',
  'Content-Location: http://www.example.gov.cn/ldjh/2.html',
  '',
  quotedPrintable(readFileSync(join(out, 'speech-gbk.htm'))),
  '------MultipartBoundary--fixture----',
  'Content-Type: text/css',
  'Content-Transfer-Encoding: quoted-printable',
  'Content-Location: http://www.example.gov.cn/css/main.css',
  '',
  '.TRS_Editor P{line-height:2}',
  '------MultipartBoundary--fixture------',
  '',
].join('\r\n'));

// A PDF whose Chinese font is not embedded and has no character map of its own, as older tools write them: it names
// Adobe's predefined CMap (UniGB-UCS2-H) and the reader must supply that map to get any text.
writeFileSync(join(out, 'font-not-embedded.pdf'), predefinedCMapPdf(['关于做好防汛工作的讲话', '同志们：', '今天我们召开全市防汛工作会议，主要任务是部署今年的防汛工作。']));

// The hostile cases: a password, a scan without a text layer, files cut off. (hostile/encrypted.doc and .docx were saved
// once from speech.docx with the password "secret" by a LibreOffice Basic macro, `storeToURL` with the `Password`
// property for "MS Word 97" and `EncryptionData` {OOXPassword, CryptoType "Standard"} for "MS Word 2007 XML": the
// command line's filter options do not encrypt Word files. They are kept as they are.)
const encrypted = '{"EncryptFile":{"type":"boolean","value":"true"},"DocumentOpenPassword":{"type":"string","value":"secret"}}';
copyFileSync(soffice(docx, `pdf:writer_pdf_Export:${encrypted}`, 'encrypted.pdf'), join(out, 'hostile', 'encrypted.pdf'));
execFileSync('pdftoppm', ['-jpeg', '-r', '60', '-f', '1', '-l', '1', '-singlefile', join(out, 'speech.pdf'), join(work, 'page')]);
writeFileSync(join(out, 'hostile', 'scanned.pdf'), imageOnlyPdf(readFileSync(join(work, 'page.jpg'))));
for (const name of ['speech.doc', 'speech.pdf']) {
  const bytes = readFileSync(join(out, name));
  writeFileSync(join(out, 'hostile', `truncated-${name}`), bytes.subarray(0, Math.floor(bytes.length / 2)));
}
rmSync(work, { recursive: true, force: true });
console.log(`fixtures written to ${out}`);

/** A one-page PDF that is only a picture of the page (a scan): the JPEG drawn over an A4 page, no text. */
function imageOnlyPdf(jpeg) {
  let at = 2;
  while (at < jpeg.length && !(jpeg[at] === 0xff && (jpeg[at + 1] === 0xc0 || jpeg[at + 1] === 0xc2))) at += 2 + jpeg.readUInt16BE(at + 2);
  const height = jpeg.readUInt16BE(at + 5);
  const width = jpeg.readUInt16BE(at + 7);
  const content = 'q 595 0 0 842 0 0 cm /Im0 Do Q';
  return pdfFromObjects([
    '<< /Type /Catalog /Pages 2 0 R >>',
    '<< /Type /Pages /Kids [3 0 R] /Count 1 >>',
    '<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Resources << /XObject << /Im0 4 0 R >> >> /Contents 5 0 R >>',
    [`<< /Type /XObject /Subtype /Image /Width ${width} /Height ${height} /ColorSpace /DeviceRGB /BitsPerComponent 8 /Filter /DCTDecode /Length ${jpeg.length} >>\nstream\n`, jpeg, '\nendstream'],
    `<< /Length ${content.length} >>\nstream\n${content}\nendstream`,
  ]);
}

/** A PDF file of these objects (strings, or arrays of strings and byte buffers), numbered from 1, with its xref table. */
function pdfFromObjects(objects) {
  const parts = [Buffer.from('%PDF-1.4\n')];
  const offsets = [];
  let length = parts[0].length;
  objects.forEach((object, i) => {
    offsets.push(length);
    const chunk = Buffer.concat([Buffer.from(`${i + 1} 0 obj\n`), ...[object].flat().map(piece => (typeof piece === 'string' ? Buffer.from(piece, 'latin1') : piece)), Buffer.from('\nendobj\n')]);
    parts.push(chunk);
    length += chunk.length;
  });
  const xref = `xref\n0 ${objects.length + 1}\n0000000000 65535 f \n${offsets.map(offset => `${String(offset).padStart(10, '0')} 00000 n \n`).join('')}`;
  parts.push(Buffer.from(`${xref}trailer\n<< /Size ${objects.length + 1} /Root 1 0 R >>\nstartxref\n${length}\n%%EOF\n`));
  return Buffer.concat(parts);
}

/** A one-page PDF in STSong-Light, not embedded, encoded in UniGB-UCS2-H (UTF-16BE codes), one line per entry. */
function predefinedCMapPdf(lines) {
  const hex = text => Buffer.from(text, 'utf16le').swap16().toString('hex').toUpperCase();
  const content = `BT /F1 16 Tf 72 760 Td 24 TL ${lines.map(line => `<${hex(line)}> Tj T*`).join(' ')} ET`;
  return pdfFromObjects([
    '<< /Type /Catalog /Pages 2 0 R >>',
    '<< /Type /Pages /Kids [3 0 R] /Count 1 >>',
    '<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Resources << /Font << /F1 4 0 R >> >> /Contents 5 0 R >>',
    '<< /Type /Font /Subtype /Type0 /BaseFont /STSong-Light /Encoding /UniGB-UCS2-H /DescendantFonts [6 0 R] >>',
    `<< /Length ${content.length} >>\nstream\n${content}\nendstream`,
    '<< /Type /Font /Subtype /CIDFontType0 /BaseFont /STSong-Light /CIDSystemInfo << /Registry (Adobe) /Ordering (GB1) /Supplement 4 >> /FontDescriptor 7 0 R /DW 1000 >>',
    '<< /Type /FontDescriptor /FontName /STSong-Light /Flags 6 /FontBBox [-25 -254 1000 880] /ItalicAngle 0 /Ascent 880 /Descent -120 /CapHeight 880 /StemV 93 >>',
  ]);
}
