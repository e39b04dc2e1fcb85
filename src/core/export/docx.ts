/**
 * Writes the laid-out draft as a .docx with the `docx` package. Pure: no Node built-ins, so the same code runs
 * in the web worker; `Packer.pack(…, 'uint8array')` (never `toBuffer`, which needs Node's Buffer).
 * Every run names its fonts for ASCII, hAnsi and East Asian text with the East Asian hint, and the document's
 * defaults and theme name them too, so no Calibri or theme font takes over quotes, dashes or digits.
 */
import {
  AlignmentType,
  Document,
  DocumentGridType,
  Footer,
  LineRuleType,
  Packer,
  PageNumber,
  Paragraph,
  TextRun,
  type IRunOptions,
  type ISectionOptions,
} from 'docx';
import { layoutDraft, type Block, type Span } from './blocks';
import {
  FALLBACK_FONTS,
  FONT_SIZE,
  FOOTER_DISTANCE,
  LINE_PITCH,
  MARGINS,
  PAGE,
  PAGE_NUMBER_CHARACTER,
  PAGE_NUMBER_LINE,
  resolveFonts,
  TEXT_CHARACTER,
  type ExportOptions,
  type FontRole,
} from './layout';

export interface ExportResult {
  readonly bytes: Uint8Array;
  /** Codes of what could not be laid out as the standard asks (`title-cut`). */
  readonly warnings: readonly string[];
}

/** Word measures run sizes in half-points. */
const halfPoints = (points: number): number => points * 2;

function runFont(name: string): NonNullable<IRunOptions['font']> {
  return { ascii: name, hAnsi: name, eastAsia: name, cs: name, hint: 'eastAsia' };
}

function themeFont(name: string): { latin: string; eastAsia: string; scripts: Record<string, string> } {
  return { latin: name, eastAsia: name, scripts: { Hans: name, Hant: name } };
}

const ALIGNMENTS = {
  left: AlignmentType.LEFT,
  center: AlignmentType.CENTER,
  right: AlignmentType.RIGHT,
  justified: AlignmentType.JUSTIFIED,
} as const;

/** Exact line spacing at the grid's pitch: 22 lines on every page, whatever the font's own line height. */
const EXACT_LINE = { line: LINE_PITCH, lineRule: LineRuleType.EXACT, before: 0, after: 0 } as const;

function paragraphOf(block: Block, fonts: Record<FontRole, string>): Paragraph {
  const runs = block.spans.map((piece: Span) => new TextRun({
    text: piece.text,
    font: runFont(fonts[piece.font]),
    size: halfPoints(piece.large ? FONT_SIZE.title : FONT_SIZE.text),
    bold: piece.bold,
    ...(piece.breakBefore ? { break: 1 } : {}),
  }));
  return new Paragraph({
    children: runs,
    alignment: ALIGNMENTS[block.align],
    spacing: EXACT_LINE,
    // Both forms of the first-line indent: Word reads the character count, LibreOffice 7.4 only the twips.
    indent: block.firstLineChars >= 0
      ? {
        firstLine: Math.round(block.firstLineChars * TEXT_CHARACTER),
        firstLineChars: Math.round(block.firstLineChars * 100),
        left: Math.round(block.leftChars * TEXT_CHARACTER),
        right: Math.round(block.rightChars * TEXT_CHARACTER),
      }
      : {
        hanging: Math.round(-block.firstLineChars * TEXT_CHARACTER),
        left: Math.round(block.leftChars * TEXT_CHARACTER),
        right: Math.round(block.rightChars * TEXT_CHARACTER),
      },
  });
}

