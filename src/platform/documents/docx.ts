/**
 * Word (.docx) rendering of an OfficialDoc in the GB/T 9704—2012 党政机关公文 layout, with docx@9.
 * The output is deterministic (same document → same bytes) so that an archived file can be verified by
 * its hash.
 */
import {
  AlignmentType,
  BorderStyle,
  Document,
  DocumentGridType,
  Footer,
  LineRuleType,
  Packer,
  PageNumber,
  Paragraph,
  Table,
  TableCell as DocxTableCell,
  TableLayoutType,
  TableRow,
  TextRun,
  VerticalAlignTable,
  WidthType,
  type IParagraphOptions,
} from 'docx';
import JSZip from 'jszip';
import { FONTS, FONT_SIZE_PT, GBT9704, type FontRole } from './layout.js';
import {
  assertOfficialDoc,
  charWidth,
  formatChineseDate,
  headingTexts,
  layoutTable,
  normalizeCell,
  recipientLine,
  type ListBlock,
  type OfficialDoc,
  type ParagraphBlock,
  type TableBlock,
} from './model.js';

export const DOCX_MEDIA_TYPE = 'application/vnd.openxmlformats-officedocument.wordprocessingml.document';

export interface DocxOptions {
  /**
   * Timestamp written into the package (docProps and zip entries). Defaults to the signature date (or
   * 2000-01-01), keeping the bytes stable across renders.
   */
  createdAt?: Date;
}

/** One 一字 of body text (三号) in twips. */
const CHAR = GBT9704.charWidth;

interface RunStyle {
  role?: FontRole;
  sizePt?: number;
  color?: string;
}

function run(text: string, style: RunStyle = {}): TextRun {
  const font = FONTS[style.role ?? 'body'].name;
  return new TextRun({
    text,
    font: { ascii: font, hAnsi: font, eastAsia: font, cs: font },
    size: Math.round((style.sizePt ?? FONT_SIZE_PT.san) * 2),
    color: style.color,
  });
}

/** Body-grid line spacing: exactly one line pitch (22 lines a page). */
const EXACT = { line: GBT9704.linePitch, lineRule: LineRuleType.EXACT, before: 0, after: 0 } as const;

function para(children: TextRun[], options: Omit<IParagraphOptions, 'children'> = {}): Paragraph {
  return new Paragraph({ spacing: EXACT, ...options, children });
}

function blankLines(n: number): Paragraph[] {
  return Array.from({ length: n }, () => para([]));
}

const ALIGN = {
  justify: AlignmentType.JUSTIFIED,
  left: AlignmentType.LEFT,
  center: AlignmentType.CENTER,
  right: AlignmentType.RIGHT,
} as const;

function paragraphBlock(b: ParagraphBlock): Paragraph {
  const align = b.align ?? 'justify';
  const indent = b.noIndent || align === 'center' || align === 'right' ? undefined : { firstLine: 2 * CHAR };
  return para([run(b.text)], { alignment: ALIGN[align], indent });
}

function headingBlock(level: 1 | 2 | 3 | 4, text: string): Paragraph {
  const role: FontRole = level === 1 ? 'heading1' : level === 2 ? 'heading2' : 'body';
  return para([run(text, { role })], { alignment: AlignmentType.JUSTIFIED, indent: { firstLine: 2 * CHAR }, keepNext: true });
}

function listBlock(b: ListBlock): Paragraph[] {
  return b.items.map((item, i) =>
    para([run(`${b.ordered ? `${i + 1}.` : '· '}${item}`)], { alignment: AlignmentType.JUSTIFIED, indent: { firstLine: 2 * CHAR } }),
  );
}

const THIN = { style: BorderStyle.SINGLE, size: 4, color: '000000' } as const;

function tableBlock(b: TableBlock): Table {
  const { columns } = layoutTable(b);
  const weights = b.widths ?? Array.from({ length: columns }, () => 1);
  const total = weights.reduce((s, w) => s + w, 0);
  const columnWidths = weights.map((w) => Math.floor((GBT9704.textWidth * w) / total));
  const cellSize = FONT_SIZE_PT.si;
  const makeRow = (cells: TableBlock['rows'][number], header: boolean) =>
    new TableRow({
      tableHeader: header,
      cantSplit: true,
      children: cells.map((raw) => {
        const cell = normalizeCell(raw);
        const align = cell.align ?? (header ? 'center' : 'left');
        return new DocxTableCell({
          columnSpan: cell.colSpan > 1 ? cell.colSpan : undefined,
          rowSpan: cell.rowSpan > 1 ? cell.rowSpan : undefined,
          verticalAlign: VerticalAlignTable.CENTER,
          children: cell.text.split('\n').map(
            (line) =>
              new Paragraph({
                alignment: ALIGN[align],
                spacing: { line: 360, lineRule: LineRuleType.AUTO, before: 0, after: 0 },
                children: [run(line, { role: header ? 'heading1' : 'body', sizePt: cellSize })],
              }),
          ),
        });
      }),
    });
  return new Table({
    width: { size: GBT9704.textWidth, type: WidthType.DXA },
    columnWidths,
    layout: TableLayoutType.FIXED,
    alignment: AlignmentType.CENTER,
    borders: { top: THIN, bottom: THIN, left: THIN, right: THIN, insideHorizontal: THIN, insideVertical: THIN },
    margins: { left: 80, right: 80, top: 40, bottom: 40 },
    rows: [...(b.header ?? []).map((r) => makeRow(r, true)), ...b.rows.map((r) => makeRow(r, false))],
  });
}

