/**
 * Run-together cells: a table row whose cells were joined with nothing between them (「530010357」 for
 * 53|0|0|1|0|3|57). The table's own arithmetic decides where the cells end. Each function here lists the readings
 * that satisfy a row's constraint; the callers then let the column constraints choose between the rows' readings,
 * and call a table unreadable when more than one reading satisfies everything, or none does while some row could be
 * cut in several ways (when every row cuts one way only, that is the table as printed, errors and all).
 */

/** Readings beyond this many for one row are not enumerated: the row is called ambiguous. */
export const MAX_READINGS = 4096;
/** A cell of these tables has at most this many digits (counts, not money). */
const MAX_CELL_DIGITS = 6;

/** A token's digits can be cut when they are plain digits (no thousands separator, no decimal point). */
export function isCuttable(raw: string): boolean {
  return /^\d+$/.test(raw.normalize('NFKC'));
}

/**
 * Every way to cut `raws` (the row's value tokens, in order) into `width` cells such that, in each consecutive group
 * of `group` cells, the last cell is the sum of the others. A token is never merged with its neighbour; a cell never
 * starts with 0 unless it is 0. Tokens that are not plain digits stay one cell. Returns null when there are more
 * than MAX_READINGS readings.
 */
export function rowReadings(raws: readonly string[], width: number, group: number): number[][] | null {
  const toks = raws.map((r) => r.normalize('NFKC'));
  const out: number[][] = [];
  const cells: number[] = [];
  let overflow = false;
  const totalChars = (from: number, offset: number) => {
    let n = toks[from]!.length - offset;
    for (let i = from + 1; i < toks.length; i++) n += isCuttable(toks[i]!) ? toks[i]!.length : 1;
    return n;
  };
  const walk = (ti: number, offset: number): void => {
    if (overflow) return;
    if (ti === toks.length) {
      if (cells.length === width) {
        out.push([...cells]);
        if (out.length > MAX_READINGS) overflow = true;
      }
      return;
    }
    const left = width - cells.length;
    if (left <= 0) return;
    // Each remaining token needs at least one cell, and each cell at least one digit.
    if (toks.length - ti > left || totalChars(ti, offset) < left) return;
    const tok = toks[ti]!;
    const pushCell = (v: number, nextTi: number, nextOffset: number) => {
      const idx = cells.length;
      if (idx % group === group - 1) {
        // The group's total must be the sum of its parts.
        let s = 0;
        for (let k = idx - group + 1; k < idx; k++) s += cells[k]!;
        if (s !== v) return;
      }
      cells.push(v);
      walk(nextTi, nextOffset);
      cells.pop();
    };
    if (!isCuttable(tok)) {
      const v = Number(tok.replace(/,/g, ''));
      if (Number.isFinite(v)) pushCell(v, ti + 1, 0);
      return;
    }
    const rest = tok.length - offset;
    if (tok[offset] === '0') {
      pushCell(0, offset + 1 === tok.length ? ti + 1 : ti, offset + 1 === tok.length ? 0 : offset + 1);
      return;
    }
    for (let len = 1; len <= Math.min(rest, MAX_CELL_DIGITS); len++) {
      const v = Number(tok.slice(offset, offset + len));
      const end = offset + len === tok.length;
      pushCell(v, end ? ti + 1 : ti, end ? 0 : offset + len);
      if (overflow) return;
    }
  };
  walk(0, 0);
  return overflow ? null : out;
}

/** Whether a short row's tokens carry enough digits to be cut into `width` cells. */
export function canCut(raws: readonly string[], width: number): boolean {
  if (raws.length >= width || raws.length === 0) return false;
  if (!raws.some((r) => isCuttable(r) && r.length > 1)) return false;
  const chars = raws.reduce((n, r) => n + (isCuttable(r) ? r.normalize('NFKC').length : 1), 0);
  return chars >= width;
}

export interface TableReadings {
  /** The one reading of every row that satisfies all constraints, or null. */
  chosen: Map<string, number[]> | null;
  /** Why no single reading was chosen. */
  reason?: 'none' | 'several' | 'too-many';
  /**
   * No reading satisfies the column constraints, but every row can be cut in exactly one way that satisfies its own
   * constraint: that is the table as printed, and the column constraints it breaks are the table's own errors.
   */
  asPrinted?: boolean;
}

/**
 * Choose one reading per row so that the table's column constraints hold. `order` is the order rows are decided in
 * (totals first lets `check` prune early); `check(choice, complete)` returns false as soon as the rows chosen so far
 * cannot be completed (and, when complete, whether every constraint holds). Searching stops after `budget` steps.
 */
export function chooseReadings(
  order: readonly string[],
  rows: Map<string, number[][]>,
  check: (choice: Map<string, number[]>, complete: boolean) => boolean,
  budget = 200_000,
): TableReadings {
  const keys = order.filter((k) => rows.has(k));
  for (const k of keys) if (rows.get(k)!.length === 0) return { chosen: null, reason: 'none' };
  const choice = new Map<string, number[]>();
  let found: Map<string, number[]> | null = null;
  let count = 0;
  let steps = 0;
  let exhausted = false;
  const walk = (i: number): void => {
    if (count > 1 || exhausted) return;
    if (++steps > budget) {
      exhausted = true;
      return;
    }
    if (i === keys.length) {
      if (check(choice, true)) {
        count++;
        if (count === 1) found = new Map(choice);
      }
      return;
    }
    const key = keys[i]!;
    for (const r of rows.get(key)!) {
      choice.set(key, r);
      if (check(choice, false)) walk(i + 1);
      if (count > 1 || exhausted) break;
    }
    choice.delete(key);
  };
  walk(0);
  if (count > 1) return { chosen: null, reason: 'several' };
  if (exhausted) return { chosen: null, reason: 'too-many' };
  if (count === 0) {
    if (keys.every((k) => rows.get(k)!.length === 1)) return { chosen: new Map(keys.map((k) => [k, rows.get(k)![0]!])), asPrinted: true };
    return { chosen: null, reason: 'none' };
  }
  return { chosen: found };
}