/** `— 1 —` in 4号 宋体 with half-width digits, placed right, left or centred with its 空一字. */
function pageNumberFooter(align: 'left' | 'right' | 'center', font: string): Footer {
  const run = (children: IRunOptions['children']): TextRun => new TextRun({ children, font: runFont(font), size: halfPoints(FONT_SIZE.pageNumber) });
  return new Footer({
    children: [
      new Paragraph({
        alignment: ALIGNMENTS[align],
        spacing: { line: PAGE_NUMBER_LINE, lineRule: LineRuleType.EXACT, before: 0, after: 0 },
        // Footers must not inherit the text's first-line indent; the page number's 空一字 is on its outer side.
        indent: {
          firstLine: 0,
          firstLineChars: 0,
          left: align === 'left' ? PAGE_NUMBER_CHARACTER : 0,
          right: align === 'right' ? PAGE_NUMBER_CHARACTER : 0,
        },
        children: [run(['— ', PageNumber.CURRENT, ' —'])],
      }),
    ],
  });
}

const escapeXml = (text: string): string => text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');

/**
 * The font table, which docx leaves empty: each face the document names, as a Chinese (GB2312) font with the
 * face Word should fall back to, so a machine without 仿宋_GB2312 prints 仿宋 rather than a Latin default.
 */
function fontTableXml(fonts: Record<FontRole, string>): string {
  const entries = [...new Set(Object.values(fonts))].map(name => {
    const fallback = FALLBACK_FONTS[name];
    return `<w:font w:name="${escapeXml(name)}">${fallback ? `<w:altName w:val="${escapeXml(fallback)}"/>` : ''}<w:charset w:val="86"/><w:family w:val="modern"/><w:pitch w:val="fixed"/></w:font>`;
  });
  return `<?xml version="1.0" encoding="UTF-8" standalone="yes"?><w:fonts xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main">${entries.join('')}</w:fonts>`;
}

/** Builds the document of a draft: the page, the grid, the defaults, the footers and the blocks. */
export function buildDocument(text: string, options: ExportOptions): { document: Document; fontTable: string; warnings: readonly string[] } {
  const fonts = resolveFonts(options.fonts);
  const { blocks, warnings } = layoutDraft(text, options);
  // An empty draft is still a document: one empty paragraph (Word refuses a body without one).
  const children = blocks.length > 0 ? blocks.map(block => paragraphOf(block, fonts)) : [paragraphOf({ kind: 'blank', align: 'left', firstLineChars: 0, leftChars: 0, rightChars: 0, spans: [] }, fonts)];
  const standard = options.pageNumbers === 'standard';
  const section: ISectionOptions = {
    properties: {
      page: {
        size: { width: PAGE.width, height: PAGE.height },
        margin: { ...MARGINS, header: 851, footer: FOOTER_DISTANCE, gutter: 0 },
        pageNumbers: { start: 1 },
      },
      grid: { type: DocumentGridType.LINES, linePitch: LINE_PITCH },
    },
    footers: standard
      ? { default: pageNumberFooter('right', fonts.pageNumber), even: pageNumberFooter('left', fonts.pageNumber) }
      : { default: pageNumberFooter('center', fonts.pageNumber), even: pageNumberFooter('center', fonts.pageNumber) },
    children,
  };
  const document = new Document({
    creator: '讲稿助手',
    // Odd and even pages carry their page numbers on opposite sides.
    evenAndOddHeaderAndFooters: true,
    // The theme's fonts, Simplified Chinese script included (Office's is 等线), are the body font as well.
    theme: { fonts: { headings: themeFont(fonts.body), body: themeFont(fonts.body) } },
    styles: {
      default: {
        document: {
          run: { font: runFont(fonts.body), size: halfPoints(FONT_SIZE.text) },
          paragraph: { spacing: EXACT_LINE, indent: { firstLine: 0 } },
        },
      },
    },
    sections: [section],
  });
  return { document, fontTable: fontTableXml(fonts), warnings };
}

/** The .docx bytes of a draft laid out as an official document (GB/T 9704-2012). */
export async function exportDocx(text: string, options: ExportOptions): Promise<ExportResult> {
  const { document, fontTable, warnings } = buildDocument(text, options);
  const bytes = await Packer.pack(document, 'uint8array', false, [{ path: 'word/fontTable.xml', data: fontTable }]);
  return { bytes, warnings };
}

