/**
 * Consistency rules (勾稽关系) of the annual report, for reports built by the system and reports read from files.
 *
 * identity      per column: 一 + 二 = 三（七） + 四 (the official rule printed in table 3)
 * row-total     per column: （七）总计 = sum of the outcome rows (2021: and （六） = its three sub-rows)
 * column-total  per row: 总计 = the six applicant columns
 * appeal-total  per table-4 group: 总计 = 维持 + 纠正 + 其他 + 尚未审结
 * carry-over    this year's 上年结转 = last year's 结转下年度 (and, as a warning, table 2's 现行有效件数 chain)
 * prose         figures stated in the text agree with the tables
 * format        the tables match the format of the report year; no rows missing
 * chapters      the six chapters are there
 * blank         no blank / placeholder cell where a number is required, and every number is a valid one
 * (unreadable is reported by the file reader, not here.)
 */

import type { OutcomeGroup, ReportFormat } from '../outcomes.js';
import {
  APPEAL_COLUMNS,
  APPEAL_GROUPS,
  APPLICANT_COLUMNS,
  APPLICANT_TYPES,
  CHAPTERS,
  FORMAT_NAMES,
  OTHER_SUB_ROW_KEYS,
  appealCellName,
  formatForYear,
  outcomeRowKeys,
  proactiveBlocks,
  requestCellName,
  requestRow,
  requestRowKeys,
  type ProactiveCellKind,
} from './format.js';
import type {
  AppealColumn,
  AppealGroupKey,
  ApplicantColumn,
  ApplicantType,
  CellValue,
  ChapterKey,
  CheckedReport,
  Finding,
  ProseKind,
  ProseStatement,
  Report,
  RequestRowKey,
  RequestsRow,
  RequestsTable,
} from './types.js';

export interface ValidationContext {
  /** Last year's report of the same agency, for carry-over. */
  previous?: Report | CheckedReport;
  /** Figures stated in the text (read from a published report, or taken from a narrative). */
  prose?: readonly ProseStatement[];
  /** Chapters found as headings; `mentioned`: not found as a heading but evidently there (its table, its words). */
  chapters?: { found: readonly ChapterKey[]; mentioned?: readonly ChapterKey[] };
  /**
   * Parts a reader could not find in the published file, as paths: a table (`requests`, `appeals`, `proactive`) or a
   * row (`requests.withheld_state_secret`, `proactive.fees`). Their cells are null; they get one `format` finding
   * (rows) or none (tables: the reader reports those as `unreadable`), not a `blank` finding per cell.
   */
  absent?: readonly string[];
}

type AnyReport = Report | CheckedReport;

const n = (v: number): string => (Number.isInteger(v) ? String(v) : String(Math.round(v * 10000) / 10000));

function finding(
  rule: Finding['rule'],
  severity: Finding['severity'],
  message: string,
  expected: Finding['expected'],
  actual: Finding['actual'],
  where: string,
): Finding {
  return { rule, severity, message, expected, actual, where };
}

function colLabel(c: ApplicantColumn): string {
  return APPLICANT_COLUMNS.find((x) => x.key === c)!.fullLabel;
}

function sum(values: readonly CellValue[]): number | null {
  let s = 0;
  for (const v of values) {
    if (v === null || v === undefined || !Number.isFinite(v)) return null;
    s += v;
  }
  return s;
}

/**
 * A sum in which blank cells count as 0 (published tables often leave zeros blank; the blanks themselves are
 * reported by the `blank` rule). Null when every addend is blank.
 */
function looseSum(values: readonly CellValue[]): { sum: number; blanks: number } | null {
  let s = 0;
  let blanks = 0;
  for (const v of values) {
    if (v === null || v === undefined || !Number.isFinite(v)) blanks++;
    else s += v;
  }
  return blanks === values.length ? null : { sum: s, blanks };
}

const BLANK_NOTE = '（其中的空白单元格按0计算）';

