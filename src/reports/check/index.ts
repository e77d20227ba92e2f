/** Reading and checking published annual reports (.txt, .md, .html, .docx, .pdf). */
export { checkReportBytes, checkReportText, checkDocument, type CheckOptions, type CheckResult } from './check.js';
export { ReportReadError, type ReadErrorCode } from './errors.js';
export { extractDocument, decodeText, DEFAULT_MAX_BYTES, type ExtractOptions } from './input.js';
export { extractProse } from './prose.js';
export type { ExtractedDocument, DocLine, Cell, SourceKind } from './document.js';
