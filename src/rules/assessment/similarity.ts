/**
 * Similarity of two reports' text (雷同): how much of one report's wording reappears in another once figures,
 * years, spaces and punctuation are set aside, so that last year's text with this year's numbers still counts
 * as copied. Pure; character n-grams (Chinese has no spaces to split words on).
 */

const N = 8;

/** Text without figures, Latin letters, spaces or punctuation: the wording alone. */
export function wording(text: string): string {
  return text
    .normalize('NFKC')
    .replace(/[0-9０-９.,%．，、。；：:;！？!?“”"'‘’（）()《》〈〉【】\[\]\-—…·\s]/g, '')
    .replace(/[一二三四五六七八九十百千万零〇两]+(?=[件条个项次人份篇期年月日])/g, '')
    .replace(/[A-Za-z]/g, '');
}

function grams(s: string): Set<string> {
  const out = new Set<string>();
  for (let i = 0; i + N <= s.length; i++) out.add(s.slice(i, i + N));
  return out;
}

export interface SimilarityResult {
  /** Share of `text`'s wording (its n-grams) found in `other` (0–1, three decimals). */
  containment: number;
  /** Sentences of `text` whose wording appears whole in `other` (the copied passages), longest first, at most 10. */
  copied: string[];
}

/** How much of `text` is found in `other`. */
export function similarity(text: string, other: string): SimilarityResult {
  const a = grams(wording(text));
  const bWords = wording(other);
  const b = grams(bWords);
  let shared = 0;
  for (const g of a) if (b.has(g)) shared++;
  const containment = a.size ? Math.round((shared / a.size) * 1000) / 1000 : 0;
  const copied = text
    .split(/(?<=[。；！？\n])/)
    .map((s) => s.trim())
    .filter((s) => {
      const w = wording(s);
      return w.length >= 15 && bWords.includes(w);
    })
    .sort((x, y) => y.length - x.length || (x < y ? -1 : 1))
    .slice(0, 10);
  return { containment, copied };
}

/**
 * A report's wording prepared once for many comparisons (the board compares each report with last year's and
 * with every sibling's): its n-grams as sorted unique 53-bit hashes (two independent 32-bit FNV-1a hashes
 * combined — a collision among a report's few thousand n-grams has a probability below 10⁻⁹), the wording,
 * and its sentences. `compareFingerprints(fingerprint(a), fingerprint(b))` equals `similarity(a, b)` but for
 * such a collision; `estimateContainment` reads only the `SKETCH` smallest hashes (a bottom-k sketch).
 */
export interface Fingerprint {
  grams: Float64Array;
  wording: string;
  sentences: { text: string; wording: string }[];
}

export const SKETCH = 128;

function gramHash(s: string, from: number): number {
  let h1 = 0x811c9dc5;
  let h2 = 0x01000193 ^ 0x5bd1e995;
  for (let i = from; i < from + N; i++) {
    const c = s.charCodeAt(i);
    h1 = Math.imul(h1 ^ c, 0x01000193) >>> 0;
    h2 = Math.imul(h2 ^ c, 0x5bd1e995) >>> 0;
    h2 ^= h2 >>> 15;
  }
  return h1 * 2097152 + (h2 >>> 11);
}

export function fingerprint(text: string): Fingerprint {
  const w = wording(text);
  const all = new Float64Array(Math.max(0, w.length - N + 1));
  for (let i = 0; i + N <= w.length; i++) all[i] = gramHash(w, i);
  all.sort();
  let k = 0;
  for (let i = 0; i < all.length; i++) if (i === 0 || all[i] !== all[i - 1]) all[k++] = all[i]!;
  const sentences = text
    .split(/(?<=[。；！？\n])/)
    .map((s) => s.trim())
    .map((s) => ({ text: s, wording: wording(s) }))
    .filter((s) => s.wording.length >= 15);
  return { grams: all.slice(0, k), wording: w, sentences };
}

/** Share of `a`'s n-grams found in `b` (sorted-merge intersection of the hashes), three decimals. */
export function containmentOf(a: Fingerprint, b: Fingerprint): number {
  let shared = 0;
  for (let i = 0, j = 0; i < a.grams.length && j < b.grams.length; ) {
    const x = a.grams[i]!;
    const y = b.grams[j]!;
    if (x === y) {
      shared++;
      i++;
      j++;
    } else if (x < y) i++;
    else j++;
  }
  return a.grams.length ? Math.round((shared / a.grams.length) * 1000) / 1000 : 0;
}

/** Sentences of `a` whose wording appears whole in `b`, longest first, at most 10. */
export function copiedOf(a: Fingerprint, b: Fingerprint): string[] {
  return a.sentences
    .filter((s) => b.wording.includes(s.wording))
    .map((s) => s.text)
    .sort((x, y) => y.length - x.length || (x < y ? -1 : 1))
    .slice(0, 10);
}

/** Exactly what `similarity` computes, from two fingerprints. */
export function compareFingerprints(a: Fingerprint, b: Fingerprint): SimilarityResult {
  return { containment: containmentOf(a, b), copied: copiedOf(a, b) };
}

/**
 * Share of `a`'s n-grams estimated to be in `b`, from the two bottom-k sketches: the Jaccard index J is the
 * share of the k smallest hashes of the union found in both, and |A ∩ B| = J·(|A| + |B|)/(1 + J).
 */
export function estimateContainment(a: Fingerprint, b: Fingerprint): number {
  if (!a.grams.length || !b.grams.length) return 0;
  let i = 0;
  let j = 0;
  let both = 0;
  let taken = 0;
  while (taken < SKETCH && (i < a.grams.length || j < b.grams.length)) {
    const x = i < a.grams.length ? a.grams[i]! : Infinity;
    const y = j < b.grams.length ? b.grams[j]! : Infinity;
    if (x === y) {
      both++;
      i++;
      j++;
    } else if (x < y) i++;
    else j++;
    taken++;
  }
  const jac = both / taken;
  return Math.min(1, (jac * (a.grams.length + b.grams.length)) / (1 + jac) / a.grams.length);
}

/**
 * The sibling whose text holds most of `a`'s wording: every sibling's share is estimated from the sketches,
 * and the `check` best (those within 0.15 of the best estimate, about four standard errors of a 128-hash
 * sketch) are compared exactly; the best exact result is returned (null without siblings).
 */
export function closestOf<T extends { fingerprint: Fingerprint }>(a: Fingerprint, siblings: T[], check = 3): { sibling: T; result: SimilarityResult } | null {
  let ranked: { s: T; est: number }[] = [];
  for (const s of siblings) {
    const est = estimateContainment(a, s.fingerprint);
    if (ranked.length < check || est > ranked[ranked.length - 1]!.est) {
      ranked.push({ s, est });
      ranked.sort((x, y) => y.est - x.est);
      if (ranked.length > check) ranked = ranked.slice(0, check);
    }
  }
  let best: { s: T; containment: number } | null = null;
  // Those estimated well below the best (by more than the sketch's error) cannot be the closest.
  for (const { s, est } of ranked) {
    if (est < ranked[0]!.est - 0.15) break;
    const containment = containmentOf(a, s.fingerprint);
    if (!best || containment > best.containment) best = { s, containment };
  }
  return best ? { sibling: best.s, result: { containment: best.containment, copied: copiedOf(a, best.s.fingerprint) } } : null;
}