function hasOtherSubRows(t: RequestsTable): boolean {
  return OTHER_SUB_ROW_KEYS.some((k) => t[k] !== undefined);
}

/** The rows that add up to （七）总计 in this table (a 2021 table printed without the （六） sub-rows uses `other`). */
function leafRows(t: RequestsTable, format: ReportFormat): RequestRowKey[] {
  const leaves = outcomeRowKeys(format);
  if (format === '2021' && !hasOtherSubRows(t)) return leaves.filter((k) => !(OTHER_SUB_ROW_KEYS as readonly string[]).includes(k)).concat('other');
  if (format === '2019' && hasOtherSubRows(t)) return leaves.filter((k) => k !== 'other').concat(OTHER_SUB_ROW_KEYS.filter((k) => t[k]));
  return leaves;
}

function presentRows(t: RequestsTable): RequestRowKey[] {
  return (Object.keys(t) as RequestRowKey[]).filter((k) => t[k] !== undefined);
}

// ---------------------------------------------------------------------------------------------------------------
// Cells: blanks and valid numbers

function checkCountCell(v: CellValue, name: string, where: string, kind: ProactiveCellKind | 'count', severity: Finding['severity']): Finding | null {
  if (v === null) return null;
  if (typeof v !== 'number' || !Number.isFinite(v)) return finding('blank', 'error', `${name}不是有效的数字。`, '数字', String(v), where);
  if (kind === 'count' && (!Number.isInteger(v) || v < 0)) {
    return finding('blank', severity, `${name}为${n(v)}，件数应为非负整数。`, '非负整数', v, where);
  }
  if (kind === 'change' && !Number.isInteger(v)) return finding('blank', severity, `${name}为${n(v)}，增减数应为整数。`, '整数', v, where);
  if (kind === 'amount' && v < 0) return finding('blank', severity, `${name}为${n(v)}，金额不应为负数。`, '非负数', v, where);
  return null;
}

function requestsCellFindings(t: RequestsTable, absent: Set<string>): Finding[] {
  const out: Finding[] = [];
  const derivedOther = hasOtherSubRows(t);
  for (const key of presentRows(t)) {
    if (absent.has(`requests.${key}`)) continue;
    // In the 2021 format `other` is the computed sum of its three printed sub-rows: their cells are checked instead.
    if (key === 'other' && derivedOther) continue;
    const r = t[key]!;
    const nulls = APPLICANT_COLUMNS.filter((c) => r[c.key] === null || r[c.key] === undefined);
    if (nulls.length === APPLICANT_COLUMNS.length) {
      out.push(
        finding('blank', 'error', `表三“${requestRow(key).short}”整行为空（或为“/”“-”等符号），应填写数字，没有的填0。`, '数字', null, `requests.${key}`),
      );
      continue;
    }
    if (nulls.length === 1) {
      const c = nulls[0]!;
      out.push(
        finding('blank', 'error', `${requestCellName(key, c.key)}为空（或为“/”“-”等符号），应填写数字，没有的填0。`, '数字', null, `requests.${key}.${c.key}`),
      );
    } else if (nulls.length > 1) {
      const cols = nulls.map((c) => `“${c.fullLabel}”`).join('');
      out.push(
        finding(
          'blank',
          'error',
          `表三“${requestRow(key).short}”行的${cols}${nulls.length}列为空（或为“/”“-”等符号），应填写数字，没有的填0。`,
          '数字',
          null,
          `requests.${key}`,
        ),
      );
    }
    for (const c of APPLICANT_COLUMNS) {
      const f = checkCountCell(r[c.key] ?? null, requestCellName(key, c.key), `requests.${key}.${c.key}`, 'count', 'error');
      if (f) out.push(f);
    }
  }
  return out;
}

