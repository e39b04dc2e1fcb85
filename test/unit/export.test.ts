// The Word export read back: each .docx is unzipped and its XML checked against GB/T 9704-2012's figures.
import * as assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { unzipSync } from 'fflate';
import { layoutDraft } from '../../src/core/export/blocks';
import { DEFAULT_EXPORT_OPTIONS, exportDocx, type ExportOptions } from '../../src/core/export';
import { breakTitle, displayWidth } from '../../src/core/export/titleLines';

/** Every part of a .docx by name, as text. */
function unzip(bytes: Uint8Array): Map<string, string> {
  const decoder = new TextDecoder();
  return new Map(Object.entries(unzipSync(bytes)).map(([name, content]) => [name, decoder.decode(content)]));
}

interface Run {
  readonly text: string;
  readonly fonts: Record<string, string>;
  readonly bold: boolean;
  readonly halfPoints: number;
}
interface Para {
  readonly xml: string;
  readonly text: string;
  readonly runs: readonly Run[];
  readonly indent: Record<string, string>;
  readonly align: string | undefined;
}

function attributes(tag: string | undefined): Record<string, string> {
  return Object.fromEntries([...(tag ?? '').matchAll(/w:(\w+)="([^"]*)"/g)].map(match => [match[1], match[2]]));
}

const unescapeXml = (text: string): string => text.replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&quot;/g, '"').replace(/&amp;/g, '&');

/** The body's paragraphs with their runs, fonts, indents and alignment. */
function paragraphs(documentXml: string): Para[] {
  return [...documentXml.matchAll(/<w:p>(.*?)<\/w:p>/g)].map(([, xml]) => {
    const runs = [...xml.matchAll(/<w:r>(.*?)<\/w:r>/g)].map(([, run]) => ({
      text: unescapeXml([...run.matchAll(/<w:t[^>]*>([^<]*)<\/w:t>/g)].map(match => match[1]).join('')),
      fonts: attributes(/<w:rFonts [^>]*>/.exec(run)?.[0]),
      bold: /<w:b\/>|<w:b w:val="(?:true|1)"\/>/.test(run),
      halfPoints: Number(/<w:sz w:val="(\d+)"/.exec(run)?.[1] ?? 0),
    }));
    return {
      xml,
      text: runs.map(run => run.text).join(''),
      runs,
      indent: attributes(/<w:ind [^>]*>/.exec(xml)?.[0]),
      align: /<w:jc w:val="(\w+)"/.exec(xml)?.[1],
    };
  });
}

async function exported(text: string, options: Partial<ExportOptions> = {}): Promise<{ parts: Map<string, string>; body: Para[]; warnings: readonly string[] }> {
  const { bytes, warnings } = await exportDocx(text, { ...DEFAULT_EXPORT_OPTIONS, ...options });
  assert.equal(String.fromCharCode(bytes[0], bytes[1]), 'PK', 'a zip file');
  const parts = unzip(bytes);
  return { parts, body: paragraphs(parts.get('word/document.xml') ?? ''), warnings };
}

const SEED_WITH_TITLE = readFileSync('seeds/002_19a4f98e508d591a.txt', 'utf8');
const SEED_WITH_INLINE_HEADINGS = readFileSync('seeds/000_3ca772ac0aa3dfcc.txt', 'utf8');
const MARKDOWN_DRAFT = readFileSync('test/fixtures/export/营商环境讲话.md', 'utf8');

const byText = (body: readonly Para[], start: string): Para => {
  const found = body.find(paragraph => paragraph.text.startsWith(start));
  assert.ok(found, `a paragraph starting ${start}`);
  return found;
};

function assertRunFont(run: Run, font: string, what: string): void {
  assert.deepEqual(
    { ascii: run.fonts.ascii, hAnsi: run.fonts.hAnsi, eastAsia: run.fonts.eastAsia, hint: run.fonts.hint },
    { ascii: font, hAnsi: font, eastAsia: font, hint: 'eastAsia' },
    `${what}: ${run.text.slice(0, 20)}`,
  );
}

