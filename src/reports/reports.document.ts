import type { Block, OfficialDoc, TableBlock, TableCell } from '../platform/documents/index.js';
import {
  APPEAL_COLUMNS,
  APPEAL_GROUPS,
  APPLICANT_COLUMNS,
  CHAPTERS,
  OUTCOME_GROUP_HEADINGS,
  REQUESTS_IDENTITY_NOTE,
  RESULTS_HEADING,
  proactiveBlocks,
  requestRows,
  type CellValue,
  type Report,
} from '../rules/report/index.js';
import type { OutcomeGroup } from '../rules/outcomes.js';
import type { ReportChapter } from './reports.api.js';

/**
 * The annual report as an official document (公文 model of src/platform/documents): the title, the six
 * chapters with their text, and tables 2–4 in the official layouts of the report's format, merged cells
 * included. The same model feeds the .docx (GB/T 9704 layout), the HTML preview and the plain text.
 */

export type { ReportChapter };

export interface ReportDocumentInput {
  report: Report;
  /** Optional introduction printed before chapter 一. */
  preamble?: string;
  chapters: ReportChapter[];
  /** 成文日期, YYYY-MM-DD. */
  signedDate: string;
  /** A correction note (更正说明) shown at the top of corrected versions. */
  correctionNote?: string | null;
  version?: number;
}

export const reportTitle = (agency: string, year: number) => `${agency}${year}年政府信息公开工作年度报告`;

const cellText = (v: CellValue | undefined): string =>
  v === null || v === undefined ? '' : Number.isInteger(v) ? String(v) : String(Math.round(v * 10000) / 10000);

const SUBHEADING = /^（[一二三四五六七八九十]+）\S/;

/** Paragraph blocks of a chapter's text: lines starting 「（一）」 become second-level headings. */
export function textBlocks(text: string): Block[] {
  const blocks: Block[] = [];
  for (const raw of text.split(/\r?\n/)) {
    const line = raw.trim();
    if (!line) continue;
    if (SUBHEADING.test(line) && line.length <= 40 && !/[。；]$/.test(line)) blocks.push({ type: 'heading', level: 2, text: line, numbered: false });
    else blocks.push({ type: 'paragraph', text: line });
  }
  return blocks;
}

/** Table 2 — 主动公开政府信息情况, block by block on a 4-column grid. */
export function proactiveTableBlock(report: Report): TableBlock {
  const rows: TableCell[][] = [];
  const p = report.tables.proactive as unknown as Record<string, Record<string, CellValue>>;
  for (const block of proactiveBlocks(report.format)) {
    rows.push([{ text: block.article, colSpan: 4, align: 'left' }]);
    const spanLast = (cells: string[]): TableCell[] => {
      const out: TableCell[] = cells.map((t) => ({ text: t, align: 'center' as const }));
      const last = out[out.length - 1] as { text: string; colSpan?: number };
      last.colSpan = 4 - cells.length;
      return out;
    };
    rows.push([{ text: '信息内容', align: 'center' }, ...spanLast(block.columns.map((c) => c.label))]);
    for (const r of block.rows) rows.push([{ text: r.label, align: 'left' }, ...spanLast(block.columns.map((c) => cellText(p[r.key]?.[c.key])))]);
  }
  return { type: 'table', rows, widths: [4, 3, 3, 3] };
}