function appealsCellFindings(report: AnyReport): Finding[] {
  const out: Finding[] = [];
  for (const g of APPEAL_GROUPS) {
    const group = report.tables.appeals[g.key];
    const nulls = APPEAL_COLUMNS.filter((c) => group?.[c.key] === null || group?.[c.key] === undefined);
    if (nulls.length === APPEAL_COLUMNS.length) {
      out.push(finding('blank', 'error', `表四“${g.label}”一栏全部为空（或为“/”“-”等符号），应填写数字，没有的填0。`, '数字', null, `appeals.${g.key}`));
      continue;
    }
    if (nulls.length === 1) {
      const c = nulls[0]!;
      out.push(
        finding(
          'blank',
          'error',
          `${appealCellName(g.key, c.key)}为空（或为“/”“-”等符号），应填写数字，没有的填0。`,
          '数字',
          null,
          `appeals.${g.key}.${c.key}`,
        ),
      );
    } else if (nulls.length > 1) {
      const name = g.parent === '行政诉讼' ? `行政诉讼（${g.label}）` : g.label;
      out.push(
        finding(
          'blank',
          'error',
          `表四“${name}”的${nulls.map((c) => `“${c.label}”`).join('')}为空（或为“/”“-”等符号），应填写数字，没有的填0。`,
          '数字',
          null,
          `appeals.${g.key}`,
        ),
      );
    }
    for (const c of APPEAL_COLUMNS) {
      const f = checkCountCell(group?.[c.key] ?? null, appealCellName(g.key, c.key), `appeals.${g.key}.${c.key}`, 'count', 'error');
      if (f) out.push(f);
    }
  }
  return out;
}

function proactiveFindings(report: AnyReport, absent: Set<string>): Finding[] {
  const out: Finding[] = [];
  const table = report.tables.proactive as unknown as Record<string, Record<string, CellValue> | undefined>;
  for (const block of proactiveBlocks(report.format)) {
    for (const row of block.rows) {
      const where = `proactive.${row.key}`;
      const cells = table[row.key];
      if (absent.has(where)) {
        out.push(finding('format', 'warning', `表二（主动公开政府信息情况）${block.article}缺少“${row.label}”一行。`, row.label, null, where));
        continue;
      }
      if (!cells) {
        out.push(finding('format', 'warning', `表二（主动公开政府信息情况）${block.article}缺少“${row.label}”一行。`, row.label, null, where));
        continue;
      }
      const nulls = block.columns.filter((c) => cells[c.key] === null || cells[c.key] === undefined);
      if (nulls.length === block.columns.length && block.columns.length > 1) {
        out.push(finding('blank', 'warning', `表二“${row.label}”一行全部为空（或为“/”“-”等符号），没有的应填0。`, '数字', null, where));
      } else {
        for (const c of nulls)
          out.push(finding('blank', 'warning', `表二“${row.label}”的“${c.label}”为空（或为“/”“-”等符号），没有的应填0。`, '数字', null, `${where}.${c.key}`));
      }
      for (const c of block.columns) {
        const v = cells[c.key];
        const f = checkCountCell(v ?? null, `表二“${row.label}”的“${c.label}”`, `${where}.${c.key}`, c.kind, 'error');
        if (f) out.push(f);
      }
    }
  }
  return out;
}

// ---------------------------------------------------------------------------------------------------------------
// Table 3 sums

function identityFindings(t: RequestsTable): Finding[] {
  const out: Finding[] = [];
  for (const c of APPLICANT_COLUMNS) {
    const left = looseSum([t.new?.[c.key] ?? null, t.carried_in?.[c.key] ?? null]);
    const right = looseSum([t.total?.[c.key] ?? null, t.carried_out?.[c.key] ?? null]);
    if (!left || !right) continue;
    if (left.sum !== right.sum) {
      const v = (x: CellValue | undefined) => (x === null || x === undefined ? '空白' : `${n(x)}件`);
      out.push(
        finding(
          'identity',
          'error',
          `表三“${colLabel(c.key)}”列不符合勾稽关系：本年新收${v(t.new?.[c.key])}加上年结转${v(t.carried_in?.[c.key])}共${n(left.sum)}件，应等于办理结果总计${v(t.total?.[c.key])}加结转下年度${v(t.carried_out?.[c.key])}，但后者共${n(right.sum)}件${left.blanks + right.blanks ? BLANK_NOTE : ''}。`,
          left.sum,
          right.sum,
          `requests.${c.key}`,
        ),
      );
    }
  }
  return out;
}

