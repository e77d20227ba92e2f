/** Rendering an annual report (HTML, plain text); the checker reads both back without error. */
export { renderReportHtml } from './html.js';
export { renderReportText, displayWidth } from './text.js';
export { requestsLayout, type RequestsLayoutRow } from './layout.js';
