/**
 * Reading tables 2, 3 and 4 out of a document's tokens.
 *
 * The tables are read as a stream: a row label (recognised by its distinctive words, tolerant of typos, spaces and
 * wrapping) opens a row, and the values that follow fill its columns. This works alike for real tables (row-major
 * cells), Word-extracted cell lines, and laid-out PDF text where a wrapped label's second line may come after the
 * numbers. Group headings （三）不予公开… and the vertical 「三、本年度办理结果」 are recognised and skipped. When a
 * laid-out row has fewer numbers than columns, the numbers are put in their columns by x position.
 */

import { formatForYear, OUTCOME_KEYS, type ReportFormat } from '../../rules/outcomes.js';
import { emptyAppealsTable, emptyProactiveTable } from '../../rules/report/build.js';
import { APPEAL_COLUMN_KEYS, APPEAL_GROUP_KEYS, APPLICANT_COLUMN_KEYS, OTHER_SUB_ROW_KEYS, proactiveBlocks } from '../../rules/report/format.js';
import type { AppealsTable, ApplicantColumn, CellValue, Finding, ProactiveTable, RequestRowKey, RequestsRow, RequestsTable } from '../../rules/report/types.js';
import { tokenizeLine, type ExtractedDocument, type Token } from './document.js';
import type { ChapterHeading } from './meta.js';
import { readAppeals, type AppealsRead } from './tables-appeals.js';
import { type MatchContext, matchRequestLabel } from './tables-labels.js';
import { readProactive, type ProactiveRead } from './tables-proactive.js';
import { readRequests, type RequestsRead } from './tables-requests.js';

// ---------------------------------------------------------------------------------------------------------------

export interface TablesRead {
  tokens: Token[];
  /** Whether the chapter headings of tables 3 and 4 were found (then a table not read is the reader's failure). */
  headed?: { requests: boolean; appeals: boolean };
  proactive: ProactiveRead;
  requests: RequestsRead;
  appeals: AppealsRead;
}

function firstTokenAtOrAfter(tokens: Token[], line: number): number {
  const i = tokens.findIndex((t) => t.line >= line);
  return i < 0 ? tokens.length : i;
}

/** Find and read the three tables. */
export function readTables(doc: ExtractedDocument, chapters: ChapterHeading[]): TablesRead {
  const tokens = doc.lines.flatMap((l, i) => tokenizeLine(l, i));
  const at = (key: ChapterHeading['key']) => chapters.find((c) => c.key === key)?.line;
  const h2 = at('proactive');
  const h3 = at('requests');
  const h4 = at('appeals');
  const h5 = at('problems') ?? at('other');

  // Table 3 starts at its first row label (after the chapter-3 heading when there is one).
  const from3 = h3 !== undefined ? firstTokenAtOrAfter(tokens, h3) : 0;
  const ctx0: MatchContext = { sawOutcome: false, sawOtherSub: false, has: () => false, nextIsValue: true };
  let start3 = -1;
  for (let i = from3; i < tokens.length; i++) {
    const t = tokens[i]!;
    if (t.kind === 'text' && matchRequestLabel(t.text, ctx0) === 'new' && tokens.slice(i + 1, i + 12).some((x) => x.kind !== 'text')) {
      start3 = i;
      break;
    }
  }
  if (start3 < 0 && from3 > 0) {
    for (let i = 0; i < tokens.length; i++) {
      const t = tokens[i]!;
      if (t.kind === 'text' && matchRequestLabel(t.text, ctx0) === 'new' && tokens.slice(i + 1, i + 12).some((x) => x.kind !== 'text')) {
        start3 = i;
        break;
      }
    }
  }
  const stop3 =
    h4 !== undefined && start3 >= 0 && h4 > tokens[start3]!.line ? h4 : h5 !== undefined && start3 >= 0 && h5 > tokens[start3]!.line ? h5 : Infinity;
  const requests: RequestsRead =
    start3 >= 0 ? readRequests(tokens, start3, stop3) : { found: false, rows: new Map(), otherSubRows: false, firstLine: -1, lastLine: -1, notes: [] };

  // Table 2: from the chapter-2 heading (or the top) to table 3.
  const from2 = h2 !== undefined ? firstTokenAtOrAfter(tokens, h2) : 0;
  const to2 = start3 >= 0 ? start3 : h3 !== undefined ? firstTokenAtOrAfter(tokens, h3) : h4 !== undefined ? firstTokenAtOrAfter(tokens, h4) : tokens.length;
  let from2b = from2;
  if (h2 === undefined) {
    const j = tokens.findIndex((t, i) => i < to2 && t.kind === 'text' && /第二十条/.test(t.text));
    from2b = j < 0 ? to2 : j;
  }
  const proactive = readProactive(tokens, from2b, Math.max(from2b, to2));

  // Table 4: from the chapter-4 heading (or after table 3) to chapter 5.
  let from4 = h4 !== undefined ? firstTokenAtOrAfter(tokens, h4) : -1;
  if (from4 < 0) {
    const after = requests.found ? firstTokenAtOrAfter(tokens, requests.lastLine + 1) : 0;
    const j = tokens.findIndex((t, i) => i >= after && t.kind === 'text' && /行政复议/.test(t.text));
    from4 = j;
  }
  let appeals: AppealsRead = { found: false, values: null, count: 0, firstLine: -1, lastLine: -1 };
  if (from4 >= 0) {
    const startLine = tokens[from4]?.line ?? 0;
    const endLine = h5 !== undefined && h5 > startLine ? h5 : (chapters.find((c) => c.line > startLine && c.key !== 'appeals')?.line ?? Infinity);
    const to4 = endLine === Infinity ? tokens.length : firstTokenAtOrAfter(tokens, endLine);
    appeals = readAppeals(doc, tokens, from4, to4);
  }
  return { tokens, proactive, requests, appeals, headed: { requests: h3 !== undefined, appeals: h4 !== undefined } };
}