function rowTotalFindings(t: RequestsTable, format: ReportFormat): Finding[] {
  const out: Finding[] = [];
  const leaves = leafRows(t, format);
  for (const c of APPLICANT_COLUMNS) {
    const total = t.total?.[c.key] ?? null;
    const s = looseSum(leaves.map((k) => t[k]?.[c.key] ?? null));
    if (total === null || !s) continue;
    if (total !== s.sum) {
      out.push(
        finding(
          'row-total',
          'error',
          `表三“${colLabel(c.key)}”列的（七）总计为${n(total)}件，但各项办理结果相加为${n(s.sum)}件${s.blanks ? BLANK_NOTE : ''}。`,
          s.sum,
          total,
          `requests.total.${c.key}`,
        ),
      );
    }
  }
  if (hasOtherSubRows(t) && t.other) {
    for (const c of APPLICANT_COLUMNS) {
      const o = t.other[c.key] ?? null;
      const s = sum(OTHER_SUB_ROW_KEYS.map((k) => t[k]?.[c.key] ?? null));
      if (s === null) continue;
      if (o !== s) {
        const shown = o === null ? '为空' : `为${n(o)}件`;
        out.push(
          finding('row-total', 'error', `表三“${colLabel(c.key)}”列的（六）其他处理合计${shown}，但其下三项相加为${n(s)}件。`, s, o, `requests.other.${c.key}`),
        );
      }
    }
  }
  return out;
}

function columnTotalFindings(t: RequestsTable): Finding[] {
  const out: Finding[] = [];
  for (const key of presentRows(t)) {
    const r = t[key] as RequestsRow;
    const total = r.total;
    const s = looseSum(APPLICANT_TYPES.map((a) => r[a]));
    if (total === null || !s) continue;
    if (total !== s.sum) {
      out.push(
        finding(
          'column-total',
          'error',
          `表三“${requestRow(key).short}”行的总计为${n(total)}件，但自然人与各类法人或其他组织相加为${n(s.sum)}件${s.blanks ? BLANK_NOTE : ''}。`,
          s.sum,
          total,
          `requests.${key}.total`,
        ),
      );
    }
  }
  return out;
}

function appealTotalFindings(report: AnyReport): Finding[] {
  const out: Finding[] = [];
  for (const g of APPEAL_GROUPS) {
    const group = report.tables.appeals[g.key];
    if (!group) continue;
    const s = looseSum([group.upheld, group.corrected, group.other, group.pending]);
    if (group.total === null || !s) continue;
    if (group.total !== s.sum) {
      const parts = APPEAL_COLUMNS.filter((c) => c.key !== 'total' && (group[c.key] ?? 0) !== 0).map((c) => `${c.label}${n(group[c.key]!)}件`);
      const name = g.parent === '行政诉讼' ? `行政诉讼“${g.label}”` : `“${g.label}”`;
      out.push(
        finding(
          'appeal-total',
          'error',
          `表四${name}的总计为${n(group.total)}件，但${parts.length ? parts.join('、') : '各项结果'}相加为${n(s.sum)}件${s.blanks ? BLANK_NOTE : ''}。`,
          s.sum,
          group.total,
          `appeals.${g.key}.total`,
        ),
      );
    }
  }
  return out;
}

// ---------------------------------------------------------------------------------------------------------------
// Format

