/** Plain-text rendering of an OfficialDoc: for SMS/e-mail bodies, search indexing and quick diffs. */
import { assertOfficialDoc, charWidth, formatChineseDate, headingTexts, layoutTable, recipientLine, type OfficialDoc, type TableBlock } from './model.js';

/** A full-width space: the paragraph indent is two of them (左空二字). */
const IDEOGRAPHIC_SPACE = '\u3000';
const INDENT = IDEOGRAPHIC_SPACE.repeat(2);
/** Line width in characters of the printed page (28 a line). */
const LINE = 28;

function pad(text: string, width: number): string {
  return text + ' '.repeat(Math.max(0, Math.round((width - charWidth(text)) * 2)));
}

function centre(text: string): string {
  const gap = Math.max(0, Math.floor((LINE - charWidth(text)) / 2));
  return IDEOGRAPHIC_SPACE.repeat(gap) + text;
}

function right(text: string, rightSpace: number): string {
  const gap = Math.max(0, Math.floor(LINE - rightSpace - charWidth(text)));
  return IDEOGRAPHIC_SPACE.repeat(gap) + text;
}

function tableText(t: TableBlock): string[] {
  const { grid, headerRows, columns } = layoutTable(t);
  const widths = Array.from({ length: columns }, (_, c) => Math.max(...grid.map((r) => charWidth(r[c].replace(/\n/g, ' ')))));
  const row = (r: string[]) => `| ${r.map((cell, c) => pad(cell.replace(/\n/g, ' '), widths[c])).join(' | ')} |`;
  const rule = `|${widths.map((w) => '-'.repeat(Math.round(w * 2) + 2)).join('|')}|`;
  const out = grid.map(row);
  if (headerRows > 0) out.splice(headerRows, 0, rule);
  return out;
}

/** Renders the document as plain text, paragraphs separated by line breaks and indented 两个全角空格. */
export function renderText(doc: OfficialDoc): string {
  assertOfficialDoc(doc);
  const out: string[] = [centre(doc.issuer)];
  if (doc.docNumber) out.push(centre(doc.docNumber));
  out.push(
    '',
    ...doc.title
      .split('\n')
      .map((l) => centre(l.trim()))
      .filter((l) => l.trim()),
    '',
  );
  if (doc.recipient?.trim()) out.push(recipientLine(doc.recipient));
  const headings = headingTexts(doc.blocks);
  doc.blocks.forEach((b, i) => {
    switch (b.type) {
      case 'heading':
        out.push(INDENT + (headings[i] ?? b.text));
        break;
      case 'paragraph':
        if (b.align === 'center') out.push(...b.text.split('\n').map(centre));
        else if (b.align === 'right') out.push(...b.text.split('\n').map((l) => right(l, 0)));
        else out.push(...b.text.split('\n').map((l, k) => (k === 0 && !b.noIndent ? INDENT + l : l)));
        break;
      case 'list':
        b.items.forEach((it, k) => out.push(`${INDENT}${b.ordered ? `${k + 1}.` : '· '}${it}`));
        break;
      case 'table':
        out.push(...tableText(b));
        break;
    }
  });
  if (doc.attachments?.length) {
    const numbered = doc.attachments.length > 1;
    out.push('');
    doc.attachments.forEach((a, k) => {
      const label = `${numbered ? `${k + 1}.` : ''}${a}`;
      out.push(k === 0 ? `${INDENT}附件：${label}` : `${IDEOGRAPHIC_SPACE.repeat(5)}${label}`);
    });
  }
  if (doc.signature) {
    out.push('');
    if (doc.seal) out.push(right('（印章）', 4));
    out.push(right(doc.signature.agency, doc.seal ? 4 : 2), right(formatChineseDate(doc.signature.date), doc.seal ? 4 : 2));
  }
  if (doc.note?.trim()) out.push(`${INDENT}（${doc.note.trim()}）`);
  if (doc.cc?.length) out.push('', `抄送：${doc.cc.join('，')}。`);
  return out.join('\n') + '\n';
}
