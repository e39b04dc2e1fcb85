import { existsSync, readFileSync, realpathSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { DEFAULT_SPEAKING_RATE, measureDraft, speakingTime } from '../core/draftStats';
import { exportDocx, exportOptionsFrom } from '../core/export';
import { countByKind, displayTitle, ENTRY_KINDS, serializeLibrary, type Library, type LibraryEntry } from '../core/library';
import { mineLibrary } from '../core/mining/miner';
import { checkNumbering } from '../core/numbering';
import { outlineOf, speechOutlines } from '../core/outline';
import { withoutMarkdownListNumbers } from '../core/normalize';
import { buildPassageIndex } from '../core/passageIndex';
import { readCorpusFile } from '../core/reading';
import { loadJieba, type Segment } from '../core/segmenter';
import { readPdfOnDisk } from '../node/pdfOnDisk';
import { readCorpusPaths } from './corpusFiles';
import { DEFAULT_MIN_RUN, OverlapCorpus, overlapReport } from '../core/overlap/report';

/** The `speech-drafter` command line: the same core as the extension, for scripts and quick checks. */

interface CliCommand {
  readonly usage: string;
  readonly summary: string;
  run(args: readonly string[]): number | Promise<number>;
}

/** The bundled corpus and the segmenter's wasm sit next to the CLI bundle (dist/) in the package. */
const BUNDLED_SEEDS = join(__dirname, '..', 'seeds');
const JIEBA_WASM = join(__dirname, 'jieba_rs_wasm_bg.wasm');

function loadSegmenter(): Segment {
  if (!existsSync(JIEBA_WASM)) throw new Error(`the segmenter is missing (${JIEBA_WASM}); run npm run build`);
  return loadJieba(readFileSync(JIEBA_WASM));
}

/** Reads a draft the way the corpus is read (UTF-8, GBK, .docx), so `outline` accepts the same files. */
async function readDraft(path: string): Promise<string> {
  const result = await readCorpusFile(path, readFileSync(path), { readPdf: readPdfOnDisk });
  if (!result.ok) throw new Error(`${path}: ${result.reason}`);
  // As in the editor: a Markdown draft's `1. ` items are lists, not speech numbering.
  return path.toLowerCase().endsWith('.md') ? withoutMarkdownListNumbers(result.text) : result.text;
}

function percent(share: number): string {
  return `${(share * 100).toFixed(1)}%`;
}

function preview(text: string, length = 60): string {
  const flat = text.replace(/\s+/g, ' ');
  return flat.length > length ? `${flat.slice(0, length)}…` : flat;
}

const KIND_LABELS: Readonly<Record<LibraryEntry['kind'], string>> = {
  salutation: '称谓', opening: '开场', transition: '过渡', scaffold: '结构（提纲）', heading: '标题',
  parallel: '排比', template: '格式句', quotation: '金句/引语', phrase: '常用表述', closing: '结尾',
};

function printLibrarySummary(library: Library, skipped: readonly { path: string; reason: string }[]): void {
  const counts = countByKind(library);
  console.log(`${library.documents.length} 篇讲稿，${library.entries.length} 条素材`);
  for (const kind of ENTRY_KINDS) console.log(`  ${KIND_LABELS[kind].padEnd(8, '　')} ${counts[kind]}`);
  const top = (kind: LibraryEntry['kind'], n: number): LibraryEntry[] => library.entries.filter(entry => entry.kind === kind).slice(0, n);
  const sourceOf = (entry: LibraryEntry): string => displayTitle(library.documents[entry.sources[0].document]);
  console.log('\n常用开场：');
  for (const entry of top('opening', 5)) console.log(`  · ${preview(entry.text)}  〔${sourceOf(entry)}〕`);
  console.log('\n结构（提纲）：');
  for (const entry of top('scaffold', 5)) {
    console.log(`  · ${sourceOf(entry)}（${library.documents[entry.sources[0].document].genre}）`);
    for (const node of entry.outline ?? []) console.log(`      ${node.marker}${preview(node.text, 40)}`);
  }
  console.log('\n结尾：');
  for (const entry of top('closing', 8)) console.log(`  · ${preview(entry.text)}（${entry.documents} 篇）`);
  if (skipped.length > 0) {
    console.log('\n跳过的文件：');
    for (const file of skipped) console.log(`  · ${file.path}：${file.reason}`);
  }
}

const commands: Readonly<Record<string, CliCommand>> = {
  mine: {
    usage: 'mine [PATH…] [--out FILE] [--json]',
    summary: 'mine a library from speeches (default: the bundled corpus)',
    async run(args) {
      const { positional, flags } = parseArgs(args, ['out']);
      const { files, skipped } = await readCorpusPaths(positional.length > 0 ? positional : [BUNDLED_SEEDS]);
      const library = mineLibrary(files, loadSegmenter());
      if (typeof flags.out === 'string') writeFileSync(flags.out, serializeLibrary(library));
      if (flags.json) {
        console.log(JSON.stringify({
          documents: library.documents.length,
          titles: library.documents.map(displayTitle),
          entries: countByKind(library),
          skipped,
        }));
      } else {
        printLibrarySummary(library, skipped);
        if (typeof flags.out === 'string') console.log(`\n素材库已写入 ${flags.out}`);
      }
      return 0;
    },
  },
  outline: {
    usage: 'outline FILE [--json] [--speeches]',
    summary: 'title, genre, salutations, headings and closings of a draft (--speeches: of each speech in the file)',
    async run(args) {
      const { positional, flags } = parseArgs(args, []);
      if (positional.length !== 1) return usageError('outline needs exactly one FILE');
      const text = await readDraft(positional[0]);
      const outlines = flags.speeches === true ? speechOutlines(text) : [outlineOf(text)];
      if (flags.json) {
        console.log(JSON.stringify(flags.speeches === true ? outlines : outlines[0]));
        return 0;
      }
      outlines.forEach((outline, index) => {
        if (index > 0) console.log('');
        console.log(`${outline.title ? `${String(outline.title.line).padStart(5)}  ${outline.title.text}` : '（无标题）'}〔${outline.genre}〕`);
        for (const salutation of outline.salutations) console.log(`${String(salutation.line).padStart(5)}  称谓  ${salutation.text}`);
        for (const heading of outline.headings) console.log(`${String(heading.line).padStart(5)}  ${'  '.repeat(heading.level - 1)}${heading.marker}${heading.text}`);
        for (const closing of outline.closings) console.log(`${String(closing.line).padStart(5)}  结尾  ${preview(closing.text)}`);
      });
      return 0;
    },
  },
  check: {
    usage: 'check FILE [--json] [--speeches]',
    summary: 'numbering slips (repeated, skipped, mixed style, level jump); exit 1 when any',
    async run(args) {
      const { positional, flags } = parseArgs(args, []);
      if (positional.length !== 1) return usageError('check needs exactly one FILE');
      let text: string;
      try {
        text = await readDraft(positional[0]);
      } catch (error) {
        // Exit 1 means "issues found" for check, so a file that cannot be read is 2.
        console.error(`speech-drafter check: ${error instanceof Error ? error.message : String(error)}`);
        return 2;
      }
      const issues = checkNumbering(text, { speeches: flags.speeches === true });
      if (flags.json) {
        console.log(JSON.stringify(issues.map(({ line, code, message }) => ({ line, code, message }))));
      } else {
        for (const issue of issues) console.log(`${positional[0]}:${issue.line}: ${issue.message}`);
        if (issues.length === 0) console.log(`${positional[0]}: 编号无误`);
      }
      return issues.length > 0 ? 1 : 0;
    },
  },
  suggest: {
    usage: 'suggest CLAUSE [--corpus PATH…] [--json]',
    summary: 'corpus passages and library entries that continue CLAUSE, best first',
    async run(args) {
      const { positional, flags, lists } = parseArgs(args, [], ['corpus']);
      if (positional.length !== 1) return usageError('suggest needs exactly one CLAUSE (quote it)');
      const corpusPaths = lists.corpus ?? [];
      const { files, skipped } = await readCorpusPaths(corpusPaths.length > 0 ? corpusPaths : [BUNDLED_SEEDS]);
      for (const file of skipped) console.error(`skipped ${file.path}: ${file.reason}`);
      const library = mineLibrary(files, loadSegmenter());
      const index = buildPassageIndex({ files, library });
      const { items } = index.complete(positional[0], { limit: 10 });
      const results = items.map(item => ({ text: item.text, kind: item.kind, source: { title: item.source.title, line: item.source.line }, documents: item.documents }));
      if (flags.json) console.log(JSON.stringify(results));
      else for (const result of results) console.log(`${result.text}\n    〔${KIND_LABELS[result.kind as LibraryEntry['kind']] ?? '原文'} · ${result.source.title} 第 ${result.source.line} 行 · ${result.documents} 篇〕`);
      return 0;
    },
  },
  overlap: {
    usage: 'overlap FILE [--corpus PATH…] [--min N] [--json]',
    summary: 'how much of a draft stands word for word in the corpus (查重): spans, sources, sections; exit 0',
    async run(args) {
      const { positional, flags, lists } = parseArgs(args, ['min'], ['corpus']);
      if (positional.length !== 1) return usageError('overlap needs exactly one FILE');
      const minRun = flags.min === undefined ? DEFAULT_MIN_RUN : Number(flags.min);
      if (!Number.isInteger(minRun) || minRun < DEFAULT_MIN_RUN) return usageError(`--min must be a whole number of at least ${DEFAULT_MIN_RUN}, got "${String(flags.min)}"`);
      const draft = await readDraft(positional[0]);
      const corpusPaths = lists.corpus ?? [];
      const { files, skipped } = await readCorpusPaths(corpusPaths.length > 0 ? corpusPaths : [BUNDLED_SEEDS]);
      for (const file of skipped) console.error(`skipped ${file.path}: ${file.reason}`);
      const library = mineLibrary(files, loadSegmenter());
      const corpus = OverlapCorpus.build(files, library.documents, buildPassageIndex({ files, library }));
      // A draft inside a corpus folder is one of the corpus files: it is not a source of itself.
      const same = (path: string): string => {
        try {
          return realpathSync(path);
        } catch {
          return resolve(path);
        }
      };
      const own = files.find(file => same(file.path) === same(positional[0]));
      const report = overlapReport(draft, corpus, { minRun, ...(own ? { excludeFile: own.path } : {}) });
      if (flags.json) {
        const { chars, copiedChars, share, sources, sections } = report;
        const spans = report.spans.map(({ line, start, end, text, kind, source }) => ({ line, start, end, text, kind, source }));
        console.log(JSON.stringify({ chars, copiedChars, share, spans, sources, sections }));
        return 0;
      }
      console.log(`${positional[0]}：共 ${report.chars} 字，与素材库相同或相近 ${report.copiedChars} 字，占 ${percent(report.share)}`);
      if (report.sources.length > 0) console.log('\n主要来源：');
      for (const source of report.sources.slice(0, 10)) console.log(`  ${String(source.chars).padStart(6)} 字  《${source.title}》  ${source.path}`);
      if (report.sections.length > 0) console.log('\n各部分：');
      for (const section of report.sections) console.log(`  ${percent(section.share).padStart(6)}  第 ${section.line} 行  ${section.heading}`);
      if (report.spans.length > 0) console.log('\n重复片段：');
      for (const span of report.spans) console.log(`  第 ${span.line} 行 ${span.start + 1}–${span.end} 列〔${span.kind === 'exact' ? '相同' : '相近'}〕${preview(span.text, 40)}  ← 《${span.source.title}》第 ${span.source.line} 行`);
      return 0;
    },
  },
  export: {
    usage: 'export FILE [--out FILE.docx] [--page-numbers standard|center]',
    summary: 'a Word file in the official layout (GB/T 9704-2012); prints its path',
    async run(args) {
      const { positional, flags } = parseArgs(args, ['out', 'page-numbers']);
      if (positional.length !== 1) return usageError('export needs exactly one FILE');
      const pageNumbers = flags['page-numbers'] ?? 'standard';
      if (pageNumbers !== 'standard' && pageNumbers !== 'center') return usageError(`--page-numbers must be standard or center, got "${String(pageNumbers)}"`);
      const source = positional[0];
      // A .docx draft keeps its name: the export goes beside it as NAME.official.docx.
      const base = source.replace(/\.[^./\\]*$/, '');
      const out = typeof flags.out === 'string' ? flags.out : /\.docx$/i.test(source) ? `${base}.official.docx` : `${base}.docx`;
      if (resolve(out) === resolve(source)) return usageError('--out must differ from the draft');
      const read = await readCorpusFile(source, readFileSync(source), { readPdf: readPdfOnDisk });
      if (!read.ok) throw new Error(`${source}: ${read.reason}`);
      const { bytes, warnings } = await exportDocx(read.text, exportOptionsFrom({ pageNumbers, markdown: /\.(md|markdown)$/i.test(source) }));
      // Written beside the target under another name, then renamed: a reader never sees half a file.
      const partial = `${out}.${process.pid}.partial`;
      try {
        writeFileSync(partial, bytes);
        renameSync(partial, out);
      } finally {
        rmSync(partial, { force: true });
      }
      for (const warning of warnings) if (warning === 'title-cut') console.error('speech-drafter export: the title has no word boundary that fits a line; it was cut at the line width');
      console.log(out);
      return 0;
    },
  },
  stats: {
    usage: 'stats FILE [--rate N] [--json]',
    summary: 'character count (字数) and estimated speaking time of a draft',
    async run(args) {
      const { positional, flags } = parseArgs(args, ['rate']);
      if (positional.length !== 1) return usageError('stats needs exactly one FILE');
      const rate = flags.rate === undefined ? DEFAULT_SPEAKING_RATE : Number(flags.rate);
      if (!Number.isFinite(rate) || rate <= 0) return usageError(`--rate must be a positive number, got "${String(flags.rate)}"`);
      const stats = measureDraft(await readDraft(positional[0]));
      const time = speakingTime(stats.spokenCharacters, rate);
      if (flags.json) {
        console.log(JSON.stringify({ ...stats, rate, minutes: time.minutes, seconds: time.seconds }));
      } else {
        console.log(`${stats.characters} 字（其中 ${stats.spokenCharacters} 字需读出），按每分钟 ${rate} 字约需 ${time.minutes} 分 ${time.seconds} 秒`);
      }
      return 0;
    },
  },
};

interface ParsedArgs {
  positional: string[];
  flags: Record<string, string | true | undefined>;
  /** Flags that take every following argument up to the next flag (`--corpus a b`), repeatable. */
  lists: Record<string, string[] | undefined>;
}

function parseArgs(args: readonly string[], valued: readonly string[], listed: readonly string[] = []): ParsedArgs {
  const parsed: ParsedArgs = { positional: [], flags: {}, lists: {} };
  for (let i = 0; i < args.length; i++) {
    const arg = args[i];
    if (!arg.startsWith('--')) {
      parsed.positional.push(arg);
      continue;
    }
    const name = arg.slice(2);
    if (listed.includes(name)) {
      const values = (parsed.lists[name] ??= []);
      while (i + 1 < args.length && !args[i + 1].startsWith('--')) values.push(args[++i]);
    } else {
      parsed.flags[name] = valued.includes(name) ? args[++i] : true;
    }
  }
  return parsed;
}

function usageError(message: string): number {
  console.error(`speech-drafter: ${message}`);
  console.error(helpText());
  return 2;
}

function helpText(): string {
  const lines = ['Usage: speech-drafter COMMAND [ARGS]', '', 'Commands:'];
  for (const command of Object.values(commands)) lines.push(`  ${command.usage.padEnd(34)} ${command.summary}`);
  return lines.join('\n');
}

async function main(argv: readonly string[]): Promise<number> {
  const [name, ...rest] = argv;
  if (name === undefined || name === '--help' || name === '-h' || name === 'help') {
    console.log(helpText());
    return name === undefined ? 2 : 0;
  }
  const command = commands[name];
  if (!command) return usageError(`unknown command "${name}"`);
  try {
    return await command.run(rest);
  } catch (error) {
    console.error(`speech-drafter ${name}: ${error instanceof Error ? error.message : String(error)}`);
    return 1;
  }
}

void main(process.argv.slice(2)).then(code => {
  process.exitCode = code;
});