function formatFindings(report: AnyReport, absent: Set<string>): Finding[] {
  const out: Finding[] = [];
  const t = report.tables.requests;
  if (report.year !== null) {
    const expected = formatForYear(report.year);
    if (expected !== report.format) {
      out.push(
        finding(
          'format',
          expected === '2021' ? 'error' : 'warning',
          `${report.year}年度报告应使用${FORMAT_NAMES[expected]}，但本报告的表格是${FORMAT_NAMES[report.format]}。`,
          expected,
          report.format,
          'format',
        ),
      );
    }
  }
  if (!absent.has('requests')) {
    const subs = OTHER_SUB_ROW_KEYS.filter((k) => t[k] !== undefined);
    if (report.format === '2021' && subs.length === 0) {
      out.push(
        finding(
          'format',
          'warning',
          '表三“（六）其他处理”只有一行，2021年修订格式要求分为“1.申请人无正当理由逾期不补正”“2.申请人逾期未按收费通知要求缴纳费用”“3.其他”三项分别填报。',
          '三项',
          '一行',
          'requests.other',
        ),
      );
    } else if (report.format === '2021' && subs.length < OTHER_SUB_ROW_KEYS.length) {
      for (const k of OTHER_SUB_ROW_KEYS.filter((x) => t[x] === undefined)) {
        out.push(finding('format', 'error', `表三缺少“${requestRow(k).short}”一行。`, requestRow(k).label, null, `requests.${k}`));
      }
    } else if (report.format === '2019' && subs.length > 0) {
      out.push(
        finding('format', 'warning', '表三“（六）其他处理”按2021年修订格式分成了三项，与本报告所用的2019年试行格式不一致。', '一行', '三项', 'requests.other'),
      );
    }
    for (const key of requestRowKeys(report.format)) {
      if ((OTHER_SUB_ROW_KEYS as readonly string[]).includes(key) || (key === 'other' && report.format === '2021')) continue;
      if (absent.has(`requests.${key}`) || t[key] === undefined) {
        out.push(finding('format', 'error', `表三缺少“${requestRow(key).short}”一行。`, requestRow(key).label, null, `requests.${key}`));
      }
    }
  }
  return out;
}

// ---------------------------------------------------------------------------------------------------------------
// Carry-over

function normAgency(s: string): string {
  return s.replace(/\s+/g, '').replace(/^.*?(省|自治区|市)(?=.*(市|区|县|局|委|办|厅|院|府))/, '');
}

function carryOverFindings(report: AnyReport, prev: AnyReport, absent: Set<string>): Finding[] {
  const out: Finding[] = [];
  if (report.year !== null && prev.year !== null && prev.year !== report.year - 1) {
    out.push(
      finding(
        'carry-over',
        'warning',
        `用作对比的上年报告是${prev.year}年度的，不是${report.year - 1}年度，未核对上年结转。`,
        report.year - 1,
        prev.year,
        'previous.year',
      ),
    );
    return out;
  }
  if (
    report.agency &&
    prev.agency &&
    normAgency(report.agency) !== normAgency(prev.agency) &&
    !report.agency.includes(prev.agency) &&
    !prev.agency.includes(report.agency)
  ) {
    out.push(
      finding(
        'carry-over',
        'warning',
        `用作对比的上年报告属于“${prev.agency}”，与本报告的“${report.agency}”不是同一机关，未核对上年结转。`,
        report.agency,
        prev.agency,
        'previous.agency',
      ),
    );
    return out;
  }
  if (!absent.has('requests')) {
    for (const c of APPLICANT_COLUMNS) {
      const now = report.tables.requests.carried_in?.[c.key] ?? null;
      const before = prev.tables.requests.carried_out?.[c.key] ?? null;
      if (now === null || before === null) continue;
      if (now !== before) {
        out.push(
          finding(
            'carry-over',
            'error',
            `表三“${colLabel(c.key)}”列的上年结转为${n(now)}件，但上年报告的结转下年度继续办理为${n(before)}件，两者应相等。`,
            before,
            now,
            `requests.carried_in.${c.key}`,
          ),
        );
      }
    }
  }
  if (report.format === '2021' && prev.format === '2021' && !absent.has('proactive')) {
    const cur = report.tables.proactive as unknown as Record<string, Record<string, CellValue>>;
    const old = prev.tables.proactive as unknown as Record<string, Record<string, CellValue>>;
    for (const [key, label] of [
      ['rules', '规章'],
      ['normative_documents', '行政规范性文件'],
    ] as const) {
      const inForce = cur[key]?.in_force ?? null;
      const issued = cur[key]?.issued ?? null;
      const repealed = cur[key]?.repealed ?? null;
      const before = old[key]?.in_force ?? null;
      if (inForce === null || issued === null || repealed === null || before === null) continue;
      const expected = before + issued - repealed;
      if (expected !== inForce) {
        out.push(
          finding(
            'carry-over',
            'warning',
            `表二“${label}”现行有效${n(inForce)}件，而上年报告现行有效${n(before)}件加本年制发${n(issued)}件减本年废止${n(repealed)}件应为${n(expected)}件，请核实（文件修订等情况可能造成差异）。`,
            expected,
            inForce,
            `proactive.${key}.in_force`,
          ),
        );
      }
    }
  }
  return out;
}

