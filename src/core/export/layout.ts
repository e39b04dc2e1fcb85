/**
 * The official-document page (GB/T 9704-2012) in Word's units, and the options a writer can change.
 * Kept apart from the document builder so tests, the CLI and the settings read the same figures.
 * Twips are written out rather than converted from millimetres: docx's converters round down.
 */

/** Twentieths of a point: Word's unit for page geometry, indents and line spacing. */
export const TWIPS_PER_POINT = 20;

/** A4, 210 × 297 mm. */
export const PAGE = { width: 11906, height: 16838 } as const;

/** Top 37 mm, bottom 35 mm, left 28 mm, right 26 mm: a 156 × 225 mm type area. */
export const MARGINS = { top: 2098, bottom: 1984, left: 1587, right: 1474 } as const;

/** 225 mm / 22 lines ≈ 28.95 pt: exact line spacing and the grid's pitch, so 22 lines fill the type area. */
export const LINE_PITCH = 579;

/** Font sizes in points: 2号 for the title, 3号 for the text, 4号 for page numbers. */
export const FONT_SIZE = { title: 22, text: 16, pageNumber: 14 } as const;

/** One character of 3号 text, the unit of the standard's indents (空二字). */
export const TEXT_CHARACTER = FONT_SIZE.text * TWIPS_PER_POINT;

/** One character of 4号 text: the page number's 空一字. */
export const PAGE_NUMBER_CHARACTER = FONT_SIZE.pageNumber * TWIPS_PER_POINT;

/** The type area's width in characters of 3号 text (156 mm / 16 pt ≈ 27.6). */
export const TYPE_AREA_CHARACTERS = (PAGE.width - MARGINS.left - MARGINS.right) / TEXT_CHARACTER;

/** Characters of 2号 text that fit across the 156 mm type area (442 pt / 22 pt). */
export const TITLE_LINE_CHARACTERS = 20;

/**
 * The page number's line: its top sits 7 mm under the type area (GB/T 9704 7.5), so the footer's bottom is
 * 35 mm − 7 mm − one 15 pt line above the page's edge. The standard gives the 7 mm, not Word's footer distance.
 */
export const PAGE_NUMBER_LINE = 300;
export const FOOTER_DISTANCE = 1587 - PAGE_NUMBER_LINE;

/** What each part of a speech is printed in; a writer may name other fonts for any of them. */
export type FontRole = 'title' | 'subtitle' | 'body' | 'heading1' | 'heading2' | 'heading3' | 'heading4' | 'pageNumber';

export const FONT_ROLES: readonly FontRole[] = ['title', 'subtitle', 'body', 'heading1', 'heading2', 'heading3', 'heading4', 'pageNumber'];

/** The standard's faces: 小标宋 for the title, 仿宋 for text, 黑体 and 楷体 for the first two heading levels, 宋体 for page numbers. */
export const DEFAULT_FONTS: Readonly<Record<FontRole, string>> = {
  title: '方正小标宋简体',
  subtitle: '楷体_GB2312',
  body: '仿宋_GB2312',
  heading1: '黑体',
  heading2: '楷体_GB2312',
  heading3: '仿宋_GB2312',
  heading4: '仿宋_GB2312',
  pageNumber: '宋体',
};

/**
 * What Word should use where a face is missing, written in the font table (`w:altName`, GB2312 charset): the
 * GB2312 faces ship with older Windows and with WPS, their plain forms (仿宋, 楷体) with Windows 10+ and Office.
 * macOS Word maps these names to its own Chinese fonts (华文仿宋, 华文楷体, 黑体-简, 宋体-简).
 */
export const FALLBACK_FONTS: Readonly<Record<string, string>> = {
  仿宋_GB2312: '仿宋',
  楷体_GB2312: '楷体',
  方正小标宋简体: '宋体',
  方正小标宋_GBK: '宋体',
  仿宋: 'FangSong',
  楷体: 'KaiTi',
  黑体: 'SimHei',
  宋体: 'SimSun',
};

/** `standard`: odd pages right, even pages left, 空一字 (GB/T 9704 7.5); `center`: every page centred. */
export type PageNumberPlacement = 'standard' | 'center';

export interface ExportOptions {
  readonly pageNumbers: PageNumberPlacement;
  /** Level-3 headings (`1.`) in bold: common practice, not the standard. */
  readonly boldLevel3: boolean;
  /** Fonts the writer chose for some roles; the others keep the standard's. */
  readonly fonts: Partial<Record<FontRole, string>>;
  /** Markdown drafts: list marks and `**` are markup, never printed. */
  readonly markdown: boolean;
}

export const DEFAULT_EXPORT_OPTIONS: ExportOptions = { pageNumbers: 'standard', boldLevel3: true, fonts: {}, markdown: false };

/** The font of each role: the writer's choice where it names a font, the standard's otherwise. */
export function resolveFonts(overrides: Partial<Record<FontRole, string>> | undefined): Record<FontRole, string> {
  const fonts = { ...DEFAULT_FONTS };
  for (const role of FONT_ROLES) {
    const chosen = overrides?.[role];
    if (typeof chosen === 'string' && chosen.trim() !== '') fonts[role] = chosen.trim();
  }
  return fonts;
}

/** Options from loosely typed input (settings, CLI flags): anything unknown falls back to the default. */
export function exportOptionsFrom(input: { pageNumbers?: unknown; boldLevel3?: unknown; fonts?: unknown; markdown?: unknown }): ExportOptions {
  const fonts: Partial<Record<FontRole, string>> = {};
  if (input.fonts && typeof input.fonts === 'object') {
    for (const [role, font] of Object.entries(input.fonts)) {
      if ((FONT_ROLES as readonly string[]).includes(role) && typeof font === 'string') fonts[role as FontRole] = font;
    }
  }
  return {
    pageNumbers: input.pageNumbers === 'center' ? 'center' : 'standard',
    boldLevel3: typeof input.boldLevel3 === 'boolean' ? input.boldLevel3 : DEFAULT_EXPORT_OPTIONS.boldLevel3,
    fonts,
    markdown: input.markdown === true,
  };
}
