// The render tier: exported drafts are laid out by a real word processor and the PDF is measured, because a
// .docx can carry every right attribute and still print wrong. Each seed speech and the Markdown fixture go
// through the CLI's `export`, LibreOffice (headless, its own profile) turns them into PDF with the official
// fonts mapped to the free Fandol faces, and poppler's tools check the page: A4, the fonts embedded, 22 lines
// at 28.95 pt from x = 79.4 pt (28 mm), page numbers right on odd and left on even pages.
//   node test/run-render.mjs                      the checks (`render: N passed, N failed`)
//   node test/run-render.mjs --png FILE [--page N] also a PNG of page N (default 1) of seed 002 at 80 dpi
// Without LibreOffice or poppler, or without a way to fetch the fonts, it says it was skipped and why.
import { spawnSync } from 'node:child_process';
import { copyFileSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, join, resolve } from 'node:path';

const TOOLS = ['soffice', 'pdfinfo', 'pdffonts', 'pdftotext', 'pdftoppm'];
const FONT_CACHE = resolve('.vscode-test/fonts');
const FACES = { FandolFang: 'FandolFang-Regular.otf', FandolKai: 'FandolKai-Regular.otf', FandolHei: 'FandolHei-Regular.otf', FandolSong: 'FandolSong-Regular.otf' };
/** The official faces a Chinese Windows has, each mapped to the free Fandol face of the same style. */
const ALIASES = {
  FandolFang: ['仿宋_GB2312', '仿宋', 'FangSong', 'FangSong_GB2312'],
  FandolKai: ['楷体_GB2312', '楷体', 'KaiTi', 'KaiTi_GB2312'],
  FandolHei: ['黑体', 'SimHei'],
  FandolSong: ['方正小标宋简体', '宋体', 'SimSun'],
};

// The page in points, from the twips the export writes.
const PT = twips => twips / 20;
const PAGE = { width: PT(11906), height: PT(16838) };
const TYPE_AREA = { left: PT(1587), right: PT(11906 - 1474), top: PT(2098), bottom: PT(16838 - 1984) };
const LINE_PITCH = PT(579);
const PAGE_NUMBER_INDENT = 14; // 空一字 of 4号 (14 pt)

const has = command => spawnSync('sh', ['-c', `command -v ${command}`]).status === 0;
const run = (command, args, options = {}) => spawnSync(command, args, { encoding: 'utf8', maxBuffer: 64 * 1024 * 1024, ...options });

function skip(reason) {
  console.log(`render: skipped (${reason})`);
  process.exit(0);
}