// ---------------------------------------------------------------------------------------------------------------
// Prose

const GROUP_NAMES: Record<OutcomeGroup, string> = {
  disclosed: '予以公开',
  partly_disclosed: '部分公开',
  withheld: '不予公开',
  unable: '无法提供',
  not_processed: '不予处理',
  other: '其他处理',
};

interface ProseTarget {
  /** The figures the statement may equal (the first is the one reported as expected). */
  accepted: number[];
  /** How the table figure is named in a message. */
  name: string;
  where: string;
  severity: Finding['severity'];
}

function groupRows(t: RequestsTable, format: ReportFormat, group: OutcomeGroup): RequestRowKey[] {
  return leafRows(t, format).filter((k) => (k === 'other' ? group === 'other' : requestRow(k).group === group));
}

function proseTarget(report: AnyReport, kind: ProseKind): ProseTarget | null {
  const t = report.tables.requests;
  const [table, part, column] = kind.split('.') as [string, string, string];
  if (table === 'requests') {
    // A row's 总计, or when it is blank the sum of its applicant columns.
    const total = (k: RequestRowKey): number | null => {
      const r = t[k];
      if (!r) return null;
      return r.total ?? looseSum(APPLICANT_TYPES.map((a) => r[a]))?.sum ?? null;
    };
    switch (part) {
      case 'new': {
        const a = total('new');
        const b = total('carried_in');
        if (a === null) return null;
        // 「受理/收到申请N件」 sometimes counts last year's carried-over applications too.
        return { accepted: b === null ? [a] : [a, a + b], name: '表三“一、本年新收申请”总计', where: 'requests.new.total', severity: 'error' };
      }
      case 'carried_in':
      case 'carried_out':
      case 'total': {
        const v = total(part as RequestRowKey);
        if (v === null) return null;
        const name = part === 'total' ? '表三“三、本年度办理结果（七）总计”' : `表三“${requestRow(part as RequestRowKey).short}”总计`;
        return { accepted: [v], name, where: `requests.${part}.total`, severity: 'error' };
      }
      default: {
        const group = part as OutcomeGroup;
        if (!(group in GROUP_NAMES)) return null;
        const v = looseSum(groupRows(t, report.format, group).map((k) => total(k)))?.sum ?? null;
        if (v === null) return null;
        return { accepted: [v], name: `表三“${GROUP_NAMES[group]}”各项总计`, where: `requests.${group}.total`, severity: 'warning' };
      }
    }
  }
  if (table === 'appeals') {
    const col = column as AppealColumn;
    const a = report.tables.appeals;
    const colName = APPEAL_COLUMNS.find((c) => c.key === col)?.label;
    if (!colName) return null;
    if (part === 'litigation') {
      const v = sum([a.litigation_direct?.[col] ?? null, a.litigation_after_reconsideration?.[col] ?? null]);
      if (v === null) return null;
      return { accepted: [v], name: `表四“行政诉讼”（未经复议直接起诉与复议后起诉合计）的“${colName}”`, where: `appeals.litigation.${col}`, severity: 'error' };
    }
    const g = APPEAL_GROUPS.find((x) => x.key === part);
    if (!g) return null;
    const v = a[g.key as AppealGroupKey]?.[col] ?? null;
    if (v === null) return null;
    return { accepted: [v], name: appealCellName(g.key, col), where: `appeals.${g.key}.${col}`, severity: 'error' };
  }
  return null;
}

