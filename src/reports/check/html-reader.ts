/**
 * HTML into lines: paragraphs become flow lines, rows of data tables become row lines (one cell per th/td).
 * Government sites often lay out whole pages with tables; a table that contains another table is treated as layout
 * and walked through, so only innermost tables are read as data.
 */

import { parseDocument } from 'htmlparser2';
import type { Cell, DocLine, ExtractedDocument } from './document.js';

const SKIP = new Set(['script', 'style', 'noscript', 'template', 'svg', 'iframe', 'object', 'select', 'option', 'button']);
const BLOCK = new Set([
  'p',
  'div',
  'section',
  'article',
  'main',
  'header',
  'footer',
  'aside',
  'nav',
  'h1',
  'h2',
  'h3',
  'h4',
  'h5',
  'h6',
  'li',
  'ul',
  'ol',
  'dl',
  'dt',
  'dd',
  'blockquote',
  'center',
  'form',
  'fieldset',
  'figure',
  'figcaption',
  'address',
  'table',
  'tr',
  'td',
  'th',
  'tbody',
  'thead',
  'tfoot',
  'caption',
  'hr',
  'body',
  'html',
]);

type ChildNode = ReturnType<typeof parseDocument>['children'][number];
type Element = Extract<ChildNode, { name: string; children: unknown[] }>;

function isElement(n: ChildNode): n is Element {
  return n.type === 'tag' || n.type === 'script' || n.type === 'style';
}

function hasDescendant(el: Element, name: string): boolean {
  for (const c of el.children) {
    if (!isElement(c)) continue;
    if (c.name === name || hasDescendant(c, name)) return true;
  }
  return false;
}

/** Text of an element with block boundaries joined without a space (Chinese wraps inside cells). */
function textOf(node: ChildNode, sep: string): string {
  if (node.type === 'text') return node.data;
  if (!isElement(node) || SKIP.has(node.name)) return '';
  if (node.name === 'br') return sep;
  const inner = node.children.map((c) => textOf(c, sep)).join('');
  return BLOCK.has(node.name) ? `${inner}${sep}` : inner;
}

function rowsOf(table: Element): Element[] {
  const rows: Element[] = [];
  const walk = (el: Element) => {
    for (const c of el.children) {
      if (!isElement(c)) continue;
      if (c.name === 'tr') rows.push(c);
      else if (c.name === 'thead' || c.name === 'tbody' || c.name === 'tfoot') walk(c);
    }
  };
  walk(table);
  return rows;
}

export function readHtml(html: string): ExtractedDocument {
  const dom = parseDocument(html, { decodeEntities: true, lowerCaseTags: true, lowerCaseAttributeNames: true });
  const lines: DocLine[] = [];
  let title: string | undefined;
  let buf = '';
  const flush = () => {
    for (const part of buf.split('\n')) {
      const t = part.replace(/[ \t\r\u00a0]+/g, ' ').trim();
      if (t) lines.push({ kind: 'flow', cells: [{ text: t }] });
    }
    buf = '';
  };
  const walk = (node: ChildNode) => {
    if (node.type === 'text') {
      buf += node.data;
      return;
    }
    if (!isElement(node)) return;
    if (node.name === 'title' && !title) {
      title = textOf(node, '').trim();
      return;
    }
    if (SKIP.has(node.name)) return;
    if (node.name === 'br') {
      buf += '\n';
      return;
    }
    if (node.name === 'pre') {
      flush();
      for (const l of textOf(node, '\n').split('\n')) if (l.trim()) lines.push({ kind: 'layout', cells: [{ text: l.trim() }] });
      return;
    }
    if (node.name === 'table' && !hasDescendant(node, 'table')) {
      flush();
      const caption = node.children.find((c): c is Element => isElement(c) && c.name === 'caption');
      if (caption) lines.push({ kind: 'flow', cells: [{ text: textOf(caption, '').trim() }] });
      for (const tr of rowsOf(node)) {
        const cells: Cell[] = [];
        for (const td of tr.children) {
          if (!isElement(td) || (td.name !== 'td' && td.name !== 'th')) continue;
          cells.push({
            text: textOf(td, '')
              .replace(/[\s\u00a0]+/g, ' ')
              .trim(),
          });
        }
        if (cells.length) lines.push({ kind: 'row', cells });
      }
      return;
    }
    const block = BLOCK.has(node.name);
    if (block) flush();
    for (const c of node.children) walk(c);
    if (block) flush();
  };
  for (const c of dom.children) walk(c);
  flush();
  return { source: 'html', lines, title };
}
