import type { Agency } from '../platform/org/agencies.service.js';
import { closestOf, compareFingerprints, fingerprint, type Fingerprint } from '../rules/assessment/index.js';
import type { ReportSimilarity } from './supervision.api.js';

/** Report similarity (雷同) for the board and the assessment, with the caches that keep it cheap. */

/**
 * Similarity of a report's text to the agency's own last report and to its siblings' reports of the same year.
 * A fingerprint is one shared object per published version (or checked upload), so the same objects mean the
 * same texts: the result is kept per agency and reused while its report, last year's and its siblings' stay
 * the same (a province's board would otherwise compare some 50,000 pairs on every request).
 */
export function similarityOf(
  agency: Agency,
  fp: Fingerprint | null,
  previous: Fingerprint | null,
  siblings: { agency: Agency; fingerprint: Fingerprint }[],
  threshold: number,
): ReportSimilarity | null {
  if (!fp) return null;
  const others = siblings.filter((s) => s.agency.id !== agency.id);
  const key = `${threshold}|${fingerprintId(previous)}|${others.map((s) => `${s.agency.id}:${fingerprintId(s.fingerprint)}:${s.agency.name}`).join(',')}`;
  const hit = similarityResults.get(fp);
  if (hit?.key === key) return hit.value;
  const prev = previous ? compareFingerprints(fp, previous) : null;
  const closest = closestOf(fp, others);
  const best = closest ? { agencyId: closest.sibling.agency.id, agencyName: closest.sibling.agency.name, ...closest.result } : null;
  const value = {
    previousYear: prev ? prev.containment : null,
    previousCopied: prev?.copied ?? [],
    sibling: best,
    flagged: (prev?.containment ?? 0) >= threshold || (best?.containment ?? 0) >= threshold,
  };
  similarityResults.set(fp, { key, value });
  return value;
}

const similarityResults = new WeakMap<Fingerprint, { key: string; value: ReportSimilarity }>();
const fingerprintIds = new WeakMap<Fingerprint, number>();
let nextFingerprintId = 1;
function fingerprintId(fp: Fingerprint | null): number {
  if (!fp) return 0;
  let id = fingerprintIds.get(fp);
  if (!id) fingerprintIds.set(fp, (id = nextFingerprintId++));
  return id;
}

/** Fingerprints of collected reports' texts, once per checked text (a re-check gives a new `checked_at`). */
const collectedFingerprints = new Map<string, Fingerprint>();
export function collectedFingerprint(c: { id: string; text: string; checked_at: string | null; sha256: string } | undefined): Fingerprint | null {
  if (!c?.text) return null;
  const key = `${c.id}|${c.checked_at ?? ''}|${c.sha256}`;
  let fp = collectedFingerprints.get(key);
  if (!fp) {
    collectedFingerprints.set(key, (fp = fingerprint(c.text)));
    if (collectedFingerprints.size > 5_000) collectedFingerprints.delete(collectedFingerprints.keys().next().value!);
  }
  return fp;
}