/** The rows a table-3 prose figure is about: its row, or the rows of its outcome group. */
function proseRows(report: AnyReport, kind: ProseKind): RequestRowKey[] | null {
  const [table, part] = kind.split('.') as [string, string];
  if (table !== 'requests') return null;
  if (part === 'new' || part === 'carried_in' || part === 'carried_out' || part === 'total') return [part];
  if (!(part in GROUP_NAMES)) return null;
  return groupRows(report.tables.requests, report.format, part as OutcomeGroup);
}

/** Every total of table 3 a figure about all applications could rightly be: rows' and groups' 总计, 新收 + 结转. */
function requestTotals(report: AnyReport): Set<number> {
  const t = report.tables.requests;
  const rowTotal = (k: RequestRowKey): number | null => {
    const r = t[k];
    return r ? (r.total ?? looseSum(APPLICANT_TYPES.map((a) => r[a]))?.sum ?? null) : null;
  };
  const out = new Set<number>();
  for (const k of presentRows(t)) {
    const v = rowTotal(k);
    if (v !== null) out.add(v);
  }
  const a = rowTotal('new');
  const b = rowTotal('carried_in');
  if (a !== null && b !== null) out.add(a + b);
  for (const g of Object.keys(GROUP_NAMES) as OutcomeGroup[]) {
    const v = looseSum(groupRows(t, report.format, g).map(rowTotal))?.sum ?? null;
    if (v !== null) out.add(v);
  }
  return out;
}

/**
 * The one applicant column whose figure (over the statement's rows) equals a figure the text gives for all
 * applications, when exactly one does and no total of the table does: the text quoted one column's cell as the
 * whole (「全年共收到申请53件」 where 53 is the 自然人 cell and the total 57). Null when that is not unambiguous.
 */
function quotedColumn(report: AnyReport, s: ProseStatement): { column: ApplicantType; rows: RequestRowKey[] } | null {
  if (s.scope !== 'all' || s.value === 0) return null;
  const rows = proseRows(report, s.kind);
  if (!rows || rows.length === 0) return null;
  if (requestTotals(report).has(s.value)) return null;
  const t = report.tables.requests;
  const hits = APPLICANT_TYPES.filter((a) => looseSum(rows.map((k) => t[k]?.[a] ?? null))?.sum === s.value);
  return hits.length === 1 ? { column: hits[0]!, rows } : null;
}

