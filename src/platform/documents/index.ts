/** Official documents (公文): the model, the GB/T 9704 Word renderer, HTML preview, plain text, archiving. */
export * from './model.js';
export { FONTS, FONT_SIZE_PT, GBT9704, mmToTwips } from './layout.js';
export { renderDocx, DOCX_MEDIA_TYPE, type DocxOptions } from './docx.js';
export { renderHtml, escapeHtml, OFFICIAL_DOC_CSS, type HtmlOptions } from './html.js';
export { renderText } from './text.js';
export { sha256Hex, archiveDocx, verifySha256, type ArchivedFile } from './archive.js';
