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