function proseFindings(report: AnyReport, prose: readonly ProseStatement[], absent: Set<string>): Finding[] {
  const out: Finding[] = [];
  const seen = new Set<string>();
  // A figure the text also states correctly elsewhere (「全市共受理X件……市政府本级受理Y件」) may be about another
  // scope: then a differing one is a warning for a person to look at, not an error.
  const agreed = new Set<string>();
  for (const s of prose) {
    const target = proseTarget(report, s.kind);
    if (target && target.accepted.includes(s.value)) agreed.add(s.kind);
  }
  for (const s of prose) {
    const tableName = s.kind.split('.')[0]!;
    if (absent.has(tableName)) continue;
    const target = proseTarget(report, s.kind);
    if (!target || target.accepted.includes(s.value)) continue;
    const key = `${s.kind}|${s.value}`;
    if (seen.has(key)) continue;
    seen.add(key);
    const quote = s.text.length > 80 ? `${s.text.slice(0, 78)}…` : s.text;
    const quoted = quotedColumn(report, s);
    if (quoted) {
      const rowName =
        quoted.rows.length === 1 ? `“${requestRow(quoted.rows[0]!).short}”行` : `“${GROUP_NAMES[s.kind.split('.')[1] as OutcomeGroup]}”各项合计中`;
      out.push(
        finding(
          'prose',
          'error',
          `正文称“${quote}”，说的是全部申请，但${target.name}为${n(target.accepted[0]!)}件；正文的${n(s.value)}件是表三${rowName}“${colLabel(quoted.column)}”一栏的数字，只是其中一类申请人，不是总计，正文与表格不一致。`,
          target.accepted[0]!,
          s.value,
          target.where,
        ),
      );
      continue;
    }
    const elsewhere = agreed.has(s.kind);
    out.push(
      finding(
        'prose',
        elsewhere ? 'warning' : target.severity,
        `正文称“${quote}”，但${target.name}为${n(target.accepted[0]!)}件，正文与表格不一致${elsewhere ? '（正文另有与表格一致的数字，此处可能是另一范围的统计，请核实）' : ''}。`,
        target.accepted[0]!,
        s.value,
        target.where,
      ),
    );
  }
  return out;
}

// ---------------------------------------------------------------------------------------------------------------
// Chapters

function chapterFindings(found: readonly ChapterKey[], mentioned: readonly ChapterKey[]): Finding[] {
  const out: Finding[] = [];
  for (const c of CHAPTERS) {
    if (found.includes(c.key)) continue;
    if (mentioned.includes(c.key)) {
      out.push(
        finding(
          'chapters',
          'warning',
          `没有找到规范的“${c.title}”标题，相关内容似乎存在，请按统一格式设置六个部分的标题。`,
          c.title,
          null,
          `chapters.${c.key}`,
        ),
      );
    } else {
      out.push(finding('chapters', 'error', `报告缺少“${c.title}”部分；年度报告应包括统一格式规定的六个部分，不能遗漏。`, c.title, null, `chapters.${c.key}`));
    }
  }
  return out;
}

// ---------------------------------------------------------------------------------------------------------------

/** Check a report against every rule that its data and the context allow. Returns the findings (empty when consistent). */
export function validateReport(report: AnyReport, ctx: ValidationContext = {}): Finding[] {
  const absent = new Set(ctx.absent ?? []);
  const out: Finding[] = [];
  out.push(...formatFindings(report, absent));
  if (!absent.has('requests')) {
    const t = report.tables.requests;
    out.push(...identityFindings(t));
    out.push(...rowTotalFindings(t, report.format));
    out.push(...columnTotalFindings(t));
    out.push(...requestsCellFindings(t, absent));
  }
  if (!absent.has('appeals')) {
    out.push(...appealTotalFindings(report));
    out.push(...appealsCellFindings(report));
  }
  if (!absent.has('proactive')) out.push(...proactiveFindings(report, absent));
  if (ctx.previous) out.push(...carryOverFindings(report, ctx.previous, absent));
  if (ctx.prose) out.push(...proseFindings(report, ctx.prose, absent));
  if (ctx.chapters) out.push(...chapterFindings(ctx.chapters.found, ctx.chapters.mentioned ?? []));
  return out;
}

/** Whether any finding is an error (the report is wrong), as opposed to warnings only. */
export function hasErrors(findings: readonly Finding[]): boolean {
  return findings.some((f) => f.severity === 'error');
}
