import * as vscode from 'vscode';
import * as assert from './assert';
import { activeExtension, closeAllEditors, eventually, openDraft } from './helpers';

// The corpus formats in a real VS Code: the workspace's `formats` folder (one speech as .docx, .doc, .pdf, RTF named
// .doc, saved pages; real .doc, .wps, .pdf and pages by other authors; hostile files) is the only corpus folder.

/** Speeches in every format: each gives library entries. */
const SPEECH_FILES = [
  'formats/speech.docx', 'formats/speech.doc', 'formats/speech.wps', 'formats/speech.pdf', 'formats/speech-2col.pdf', 'formats/speech-rtf.doc',
  'formats/speech.html', 'formats/speech-gbk.htm', 'formats/speech.mhtml', 'formats/real/cmse-pressconf.html',
  // Its Chinese font is not embedded: read only with the character maps the extension ships (dist/cmaps).
  'formats/font-not-embedded.pdf',
];
/** Real files by other authors that are not speeches (a notice, a change log, a statistics report): read, mined. */
const OTHER_FILES = ['formats/real/jxtax-gongshi-wps.doc', 'formats/real/oa-changelog-kingsoft.wps', 'formats/real/shenzhen-gender-stats-2021.pdf'];
const FORMAT_FILES = [...SPEECH_FILES, ...OTHER_FILES];
const HOSTILE: Record<string, RegExp> = {
  'formats/hostile/encrypted.pdf': /password|密码/,
  'formats/hostile/encrypted.doc': /password|密码/,
  'formats/hostile/encrypted.docx': /password|密码/,
  'formats/hostile/scanned.pdf': /OCR/,
  'formats/hostile/truncated-speech.doc': /damaged|损坏/,
  'formats/hostile/truncated-speech.pdf': /damaged|损坏/,
};
/** A sentence only the real PDF has, on one line of its text once the lines are joined into paragraphs. */
const PDF_SENTENCE = '2021年，深圳市常住人口1761.48万人，其中男性969.57万人，占全市人口的55.0%；女性791.91万人，占全市人口的45.0%，常住人口性别比为122.44。';

suite('Corpus formats', () => {
  suiteSetup(async () => {
    const config = vscode.workspace.getConfiguration('speechDrafter.corpus');
    await config.update('includeBundled', false, vscode.ConfigurationTarget.Workspace);
    await config.update('folders', ['formats'], vscode.ConfigurationTarget.Workspace);
  });
  suiteTeardown(async () => {
    const config = vscode.workspace.getConfiguration('speechDrafter.corpus');
    await config.update('folders', undefined, vscode.ConfigurationTarget.Workspace);
    await config.update('includeBundled', undefined, vscode.ConfigurationTarget.Workspace);
    await closeAllEditors();
  });

  test('a folder of Word, WPS, PDF and web-page files builds a library with entries from each; hostile files are reported', async () => {
    const extension = await activeExtension();
    const report = await eventually(async () => {
      const current = await extension.exports.corpusReport();
      return current.files.some(path => path.endsWith('speech.mhtml')) ? current : undefined;
    }, 'the formats folder mined', 60_000);
    const relative = (path: string): string => path.slice(path.indexOf('formats/'));
    for (const file of FORMAT_FILES) {
      assert.ok(report.files.some(path => relative(path) === file), `${file} was read (skipped: ${JSON.stringify(report.skipped.filter(skip => relative(skip.path) === file))})`);
    }
    for (const [file, reason] of Object.entries(HOSTILE)) {
      const skipped = report.skipped.find(skip => relative(skip.path) === file);
      assert.ok(skipped, `${file} is reported`);
      assert.match(skipped.reason, reason, `${file}: ${skipped.reason}`);
    }
    const library = await extension.exports.library();
    for (const file of FORMAT_FILES) {
      const documents = new Set(library.documents.flatMap((document, id) => (relative(document.file) === file ? [id] : [])));
      assert.ok(documents.size > 0, `${file} is a document of the library`);
      if (!SPEECH_FILES.includes(file)) continue;
      assert.ok(library.entries.some(entry => entry.sources.some(source => documents.has(source.document))), `${file} gives library entries`);
    }
  });

  test('hovering a sentence from a PDF opens the PDF\'s text (the read-only corpus view) at that line', async () => {
    const editor = await openDraft(`开头一句。${PDF_SENTENCE}结尾一句。`);
    const position = new vscode.Position(0, 12);
    const link = await eventually(async () => {
      const hovers = await vscode.commands.executeCommand<vscode.Hover[]>('vscode.executeHoverProvider', editor.document.uri, position);
      const text = hovers.flatMap(hover => hover.contents.map(content => (typeof content === 'string' ? content : content.value))).join('\n');
      return /command:speechDrafter\.openSource\?([^)\s]+)/.exec(text)?.[1];
    }, 'a hover with the source link', 30_000);
    const [file, line] = JSON.parse(decodeURIComponent(link)) as [string, number];
    assert.match(file, /shenzhen-gender-stats-2021\.pdf$/, 'the source is the PDF');
    await vscode.commands.executeCommand('speechDrafter.openSource', file, line);
    const opened = await eventually(() => vscode.window.visibleTextEditors.find(candidate => candidate.document.uri.scheme === 'speech-drafter-corpus' && candidate.document.uri.path.endsWith('.pdf')), 'the PDF source open');
    assert.equal(opened.document.lineAt(line - 1).text, PDF_SENTENCE, 'the sentence at the hovered source line');
    assert.equal(opened.selection.active.line, line - 1, 'the cursor at that line');
  });
});
