/**
 * The corpus formats: one bundled speech written as .docx, .doc, .pdf (one and two columns), RTF named .doc, a saved
 * web page (UTF-8 .html, GBK .htm, .mhtml) by scripts/make-format-fixtures.mjs, each read back to the same speech as
 * the .txt; the hostile cases reported with their reasons; real files from other authors (formats/real in the test workspace,
 * sources in its SOURCES.md) read as what they are.
 */
import * as assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import * as CFB from 'cfb';
import { pdfReaderHere } from '../../src/core/formats/pdfHere';
import { pdfPagesToText, type PdfTextItem } from '../../src/core/formats/pdfLayout';
import { readRtf } from '../../src/core/formats/rtf';
import { htmlToText } from '../../src/core/formats/webPage';
import { cleanWordText } from '../../src/core/formats/wordBinary';
import { mineLibrary } from '../../src/core/mining/miner';
import { outlineOf, speechOutlines } from '../../src/core/outline';
import { readCorpusFile, type ReadResult } from '../../src/core/reading';
import { classifySkipReason } from '../../src/core/skipReasons';
import { parseCorpusFile } from '../../src/core/structure';
import { readPdfOnDisk } from '../../src/node/pdfOnDisk';
import { segmenter } from './helpers/corpus';

const FORMATS = join('test', 'fixtures', 'workspace', 'formats');
const SEED = join('seeds', '002_19a4f98e508d591a.txt');

async function read(path: string, bytes: Uint8Array = readFileSync(path)): Promise<ReadResult> {
  return readCorpusFile(path, bytes, { readPdf: readPdfOnDisk });
}

async function readText(path: string): Promise<string> {
  const result = await read(path);
  assert.ok(result.ok, `${path}: ${result.ok ? '' : result.reason}`);
  return result.text;
}

/** The share of `expected`'s characters (white space aside) that `actual` has in the same order: an LCS ratio. */
function sameOrderShare(expected: string, actual: string): number {
  const a = [...expected.replace(/\s/g, '')];
  const b = [...actual.replace(/\s/g, '')];
  let previous = new Uint16Array(b.length + 1);
  let current = new Uint16Array(b.length + 1);
  for (let i = 1; i <= a.length; i++) {
    for (let j = 1; j <= b.length; j++) current[j] = a[i - 1] === b[j - 1] ? previous[j - 1] + 1 : Math.max(previous[j], current[j - 1]);
    [previous, current] = [current, previous];
  }
  return previous[b.length] / a.length;
}

/** What a writer sees of a speech: its title and its outline (levels, markers and heading texts). */
function speechShape(text: string): unknown {
  return speechOutlines(text).map(outline => ({ title: outline.title?.text, genre: outline.genre, headings: outline.headings.map(({ level, marker, text: heading }) => ({ level, marker, heading })) }));
}

