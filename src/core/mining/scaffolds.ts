/** Scaffolds (a speech's heading tree, with its genre) and headings. */
import type { LibraryDocument, LibraryEntry, OutlineNode } from '../library';
import { snippetFromText, tabStop } from '../snippet';
import type { Heading, ParsedDocument } from '../structure';
import { EntryCollector, mergeCollectors, type MergeCache, type Placed } from './collector';

interface MutableNode {
  level: number;
  marker: string;
  text: string;
  line: number;
  children: MutableNode[];
}

/** Nests headings by level: a heading belongs under the nearest earlier heading of a lower level. */
export function buildOutline(headings: readonly { heading: Heading; line: number }[]): OutlineNode[] {
  const roots: MutableNode[] = [];
  const stack: MutableNode[] = [];
  for (const { heading, line } of headings) {
    const node: MutableNode = { level: heading.level, marker: heading.marker, text: heading.text, line, children: [] };
    while (stack.length > 0 && stack[stack.length - 1].level >= node.level) stack.pop();
    (stack.length > 0 ? stack[stack.length - 1].children : roots).push(node);
    stack.push(node);
  }
  return roots;
}

export function flattenOutline(nodes: readonly OutlineNode[]): OutlineNode[] {
  return nodes.flatMap(node => [node, ...flattenOutline(node.children)]);
}

/** A skeleton snippet: one line per heading, the heading text a tab stop. */
export function outlineSnippet(nodes: readonly OutlineNode[], firstIndex = 1): { snippet: string; nextIndex: number } {
  let index = firstIndex;
  const snippet = flattenOutline(nodes).map(node => {
    const marker = snippetFromText(node.marker, index);
    index = marker.nextIndex;
    return `${marker.snippet}${tabStop(index++, node.text)}`;
  }).join('\n');
  return { snippet, nextIndex: index };
}

/** One file's scaffolds and headings. */
export interface ScaffoldShare {
  readonly scaffolds: EntryCollector;
  readonly headings: EntryCollector;
}

/** Collects one file's scaffolds and headings; `documents` are the file's own (ids from 0). */
export function collectScaffolds(parsed: readonly ParsedDocument[], documents: readonly LibraryDocument[]): ScaffoldShare {
  const scaffolds = new EntryCollector('scaffold');
  const headings = new EntryCollector('heading');
  parsed.forEach((doc, index) => {
    const document = documents[index];
    const found = doc.paragraphs.flatMap(p => (p.heading ? [{ heading: p.heading, line: p.line }] : []));
    for (const { heading, line } of found) headings.add(heading.text, document, line, { level: heading.level, marker: heading.marker });
    if (found.length < 2) return;
    const outline = buildOutline(found);
    const text = flattenOutline(outline).map(node => `${'  '.repeat(node.level - 1)}${node.marker}${node.text}`).join('\n');
    scaffolds.add(text, document, found[0].line, { outline, snippet: outlineSnippet(outline).snippet }, text);
  });
  return { scaffolds, headings };
}

export function scaffoldEntries(files: readonly Placed<ScaffoldShare>[], cache?: MergeCache): LibraryEntry[] {
  return [...mergeCollectors('scaffold', files, share => share.scaffolds, cache).entries(), ...mergeCollectors('heading', files, share => share.headings, cache).entries()];
}
