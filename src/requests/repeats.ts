/**
 * Likely repeats (条例第三十六条第（六）项: the same applicant asking again for the same information): an
 * earlier application of the same applicant to the same agency that names the same document number, or
 * whose description shares most of its character bigrams with this one. Pure; a hint for staff, never a
 * decision.
 */

function bigrams(text: string): Set<string> {
  const t = text.replace(/[\s，。、；;,.!?！？“”"'（）()《》〈〉【】\-—]+/g, '').replace(/^(请|申请|要求)?(公开|提供)?/, '');
  const out = new Set<string>();
  for (let i = 0; i < t.length - 1; i++) out.add(t.slice(i, i + 2));
  return out;
}

/** Jaccard similarity of the two descriptions' character bigrams, 0…1. */
export function descriptionSimilarity(a: string, b: string): number {
  const x = bigrams(a);
  const y = bigrams(b);
  if (!x.size || !y.size) return 0;
  let common = 0;
  for (const g of x) if (y.has(g)) common++;
  return common / (x.size + y.size - common);
}

export const LIKELY_REPEAT_THRESHOLD = 0.5;

export function isLikelyRepeat(a: { description: string; docNumber: string | null }, b: { description: string; docNumber: string | null }): boolean {
  const norm = (d: string | null) => (d ?? '').replace(/\s+/g, '').replace(/[[\]〔〕]/g, '');
  if (a.docNumber && b.docNumber && norm(a.docNumber) === norm(b.docNumber)) return true;
  return descriptionSimilarity(a.description, b.description) >= LIKELY_REPEAT_THRESHOLD;
}