/** The 版头: issuer mark, 发文字号 and the red separator line (GB/T 9704—2012 7.2). */
function head(doc: OfficialDoc): Paragraph[] {
  const redLine = {
    bottom: { style: BorderStyle.SINGLE, size: 12, color: GBT9704.red, space: GBT9704.separatorGapPt },
  } as const;
  // 小初 by default; shrink long names so the mark stays on one line of the 156 mm type area.
  const widthPt = GBT9704.textWidth / 20;
  const sizePt = Math.min(FONT_SIZE_PT.xiaochu, Math.floor(widthPt / Math.max(charWidth(doc.issuer), 1)));
  const out = [
    new Paragraph({
      alignment: AlignmentType.CENTER,
      spacing: { before: GBT9704.issuerSpaceBefore, after: 0, line: 240, lineRule: LineRuleType.AUTO },
      border: doc.docNumber ? undefined : redLine,
      children: [run(doc.issuer, { role: 'title', sizePt, color: GBT9704.red })],
    }),
  ];
  if (doc.docNumber) {
    out.push(...blankLines(2));
    out.push(para([run(doc.docNumber)], { alignment: AlignmentType.CENTER, border: redLine }));
  }
  return out;
}

function titleLines(doc: OfficialDoc): Paragraph[] {
  return doc.title
    .split('\n')
    .map((l) => l.trim())
    .filter(Boolean)
    .map((line) => para([run(line, { role: 'title', sizePt: FONT_SIZE_PT.er })], { alignment: AlignmentType.CENTER }));
}

/** 附件说明: 正文下空一行左空二字，「附件：1.……」, later items aligned under the first name. */
function attachments(list: readonly string[]): Paragraph[] {
  const numbered = list.length > 1;
  return [
    ...blankLines(1),
    ...list.map((name, i) => {
      const label = `${numbered ? `${i + 1}.` : ''}${name}`;
      return i === 0 ? para([run(`附件：${label}`)], { indent: { firstLine: 2 * CHAR } }) : para([run(label)], { indent: { left: 5 * CHAR } });
    }),
  ];
}

/**
 * Signature and date (GB/T 9704—2012 7.3.5). Sealed: the date 右空四字 with the agency centred over it.
 * Unsealed: the agency 右空二字 and the date one line below, starting two characters further right.
 */
function signature(doc: OfficialDoc): Paragraph[] {
  if (!doc.signature) return [];
  const agency = doc.signature.agency;
  const date = formatChineseDate(doc.signature.date);
  const la = charWidth(agency);
  const ld = charWidth(date);
  let agencyRight: number;
  let dateRight: number;
  if (doc.seal) {
    dateRight = 4;
    agencyRight = Math.max(0, 4 + (ld - la) / 2);
  } else {
    agencyRight = 2;
    dateRight = la - ld;
    if (dateRight < 2) {
      dateRight = 2;
      agencyRight = ld + 4 - la;
    }
  }
  const line = (text: string, right: number) => para([run(text)], { alignment: AlignmentType.RIGHT, indent: { right: Math.round(right * CHAR) } });
  return [...blankLines(doc.seal ? 2 : 1), line(agency, agencyRight), line(date, dateRight)];
}

/** 版记: 抄送 in 四号, between thick rules, 左右各空一字, continuation lines aligned after the colon. */
function copyTo(cc: readonly string[]): Paragraph[] {
  const one = FONT_SIZE_PT.si * 20;
  const thick = { style: BorderStyle.SINGLE, size: 8, color: '000000', space: 4 } as const;
  return [
    ...blankLines(1),
    new Paragraph({
      spacing: EXACT,
      indent: { left: 4 * one, hanging: 3 * one, right: one },
      border: { top: thick, bottom: thick },
      children: [run(`抄送：${cc.join('，')}。`, { sizePt: FONT_SIZE_PT.si })],
    }),
  ];
}

function pageNumberFooter(side: 'odd' | 'even'): Footer {
  const one = FONT_SIZE_PT.si * 20;
  const style = { role: 'pageNumber' as const, sizePt: FONT_SIZE_PT.si };
  const font = FONTS.pageNumber.name;
  return new Footer({
    children: [
      new Paragraph({
        // 单页码居右空一字，双页码居左空一字
        alignment: side === 'odd' ? AlignmentType.RIGHT : AlignmentType.LEFT,
        indent: side === 'odd' ? { right: one } : { left: one },
        children: [
          run('— ', style),
          new TextRun({
            children: [PageNumber.CURRENT],
            font: { ascii: font, hAnsi: font, eastAsia: font, cs: font },
            size: FONT_SIZE_PT.si * 2,
          }),
          run(' —', style),
        ],
      }),
    ],
  });
}

