import { OTHER_SUB_ROW_KEYS, requestRow } from '../../rules/report/format.js';
import type { CellValue, Finding, RequestRowKey } from '../../rules/report/types.js';
import type { Token } from './document.js';
import { canCut, chooseReadings, rowReadings } from './split.js';
import { ENUM_START, HEADER, MAX_LABEL, matchRequestLabel, type MatchContext, type ValueToken } from './tables-labels.js';

// ---------------------------------------------------------------------------------------------------------------

interface RowRead {
  tokens: ValueToken[];
  /** The values were found before the label (a label printed below its numbers) and give way to values after it. */
  adopted?: boolean;
  /** The line of the label. */
  line: number;
}

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)]!;
}

/**
 * Put a short row's values in their columns by x position, given column centres. Returns null when the positions
 * do not settle it (then the caller keeps the order).
 */
export function placeByX(tokens: ValueToken[], centres: number[]): (ValueToken | null)[] | null {
  if (tokens.some((t) => t.x === undefined)) return null;
  const out: (ValueToken | null)[] = centres.map(() => null);
  let last = -1;
  for (const t of tokens) {
    let best = -1;
    let bestD = Infinity;
    centres.forEach((c, i) => {
      const d = Math.abs(c - t.x!);
      if (d < bestD) {
        bestD = d;
        best = i;
      }
    });
    if (best <= last || out[best] !== null) return null;
    out[best] = t;
    last = best;
  }
  return out;
}

/** Column centres from the rows that have all their values (median x per column). */
function columnCentres(rows: ValueToken[][], width: number): number[] | null {
  const full = rows.filter((r) => r.length === width && r.every((t) => t.x !== undefined));
  if (full.length === 0) return null;
  return Array.from({ length: width }, (_, i) => median(full.map((r) => r[i]!.x!)));
}

export function cellValue(t: ValueToken | null | undefined): CellValue {
  return t && t.kind === 'value' ? t.value : null;
}

// ---------------------------------------------------------------------------------------------------------------

export interface RequestsRead {
  found: boolean;
  /** Rows printed in the table, with their seven cells. */
  rows: Map<RequestRowKey, CellValue[]>;
  /** Whether the 2021 （六） sub-rows were printed. */
  otherSubRows: boolean;
  firstLine: number;
  lastLine: number;
  notes: Finding[];
  /** The labels and numbers are out of order: the figures cannot be trusted. */
  scrambled?: boolean;
  /** Run-together cells that the table's arithmetic could not split in exactly one way. */
  unreliable?: 'none' | 'several' | 'too-many';
  /** Rows whose cells were split by the arithmetic. */
  cutRows?: number;
}

const FLOW_KEYS: readonly RequestRowKey[] = ['new', 'carried_in', 'total', 'carried_out'];

/**
 * Rows whose cells ran together (fewer tokens than columns, but enough digits): list each row's readings that add
 * up (six applicant cells to the 总计 cell) and let the column constraints (the results add up to （七）总计; 新收 +
 * 结转 = 总计 + 结转下年度) choose. Returns the new cells per row, or why no single reading was found.
 */