/** Table 3 — 收到和处理政府信息公开申请情况: 3 label columns and the 7 applicant columns. */
export function requestsTableBlock(report: Report): TableBlock {
  const t = report.tables.requests as unknown as Record<string, Record<string, CellValue>>;
  const nums = (key: string): TableCell[] => APPLICANT_COLUMNS.map((c) => ({ text: cellText(t[key]?.[c.key]), align: 'center' as const }));
  const header: TableCell[][] = [
    [
      { text: REQUESTS_IDENTITY_NOTE, colSpan: 3, rowSpan: 3, align: 'left' },
      { text: '申请人情况', colSpan: 7, align: 'center' },
    ],
    [
      { text: '自然人', rowSpan: 2, align: 'center' },
      { text: '法人或其他组织', colSpan: 5, align: 'center' },
      { text: '总计', rowSpan: 2, align: 'center' },
    ],
    APPLICANT_COLUMNS.filter((c) => c.organization).map((c) => ({ text: c.label, align: 'center' as const })),
  ];
  const defs = requestRows(report.format);
  const resultDefs = defs.filter((d) => d.kind === 'outcome' || d.kind === 'total');
  const rows: TableCell[][] = [];
  const groupSize = (g: OutcomeGroup | undefined) => resultDefs.filter((d) => d.kind === 'outcome' && d.group === g).length;
  const seenGroups = new Set<string>();
  let first = true;
  for (const d of defs) {
    if (d.kind === 'input' || d.kind === 'output') {
      rows.push([{ text: `${d.number}${d.label}`, colSpan: 3, align: 'left' }, ...nums(d.key)]);
      continue;
    }
    const row: TableCell[] = [];
    if (first) {
      row.push({ text: RESULTS_HEADING, rowSpan: resultDefs.length, align: 'center' });
      first = false;
    }
    if (d.kind === 'total') {
      row.push({ text: `${d.number}${d.label}`, colSpan: 2, align: 'left' });
    } else {
      const size = groupSize(d.group);
      if (size === 1) {
        const heading = d.key === 'other' ? '（六）其他处理' : OUTCOME_GROUP_HEADINGS[d.group!];
        row.push({ text: heading, colSpan: 2, align: 'left' });
      } else {
        if (!seenGroups.has(d.group!)) {
          seenGroups.add(d.group!);
          row.push({ text: OUTCOME_GROUP_HEADINGS[d.group!], rowSpan: size, align: 'center' });
        }
        row.push({ text: `${d.number.replace(/^（[一二三四五六七]）/, '')}${d.label}`, align: 'left' });
      }
    }
    rows.push([...row, ...nums(d.key)]);
  }
  return { type: 'table', header, rows, widths: [2, 2, 5, 1.3, 1.3, 1.3, 1.3, 1.3, 1.3, 1.3] };
}

/** Table 4 — 政府信息公开行政复议、行政诉讼情况: one row of 15 figures. */
export function appealsTableBlock(report: Report): TableBlock {
  const labels = APPEAL_COLUMNS.map((c) => ({ text: c.label, align: 'center' as const }));
  const [reconsideration, direct, after] = APPEAL_GROUPS;
  const header: TableCell[][] = [
    [
      { text: '行政复议', colSpan: 5, align: 'center' },
      { text: '行政诉讼', colSpan: 10, align: 'center' },
    ],
    [...labels.map((l) => ({ ...l, rowSpan: 2 })), { text: direct!.label, colSpan: 5, align: 'center' }, { text: after!.label, colSpan: 5, align: 'center' }],
    [...labels, ...labels],
  ];
  const a = report.tables.appeals;
  const row: TableCell[] = [reconsideration!, direct!, after!].flatMap((g) =>
    APPEAL_COLUMNS.map((c) => ({ text: cellText(a[g.key]?.[c.key]), align: 'center' as const })),
  );
  return { type: 'table', header, rows: [row] };
}

/** The official document of an annual report: chapters in order, each table after its chapter's text. */
export function reportDocument(input: ReportDocumentInput): OfficialDoc {
  const { report } = input;
  const blocks: Block[] = [];
  if (input.correctionNote?.trim()) {
    blocks.push({ type: 'paragraph', text: `更正说明（第${input.version ?? ''}版）：${input.correctionNote.trim()}` });
  }
  if (input.preamble?.trim()) blocks.push(...textBlocks(input.preamble));
  const byKey = new Map(input.chapters.map((c) => [c.key, c]));
  for (const def of CHAPTERS) {
    const c = byKey.get(def.key);
    blocks.push({ type: 'heading', level: 1, text: def.title, numbered: false });
    if (c?.text.trim()) blocks.push(...textBlocks(c.text));
    if (def.key === 'proactive') blocks.push(proactiveTableBlock(report));
    if (def.key === 'requests') blocks.push(requestsTableBlock(report));
    if (def.key === 'appeals') blocks.push(appealsTableBlock(report));
  }
  return {
    issuer: report.agency,
    title: reportTitle(report.agency, report.year),
    blocks,
    signature: { agency: report.agency, date: input.signedDate },
  };
}
