import { INDICATOR_LABELS, type AssessmentScheme, type IndicatorKey } from './scheme.js';

/**
 * Scoring an agency for a year under a scheme: pure arithmetic over the records found (the evidence), in
 * tenths of a point so that the same records always give the same numbers.
 */

/** One record behind a deduction: a case, appeal, item, column, report or 督办, with what is wrong with it. */
export interface Evidence {
  kind: 'case' | 'appeal' | 'item' | 'column' | 'report' | 'order' | 'finding';
  /** The record's id (for drilling down). */
  ref: string;
  /** What a reader recognises: tracking code, title, column name. */
  label: string;
  /** What is wrong, as a sentence. */
  detail: string;
  date?: string;
}

export interface AgencyFacts {
  agencyId: string;
  agencyName: string;
  evidence: Partial<Record<IndicatorKey, Evidence[]>>;
}

export interface Deduction {
  indicator: IndicatorKey;
  section: string;
  label: string;
  count: number;
  /** Points before the indicator's cap. */
  raw: number;
  /** Points after the indicator's cap and the section's maximum. */
  points: number;
  capped: boolean;
  evidence: Evidence[];
}

export interface AgencyScore {
  agencyId: string;
  agencyName: string;
  score: number;
  deducted: number;
  sections: { key: string; label: string; max: number; deducted: number }[];
  /** Only indicators with at least one occurrence. */
  deductions: Deduction[];
}

const t = (n: number) => Math.round(n * 10);

/** Scores one agency. */
export function scoreAgency(facts: AgencyFacts, scheme: AssessmentScheme): AgencyScore {
  const deductions: Deduction[] = [];
  const sections = scheme.sections.map((s) => ({ key: s.key, label: s.label, max: s.max, deducted: 0 }));
  let totalTenths = 0;
  for (const sec of sections) {
    let left = t(sec.max);
    for (const ind of scheme.indicators.filter((i) => i.section === sec.key)) {
      const evidence = facts.evidence[ind.key] ?? [];
      if (!evidence.length) continue;
      const raw = ind.mode === 'once' ? t(ind.points) : t(ind.points) * evidence.length;
      const afterCap = ind.cap === undefined ? raw : Math.min(raw, t(ind.cap));
      const points = Math.min(afterCap, left);
      left -= points;
      deductions.push({
        indicator: ind.key,
        section: sec.key,
        label: INDICATOR_LABELS[ind.key].label,
        count: evidence.length,
        raw: raw / 10,
        points: points / 10,
        capped: points < raw,
        evidence,
      });
    }
    sec.deducted = (t(sec.max) - left) / 10;
    totalTenths += t(sec.max) - left;
  }
  return {
    agencyId: facts.agencyId,
    agencyName: facts.agencyName,
    score: (t(scheme.total) - totalTenths) / 10,
    deducted: totalTenths / 10,
    sections,
    deductions,
  };
}

export interface RankedScore extends AgencyScore {
  /** 1-based; equal scores share a rank (1, 1, 3). */
  rank: number;
}

/** Scores every agency and ranks them: highest score first, ties by name (code point order, stable). */
export function rankAgencies(all: readonly AgencyFacts[], scheme: AssessmentScheme): RankedScore[] {
  const scored = all.map((f) => scoreAgency(f, scheme));
  scored.sort((a, b) => b.score - a.score || (a.agencyName < b.agencyName ? -1 : a.agencyName > b.agencyName ? 1 : a.agencyId < b.agencyId ? -1 : 1));
  let rank = 0;
  return scored.map((s, i) => {
    if (i === 0 || s.score !== scored[i - 1]!.score) rank = i + 1;
    return { ...s, rank };
  });
}

/** The grade bands used in 通报 (优秀 ≥ 90, 良好 ≥ 80, 合格 ≥ 60, 不合格), as fractions of the total. */
export function grade(score: number, total: number): '优秀' | '良好' | '合格' | '不合格' {
  const r = score / total;
  return r >= 0.9 ? '优秀' : r >= 0.8 ? '良好' : r >= 0.6 ? '合格' : '不合格';
}
