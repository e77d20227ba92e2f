/**
 * Build report tables from aggregated counts (pure). The annual report is computed from the case ledger, never typed
 * in: each closed application adds 1 to exactly one outcome row (outcomes.ts), each open one at 31 Dec to 结转.
 */

import { isOutcomeKey, reportRow, type OutcomeKey, type ReportFormat } from '../outcomes.js';
import {
  APPEAL_COLUMN_KEYS,
  APPEAL_GROUP_KEYS,
  APPLICANT_COLUMN_KEYS,
  APPLICANT_TYPES,
  OTHER_SUB_ROW_KEYS,
  formatForYear,
  proactiveBlocks,
  requestRowKeys,
} from './format.js';
import type {
  AppealColumn,
  AppealGroupKey,
  AppealsGroup,
  AppealsTable,
  ApplicantType,
  CellValue,
  ProactiveTable,
  Report,
  ReportTables,
  RequestRowKey,
  RequestsRow,
  RequestsTable,
} from './types.js';

/** One aggregated count of applications (e.g. from a GROUP BY over the ledger). */
export interface RequestCount {
  applicant: ApplicantType;
  /** new: received this year; carried_in: open on 1 Jan; closed: closed this year (needs `outcome`); carried_out: open on 31 Dec. */
  kind: 'new' | 'carried_in' | 'closed' | 'carried_out';
  outcome?: OutcomeKey;
  count: number;
}

/** One aggregated count of reconsideration / litigation cases for table 4. */
export interface AppealCount {
  group: AppealGroupKey;
  result: Exclude<AppealColumn, 'total'>;
  count: number;
}

function row(fill: CellValue): RequestsRow {
  return { natural_person: fill, business: fill, research: fill, nonprofit: fill, legal_service: fill, other: fill, total: fill };
}

/** A table 3 of a format with every cell set to `fill` (0 for a skeleton, null for "not read"). */
export function emptyRequestsTable(format: ReportFormat, fill: CellValue = 0): RequestsTable {
  const table: Partial<Record<RequestRowKey, RequestsRow>> = {};
  for (const key of requestRowKeys(format)) table[key] = row(fill);
  return table as RequestsTable;
}

export function emptyAppealsTable(fill: CellValue = 0): AppealsTable {
  const table: Partial<AppealsTable> = {};
  for (const g of APPEAL_GROUP_KEYS) {
    const group: Partial<AppealsGroup> = {};
    for (const c of APPEAL_COLUMN_KEYS) group[c] = fill;
    table[g] = group as AppealsGroup;
  }
  return table as AppealsTable;
}

export function emptyProactiveTable(format: ReportFormat, fill: CellValue = 0): ProactiveTable {
  const table: Record<string, Record<string, CellValue>> = {};
  for (const block of proactiveBlocks(format)) {
    for (const r of block.rows) {
      table[r.key] = {};
      for (const c of block.columns) table[r.key][c.key] = fill;
    }
  }
  return table as unknown as ProactiveTable;
}

export function emptyTables(format: ReportFormat, fill: CellValue = 0): ReportTables {
  return { proactive: emptyProactiveTable(format, fill), requests: emptyRequestsTable(format, fill), appeals: emptyAppealsTable(fill) };
}

/** A zero-filled report for an agency and year, in the format of that year (or the one given). */
export function emptyReport(agency: string, year: number, format: ReportFormat = formatForYear(year)): Report {
  return { agency, year, format, tables: emptyTables(format, 0), findings: [] };
}

function assertCount(n: number, what: string): void {
  if (!Number.isInteger(n) || n < 0) throw new RangeError(`${what}: count must be a non-negative integer, got ${n}`);
}

/**
 * Table 3 from aggregated counts. Row totals (总计 column), the （七）总计 row and, in the 2021 format, `other`
 * (the sum of its three sub-rows) are computed; in the 2019 format the three other_* outcomes fall into `other`.
 */
export function buildRequestsTable(counts: readonly RequestCount[], format: ReportFormat): RequestsTable {
  const table = emptyRequestsTable(format, 0) as Record<RequestRowKey, RequestsRow>;
  const add = (key: RequestRowKey, applicant: ApplicantType, n: number) => {
    const r = table[key];
    r[applicant] = (r[applicant] ?? 0) + n;
  };
  for (const c of counts) {
    assertCount(c.count, `${c.kind}/${c.applicant}`);
    if (!APPLICANT_TYPES.includes(c.applicant)) throw new RangeError(`unknown applicant type ${String(c.applicant)}`);
    if (c.kind === 'closed') {
      if (!isOutcomeKey(c.outcome)) throw new RangeError(`closed count without a valid outcome: ${String(c.outcome)}`);
      const key = reportRow(c.outcome, format) as RequestRowKey;
      add(key, c.applicant, c.count);
      add('total', c.applicant, c.count);
      if (format === '2021' && (OTHER_SUB_ROW_KEYS as readonly string[]).includes(key)) add('other', c.applicant, c.count);
    } else {
      add(c.kind, c.applicant, c.count);
    }
  }
  for (const key of Object.keys(table) as RequestRowKey[]) {
    const r = table[key];
    r.total = APPLICANT_TYPES.reduce((s, a) => s + (r[a] ?? 0), 0);
  }
  return table as RequestsTable;
}

/** Table 4 from aggregated counts; each group's 总计 is computed. */
export function buildAppealsTable(counts: readonly AppealCount[]): AppealsTable {
  const table = emptyAppealsTable(0);
  for (const c of counts) {
    assertCount(c.count, `${c.group}/${c.result}`);
    const g = table[c.group];
    if (!g || c.result === ('total' as string) || !(APPEAL_COLUMN_KEYS as readonly string[]).includes(c.result)) {
      throw new RangeError(`unknown appeal cell ${String(c.group)}/${String(c.result)}`);
    }
    g[c.result] = (g[c.result] ?? 0) + c.count;
    g.total = (g.total ?? 0) + c.count;
  }
  return table;
}

/** One application as the report sees it: who applied, whether it was open on 1 Jan, and how it ended this year. */
export interface CaseTally {
  applicant: ApplicantType;
  /** Open at the start of the year (counted in 上年结转) rather than received this year. */
  carriedIn: boolean;
  /** The outcome if closed this year; undefined when still open on 31 Dec (结转下年度). */
  outcome?: OutcomeKey;
}

/** Aggregate individual cases into the counts `buildRequestsTable` takes. */
export function tallyCases(cases: readonly CaseTally[]): RequestCount[] {
  const map = new Map<string, RequestCount>();
  const bump = (applicant: ApplicantType, kind: RequestCount['kind'], outcome?: OutcomeKey) => {
    const k = `${applicant}|${kind}|${outcome ?? ''}`;
    const existing = map.get(k);
    if (existing) existing.count += 1;
    else map.set(k, outcome ? { applicant, kind, outcome, count: 1 } : { applicant, kind, count: 1 });
  };
  for (const c of cases) {
    bump(c.applicant, c.carriedIn ? 'carried_in' : 'new');
    if (c.outcome) bump(c.applicant, 'closed', c.outcome);
    else bump(c.applicant, 'carried_out');
  }
  return [...map.values()];
}

/** Column keys of table 3, re-exported for callers that build rows themselves. */
export const REQUEST_COLUMNS = APPLICANT_COLUMN_KEYS;