suite('corpus formats', () => {
  const seedText = readFileSync(SEED, 'utf8');

  for (const [name, format] of [
    ['speech.docx', 'docx'], ['speech.doc', 'doc'], ['speech.wps', 'doc'], ['speech.pdf', 'pdf'], ['speech-2col.pdf', 'pdf'], ['speech-rtf.doc', 'rtf'],
    ['speech.html', 'html'], ['speech-gbk.htm', 'html'], ['speech.mhtml', 'mhtml'],
  ] as const) {
    test(`${name} is read as ${format} to the same speech as the .txt: title, outline, 98% of the characters in order`, async () => {
      const result = await read(join(FORMATS, name));
      assert.ok(result.ok, result.ok ? '' : result.reason);
      assert.equal(result.format, format);
      assert.deepEqual(speechShape(result.text), speechShape(seedText));
      const share = sameOrderShare(seedText.replace(/##paid(?:begin|end)##/g, ''), result.text);
      assert.ok(share >= 0.98, `${(share * 100).toFixed(1)}% of the characters in order`);
    });
  }

  test('a saved page loses its chrome: navigation, toolbar, metadata, share and previous/next links, footer', async () => {
    const text = await readText(join(FORMATS, 'speech.html'));
    for (const chrome of ['当前位置', '首页', '字号', '打印', '浏览次数', '发布时间', '分享到', '上一篇', '下一篇', '责任编辑', '版权所有', '相关链接', '统计']) {
      assert.ok(!text.includes(chrome), `${chrome} is chrome`);
    }
    assert.equal(text.split('\n')[0], seedText.split('\n')[0].trim(), 'the title comes first, once');
  });

  test('hostile files are reported with a classified reason, never thrown', async () => {
    const cases: [string, RegExp][] = [
      ['hostile/encrypted.pdf', /^password-protected PDF/],
      // Saved with a password by LibreOffice (RC4 for .doc, ECMA-376 Standard AES for .docx).
      ['hostile/encrypted.doc', /^password-protected document/],
      ['hostile/encrypted.docx', /^password-protected document/],
      ['hostile/scanned.pdf', /^no text layer, needs OCR/],
      ['hostile/truncated-speech.doc', /^damaged or truncated document/],
      ['hostile/truncated-speech.pdf', /^damaged or truncated document/],
    ];
    for (const [name, reason] of cases) {
      const result = await read(join(FORMATS, name));
      assert.equal(result.ok, false, name);
      if (!result.ok) {
        assert.match(result.reason, reason, name);
        assert.ok(classifySkipReason(result.reason), `${name}: ${result.reason} is a known reason`);
      }
    }
  });

  test('a password-protected .doc (FIB fEncrypted) and .docx (an encrypted package) are reported as such', async () => {
    const doc = new Uint8Array(readFileSync(join(FORMATS, 'speech.doc')));
    const container = CFB.read(doc, { type: 'array' });
    const word = CFB.find(container, 'WordDocument');
    assert.ok(word);
    const content = Uint8Array.from(word.content);
    content[0x0b] |= 0x01; // fEncrypted is bit 8 of the flags word at 0x0A
    word.content = content;
    const encryptedDoc = new Uint8Array(CFB.write(container, { type: 'array' }) as ArrayLike<number>);
    assert.match(failure(await read('a.doc', encryptedDoc)), /^password-protected document/);

    const docx = CFB.utils.cfb_new();
    CFB.utils.cfb_add(docx, 'EncryptionInfo', new Uint8Array(64));
    CFB.utils.cfb_add(docx, 'EncryptedPackage', new Uint8Array(4096).fill(7));
    const encryptedDocx = new Uint8Array(CFB.write(docx, { type: 'array' }) as ArrayLike<number>);
    assert.match(failure(await read('a.docx', encryptedDocx)), /^password-protected document/);
  });

  test('a file is read as what it is, whatever its name: a web page named .doc, a .docx named .wps, RTF named .doc', async () => {
    const page = readFileSync(join(FORMATS, 'speech.html'));
    const asDoc = await read('saved.doc', page);
    assert.ok(asDoc.ok && asDoc.format === 'html');
    const docx = await read('speech.wps', readFileSync(join(FORMATS, 'speech.docx')));
    assert.ok(docx.ok && docx.format === 'docx');
    const rtf = await read(join(FORMATS, 'speech-rtf.doc'));
    assert.ok(rtf.ok && rtf.format === 'rtf');
    // Markdown may open with an HTML comment: it stays Markdown.
    const markdown = await read('notes.md', new TextEncoder().encode('<!-- 草稿 -->\n# 在会议上的讲话\n同志们：\n'));
    assert.ok(markdown.ok && markdown.format === 'text');
  });

  test('a PDF whose Chinese font is not embedded is read with Adobe\'s character map (UniGB-UCS2-H) the host supplies', async () => {
    const path = join(FORMATS, 'font-not-embedded.pdf');
    assert.equal(await readText(path), '关于做好防汛工作的讲话\n同志们：\n今天我们召开全市防汛工作会议，主要任务是部署今年的防汛工作。\n');
    // Without the maps pdf.js finds no text at all: the reader would take the file for a scan.
    const withoutMaps = await readCorpusFile(path, readFileSync(path), { readPdf: pdfReaderHere() });
    assert.match(failure(withoutMaps), /^no text layer/);
  });

  test('a host that cannot read PDFs says so for each PDF', async () => {
    assert.match(failure(await readCorpusFile('a.pdf', readFileSync(join(FORMATS, 'speech.pdf')))), /^PDF files cannot be read here/);
  });

  test('a file that takes longer than the time limit is given up with a reason', async () => {
    const result = await readCorpusFile(join(FORMATS, 'speech.pdf'), readFileSync(join(FORMATS, 'speech.pdf')), { timeLimitMs: 1, readPdf: readPdfOnDisk });
    assert.equal(failure(result), 'took longer than 1 ms to read (time limit)');
    assert.ok(classifySkipReason(failure(result)));
  });

  test('malformed files of every kind resolve with text or a reason, never an exception, in bounded time', async () => {
    const nested = (open: string, close: string, depth: number) => `${open.repeat(depth)}同志们：今天开会。${close.repeat(depth)}`;
    const hostile: [string, string | Uint8Array][] = [
      ['cut.mhtml', 'MIME-Version: 1.0\r\nContent-Type: multipart/related; boundary="b"\r\n\r\n--b\r\nContent-Type: text/html\r\nContent-Transfer-Encoding: base64\r\n\r\nPGh0bWw+5ZCM5b+X5LusAB=x'],
      ['deep.html', `<html><body>${nested('<div>', '</div>', 20_000)}</body></html>`],
      ['unclosed.html', `<html><body>${'<font>'.repeat(20_000)}同志们：今天开会。</body></html>`],
      ['navs.html', `<html><body>${nested('<div class="nav-x">', '</div>', 3000)}</body></html>`],
      ['braces.rtf', String.raw`{\rtf1\ansi\ansicpg936{\pict\bin4 }}}{ \'4}\'cd\'ac\u8220\ldblquote x}`],
      ['fields.doc', new Uint8Array(0)],
      ['notes.md', '开头是 %PDF-1.7 的一段笔记。\n同志们：今天开会。'],
    ];
    for (const [name, content] of hostile) {
      const bytes = typeof content === 'string' ? new TextEncoder().encode(content) : content;
      const started = Date.now();
      const result = await read(name, bytes);
      assert.ok(Date.now() - started < 5000, `${name} read in bounded time`);
      if (!result.ok) assert.ok(classifySkipReason(result.reason), `${name}: ${result.reason} is a known reason`);
    }
    assert.ok((await read('notes.md', new TextEncoder().encode('开头是 %PDF-1.7 的一段笔记。'))).ok, 'a note that mentions %PDF- is text');
    const start = Date.now();
    cleanWordText('\x13\x14'.repeat(50_000));
    assert.ok(Date.now() - start < 1000, 'nested Word fields are read in linear time');
  });

  test('files under a Word name that are not Word: plain text, Word 2003 XML, a page starting with <div>', async () => {
    const text = await read('notes.doc', new TextEncoder().encode('在会议上的讲话\n同志们：\n今天开会。\n'));
    assert.ok(text.ok && text.format === 'text' && text.text.startsWith('在会议上的讲话'));
    const xml = `<?xml version="1.0" encoding="UTF-8"?><?mso-application progid="Word.Document"?><w:wordDocument xmlns:w="http://schemas.microsoft.com/office/word/2003/wordml"><w:body><w:p><w:r><w:t>在会议上的讲话</w:t></w:r></w:p><w:p><w:r><w:t>同志们：</w:t></w:r></w:p></w:body></w:wordDocument>`;
    const wordXml = await read('saved.doc', new TextEncoder().encode(xml));
    assert.ok(wordXml.ok && wordXml.format === 'wordxml');
    assert.equal(wordXml.text, '在会议上的讲话\n同志们：\n');
    const page = await read('saved.doc', new TextEncoder().encode('<div class="article"><p>同志们：</p><p>今天我们召开会议，研究部署工作。</p></div>'));
    assert.ok(page.ok && page.format === 'html');
  });

  test('RTF and Word 8-bit text decode Windows-1252 the same in every host (0x93 is “)', () => {
    const result = readRtf(new TextEncoder().encode(String.raw`{\rtf1\ansi\ansicpg1252 \'93quoted\'94}`));
    assert.ok(result.ok);
    assert.equal(result.text.trim(), '“quoted”');
  });

  test('Word control characters: only a field\'s result is kept; paragraph, line and cell marks end lines', () => {
    assert.equal(cleanWordText('一、总体要求\r\x13 PAGE \x14第3页\x15正文\x0b下一行\x01\rA\x07B\x07\x07'), '一、总体要求\n第3页正文\n下一行\nA\tB\n');
  });

  test('RTF: \\uN escapes and GBK bytes (\\ansicpg936) decode; font tables and headers are not text', () => {
    const rtf = String.raw`{\rtf1\ansi\ansicpg936{\fonttbl{\f0\fnil\fcharset134 \'cb\'ce\'cc\'e5;}}{\header \'d2\'b3\'c3\'bc}\f0 \'cd\'ac\'d6\'be\'c3\'c7\'a3\'ba\par \uc1\u20170?\u22825?\'a1\'a3\par}`;
    const result = readRtf(new TextEncoder().encode(rtf));
    assert.ok(result.ok);
    assert.equal(result.text.trim(), '同志们：\n今天。');
  });

  test('PDF layout: page numbers and running headers go, a paragraph continues across a page, two columns read in turn', () => {
    const line = (text: string, x: number, y: number, size = 16): PdfTextItem => ({ text, x, y, width: text.length * size, size });
    const page = (items: PdfTextItem[]) => ({ width: 595, height: 842, items });
    const text = pdfPagesToText([
      page([line('某某市人民政府文件', 150, 800, 12), line('在全市工作会议上的讲话', 130, 700, 22), line('同志们：', 90, 650),
        line('今天召开全市工作会议，主要任务是总结工作、部署任', 90, 620), line('务。', 90, 590), line('一、总体要求', 122, 560),
        line('要坚持稳中求进工作总基调，统筹发展和安全，持续推', 90, 530), line('— 1 —', 270, 60, 14)]),
      page([line('某某市人民政府文件', 150, 800, 12), line('动高质量发展。', 90, 700), line('— 2 —', 270, 60, 14)]),
    ]);
    assert.equal(text, '在全市工作会议上的讲话\n同志们：\n今天召开全市工作会议，主要任务是总结工作、部署任务。\n一、总体要求\n要坚持稳中求进工作总基调，统筹发展和安全，持续推动高质量发展。');

    const left = (text: string, y: number): PdfTextItem => ({ text, x: 60, y, width: 220, size: 12 });
    const right = (text: string, y: number): PdfTextItem => ({ text, x: 315, y, width: 220, size: 12 });
    const columns = pdfPagesToText([page([
      left('左栏第一行，文字排满了一整行的宽度。', 700), right('右栏第一行，文字排满了一整行的宽度。', 700),
      left('左栏第二行，文字排满了一整行的宽度。', 684), right('右栏第二行，文字排满了一整行的宽度。', 684),
      left('左栏第三行，文字排满了一整行的宽度。', 668), right('右栏第三行，文字排满了一整行的宽度。', 668),
      left('左栏第四行，文字排满了一整行的宽度。', 652), right('右栏第四行，文字排满了一整行的宽度。', 652),
      left('左栏第五行，文字排满了一整行的宽度。', 636), right('右栏第五行，文字排满了一整行的宽度。', 636),
    ])]);
    assert.match(columns, /^左栏第一行.*左栏第五行.*右栏第一行.*右栏第五行/s);

    // A running head above a title that spans both columns: the title still comes before the columns.
    const headed = pdfPagesToText([page([
      { text: '2024年第3期', x: 60, y: 800, width: 80, size: 10 }, { text: '在全市工作会议上的讲话', x: 180, y: 760, width: 240, size: 22 },
      left('左栏第一行，文字排满了一整行的宽度。', 700), right('右栏第一行，文字排满了一整行的宽度。', 700),
      left('左栏第二行，文字排满了一整行的宽度。', 684), right('右栏第二行，文字排满了一整行的宽度。', 684),
      left('左栏第三行，文字排满了一整行的宽度。', 668), right('右栏第三行，文字排满了一整行的宽度。', 668),
      left('左栏第四行，文字排满了一整行的宽度。', 652), right('右栏第四行，文字排满了一整行的宽度。', 652),
    ])]);
    assert.match(headed, /^在全市工作会议上的讲话\n/);
  });

  test('PDF layout: body paragraphs stay apart when small print (a table) outnumbers the body lines', () => {
    const body = (text: string, x: number, y: number, width = 480 - (x - 60)): PdfTextItem => ({ text, x, y, width, size: 16 });
    const small = (y: number): PdfTextItem => ({ text: '表格数字 12.3 45.6 78.9', x: 60, y, width: 200, size: 9 });
    const text = pdfPagesToText([{ width: 595, height: 842, items: [
      body('第一段第一行，文字排满了一整行的宽度，一直到右边。', 92, 700), body('第一段第二行，也排满了一整行的宽度，一直到右边，', 60, 676), body('到此结束。', 60, 652, 80),
      body('第二段第一行，文字排满了一整行的宽度，一直到右边。', 92, 628), body('第二段第二行，也排满了一整行的宽度，一直到右边。', 60, 604),
      ...Array.from({ length: 12 }, (_, i) => small(560 - i * 12)),
    ] }]);
    assert.match(text, /^第一段第一行[^\n]*到此结束。\n第二段第一行/);
  });

  test('web page: the article is the element with the sentences; its heading above is the title, the page\'s <title> otherwise', () => {
    const result = htmlToText(`<html><head><title>关于做好防汛工作的讲话_某某县人民政府</title></head><body>
      <ul class="menu"><li><a href="/">首页</a></li><li><a href="/news">新闻</a></li></ul>
      <div id="content"><p>同志们：</p><p>今天，我们召开防汛工作会议，主要任务是部署今年的防汛工作。</p><p>一、提高认识</p><p>防汛工作事关人民群众生命财产安全，必须高度重视。</p></div>
      <ul><li><a href="/a">关于印发某某方案的通知</a></li><li><a href="/b">全县召开某某会议</a></li></ul></body></html>`);
    assert.ok(result.ok);
    assert.deepEqual(outlineOf(result.text).title?.text, '关于做好防汛工作的讲话');
    assert.ok(!result.text.includes('首页') && !result.text.includes('关于印发'));
  });

  suite('real files by other authors', () => {
    const REAL = join(FORMATS, 'real');

    test('a .doc written by WPS Office: a tax bureau\'s 公示公告, title on two lines, body, attachment line', async () => {
      const text = await readText(join(REAL, 'jxtax-gongshi-wps.doc'));
      const lines = text.split('\n').filter(Boolean);
      assert.deepEqual(lines.slice(0, 2), ['国家税务总局江西省税务局2023年度', '拟录用公务员公示公告（第一批）']);
      assert.match(lines[2], /^根据中央机关及其直属机构2023年度考试录用公务员工作有关要求/);
      assert.ok(lines.some(line => line.startsWith('附件：')));
    });

    test('a Kingsoft WPS .wps (compound file) and a .wps that is really a .docx both read', async () => {
      const wps = await read(join(REAL, 'oa-changelog-kingsoft.wps'));
      assert.ok(wps.ok && wps.format === 'doc' && wps.text.includes('发文'));
      const docx = await read(join(REAL, 'ooxml-named.wps'));
      assert.ok(docx.ok && docx.format === 'docx');
    });

    test('a PDF written by WPS: footnote marks and page numbers dropped, lines joined into paragraphs, no spaces pdf.js put beside Chinese', async () => {
      const text = await readText(join(REAL, 'shenzhen-gender-stats-2021.pdf'));
      const lines = text.split('\n');
      assert.equal(lines[0], '2021年深圳市社会性别统计报告');
      assert.ok(lines.includes('2021年，深圳市常住人口1761.48万人，其中男性969.57万人，占全市人口的55.0%；女性791.91万人，占全市人口的45.0%，常住人口性别比为122.44。'));
      assert.ok(!lines.some(line => /^[-—\s]*\d{1,3}[-—\s]*$/.test(line)), 'no page-number lines');
      // Its tables stand before the first heading the parser knows: their rows are no openings of a speech.
      const library = mineLibrary([{ path: 'shenzhen.pdf', text }], segmenter());
      const openings = library.entries.filter(entry => entry.kind === 'opening').map(entry => entry.text);
      assert.ok(openings.length > 0 && openings.every(opening => /[，。；！？]/.test(opening)), openings.join(' | '));
    });

    test('saved government pages: a press conference statement (TRS_Editor) and a 国务院公报 resolution (pages_content)', async () => {
      const statement = (await readText(join(REAL, 'cmse-pressconf.html'))).split('\n').filter(Boolean);
      assert.equal(statement[0], '天宫一号与神舟九号载人交会对接任务第二场新闻发布会');
      assert.ok(statement.includes('女士们、先生们：'));
      assert.ok(!statement.some(line => /字号|打印|当前位置/.test(line)));
      const parsed = parseCorpusFile(statement.join('\n'), 'cmse-pressconf.html');
      assert.equal(parsed.length, 1);
      assert.ok(parsed[0].paragraphs.some(paragraph => paragraph.salutation === '女士们、先生们：'));

      const resolution = (await readText(join(REAL, 'govcn-gwygb.html'))).split('\n').filter(Boolean);
      assert.equal(resolution[0], '全国人民代表大会常务委员会');
      assert.match(resolution.at(-1) ?? '', /^第十届全国人民代表大会常务委员会第二十八次会议/);
    });
  });
});

function failure(result: ReadResult): string {
  assert.equal(result.ok, false);
  return result.ok ? '' : result.reason;
}
