/**
 * Keeps typed-in or pasted markup inert before it enters the console's live editing area: scripts, frames,
 * event handlers and javascript:/data: links are removed. The server sanitises again whatever is saved; this
 * only stops markup from running (or tripping the CSP) inside the staff console while it is being edited.
 */

const DROP = 'script,style,iframe,frame,frameset,object,embed,link,meta,base,form,noscript,template';
const URL_ATTR = /^(href|src|action|formaction|xlink:href|srcdoc)$/i;
const BAD_URL = /^\s*(javascript|vbscript|data):/i;

/** `parser` defaults to the browser's DOMParser (tests pass happy-dom's). */
export function inertHtml(htmlText: string, parser: { parseFromString(s: string, type: 'text/html'): Document } = new DOMParser()): string {
  // Handlers are cut from the text first: Chromium reports (and blocks) them under the CSP even while parsing inert.
  const text = htmlText.replace(/\s(on[a-z]+)\s*=\s*("[^"]*"|'[^']*'|[^\s>]+)/gi, '');
  const doc = parser.parseFromString(text, 'text/html');
  doc.querySelectorAll(DROP).forEach((n) => n.remove());
  doc.body.querySelectorAll('*').forEach((n) => {
    for (const a of [...n.attributes]) {
      if (/^on/i.test(a.name) || (URL_ATTR.test(a.name) && (a.name.toLowerCase() === 'srcdoc' || BAD_URL.test(a.value)))) n.removeAttribute(a.name);
    }
  });
  return doc.body.innerHTML;
}

/** Word and WPS paste: keep the structure (paragraphs, lists, tables, links), drop classes, styles and Office tags. */
export function cleanPastedHtml(htmlText: string, parser: { parseFromString(s: string, type: 'text/html'): Document } = new DOMParser()): string {
  const doc = parser.parseFromString(inertHtml(htmlText, parser), 'text/html');
  doc.body.querySelectorAll('*').forEach((n) => {
    if (n.tagName.includes(':')) {
      n.replaceWith(...n.childNodes);
      return;
    }
    for (const a of [...n.attributes]) if (!['href', 'colspan', 'rowspan'].includes(a.name.toLowerCase())) n.removeAttribute(a.name);
  });
  return doc.body.innerHTML;
}