suite('Word export: the page', () => {
  test('A4, the standard margins, a 579-twip line grid and exact 579-twip spacing on every paragraph', async () => {
    const { parts, body } = await exported(SEED_WITH_TITLE);
    const document = parts.get('word/document.xml') ?? '';
    assert.deepEqual(attributes(/<w:pgSz [^>]*>/.exec(document)?.[0]), { w: '11906', h: '16838', orient: 'portrait' });
    const margins = attributes(/<w:pgMar [^>]*>/.exec(document)?.[0]);
    assert.deepEqual([margins.top, margins.bottom, margins.left, margins.right], ['2098', '1984', '1587', '1474']);
    assert.deepEqual(attributes(/<w:docGrid [^>]*>/.exec(document)?.[0]), { type: 'lines', linePitch: '579' });
    assert.ok(body.length > 10);
    for (const paragraph of body) assert.match(paragraph.xml, /<w:spacing w:after="0" w:before="0" w:line="579" w:lineRule="exact"\/>/, paragraph.text.slice(0, 20));
    // The document's defaults too, so anything Word adds later keeps the grid and the body font.
    const styles = parts.get('word/styles.xml') ?? '';
    assert.match(styles, /<w:rPrDefault><w:rPr><w:rFonts w:ascii="仿宋_GB2312" w:cs="仿宋_GB2312" w:eastAsia="仿宋_GB2312" w:hAnsi="仿宋_GB2312" w:hint="eastAsia"\/><w:sz w:val="32"\/>/);
    assert.match(styles, /<w:pPrDefault><w:pPr><w:spacing [^>]*w:line="579" w:lineRule="exact"\/>/);
  });

  test('no Calibri or Cambria anywhere in the package, no run bound to a theme font, the theme\'s Chinese fonts are the body font', async () => {
    const { parts } = await exported(MARKDOWN_DRAFT, { markdown: true });
    const theme = parts.get('word/theme/theme1.xml') ?? '';
    for (const [name, xml] of parts) {
      assert.doesNotMatch(xml, /Calibri|Cambria|等线/, name);
      assert.doesNotMatch(xml, /w:(?:ascii|hAnsi|eastAsia|cs)Theme=/, name);
    }
    for (const font of ['majorFont', 'minorFont']) {
      const scheme = new RegExp(`<a:${font}>(.*?)</a:${font}>`).exec(theme)?.[1] ?? '';
      assert.match(scheme, /<a:latin typeface="仿宋_GB2312"/, font);
      assert.match(scheme, /<a:ea typeface="仿宋_GB2312"/, font);
      assert.match(scheme, /<a:font script="Hans" typeface="仿宋_GB2312"\/>/, font);
    }
  });

  test('the font table names every face with its fallback (仿宋_GB2312 → 仿宋) as a GB2312 font', async () => {
    const { parts } = await exported(SEED_WITH_TITLE, { fonts: { heading4: 'Source Han Serif SC' } });
    const table = parts.get('word/fontTable.xml') ?? '';
    const entries = Object.fromEntries([...table.matchAll(/<w:font w:name="([^"]+)">(.*?)<\/w:font>/g)].map(match => [match[1], match[2]]));
    assert.deepEqual(Object.keys(entries).sort(), ['Source Han Serif SC', '仿宋_GB2312', '宋体', '方正小标宋简体', '楷体_GB2312', '黑体'].sort());
    assert.match(entries['仿宋_GB2312'], /^<w:altName w:val="仿宋"\/><w:charset w:val="86"\/>/);
    assert.match(entries['楷体_GB2312'], /<w:altName w:val="楷体"\/>/);
    assert.match(entries['方正小标宋简体'], /<w:altName w:val="宋体"\/>/);
    assert.doesNotMatch(entries['Source Han Serif SC'], /altName/, 'no guess for a font the writer chose');
    assert.match(parts.get('word/_rels/document.xml.rels') ?? '', /Target="fontTable.xml"/);
  });

  test('page numbers: odd pages right, even pages left, 空一字, PAGE fields in 4号 宋体; footers without a first-line indent', async () => {
    const { parts } = await exported(SEED_WITH_TITLE);
    assert.match(parts.get('word/settings.xml') ?? '', /<w:evenAndOddHeaders\/>/);
    const document = parts.get('word/document.xml') ?? '';
    const relations = parts.get('word/_rels/document.xml.rels') ?? '';
    const footerOf = (type: string): string => {
      const id = new RegExp(`<w:footerReference w:type="${type}" r:id="(\\w+)"/>`).exec(document)?.[1];
      assert.ok(id, `a ${type} footer`);
      const target = new RegExp(`Id="${id}"[^>]*Target="([^"]+)"`).exec(relations)?.[1];
      return parts.get(`word/${target}`) ?? '';
    };
    for (const [type, align, side] of [['default', 'right', 'right'], ['even', 'left', 'left']] as const) {
      const [footer] = paragraphs(footerOf(type));
      assert.equal(footer.align, align, `${type} footer alignment`);
      assert.equal(footer.indent[side], '280', `${type} footer: one 4号 character in from the ${side}`);
      assert.equal(footer.indent.firstLine, '0', `${type} footer: no first-line indent`);
      assert.match(footer.xml, /<w:instrText xml:space="preserve">PAGE<\/w:instrText>/);
      assert.equal(footer.text, '—  —', 'dashes around the field, with half-width spaces');
      for (const run of footer.runs) {
        assertRunFont(run, '宋体', 'page number');
        assert.equal(run.halfPoints, 28, '4号');
      }
    }
  });

  test('page numbers centred on both footers when the option says so', async () => {
    const { parts } = await exported(SEED_WITH_TITLE, { pageNumbers: 'center' });
    const footers = [...parts.keys()].filter(name => /^word\/footer\d+\.xml$/.test(name));
    assert.equal(footers.length, 2);
    for (const name of footers) {
      const [footer] = paragraphs(parts.get(name) ?? '');
      assert.equal(footer.align, 'center', name);
      assert.deepEqual([footer.indent.left, footer.indent.right, footer.indent.firstLine], ['0', '0', '0'], name);
    }
  });
});

suite('Word export: fonts and indents by role', () => {
  test('title 2号 方正小标宋简体 centred in two lines; blank line; body 3号 仿宋 with both first-line indents; 黑体 and 楷体 headings', async () => {
    const { body } = await exported(SEED_WITH_TITLE);
    const [title, blank, opening] = body;
    assert.equal(title.align, 'center');
    assert.equal(title.runs.length, 2, 'two title lines');
    assert.match(title.xml, /<w:br\/>/, 'a line break between them');
    for (const run of title.runs) {
      assertRunFont(run, '方正小标宋简体', 'title');
      assert.equal(run.halfPoints, 44, '2号');
    }
    assert.equal(title.text, 'XX领导在2023年主题教育第一批总结暨第二批动员部署会议上的讲话');
    assert.equal(blank.text, '', 'a blank line under the title');
    assert.equal(opening.indent.firstLine, '640');
    assert.equal(opening.indent.firstLineChars, '200');
    assert.equal(opening.align, 'both');
    assertRunFont(opening.runs[0], '仿宋_GB2312', 'body');
    assert.equal(opening.runs[0].halfPoints, 32, '3号');
    const level1 = byText(body, '一、以主题教育为引领');
    assertRunFont(level1.runs[0], '黑体', 'level 1');
    assert.equal(level1.indent.firstLine, '640', 'headings are indented like the text');
    const level2 = byText(body, '第一，强化理论武装');
    assertRunFont(level2.runs[0], '楷体_GB2312', 'level 2');
  });

  test('a heading with its body in one paragraph: the heading sentence in the heading font, the rest in the body font', async () => {
    const { body } = await exported(SEED_WITH_INLINE_HEADINGS);
    const paragraph = byText(body, '（一）做到学而有方');
    assert.equal(paragraph.runs.length, 2);
    assert.equal(paragraph.runs[0].text, '（一）做到学而有方，通过自学领学督学，学出新收获。');
    assertRunFont(paragraph.runs[0], '楷体_GB2312', 'the heading part');
    assert.match(paragraph.runs[1].text, /^对标总行节奏/);
    assertRunFont(paragraph.runs[1], '仿宋_GB2312', 'the inline body');
  });

  test('the salutation is flush left, without an indent', async () => {
    const { body } = await exported(SEED_WITH_INLINE_HEADINGS);
    const salutation = byText(body, '同志们：');
    assert.equal(salutation.text, '同志们：');
    assert.equal(salutation.indent.firstLine, '0');
    assert.equal(salutation.indent.firstLineChars, '0');
    assert.equal(salutation.align, 'left');
  });

  test('a salutation that opens a paragraph gets its own flush-left line; the text goes on as a body paragraph', async () => {
    const { body } = await exported('在全市防汛工作会议上的讲话\n同志们：今天召开会议，部署防汛工作。\n一、提高认识\n');
    assert.deepEqual(body.slice(2, 4).map(paragraph => [paragraph.text, paragraph.indent.firstLine]), [['同志们：', '0'], ['今天召开会议，部署防汛工作。', '640']]);
  });

  test('level-3 headings bold by default and not when the setting is off; a role font override', async () => {
    const draft = '在全市安全生产工作会议上的讲话\n同志们：\n一、总体情况\n（一）主要成效\n1.隐患排查。全年排查隐患X处。\n';
    const bold = byText((await exported(draft)).body, '1.隐患排查');
    assert.equal(bold.runs[0].bold, true);
    assertRunFont(bold.runs[0], '仿宋_GB2312', 'level 3');
    assert.equal(bold.runs[1].bold, false, 'its inline body is not bold');
    const plain = await exported(draft, { boldLevel3: false, fonts: { heading1: '方正黑体_GBK', body: '仿宋' } });
    assert.equal(byText(plain.body, '1.隐患排查').runs[0].bold, false);
    assertRunFont(byText(plain.body, '一、总体情况').runs[0], '方正黑体_GBK', 'an overridden heading font');
    assertRunFont(byText(plain.body, '同志们').runs[0], '仿宋', 'an overridden body font');
    assert.doesNotMatch(plain.parts.get('word/styles.xml') ?? '', /仿宋_GB2312/, 'the defaults follow the override');
  });
});

suite('Word export: Markdown, front and end matter', () => {
  test('a Markdown draft prints no #, ** or list marks; ordered items keep their numbers as text', async () => {
    const { body } = await exported(MARKDOWN_DRAFT, { markdown: true });
    const printed = body.map(paragraph => paragraph.text);
    for (const text of printed) assert.doesNotMatch(text, /^#|\*\*|^[-*+] |__/, text);
    assert.equal(printed[0], '在全市优化营商环境暨民营经济高质量发展工作推进会上的讲话');
    assertRunFont(byText(body, '一、提高站位').runs[0], '黑体', 'a ## heading');
    const inline = byText(body, '（一）优化营商环境是高质量发展的必然要求。');
    assert.equal(inline.runs[0].text, '（一）优化营商环境是高质量发展的必然要求。', 'bold marks around the heading are gone');
    assert.match(inline.runs[1].text, /^营商环境就是生产力/);
    assert.ok(printed.some(text => text.startsWith('一是推进审批事项')), 'a bullet item without its mark');
    assert.ok(printed.some(text => text.startsWith('1.加快推进工程建设')), 'an ordered item keeps 1.');
    assert.ok(printed.some(text => text.includes('真正做到无事不扰')), 'inline bold marks are gone');
  });

  test('subtitle and date in 3号 楷体 centred; signature and date on the right, the date two characters further in; 附件 on the left', async () => {
    const { body } = await exported(MARKDOWN_DRAFT, { markdown: true });
    for (const start of ['——市人民政府副市长', '（2024年5月8日）']) {
      const line = byText(body, start);
      assert.equal(line.align, 'center', start);
      assertRunFont(line.runs[0], '楷体_GB2312', start);
      assert.equal(line.runs[0].halfPoints, 32, start);
    }
    const subtitleIndex = body.findIndex(paragraph => paragraph.text.startsWith('（2024年5月8日）'));
    assert.equal(body[subtitleIndex + 1].text, '', 'one blank line before the salutation');
    assert.equal(body[subtitleIndex + 2].text, '同志们：');
    const signature = byText(body, '市人民政府办公室');
    const date = byText(body, '2024年5月8日');
    // Set from the left so the relation holds in any word processor: the date starts two characters right of the
    // signature, and the longer (the date: 6 characters and the spaces around its digits, plus those 2) ends 右空二字.
    assert.equal(signature.align, 'left');
    assert.equal(date.align, 'left');
    assert.equal(Number(date.indent.left) - Number(signature.indent.left), 640, '右移二字');
    const typeArea = 11906 - 1587 - 1474;
    assert.ok(Math.abs(Number(date.indent.left) + (6 + 5 * 0.2) * 320 - (typeArea - 640)) <= 1, `the date ends 右空二字 (left ${date.indent.left})`);
    const attachment = byText(body, '附件：1.重点任务分工方案');
    assert.equal(attachment.align, 'left');
    assert.deepEqual([attachment.indent.left, attachment.indent.hanging], ['1600', '960'], '左空二字, a wrapped name under its first character');
    assert.equal(byText(body, '2.工作推进时间安排表').indent.left, '1600', 'lined up with the first attachment name');
  });

  test('an empty draft, a blank one and one without a title still give a document', async () => {
    for (const draft of ['', '   \n\n\u3000\n', '同志们：\n今天开会。\n']) {
      const { parts, body } = await exported(draft);
      assert.match(parts.get('word/document.xml') ?? '', /<w:body>.*<w:sectPr>.*<w:pgSz w:w="11906"/s);
      assert.ok(body.length >= 1, JSON.stringify(draft));
      assert.ok(parts.has('[Content_Types].xml'));
    }
    const untitled = (await exported('同志们：\n今天开会。\n')).body;
    assert.equal(untitled[0].text, '同志们：', 'no title and no blank line above the salutation');
  });

  test('a 146-page draft (the longest seed) exports in well under the time a writer waits', async () => {
    const started = Date.now();
    const { body } = await exported(readFileSync('seeds/003_6c46de81eb12d8ae.txt', 'utf8'));
    assert.ok(body.length > 300, `${body.length} paragraphs`);
    assert.ok(Date.now() - started < 5000, `${Date.now() - started} ms`);
  });

  test('characters outside the fonts (emoji, rare CJK) are written as they are', async () => {
    const { body } = await exported('关于𠀀字的说明\n同志们：\n今天🙂开会。\n');
    assert.ok(body.some(paragraph => paragraph.text === '今天🙂开会。'));
    assert.equal(body[0].text, '关于𠀀字的说明');
  });
});

suite('Word export: title lines', () => {
  test('a title that fits stays on one line', () => {
    assert.deepEqual(breakTitle('在主题教育经验交流会上的发言材料').lines, ['在主题教育经验交流会上的发言材料']);
  });

  test('long titles break at word boundaries, never longer than a line, the first line no shorter than the last', () => {
    const cases: Record<string, readonly string[]> = {
      'XX领导在2023年主题教育第一批总结暨第二批动员部署会议上的讲话': ['XX领导在2023年主题教育第一批总结暨', '第二批动员部署会议上的讲话'],
      '青年检察干警在2023年第二批主题教育“读书班”上的交流研讨发言': ['青年检察干警在2023年第二批主题教育', '“读书班”上的交流研讨发言'],
      '在全市优化营商环境暨民营经济高质量发展工作推进会上的讲话': ['在全市优化营商环境暨民营经济', '高质量发展工作推进会上的讲话'],
      '学习《习近平著作选读》第一卷和第二卷的体会与思考': ['学习《习近平著作选读》第一卷和', '第二卷的体会与思考'],
    };
    for (const [title, expected] of Object.entries(cases)) {
      const { lines, cutMidWord } = breakTitle(title);
      assert.deepEqual(lines, expected, title);
      assert.equal(cutMidWord, false);
      assert.ok(lines.every(line => displayWidth(line) <= 20), title);
      assert.ok(displayWidth(lines[0]) >= displayWidth(lines[lines.length - 1]), title);
    }
  });

  test('a title with no boundary that fits is cut at the width, and the export says so', async () => {
    const title = '一二三四五六七八九十一二三四五六七八九十一二三四五';
    assert.deepEqual(breakTitle(title), { lines: ['一二三四五六七八九十一二三四五六七八九十', '一二三四五'], cutMidWord: true });
    const layout = layoutDraft(`${title}\n同志们：\n`, { markdown: false, boldLevel3: true });
    assert.deepEqual(layout.warnings, ['title-cut']);
  });
});

suite('Word export: command line', () => {
  test('export writes FILE.docx beside the draft (no partial file left), prints its path, and honours --out and --page-numbers', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'speech-drafter-export-'));
    try {
      const draft = join(dir, '讲话.md');
      writeFileSync(draft, MARKDOWN_DRAFT);
      const first = spawnSync(process.execPath, ['dist/cli.js', 'export', draft], { encoding: 'utf8' });
      assert.equal(first.status, 0, first.stderr);
      assert.equal(first.stdout.trim(), join(dir, '讲话.docx'));
      const parts = unzip(readFileSync(join(dir, '讲话.docx')));
      assert.doesNotMatch(parts.get('word/document.xml') ?? '', /\*\*|>## /, 'read as Markdown');
      const out = join(dir, 'centred.docx');
      const second = spawnSync(process.execPath, ['dist/cli.js', 'export', draft, '--out', out, '--page-numbers', 'center'], { encoding: 'utf8' });
      assert.equal(second.status, 0, second.stderr);
      const footer = (unzip(readFileSync(out))).get('word/footer1.xml') ?? '';
      assert.match(footer, /<w:jc w:val="center"\/>/);
      assert.deepEqual(readdirSync(dir).sort(), ['centred.docx', '讲话.docx', '讲话.md'].sort(), 'no partial files');
      const bad = spawnSync(process.execPath, ['dist/cli.js', 'export', draft, '--page-numbers', 'outside'], { encoding: 'utf8' });
      assert.equal(bad.status, 2);
      assert.match(bad.stderr, /--page-numbers must be standard or center/);
      assert.ok(existsSync(join(dir, '讲话.docx')));
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