function body(doc: OfficialDoc): (Paragraph | Table)[] {
  const headings = headingTexts(doc.blocks);
  const out: (Paragraph | Table)[] = [];
  doc.blocks.forEach((b, i) => {
    switch (b.type) {
      case 'heading':
        out.push(headingBlock(b.level, headings[i] ?? b.text));
        break;
      case 'paragraph':
        out.push(paragraphBlock(b));
        break;
      case 'list':
        out.push(...listBlock(b));
        break;
      case 'table':
        out.push(tableBlock(b));
        break;
    }
  });
  return out;
}

/** Which fallback font Word should substitute for each preferred font (w:altName in the font table). */
function fontTableXml(original: string): string {
  const entries = Object.values(FONTS)
    .filter((f, i, all) => all.findIndex((g) => g.name === f.name) === i)
    .filter((f) => !original.includes(`w:name="${f.name}"`))
    .map(
      (f) => `<w:font w:name="${f.name}"><w:altName w:val="${f.fallback}"/><w:charset w:val="86"/><w:family w:val="auto"/><w:pitch w:val="variable"/></w:font>`,
    )
    .join('');
  if (/<w:fonts[^>]*\/>/.test(original)) return original.replace(/<w:fonts([^>]*?)\/>/, `<w:fonts$1>${entries}</w:fonts>`);
  return original.replace('</w:fonts>', `${entries}</w:fonts>`);
}

/** Renders the document as a .docx file (GB/T 9704—2012 layout). */
export async function renderDocx(doc: OfficialDoc, options: DocxOptions = {}): Promise<Buffer> {
  assertOfficialDoc(doc);
  const children: (Paragraph | Table)[] = [...head(doc), ...blankLines(2), ...titleLines(doc)];
  if (doc.recipient?.trim()) {
    children.push(...blankLines(1), para([run(recipientLine(doc.recipient))], { alignment: AlignmentType.LEFT }));
  }
  children.push(...body(doc));
  if (doc.attachments?.length) children.push(...attachments(doc.attachments));
  children.push(...signature(doc));
  if (doc.note?.trim()) children.push(para([run(`（${doc.note.trim()}）`)], { indent: { firstLine: 2 * CHAR } }));
  if (doc.cc?.length) children.push(...copyTo(doc.cc));

  const bodyFont = FONTS.body.name;
  const document = new Document({
    title: doc.title.replace(/\n/g, ''),
    creator: doc.signature?.agency ?? doc.issuer,
    lastModifiedBy: doc.signature?.agency ?? doc.issuer,
    evenAndOddHeaderAndFooters: true,
    styles: {
      default: {
        document: {
          run: { font: { ascii: bodyFont, hAnsi: bodyFont, eastAsia: bodyFont, cs: bodyFont }, size: FONT_SIZE_PT.san * 2 },
        },
      },
    },
    sections: [
      {
        properties: {
          page: {
            size: { width: GBT9704.pageWidth, height: GBT9704.pageHeight },
            margin: {
              top: GBT9704.marginTop,
              bottom: GBT9704.marginBottom,
              left: GBT9704.marginLeft,
              right: GBT9704.marginRight,
              header: GBT9704.header,
              footer: GBT9704.footer,
            },
          },
          grid: { type: DocumentGridType.LINES, linePitch: GBT9704.linePitch },
        },
        footers: { default: pageNumberFooter('odd'), even: pageNumberFooter('even') },
        children,
      },
    ],
  });
  const raw = await Packer.toBuffer(document);
  return finishPackage(raw, options.createdAt ?? defaultTimestamp(doc));
}

function defaultTimestamp(doc: OfficialDoc): Date {
  return new Date(`${doc.signature?.date ?? '2000-01-01'}T00:00:00Z`);
}

/** Adds the font fallbacks and pins every timestamp so identical documents give identical bytes. */
async function finishPackage(raw: Buffer, at: Date): Promise<Buffer> {
  const zip = await JSZip.loadAsync(raw);
  const out = new JSZip();
  const stamp = at.toISOString().replace(/\.\d{3}Z$/, 'Z');
  for (const name of Object.keys(zip.files).sort()) {
    const entry = zip.files[name];
    if (entry.dir) continue;
    let content: string | Uint8Array = await entry.async('uint8array');
    if (name === 'word/fontTable.xml') content = fontTableXml(await entry.async('string'));
    if (name === 'docProps/core.xml') {
      content = (await entry.async('string')).replace(/(<dcterms:(created|modified)[^>]*>)[^<]*(<\/dcterms:\2>)/g, `$1${stamp}$3`);
    }
    out.file(name, content, { date: at, createFolders: false });
  }
  // entries in sorted order: '[Content_Types].xml' sorts first, as Office writes it
  return out.generateAsync({ type: 'nodebuffer', compression: 'DEFLATE', platform: 'DOS' });
}
