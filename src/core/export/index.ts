/** The Word export's public face: one call from draft text to .docx bytes, and the options it takes. */
export { exportDocx, type ExportResult } from './docx';
export { DEFAULT_EXPORT_OPTIONS, exportOptionsFrom, FONT_ROLES, type ExportOptions, type FontRole, type PageNumberPlacement } from './layout';
