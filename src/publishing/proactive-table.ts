import type { PubRegisterDocTable, PubRegisterStatTable, RegisterStatKind } from './publishing.tables.js';

/**
 * The report's `tables.proactive` (主动公开政府信息情况, report-data.md) computed from the Art. 20 registers,
 * as a pure function so it can be tested cell by cell. Counts are summed over agencies; an empty register
 * gives zeros (never null: the agency has the register, it just recorded nothing).
 */

export interface DocCounts2019 {
  made: number;
  published: number;
  in_force_total: number;
}
export interface ItemCounts2019 {
  previous_items: number;
  change: number;
  decisions: number;
}
export interface Proactive2019 {
  rules: DocCounts2019;
  normative_documents: DocCounts2019;
  licensing: ItemCounts2019;
  other_services: ItemCounts2019;
  penalty: ItemCounts2019;
  enforcement: ItemCounts2019;
  fees: { previous_items: number; change: number };
  /** 采购总金额 in 万元. */
  procurement: { projects: number; amount: number };
}
export interface DocCounts2021 {
  issued: number;
  repealed: number;
  in_force: number;
}
export interface Proactive2021 {
  rules: DocCounts2021;
  normative_documents: DocCounts2021;
  licensing: { decisions: number };
  penalty: { decisions: number };
  enforcement: { decisions: number };
  fees: { amount_10k_yuan: number };
}
export type ProactiveTable = Proactive2019 | Proactive2021;

const inYear = (d: string | null, year: number) => !!d && d.slice(0, 4) === String(year);
const byEnd = (d: string | null, year: number) => !!d && d <= `${year}-12-31`;
const round4 = (n: number) => Math.round(n * 10_000) / 10_000;

function docs2019(rows: PubRegisterDocTable[], year: number): DocCounts2019 {
  return {
    made: rows.filter((r) => inYear(r.made_on, year)).length,
    published: rows.filter((r) => inYear(r.published_on, year)).length,
    // 对外公开总数量: published by the end of the year and not repealed by then.
    in_force_total: rows.filter((r) => byEnd(r.published_on, year) && !byEnd(r.repealed_on, year)).length,
  };
}

function docs2021(rows: PubRegisterDocTable[], year: number): DocCounts2021 {
  return {
    issued: rows.filter((r) => inYear(r.made_on, year)).length,
    repealed: rows.filter((r) => inYear(r.repealed_on, year)).length,
    in_force: rows.filter((r) => byEnd(r.made_on, year) && !byEnd(r.repealed_on, year)).length,
  };
}

/** Number of items of one agency's register at the end of `year`: the latest recorded count up to then. */
function itemsAt(stats: PubRegisterStatTable[], year: number): number {
  let n = 0;
  for (const s of [...stats].sort((a, b) => a.year - b.year)) if (s.year <= year && s.items !== null) n = s.items;
  return n;
}

function statsOf(stats: PubRegisterStatTable[], kind: RegisterStatKind) {
  const byAgency = new Map<string, PubRegisterStatTable[]>();
  for (const s of stats) if (s.kind === kind) byAgency.set(s.agency_id, [...(byAgency.get(s.agency_id) ?? []), s]);
  return byAgency;
}

function items2019(stats: PubRegisterStatTable[], kind: RegisterStatKind, year: number): ItemCounts2019 {
  let previous = 0;
  let current = 0;
  let decisions = 0;
  for (const rows of statsOf(stats, kind).values()) {
    previous += itemsAt(rows, year - 1);
    current += itemsAt(rows, year);
    decisions += rows.filter((r) => r.year === year).reduce((s, r) => s + r.decisions, 0);
  }
  return { previous_items: previous, change: current - previous, decisions };
}

function sumYear(stats: PubRegisterStatTable[], kind: RegisterStatKind, year: number, f: (r: PubRegisterStatTable) => number): number {
  return stats.filter((r) => r.kind === kind && r.year === year).reduce((s, r) => s + f(r), 0);
}

/** `tables.proactive` for the given register rows (all agencies' rows; stats up to `year`). */
export function computeProactiveTable(docs: PubRegisterDocTable[], stats: PubRegisterStatTable[], year: number, format: '2019' | '2021'): ProactiveTable {
  const rules = docs.filter((d) => d.kind === 'rule');
  const normative = docs.filter((d) => d.kind === 'normative');
  if (format === '2019') {
    const fees = items2019(stats, 'fees', year);
    return {
      rules: docs2019(rules, year),
      normative_documents: docs2019(normative, year),
      licensing: items2019(stats, 'licensing', year),
      other_services: items2019(stats, 'other_services', year),
      penalty: items2019(stats, 'penalty', year),
      enforcement: items2019(stats, 'enforcement', year),
      fees: { previous_items: fees.previous_items, change: fees.change },
      procurement: {
        projects: sumYear(stats, 'procurement', year, (r) => r.projects),
        amount: round4(sumYear(stats, 'procurement', year, (r) => r.amount_yuan) / 10_000),
      },
    };
  }
  return {
    rules: docs2021(rules, year),
    normative_documents: docs2021(normative, year),
    licensing: { decisions: sumYear(stats, 'licensing', year, (r) => r.decisions) },
    penalty: { decisions: sumYear(stats, 'penalty', year, (r) => r.decisions) },
    enforcement: { decisions: sumYear(stats, 'enforcement', year, (r) => r.decisions) },
    fees: { amount_10k_yuan: round4(sumYear(stats, 'fees', year, (r) => r.amount_yuan) / 10_000) },
  };
}