/** The four Fandol faces in the ignored cache, taken out of Debian's texlive-lang-chinese without installing TeX. */
function ensureFonts() {
  mkdirSync(FONT_CACHE, { recursive: true });
  if (Object.values(FACES).every(file => existsSync(join(FONT_CACHE, file)))) return undefined;
  if (!has('apt-get') || !has('dpkg-deb')) return 'the Fandol fonts are not in .vscode-test/fonts and there is no apt-get to fetch them';
  const work = mkdtempSync(join(tmpdir(), 'speech-drafter-fandol-'));
  try {
    console.log('render: fetching the Fandol fonts (apt-get download texlive-lang-chinese, ~50 MB)');
    const download = run('apt-get', ['download', 'texlive-lang-chinese'], { cwd: work });
    const deb = readdirSync(work).find(name => name.endsWith('.deb'));
    if (!deb) return `apt-get download texlive-lang-chinese failed: ${(download.stderr || download.stdout).trim().split('\n').pop()}`;
    const extract = run('sh', ['-c', `dpkg-deb --fsys-tarfile "${deb}" | tar -x --wildcards '*fandol*'`], { cwd: work });
    if (extract.status !== 0) return `extracting the fonts failed: ${extract.stderr.trim()}`;
    const found = run('find', [work, '-name', 'Fandol*.otf']).stdout.split('\n').filter(Boolean);
    for (const file of Object.values(FACES)) {
      const source = found.find(path => basename(path) === file);
      if (!source) return `${file} is not in texlive-lang-chinese`;
      copyFileSync(source, join(FONT_CACHE, file));
    }
    return undefined;
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
}

/** A fontconfig file that adds the cache folder and maps every official face name to its Fandol stand-in. */
function writeFontConfig() {
  const alias = (fandol, name) => `  <match target="pattern"><test name="family"><string>${name}</string></test><edit name="family" mode="assign" binding="strong"><string>${fandol}</string></edit></match>`;
  const rules = Object.entries(ALIASES).flatMap(([fandol, names]) => names.map(name => alias(fandol, name)));
  const path = join(FONT_CACHE, 'fonts.conf');
  writeFileSync(path, [
    '<?xml version="1.0"?>',
    '<!DOCTYPE fontconfig SYSTEM "fonts.dtd">',
    '<fontconfig>',
    '  <include ignore_missing="yes">/etc/fonts/fonts.conf</include>',
    `  <dir>${FONT_CACHE}</dir>`,
    `  <cachedir>${join(FONT_CACHE, 'cache')}</cachedir>`,
    ...rules,
    '</fontconfig>',
    '',
  ].join('\n'));
  return path;
}

/** Lines of each page from `pdftotext -bbox-layout`: position and text. */
function pageLines(pdf) {
  const html = run('pdftotext', ['-bbox-layout', pdf, '-']).stdout;
  return html.split('<page ').slice(1).map(page => [...page.matchAll(/<line xMin="([\d.]+)" yMin="([\d.]+)" xMax="([\d.]+)" yMax="([\d.]+)">(.*?)<\/line>/gs)].map(match => ({
    xMin: Number(match[1]), yMin: Number(match[2]), xMax: Number(match[3]), yMax: Number(match[4]),
    text: [...match[5].matchAll(/>([^<]*)<\/word>/g)].map(word => word[1]).join(' '),
  })));
}

const near = (actual, expected, tolerance) => Math.abs(actual - expected) <= tolerance;
const PAGE_NUMBER = /^—\s*(\d+)\s*—$/;

const missing = TOOLS.filter(tool => !has(tool));
if (missing.length > 0) skip(`${missing.join(', ')} not found: apt-get install --no-install-recommends libreoffice-writer-nogui poppler-utils`);
if (!existsSync('dist/cli.js')) skip('dist/cli.js is missing: run node esbuild.config.mjs first');
const fontProblem = ensureFonts();
if (fontProblem) skip(fontProblem);
const fontConfig = writeFontConfig();

const pngArg = process.argv.indexOf('--png');
const pngOut = pngArg > 0 ? resolve(process.argv[pngArg + 1]) : undefined;
const pageArg = process.argv.indexOf('--page');
const pngPage = pageArg > 0 ? Number(process.argv[pageArg + 1]) : 1;

const work = mkdtempSync(join(tmpdir(), 'speech-drafter-render-'));
let passed = 0;
let failed = 0;
function check(name, body) {
  try {
    body();
    passed++;
    console.log(`  ✓ ${name}`);
  } catch (error) {
    failed++;
    console.log(`  ✗ ${name}: ${error instanceof Error ? error.message : String(error)}`);
  }
}
function expect(condition, message) {
  if (!condition) throw new Error(message);
}

try {
  // Export: every seed speech, the Markdown fixture, and one seed with centred page numbers.
  const drafts = readdirSync('seeds').filter(name => name.endsWith('.txt')).sort().map(name => ({ source: resolve('seeds', name), name: name.replace(/\.txt$/, ''), args: [] }));
  drafts.push({ source: resolve('test/fixtures/export/营商环境讲话.md'), name: 'markdown', args: [] });
  drafts.push({ source: resolve('seeds/002_19a4f98e508d591a.txt'), name: 'centred', args: ['--page-numbers', 'center'] });
  for (const draft of drafts) {
    const out = join(work, `${draft.name}.docx`);
    const exported = run(process.execPath, ['dist/cli.js', 'export', draft.source, '--out', out, ...draft.args]);
    check(`export ${basename(draft.source)}${draft.args.length ? ` ${draft.args.join(' ')}` : ''}`, () => {
      expect(exported.status === 0, `exit ${exported.status}: ${exported.stderr}`);
      expect(exported.stdout.trim() === out, `printed ${exported.stdout.trim()}`);
    });
  }

  // One LibreOffice run converts them all (a few seconds); its own profile keeps parallel runs apart.
  const profile = mkdtempSync(join(tmpdir(), 'speech-drafter-lo-'));
  const started = Date.now();
  const docxFiles = readdirSync(work).filter(name => name.endsWith('.docx')).map(name => join(work, name));
  const converted = run('soffice', [`-env:UserInstallation=file://${profile}`, '--headless', '--convert-to', 'pdf', '--outdir', work, ...docxFiles], {
    env: { ...process.env, FONTCONFIG_FILE: fontConfig },
    timeout: 300_000,
  });
  rmSync(profile, { recursive: true, force: true });
  console.log(`render: LibreOffice converted ${docxFiles.length} files in ${((Date.now() - started) / 1000).toFixed(1)} s`);

  for (const draft of drafts) {
    const pdf = join(work, `${draft.name}.pdf`);
    const label = draft.name;
    if (!existsSync(pdf) || statSync(pdf).size === 0) {
      check(`${label}: LibreOffice opens the .docx`, () => expect(false, `no PDF (${converted.stderr.trim() || converted.stdout.trim()})`));
      continue;
    }
    const info = run('pdfinfo', [pdf]).stdout;
    const pages = Number(/^Pages:\s+(\d+)/m.exec(info)?.[1] ?? 0);
    check(`${label}: A4 pages (pdfinfo)`, () => {
      const size = /^Page size:\s+([\d.]+) x ([\d.]+) pts/m.exec(info);
      expect(size, `no page size in ${info}`);
      expect(near(Number(size[1]), 595.28, 1) && near(Number(size[2]), 841.89, 1), `page size ${size[1]} x ${size[2]}`);
      expect(pages >= 1, 'no pages');
    });
    check(`${label}: only the mapped Fandol faces, embedded (pdffonts)`, () => {
      const rows = run('pdffonts', [pdf]).stdout.trim().split('\n').slice(2).map(line => line.trim().split(/\s+/));
      const names = rows.map(row => row[0].replace(/^[A-Z]{6}\+/, ''));
      const strays = names.filter(name => !name.startsWith('Fandol'));
      expect(strays.length === 0, `fallback fonts: ${[...new Set(strays)].join(', ')}`);
      const notEmbedded = rows.filter(row => row[row.length - 5] !== 'yes');
      expect(notEmbedded.length === 0, `not embedded: ${notEmbedded.map(row => row[0]).join(', ')}`);
      // 仿宋 body, 黑体 level 1, 宋体 page numbers everywhere; 楷体 where level-2 headings or a subtitle are known to be.
      const faces = ['FandolFang', 'FandolHei', 'FandolSong', ...(/^(002_|000_|markdown)/.test(label) ? ['FandolKai'] : [])];
      for (const face of faces) expect(names.some(name => name.startsWith(face)), `${face} missing (has ${[...new Set(names)].join(', ')})`);
    });

    const lines = pageLines(pdf);
    const numbers = lines.map(page => page.find(line => PAGE_NUMBER.test(line.text)));
    check(`${label}: a page number on every page, 7 mm under the type area`, () => {
      numbers.forEach((number, index) => {
        expect(number, `page ${index + 1} has no — N — (${lines[index].slice(-1)[0]?.text})`);
        expect(Number(PAGE_NUMBER.exec(number.text)[1]) === index + 1, `page ${index + 1} shows ${number.text}`);
        expect(number.yMin > TYPE_AREA.bottom && near(number.yMin, TYPE_AREA.bottom + 19.84, 3), `page ${index + 1}: number top at ${number.yMin.toFixed(1)} pt`);
      });
    });
    if (label === 'centred') {
      check(`${label}: page numbers centred on odd and even pages`, () => {
        const centre = (TYPE_AREA.left + TYPE_AREA.right) / 2;
        for (const [index, number] of numbers.slice(0, 2).entries()) expect(near((number.xMin + number.xMax) / 2, centre, 3), `page ${index + 1}: centre ${((number.xMin + number.xMax) / 2).toFixed(1)}`);
      });
    } else if (pages >= 2) {
      check(`${label}: page 1 number on the right, page 2 on the left, 空一字`, () => {
        const [first, second] = numbers;
        expect(near(first.xMax, TYPE_AREA.right - PAGE_NUMBER_INDENT, 3), `page 1 number ends at ${first.xMax.toFixed(1)}, expected ${TYPE_AREA.right - PAGE_NUMBER_INDENT}`);
        expect(near(second.xMin, TYPE_AREA.left + PAGE_NUMBER_INDENT, 3), `page 2 number starts at ${second.xMin.toFixed(1)}, expected ${TYPE_AREA.left + PAGE_NUMBER_INDENT}`);
      });
    }
    // A full page: of the pages between the first and the last, the one with the most lines (a page may end a
    // line early where a paragraph would leave one line behind); the grid allows 22, never more.
    const middle = lines.slice(1, -1).map((page, index) => ({ page: index + 2, text: page.filter(line => line.yMax < TYPE_AREA.bottom + 2) }));
    const full = middle.sort((a, b) => b.text.length - a.text.length)[0];
    if (full) {
      check(`${label}: 22 lines on the fullest page (${full.page}), ${LINE_PITCH.toFixed(2)} pt apart, from x = ${TYPE_AREA.left.toFixed(1)} pt`, () => {
        const tops = full.text.map(line => line.yMin).sort((a, b) => a - b);
        // Over the whole page: pdftotext rounds each position to a tenth of a point.
        const pitch = (tops[tops.length - 1] - tops[0]) / (tops.length - 1);
        const left = Math.min(...full.text.map(line => line.xMin));
        console.log(`    ${label} page ${full.page}: ${full.text.length} lines, pitch ${pitch.toFixed(2)} pt, left x ${left.toFixed(1)} pt, first line top ${tops[0].toFixed(1)} pt`);
        expect(full.text.length === 22, `${full.text.length} lines`);
        expect(near(pitch, LINE_PITCH, 0.6), `pitch ${pitch.toFixed(2)} pt`);
        expect(near(left, TYPE_AREA.left, 3), `left x ${left.toFixed(1)} pt`);
        expect(near(tops[0], TYPE_AREA.top, 10), `first line top ${tops[0].toFixed(1)} pt`);
      });
    }
    if (label === '002_19a4f98e508d591a' || label === 'markdown') {
      check(`${label}: the title in two centred lines, the first no shorter than the second`, () => {
        const [one, two] = lines[0];
        const centre = (TYPE_AREA.left + TYPE_AREA.right) / 2;
        for (const line of [one, two]) expect(near((line.xMin + line.xMax) / 2, centre, 4), `"${line.text}" centred at ${((line.xMin + line.xMax) / 2).toFixed(1)}`);
        expect(one.xMax - one.xMin >= two.xMax - two.xMin - 1, `first ${one.text}, second ${two.text}`);
        expect(near(two.yMin - one.yMin, LINE_PITCH, 0.6), `title lines ${(two.yMin - one.yMin).toFixed(2)} pt apart`);
      });
    }
    if (label === 'markdown') {
      check(`${label}: no Markdown marks printed; the signature right, the date under it, 附件 left`, () => {
        const text = lines.flat().map(line => line.text).join('\n');
        expect(!/\*\*|#|^[-*+] /m.test(text), 'a Markdown mark is printed');
        const all = lines.flat();
        const signature = all.find(line => line.text.replace(/\s/g, '') === '市人民政府办公室');
        const date = all.find(line => line.text.replace(/\s/g, '') === '2024年5月8日');
        expect(signature && date, 'signature and date found');
        const rightEdge = Math.max(signature.xMax, date.xMax);
        expect(near(rightEdge, TYPE_AREA.right - 32, 3), `the longer line ends at ${rightEdge.toFixed(1)} (右空二字: ${TYPE_AREA.right - 32})`);
        expect(near(date.xMin - signature.xMin, 32, 1), `date starts ${(date.xMin - signature.xMin).toFixed(1)} pt right of the signature`);
        expect(near(date.yMin - signature.yMin, LINE_PITCH, 0.6), 'the date on the next line');
        const attachment = all.find(line => line.text.replace(/\s/g, '').startsWith('附件：1.'));
        const second = all.find(line => line.text.replace(/\s/g, '') === '2.工作推进时间安排表');
        expect(attachment && near(attachment.xMin, TYPE_AREA.left + 32, 2), `附件 starts at ${attachment?.xMin.toFixed(1)} (左空二字: ${TYPE_AREA.left + 32})`);
        expect(second && near(second.xMin, TYPE_AREA.left + 80, 2), `the second attachment starts at ${second?.xMin.toFixed(1)} (under the first name: ${TYPE_AREA.left + 80})`);
      });
    }
    if (pngOut && label === '002_19a4f98e508d591a') {
      const prefix = join(work, 'page');
      run('pdftoppm', ['-png', '-r', '80', '-f', String(pngPage), '-l', String(pngPage), '-singlefile', pdf, prefix]);
      copyFileSync(`${prefix}.png`, pngOut);
      console.log(`render: wrote ${pngOut}`);
    }
  }
} finally {
  rmSync(work, { recursive: true, force: true });
}

console.log(`render: ${passed} passed, ${failed} failed`);
process.exitCode = failed > 0 || passed === 0 ? 1 : 0;