function cutRequests(
  rows: Map<RequestRowKey, RowRead>,
  order: RequestRowKey[],
  width: number,
): { cut: Map<RequestRowKey, number[]>; unreliable?: RequestsRead['unreliable'] } {
  const cut = new Map<RequestRowKey, number[]>();
  if (width !== 7) return { cut };
  const cuttable = order.filter((k) => {
    const toks = rows.get(k)!.tokens;
    return (
      toks.every((t) => t.kind === 'value') &&
      canCut(
        toks.map((t) => (t as { raw: string }).raw),
        width,
      )
    );
  });
  if (cuttable.length === 0) return { cut };
  const readings = new Map<string, number[][]>();
  let short = false;
  for (const k of order) {
    const toks = rows.get(k)!.tokens;
    if (cuttable.includes(k)) {
      const r = rowReadings(
        toks.map((t) => (t as { raw: string }).raw),
        width,
        width,
      );
      if (r === null) return { cut, unreliable: 'too-many' };
      readings.set(k, r);
    } else if (toks.length === width) readings.set(k, [toks.map((t) => (t.kind === 'value' ? t.value : 0))]);
    else short = true;
  }
  const hasSub = OTHER_SUB_ROW_KEYS.some((k) => readings.has(k));
  const leaves = order.filter((k) => !FLOW_KEYS.includes(k) && !(k === 'other' && hasSub));
  const decideOrder = [...FLOW_KEYS, ...leaves];
  const check = (choice: Map<string, number[]>, complete: boolean): boolean => {
    const total = choice.get('total');
    if (total) {
      for (let c = 0; c < width; c++) {
        let sum = 0;
        let all = true;
        for (const k of leaves) {
          const r = choice.get(k);
          if (r) sum += r[c]!;
          else all = false;
        }
        if (sum > total[c]! || (complete && all && !short && sum !== total[c])) return false;
      }
    }
    const [n, ci, co] = [choice.get('new'), choice.get('carried_in'), choice.get('carried_out')];
    if (n && ci && total && co) for (let c = 0; c < width; c++) if (n[c]! + ci[c]! !== total[c]! + co[c]!) return false;
    return true;
  };
  const res = chooseReadings(decideOrder, readings, check);
  if (!res.chosen) return { cut, unreliable: res.reason };
  for (const k of cuttable) cut.set(k, res.chosen.get(k)!);
  return { cut };
}

