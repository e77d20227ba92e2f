import { html } from './html.js';

/** Small pieces of the public pages shared by several capabilities. */

/** The site-wide search box (keywords, 文号 or 索引号), optionally limited to one agency. */
export function siteSearch(agency?: { code: string; name: string }) {
  return html`<form class="site-search" method="get" action="/search" role="search" aria-label="${agency ? `检索${agency.name}公开的信息` : '检索政府信息'}">
${agency ? html`<input type="hidden" name="agency" value="${agency.code}">` : ''}
<label class="visually-hidden" for="site-q">关键词、文号或索引号</label>
<input id="site-q" name="q" type="search" maxlength="100" placeholder="关键词、文号或索引号">
<button type="submit">检索</button></form>`;
}

/**
 * 打印: a button that opens the browser's print dialog (the page has print styles). It needs the one-line
 * /assets/print.js, so it is hidden until that script shows it; without JavaScript the hint says how to print.
 */
export const printButton = () =>
  html`<p class="actions no-print"><button type="button" class="secondary" data-print hidden>打印</button> <span class="muted">也可使用浏览器的“打印”功能（Ctrl+P）打印本页，页面已为打印排版。</span></p>
<script src="/assets/print.js" defer></script>`;
