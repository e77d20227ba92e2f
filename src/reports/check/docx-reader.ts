/**
 * Word .docx into lines: word/document.xml's body paragraphs become flow lines, table rows become row lines.
 * Vertically merged continuation cells (w:vMerge without "restart") are skipped, as they print nothing; a cell
 * holding a nested table is read through as further rows.
 */

import { InflateLimitError, readZipEntry, zipEntries } from '../../platform/documents/inflate.js';
import { parseDocument } from 'htmlparser2';
import { ReportReadError } from './errors.js';
import type { Cell, DocLine, ExtractedDocument } from './document.js';

type ChildNode = ReturnType<typeof parseDocument>['children'][number];
type Element = Extract<ChildNode, { name: string; children: unknown[] }>;

// A real report's document.xml is 0.1–2 MB (images are separate entries).
const MAX_XML_BYTES = 16 * 1024 * 1024;

function isElement(n: ChildNode): n is Element {
  return n.type === 'tag';
}

function kids(el: Element, name?: string): Element[] {
  return el.children.filter((c): c is Element => isElement(c) && (name === undefined || c.name === name));
}

/** The text of a paragraph (or any run container): w:t, tabs and breaks; deleted text (w:delText) is not w:t. */
function runText(node: ChildNode): string {
  if (!isElement(node)) return '';
  switch (node.name) {
    case 'w:t':
      return node.children.map((c) => (c.type === 'text' ? c.data : '')).join('');
    case 'w:tab':
      return '\t';
    case 'w:br':
    case 'w:cr':
      return '\n';
    case 'w:instrText':
    case 'w:fldChar':
    case 'w:rPr':
    case 'w:pPr':
      return '';
    default:
      return node.children.map(runText).join('');
  }
}

function isVMergeContinuation(tc: Element): boolean {
  const pr = kids(tc, 'w:tcPr')[0];
  if (!pr) return false;
  const vm = kids(pr, 'w:vMerge')[0];
  if (!vm) return false;
  const val = vm.attribs['w:val'];
  return val === undefined || val === 'continue';
}

function readBlocks(container: Element, lines: DocLine[]): void {
  for (const node of kids(container)) {
    if (node.name === 'w:p') {
      for (const part of runText(node).split('\n')) {
        const t = part.replace(/\t/g, '  ').trim();
        if (t) lines.push({ kind: 'flow', cells: [{ text: t }] });
      }
    } else if (node.name === 'w:tbl') {
      readTable(node, lines);
    } else if (node.name === 'w:sdt' || node.name === 'w:sdtContent' || node.name === 'w:customXml' || node.name === 'w:ins' || node.name === 'w:smartTag') {
      readBlocks(node, lines);
    }
  }
}

function readTable(tbl: Element, lines: DocLine[]): void {
  const rows: Element[] = [];
  const collect = (el: Element) => {
    for (const c of kids(el)) {
      if (c.name === 'w:tr') rows.push(c);
      else if (c.name === 'w:sdt' || c.name === 'w:sdtContent' || c.name === 'w:customXml') collect(c);
    }
  };
  collect(tbl);
  for (const tr of rows) {
    const cells: Cell[] = [];
    const tcs: Element[] = [];
    const collectCells = (el: Element) => {
      for (const c of kids(el)) {
        if (c.name === 'w:tc') tcs.push(c);
        else if (c.name === 'w:sdt' || c.name === 'w:sdtContent' || c.name === 'w:customXml') collectCells(c);
      }
    };
    collectCells(tr);
    const nested: Element[] = [];
    for (const tc of tcs) {
      if (isVMergeContinuation(tc)) continue;
      const inner = kids(tc, 'w:tbl');
      if (inner.length) nested.push(...inner);
      const text = kids(tc, 'w:p')
        .map((p) =>
          runText(p)
            .replace(/[\t\n]/g, ' ')
            .trim(),
        )
        .join('');
      cells.push({ text });
    }
    if (cells.length) lines.push({ kind: 'row', cells });
    for (const t of nested) readTable(t, lines);
  }
}

const TOO_LARGE = 'Word文档解压后内容过大（可能是“压缩炸弹”），超过检查上限，未读取。';

/** Read a .docx (already known to be a zip). Entries are inflated with a limit on the bytes actually produced. */
export async function readDocx(bytes: Uint8Array): Promise<ExtractedDocument> {
  let names: Set<string>;
  try {
    names = new Set(zipEntries(bytes).map((e) => e.name));
  } catch {
    throw new ReportReadError('corrupt', '文件损坏，无法作为Word（.docx）文件打开。');
  }
  const read = (name: string, max: number): string | null => {
    try {
      return readZipEntry(bytes, name, max)?.toString('utf8') ?? null;
    } catch (err) {
      if (err instanceof InflateLimitError) throw new ReportReadError('too-large', TOO_LARGE);
      throw new ReportReadError('corrupt', '文件损坏，无法作为Word（.docx）文件打开。');
    }
  };
  if (!names.has('word/document.xml')) {
    if (names.has('xl/workbook.xml'))
      throw new ReportReadError('unsupported', '这是Excel表格文件，不是年度报告文档，请提供Word、PDF、网页或文本格式的年度报告。');
    if (names.has('ppt/presentation.xml')) throw new ReportReadError('unsupported', '这是PowerPoint演示文稿，不是年度报告文档。');
    throw new ReportReadError('unsupported', '这是一个压缩文件，但不是Word（.docx）文档，无法读取。');
  }
  const xml = read('word/document.xml', MAX_XML_BYTES)!;
  const dom = parseDocument(xml, { xmlMode: true });
  const find = (nodes: ChildNode[], name: string): Element | undefined => {
    for (const n of nodes) {
      if (!isElement(n)) continue;
      if (n.name === name) return n;
      const hit = find(n.children, name);
      if (hit) return hit;
    }
    return undefined;
  };
  const body = find(dom.children, 'w:body');
  const lines: DocLine[] = [];
  if (body) readBlocks(body, lines);
  let title: string | undefined;
  const core = names.has('docProps/core.xml') ? read('docProps/core.xml', 1024 * 1024) : null;
  if (core) {
    const m = core.match(/<dc:title>([^<]*)<\/dc:title>/);
    if (m && m[1]!.trim()) title = m[1]!.trim();
  }
  return { source: 'docx', lines, title };
}