export function readRequests(tokens: Token[], start: number, stopLine: number): RequestsRead {
  const rows = new Map<RequestRowKey, RowRead>();
  const order: RequestRowKey[] = [];
  let current: RequestRowKey | null = null;
  let buffer = '';
  let sawOutcome = false;
  let sawOtherSub = false;
  let width = 7;
  let lastLine = tokens[start]?.line ?? 0;
  const notes: Finding[] = [];
  // Values with no open row to take them (the row before is full): they may belong to the next label, when that
  // label is printed lower than its numbers (「1.」 / numbers / 「属于国家秘密」 in some PDFs).
  let orphans: ValueToken[] = [];
  // Signs that the text order is scrambled (a table extracted column by column): labels that got no numbers, and
  // numbers that came before their label.
  let emptyLabels = 0;
  let adoptions = 0;
  // A 小计 column (not in the official table) makes rows one wider; it is dropped below.
  for (let j = Math.max(0, start - 60); j < start; j++) {
    const t = tokens[j]!;
    if (t.kind === 'text' && /小计/.test(t.text)) width = 8;
  }
  for (let i = start; i < tokens.length; i++) {
    const t = tokens[i]!;
    if (t.line >= stopLine) break;
    if (t.kind === 'text') {
      if ((rows.has('total') || rows.has('carried_out')) && /行政复议|行政诉讼/.test(t.text)) break;
      if (ENUM_START.test(t.text)) buffer = '';
      const nextIsValue = tokens[i + 1] !== undefined && tokens[i + 1]!.kind !== 'text';
      const ctx: MatchContext = { previous: current, sawOutcome, sawOtherSub, has: (k) => (rows.get(k)?.tokens.length ?? 0) > 0, nextIsValue };
      let key = matchRequestLabel(t.text, ctx);
      if (key === null && buffer) key = matchRequestLabel(buffer + t.text, ctx);
      if (key === HEADER) {
        buffer = '';
        continue;
      }
      if (key) {
        buffer = '';
        if ((rows.get(key)?.tokens.length ?? 0) > 0) continue; // a repeated heading on a new page
        if (current && current !== key && rows.get(current)!.tokens.length === 0) {
          // The previous label got no values: it was a heading (e.g. （六）其他处理 above its three sub-rows).
          rows.delete(current);
          if (!(current === 'other' && (OTHER_SUB_ROW_KEYS as readonly string[]).includes(key))) emptyLabels++;
          order.splice(order.indexOf(current), 1);
        }
        current = key;
        if (!rows.has(key)) {
          const adopt = orphans.length === width && orphans.some((o) => o.kind === 'value');
          if (adopt) adoptions++;
          rows.set(key, { tokens: adopt ? orphans : [], adopted: adopt, line: t.line });
          order.push(key);
        }
        orphans = [];
        if (key !== 'new' && key !== 'carried_in' && key !== 'total' && key !== 'carried_out') sawOutcome = true;
        if ((OTHER_SUB_ROW_KEYS as readonly string[]).includes(key)) sawOtherSub = true;
        lastLine = t.line;
        continue;
      }
      buffer = (buffer + t.text).slice(-MAX_LABEL);
      continue;
    }
    buffer = '';
    if (!current) continue;
    const row = rows.get(current)!;
    if (row.adopted && t.line === row.line) {
      // The label has numbers of its own on its line after all: the adopted ones were strays.
      row.tokens = [];
      row.adopted = false;
    }
    if (row.tokens.length < width) {
      row.tokens.push(t);
      lastLine = t.line;
    } else {
      orphans.push(t);
      if (orphans.length > width) orphans.shift();
    }
    if (current === 'carried_out' && row.tokens.length >= width) break;
  }
  for (const k of [...order]) {
    if (rows.get(k)!.tokens.length === 0) {
      rows.delete(k);
      order.splice(order.indexOf(k), 1);
    }
  }

  // Run-together cells, split by the arithmetic.
  const { cut, unreliable } = cutRequests(rows, order, width);
  for (const [k, values] of cut) {
    const row = rows.get(k)!;
    row.tokens = values.map((v) => ({ kind: 'value', value: v, raw: String(v), line: row.line }));
  }

  // Columns: full rows as they are; short rows by x position; otherwise in order with the rest blank.
  const lists = order.map((k) => rows.get(k)!.tokens);
  const centres = columnCentres(lists, width);
  const out = new Map<RequestRowKey, CellValue[]>();
  for (const k of order) {
    const toks = rows.get(k)!.tokens;
    let placed: (ValueToken | null)[];
    if (toks.length === width) placed = toks;
    else {
      placed = (centres && placeByX(toks, centres)) || [...toks, ...Array<null>(width - toks.length).fill(null)];
      notes.push({
        rule: 'unreadable',
        severity: 'warning',
        message: `表三“${requestRow(k).short}”行只读到${toks.length}个数字（应为${width}个），${centres && placeByX(toks, centres) ? '已按位置归入各列' : '已按顺序读取'}，其余单元格视为空白，请核对原表。`,
        expected: width,
        actual: toks.length,
        where: `requests.${k}`,
      });
    }
    out.set(k, placed.map(cellValue));
  }
  if (width === 8) dropSubtotalColumn(out);
  const firstLine = tokens[start]?.line ?? 0;
  const scrambled = emptyLabels >= 3 || adoptions >= 3;
  return {
    found: out.size > 0,
    rows: out,
    otherSubRows: OTHER_SUB_ROW_KEYS.some((k) => out.has(k)),
    firstLine,
    lastLine,
    notes,
    scrambled,
    unreliable,
    cutRows: cut.size,
  };
}

/** Remove a 小计 (organisations subtotal) column: the one equal to the sum of the five organisation columns. */
function dropSubtotalColumn(rows: Map<RequestRowKey, CellValue[]>): void {
  const fits = (idx: number, orgs: number[]) =>
    [...rows.values()].every((r) => r[idx] === null || orgs.some((o) => r[o] === null) || r[idx] === orgs.reduce((s, o) => s + (r[o] ?? 0), 0));
  const candidates: [number, number[]][] = [
    [6, [1, 2, 3, 4, 5]],
    [1, [2, 3, 4, 5, 6]],
  ];
  const hit = candidates.find(([idx, orgs]) => fits(idx, orgs)) ?? candidates[0]!;
  for (const [k, r] of rows)
    rows.set(
      k,
      r.filter((_, i) => i !== hit[0]),
    );
}
