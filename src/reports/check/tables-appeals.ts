import type { CellValue } from '../../rules/report/types.js';
import type { ExtractedDocument, Token } from './document.js';
import { canCut, rowReadings } from './split.js';
import type { ValueToken } from './tables-labels.js';
import { cellValue, placeByX, type RequestsRead } from './tables-requests.js';

// ---------------------------------------------------------------------------------------------------------------
// Table 4

export interface AppealsRead {
  found: boolean;
  values: CellValue[] | null;
  /** How many values were found (15 expected). */
  count: number;
  /** Fewer than 15 numbers were found and they were put in their columns by position. */
  placedByPosition?: boolean;
  /** The numbers were spread over several lines and do not add up: their order cannot be trusted. */
  scrambled?: boolean;
  /** The cells ran together and were split by the groups' totals. */
  cut?: boolean;
  /** The cells ran together and the totals do not split them in exactly one way. */
  unreliable?: RequestsRead['unreliable'];
  firstLine: number;
  lastLine: number;
}

export function readAppeals(doc: ExtractedDocument, tokens: Token[], from: number, to: number): AppealsRead {
  const byLine = new Map<number, Token[]>();
  for (let i = from; i < to; i++) {
    const t = tokens[i]!;
    if (!byLine.has(t.line)) byLine.set(t.line, []);
    byLine.get(t.line)!.push(t);
  }
  const dataLines: ValueToken[][] = [];
  let firstLine = -1;
  let lastLine = -1;
  for (const [line, toks] of byLine) {
    const values = toks.filter((t) => t.kind === 'value');
    const texts = toks.filter((t) => t.kind === 'text');
    if (firstLine < 0 && texts.some((t) => t.kind === 'text' && /行政复议|行政诉讼|维持|纠正/.test(t.text))) firstLine = line;
    if (values.length === 0 || texts.length > 1) continue;
    if (doc.lines[line]?.kind === 'flow' && texts.length > 0) continue;
    dataLines.push(toks.filter((t): t is ValueToken => t.kind !== 'text'));
    lastLine = line;
  }
  const exact = dataLines.find((l) => l.length === 15);
  const all = exact ?? dataLines.flat();
  if (all.length === 0) return { found: false, values: null, count: 0, firstLine, lastLine };
  const raws = all.map((t) => t.raw);
  if (all.every((t) => t.kind === 'value') && canCut(raws, 15)) {
    // Run-together cells: each of the three groups' 总计 is the sum of its four results.
    const readings = rowReadings(raws, 15, 5);
    if (readings && readings.length === 1) return { found: true, values: readings[0]!, count: 15, firstLine, lastLine, cut: true };
    return {
      found: true,
      values: null,
      count: all.length,
      firstLine,
      lastLine,
      unreliable: readings === null ? 'too-many' : readings.length === 0 ? 'none' : 'several',
    };
  }
  if (all.length < 15) {
    // A laid-out row with blank cells: put the numbers under their column headings, when those can be told apart.
    const centres = headerColumns(tokens, from, to, 15, /维持|纠正|结果|其他|尚未|审结|总计|^总$|^计$/, /行政复议|行政诉讼|起诉/);
    const placed = centres && placeByX(all, centres);
    if (placed) return { found: true, values: placed.map(cellValue), count: all.length, firstLine, lastLine, placedByPosition: true };
    return { found: true, values: null, count: all.length, firstLine, lastLine };
  }
  const values = all.slice(0, 15).map(cellValue);
  if (!exact && dataLines.length > 1) {
    // Numbers gathered from several lines may be in any order (a table exported column by column): trust them only
    // when they add up, otherwise a misreading would be reported as the agency's error.
    const adds = [0, 5, 10].every((g) => values[g + 4] === null || values[g + 4] === values.slice(g, g + 4).reduce<number>((sum, v) => sum + (v ?? 0), 0));
    if (!adds) return { found: true, values: null, count: all.length, firstLine, lastLine, scrambled: true };
  }
  return { found: true, values, count: all.length, firstLine, lastLine };
}

/**
 * Column centres from the heading words of a laid-out table: the x positions of the words that name columns,
 * clustered. Null unless exactly `n` columns come out.
 */
function headerColumns(tokens: Token[], from: number, to: number, n: number, keep: RegExp, drop: RegExp): number[] | null {
  const xs: number[] = [];
  for (let i = from; i < to; i++) {
    const t = tokens[i]!;
    if (t.kind === 'text' && t.x !== undefined && keep.test(t.text) && !drop.test(t.text) && t.text.length <= 8) xs.push(t.x);
  }
  if (xs.length < n) return null;
  xs.sort((a, b) => a - b);
  const span = xs[xs.length - 1]! - xs[0]!;
  if (span <= 0) return null;
  const tolerance = span / (n - 1) / 2;
  const clusters: number[][] = [[xs[0]!]];
  for (const x of xs.slice(1)) {
    const c = clusters[clusters.length - 1]!;
    if (x - c[c.length - 1]! > tolerance) clusters.push([x]);
    else c.push(x);
  }
  if (clusters.length !== n) return null;
  return clusters.map((c) => c.reduce((a, b) => a + b, 0) / c.length);
}