// ---------------------------------------------------------------------------------------------------------------
// Assembling the report tables

export interface AssembledTables {
  format: ReportFormat;
  proactive: ProactiveTable;
  requests: RequestsTable;
  appeals: AppealsTable;
  /** Paths the reader could not find (for validateReport's `absent`). */
  absent: string[];
  findings: Finding[];
}

function nullRow(): RequestsRow {
  return { natural_person: null, business: null, research: null, nonprofit: null, legal_service: null, other: null, total: null };
}

function toRow(values: CellValue[]): RequestsRow {
  const r = nullRow();
  APPLICANT_COLUMN_KEYS.forEach((c: ApplicantColumn, i) => (r[c] = values[i] ?? null));
  return r;
}

const UNRELIABLE_REASON: Record<NonNullable<RequestsRead['unreliable']>, string> = {
  none: '按表中的勾稽关系（各类申请人相加等于总计、各项办理结果相加等于（七）总计、新收加结转等于总计加结转下年度）找不到一种分法能使全部关系成立',
  several: '按表中的勾稽关系有不止一种分法都能成立',
  'too-many': '可能的分法太多',
};

/** Turn what was read into report-data.md tables for the judged format, listing what is missing. */
export function assembleTables(input: TablesRead, year: number | null): AssembledTables {
  let read = input;
  const findings: Finding[] = [...read.requests.notes];
  const absent: string[] = [];
  const format: ReportFormat =
    read.proactive.format ??
    (read.requests.found ? (read.requests.otherSubRows ? '2021' : year !== null ? formatForYear(year) : '2019') : year !== null ? formatForYear(year) : '2021');

  // Table 3
  const requests: Partial<Record<RequestRowKey, RequestsRow>> = {};
  if (read.requests.found && read.requests.unreliable) {
    absent.push('requests');
    findings.splice(0, findings.length);
    findings.push({
      rule: 'unreadable',
      severity: 'warning',
      message: `表三“收到和处理政府信息公开申请情况”的数字连在一起，单元格之间没有分隔，${UNRELIABLE_REASON[read.requests.unreliable]}，无法可靠地读出每个单元格，未核对该表；请用原PDF、Word或网页文件检查。`,
      expected: '表三',
      actual: null,
      where: 'requests',
    });
    read = { ...read, requests: { ...read.requests, rows: new Map(), otherSubRows: false, scrambled: true } };
  } else if (read.requests.found && read.requests.scrambled) {
    absent.push('requests');
    findings.push({
      rule: 'unreadable',
      severity: 'warning',
      message:
        '表三“收到和处理政府信息公开申请情况”的行名和数字顺序错乱（文字可能是按列而不是按行导出的），无法可靠地对应，未核对该表；请用原PDF、Word或网页文件检查。',
      expected: '表三',
      actual: null,
      where: 'requests',
    });
    read = { ...read, requests: { ...read.requests, rows: new Map(), otherSubRows: false } };
  } else if (!read.requests.found) {
    absent.push('requests');
    findings.push({
      rule: 'unreadable',
      // Under its chapter heading the table is there but could not be read: not the agency's error.
      severity: read.headed?.requests ? 'warning' : 'error',
      message:
        '没有读到表三“收到和处理政府信息公开申请情况”（未找到“一、本年新收政府信息公开申请数量”等行及其数字），无法核对依申请公开数据。表格可能是图片，或文件格式异常。',
      expected: '表三',
      actual: null,
      where: 'requests',
    });
  }
  const rows = read.requests.rows;
  // Every row but the 其他处理 ones (which the 2019 format merges into one) and the totals.
  const base: RequestRowKey[] = ['new', 'carried_in', ...OUTCOME_KEYS.filter((k) => !k.startsWith('other_'))];
  for (const k of base) {
    const v = rows.get(k);
    requests[k] = v ? toRow(v) : nullRow();
    if (!v && read.requests.found && !read.requests.scrambled) absent.push(`requests.${k}`);
  }
  if (read.requests.otherSubRows) {
    for (const k of OTHER_SUB_ROW_KEYS) {
      const v = rows.get(k);
      requests[k] = v ? toRow(v) : nullRow();
      if (!v) absent.push(`requests.${k}`);
    }
    const other = nullRow();
    for (const c of APPLICANT_COLUMN_KEYS) {
      const parts = OTHER_SUB_ROW_KEYS.map((k) => requests[k]![c]);
      other[c] = parts.some((p) => p === null) ? null : parts.reduce((s, p) => s! + p!, 0);
    }
    // A （六） row printed as well as its sub-rows is kept only in the sum.
    requests.other = other;
  } else {
    const v = rows.get('other');
    requests.other = v ? toRow(v) : nullRow();
    if (!v && read.requests.found && !read.requests.scrambled) absent.push('requests.other');
  }
  for (const k of ['total', 'carried_out'] as const) {
    const v = rows.get(k);
    requests[k] = v ? toRow(v) : nullRow();
    if (!v && read.requests.found && !read.requests.scrambled) absent.push(`requests.${k}`);
  }

  // Table 4
  const appeals = emptyAppealsTable(null);
  if (read.appeals.values) {
    APPEAL_GROUP_KEYS.forEach((g, gi) => APPEAL_COLUMN_KEYS.forEach((c, ci) => (appeals[g][c] = read.appeals.values![gi * 5 + ci] ?? null)));
    if (read.appeals.placedByPosition) {
      findings.push({
        rule: 'unreadable',
        severity: 'warning',
        message: `表四“政府信息公开行政复议、行政诉讼情况”只读到${read.appeals.count}个数字（应为15个），已按位置归入各栏，其余视为空白，请核对原表。`,
        expected: 15,
        actual: read.appeals.count,
        where: 'appeals',
      });
    }
    if (read.appeals.count > 15) {
      findings.push({
        rule: 'unreadable',
        severity: 'warning',
        message: `表四“政府信息公开行政复议、行政诉讼情况”读到${read.appeals.count}个数字（应为15个），已取前15个，请核对原表。`,
        expected: 15,
        actual: read.appeals.count,
        where: 'appeals',
      });
    }
  } else {
    absent.push('appeals');
    findings.push({
      rule: 'unreadable',
      severity:
        read.appeals.unreliable || read.appeals.scrambled || (read.appeals.found && read.headed?.appeals) || (!read.appeals.found && read.headed?.appeals)
          ? 'warning'
          : 'error',
      message: read.appeals.unreliable
        ? `表四“政府信息公开行政复议、行政诉讼情况”的数字连在一起，单元格之间没有分隔，${UNRELIABLE_REASON[read.appeals.unreliable].replace(/（.*?）/, '（每栏维持、纠正、其他、尚未审结相加等于总计）')}，无法可靠地读出每个单元格，未核对该表；请用原PDF、Word或网页文件检查。`
        : read.appeals.scrambled
          ? '表四“政府信息公开行政复议、行政诉讼情况”的数字分散在多行且顺序无法确定（文字可能是按列导出的），未核对该表；请用原PDF、Word或网页文件检查。'
          : read.appeals.found
            ? `表四“政府信息公开行政复议、行政诉讼情况”只读到${read.appeals.count}个数字（应为15个），可能有空白单元格，无法确定每个数字属于哪一栏。`
            : '没有读到表四“政府信息公开行政复议、行政诉讼情况”的数字，无法核对行政复议、行政诉讼数据。',
      expected: 15,
      actual: read.appeals.count,
      where: 'appeals',
    });
  }

  // Table 2
  const proactive = emptyProactiveTable(format, null) as unknown as Record<string, Record<string, CellValue>>;
  if (!read.proactive.found) {
    absent.push('proactive');
    findings.push({
      rule: 'unreadable',
      severity: 'warning',
      message: '没有读到表二“主动公开政府信息情况”的数字，未核对主动公开数据。',
      expected: '表二',
      actual: null,
      where: 'proactive',
    });
  } else if (read.proactive.unreliable.length > 0) {
    absent.push('proactive');
    findings.push({
      rule: 'unreadable',
      severity: 'warning',
      message: `表二“主动公开政府信息情况”有${read.proactive.unreliable.length}行的数字无法可靠地读出（数字连在一起可以有不止一种分法，或行名后没有数字、数字与行名顺序错乱），未核对该表。`,
      expected: '表二',
      actual: null,
      where: 'proactive',
    });
  } else {
    for (const block of proactiveBlocks(format)) {
      for (const row of block.rows) {
        const v = read.proactive.rows.get(row.key);
        if (!v) {
          absent.push(`proactive.${row.key}`);
          continue;
        }
        block.columns.forEach((c, i) => (proactive[row.key]![c.key] = v[i] ?? null));
      }
    }
  }
  return { format, proactive: proactive as unknown as ProactiveTable, requests: requests as RequestsTable, appeals, absent, findings };
}
