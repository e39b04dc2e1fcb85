import * as assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { LIBRARY_FORMAT_VERSION } from '../../src/core/library';

function cli(...args: string[]): { status: number | null; stdout: string; stderr: string } {
  const result = spawnSync(process.execPath, ['dist/cli.js', ...args], { encoding: 'utf8' });
  return { status: result.status, stdout: result.stdout, stderr: result.stderr };
}

suite('command line', () => {
  test('mine --json on the bundled corpus: documents, titles, every kind, nothing skipped', () => {
    const { status, stdout } = cli('mine', '--json');
    assert.equal(status, 0);
    const report = JSON.parse(stdout) as { documents: number; titles: string[]; entries: Record<string, number>; skipped: unknown[] };
    assert.deepEqual(Object.keys(report), ['documents', 'titles', 'entries', 'skipped']);
    assert.equal(report.documents, 33);
    assert.equal(report.titles.length, 33);
    assert.equal(report.titles[1], '在主题教育经验交流会上的发言材料');
    assert.deepEqual(Object.keys(report.entries), ['salutation', 'opening', 'transition', 'scaffold', 'heading', 'parallel', 'template', 'quotation', 'phrase', 'closing']);
    assert.ok(Object.values(report.entries).every(count => count > 0));
    assert.deepEqual(report.skipped, []);
  });

  test('mine without --json prints a readable summary and writes the library with --out', () => {
    const dir = mkdtempSync(join(tmpdir(), 'speech-drafter-cli-'));
    try {
      const out = join(dir, 'library.json');
      const { status, stdout } = cli('mine', '--out', out);
      assert.equal(status, 0);
      assert.match(stdout, /33 篇讲稿/);
      assert.match(stdout, /结构（提纲）/);
      assert.match(stdout, /我就讲这么多，谢谢大家！/);
      const library = JSON.parse(spawnSync('cat', [out], { encoding: 'utf8' }).stdout) as { version: number; entries: unknown[] };
      assert.equal(library.version, LIBRARY_FORMAT_VERSION);
      assert.ok(library.entries.length > 100);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  test('mine walks folders, survives symlink loops and reports every file it skips', () => {
    const dir = mkdtempSync(join(tmpdir(), 'speech-drafter-corpus-'));
    try {
      mkdirSync(join(dir, 'a', 'b'), { recursive: true });
      writeFileSync(join(dir, 'a', 'speech.txt'), '在某会议上的讲话\n同志们：\n今天开会。\n一、统一思想\n二、狠抓落实\n我就讲这些，谢谢大家！\n');
      writeFileSync(join(dir, 'a', 'b', 'gbk.txt'), Uint8Array.from([205, 172, 214, 190, 195, 199, 163, 186, 189, 241, 204, 236, 206, 210, 195, 199, 213, 217, 191, 170, 187, 225, 210, 233, 161, 163]));
      writeFileSync(join(dir, 'a', 'empty.md'), '');
      writeFileSync(join(dir, 'a', 'binary.txt'), Uint8Array.from([0, 1, 2, 3, 255]));
      writeFileSync(join(dir, 'a', 'broken.docx'), 'PK this is not a zip');
      writeFileSync(join(dir, 'a', 'notes.xls'), 'ignored: not a corpus type');
      writeFileSync(join(dir, 'a', 'notes.pdf'), 'a text file named as a PDF');
      symlinkSync(join(dir, 'a'), join(dir, 'a', 'b', 'loop'));
      symlinkSync(join(dir, 'missing.txt'), join(dir, 'a', 'dangling.txt'));
      const { status, stdout } = cli('mine', dir, '--json');
      assert.equal(status, 0);
      const report = JSON.parse(stdout) as { documents: number; titles: string[]; skipped: { path: string; reason: string }[] };
      assert.equal(report.documents, 2, 'the UTF-8 speech and the GBK one');
      assert.ok(report.titles.includes('在某会议上的讲话'));
      const reasons = Object.fromEntries(report.skipped.map(s => [s.path.slice(dir.length + 1), s.reason]));
      assert.deepEqual(Object.keys(reasons).sort(), ['a/binary.txt', 'a/broken.docx', 'a/dangling.txt', 'a/empty.md', 'a/notes.pdf']);
      assert.match(reasons['a/notes.pdf'], /^damaged or truncated document/);
      assert.match(reasons['a/binary.txt'], /binary/);
      assert.match(reasons['a/empty.md'], /empty/);
      assert.match(reasons['a/broken.docx'], /broken Word document/);
      assert.match(reasons['a/dangling.txt'], /unreadable/);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  test('outline --json prints title, genre, salutations, headings and closings with file lines', () => {
    const { status, stdout } = cli('outline', 'test/fixtures/speeches/report.txt', '--json');
    assert.equal(status, 0);
    assert.deepEqual(JSON.parse(stdout), {
      title: { line: 1, text: '市教育局关于2024年上半年工作情况的汇报' },
      genre: '汇报',
      salutations: [{ line: 2, text: '各位领导：' }],
      headings: [
        { line: 4, level: 1, marker: '一、', text: '上半年工作进展' },
        { line: 6, level: 1, marker: '二、', text: '存在的主要问题' },
        { line: 8, level: 1, marker: '三、', text: '下半年工作打算' },
        { line: 9, level: 2, marker: '第一，', text: '着力扩大优质资源供给' },
        { line: 10, level: 2, marker: '第二，', text: '着力推进城乡一体化发展' },
        { line: 11, level: 2, marker: '第三，', text: '着力加强教师队伍建设' },
      ],
      closings: [{ line: 12, text: '汇报完毕，不妥之处，请批评指正。', kind: 'formula' }],
    });
  });

  test('outline --speeches outlines each speech of a file; a Markdown draft\'s 1. items are lists', () => {
    const { status, stdout } = cli('outline', 'test/fixtures/speeches/others/09_two_fayan.txt', '--json', '--speeches');
    assert.equal(status, 0);
    const outlines = JSON.parse(stdout) as { title: { line: number } | null; headings: { level: number }[] }[];
    assert.deepEqual(outlines.map(o => o.title?.line), [1, 33]);
    assert.equal(outlines[1].headings[0].level, 1, 'levels start again in the second speech');
    const readable = cli('outline', 'test/fixtures/speeches/others/09_two_fayan.txt', '--speeches').stdout;
    assert.match(readable, /33 {2}在全市优化营商环境工作推进会上的发言〔发言〕/);

    const dir = mkdtempSync(join(tmpdir(), 'speech-drafter-cli-'));
    try {
      const draft = '# 学习体会\n\n## 一、主要收获\n\n1. 持续加强学习。\n2. 立足岗位实际。\n';
      writeFileSync(join(dir, 'draft.md'), draft);
      writeFileSync(join(dir, 'draft.txt'), draft);
      const markers = (file: string): string[] => (JSON.parse(cli('outline', join(dir, file), '--json').stdout) as { headings: { marker: string }[] }).headings.map(h => h.marker);
      assert.deepEqual(markers('draft.md'), ['一、']);
      assert.deepEqual(markers('draft.txt'), ['一、', '1.', '2.']);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  test('check --json lists numbering slips with file lines and exits 1', () => {
    const { status, stdout } = cli('check', 'test/fixtures/speeches/numbering-slips.txt', '--json');
    assert.equal(status, 1);
    const issues = JSON.parse(stdout) as { line: number; code: string; message: string }[];
    assert.deepEqual(issues.map(issue => Object.keys(issue)), issues.map(() => ['line', 'code', 'message']));
    assert.deepEqual(issues.map(issue => [issue.line, issue.code]), [
      [6, 'skipped'], [7, 'mixed-style'], [12, 'skipped'], [15, 'mixed-style'], [17, 'repeated'], [18, 'repeated'],
    ]);
    assert.deepEqual(issues[4], { line: 17, code: 'repeated', message: '编号重复：「三、」已在第 13 行使用，此处应为「四、」' });
  });

  test('check without --json prints FILE:LINE: message; a clean draft exits 0', () => {
    const file = 'test/fixtures/speeches/level-jump.txt';
    const slip = cli('check', file);
    assert.equal(slip.status, 1);
    assert.equal(slip.stdout, `${file}:4: 层级错位：「（一）」出现在第一个「一、」（第 6 行）之前，缺少上一级标题\n`);
    const clean = cli('check', 'test/fixtures/speeches/report.txt', '--json');
    assert.equal(clean.status, 0);
    assert.deepEqual(JSON.parse(clean.stdout), []);
    assert.equal(cli('check', 'test/fixtures/speeches/halfwidth.txt').status, 0);
  });

  test('check --speeches numbers each speech of a corpus file on its own', () => {
    const { status, stdout } = cli('check', 'seeds/003_6c46de81eb12d8ae.txt', '--speeches', '--json');
    assert.equal(status, 1);
    assert.deepEqual((JSON.parse(stdout) as { line: number }[]).map(issue => issue.line), [74]);
  });

  test('check: usage and read errors exit 2', () => {
    assert.equal(cli('check').status, 2);
    assert.equal(cli('check', 'a.txt', 'b.txt').status, 2);
    const missing = cli('check', 'no/such/file.txt');
    assert.equal(missing.status, 2);
    assert.match(missing.stderr, /ENOENT|no such file/);
  });

  test('suggest --json continues typed clauses from the corpus, best first', () => {
    type Suggestion = { text: string; kind: string; source: { title: string; line: number }; documents: number };
    const suggest = (clause: string, ...more: string[]): Suggestion[] => {
      const { status, stdout } = cli('suggest', clause, '--json', ...more);
      assert.equal(status, 0, clause);
      return JSON.parse(stdout) as Suggestion[];
    };
    const [first] = suggest('坚持以学铸魂');
    assert.deepEqual(Object.keys(first), ['text', 'kind', 'source', 'documents']);
    assert.match(first.text, /^坚持以学铸魂、以学增智/);
    assert.equal(suggest('下面，我')[0].text, '下面，我讲几点意见。');
    assert.match(suggest('同志们，')[0].text, /^同志们，.{6,}/);
    assert.equal(suggest('以学铸魂、以学增智、')[0].kind, 'parallel');
    assert.ok(suggest('汇报完毕').every(item => item.text.startsWith('汇报完毕，') && item.kind === 'closing'));
    const folder = mkdtempSync(join(tmpdir(), 'suggest-'));
    try {
      writeFileSync(join(folder, 'mine.txt'), '关于防汛工作的讲话\n同志们：\n防汛抗旱事关人民群众生命财产安全，必须高度重视。\n');
      const own = suggest('防汛抗旱', '--corpus', folder);
      assert.equal(own[0].text, '防汛抗旱事关人民群众生命财产安全，必须高度重视。');
      assert.equal(own[0].source.line, 3);
    } finally {
      rmSync(folder, { recursive: true, force: true });
    }
  });

  test('overlap --json: the copied share and each copied sentence\'s source; a draft in the corpus is not its own source', () => {
    const dir = mkdtempSync(join(tmpdir(), 'overlap-'));
    try {
      const copied = '学习贯彻习近平新时代中国特色社会主义思想主题教育工作会议召开以来，在指导组的精心指导下';
      const draft = join(dir, '草稿.txt');
      writeFileSync(draft, `在全县防汛工作会议上的讲话\n同志们：\n今天我们召开全县防汛工作会议，主要任务是部署今年的防汛抗旱工作。\n${copied}。\n`);
      const { status, stdout } = cli('overlap', draft, '--json');
      assert.equal(status, 0);
      const report = JSON.parse(stdout) as { chars: number; copiedChars: number; share: number; spans: { line: number; kind: string; source: { path: string; line: number } }[]; sources: { path: string }[]; sections: unknown[] };
      assert.equal(report.copiedChars, copied.match(/[\u4e00-\u9fff]/g)?.length);
      assert.ok(Math.abs(report.share - report.copiedChars / report.chars) < 1e-9);
      assert.deepEqual(report.spans.map(span => [span.line, span.kind, span.source.path.endsWith('002_19a4f98e508d591a.txt'), span.source.line]), [[4, 'exact', true, 2]]);
      // The same draft as the only corpus file: nothing is copied from itself.
      const own = JSON.parse(cli('overlap', draft, '--corpus', dir, '--json').stdout) as { copiedChars: number };
      assert.equal(own.copiedChars, 0);
      assert.equal(cli('overlap', draft, '--min', '5').status, 2, '--min below 13 is a usage error');
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  test('usage errors exit 2 with a message; a missing file exits 1', () => {
    assert.equal(cli('nonsense').status, 2);
    assert.equal(cli('outline').status, 2);
    const missing = cli('outline', 'no/such/file.txt');
    assert.equal(missing.status, 1);
    assert.match(missing.stderr, /ENOENT|no such file/);
  });
});
