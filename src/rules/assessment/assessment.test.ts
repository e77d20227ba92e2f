import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import {
  DEFAULT_SCHEME,
  INDICATOR_KEYS,
  grade,
  rankAgencies,
  schemeProblems,
  scoreAgency,
  similarity,
  type AgencyFacts,
  type Evidence,
  type IndicatorKey,
} from './index.js';

const ev = (n: number, kind: Evidence['kind'] = 'case'): Evidence[] =>
  Array.from({ length: n }, (_, i) => ({ kind, ref: `r${i}`, label: `#${i}`, detail: '' }));
const facts = (name: string, e: Partial<Record<IndicatorKey, number>>): AgencyFacts => ({
  agencyId: name,
  agencyName: name,
  evidence: Object.fromEntries(Object.entries(e).map(([k, n]) => [k, ev(n as number)])),
});

describe('assessment scoring', () => {
  it('deducts per occurrence with caps, once-only indicators once, and caps each section at its weight', () => {
    // 2 overdue × 3 = 6; 1 corrected appeal × 3 = 3 → 依申请公开 −9
    expect(scoreAgency(facts('甲', { overdue_reply: 2, appeal_corrected: 1 }), DEFAULT_SCHEME).score).toBe(91);
    // 7 overdue × 3 = 21 → cap 18; 5 late corrections × 1 = 5 → cap 4; 5 corrected × 3 = 15 → cap 12; 18+4+12 = 34 → section 30
    const s = scoreAgency(facts('乙', { overdue_reply: 7, correction_late: 5, appeal_corrected: 5 }), DEFAULT_SCHEME);
    expect(s.score).toBe(70);
    expect(s.sections.find((x) => x.key === 'requests')!.deducted).toBe(30);
    expect(s.deductions.map((d) => [d.indicator, d.points, d.capped])).toEqual([
      ['overdue_reply', 18, true],
      ['correction_late', 4, true],
      ['appeal_corrected', 8, true],
    ]);
    // report missing (20, once) uses the whole 年度报告 section; late/errors cannot add to it
    expect(scoreAgency(facts('丙', { report_missing: 1, report_errors: 3 }), DEFAULT_SCHEME).score).toBe(80);
    // once: 2 similar findings still deduct 5
    expect(scoreAgency(facts('丁', { report_similar: 2 }), DEFAULT_SCHEME).score).toBe(95);
  });

  it('counts in tenths: 0.5 per occurrence three times is exactly 1.5', () => {
    const scheme = { ...DEFAULT_SCHEME, indicators: DEFAULT_SCHEME.indicators.map((i) => (i.key === 'column_stale' ? { ...i, points: 0.5 } : i)) };
    expect(scoreAgency(facts('甲', { column_stale: 3 }), scheme).score).toBe(98.5);
    expect(scoreAgency(facts('甲', { column_stale: 3 }), scheme).deducted).toBe(1.5);
  });

  it('ranks by score, ties share a rank and are ordered by name', () => {
    const r = rankAgencies([facts('乙局', { overdue_reply: 1 }), facts('甲局', { overdue_reply: 1 }), facts('丙局', {})], DEFAULT_SCHEME);
    // 乙 (U+4E59) sorts before 甲 (U+7532) in code point order
    expect(r.map((x) => [x.agencyName, x.score, x.rank])).toEqual([
      ['丙局', 100, 1],
      ['乙局', 97, 2],
      ['甲局', 97, 2],
    ]);
    expect(grade(95, 100)).toBe('优秀');
    expect(grade(59.9, 100)).toBe('不合格');
  });

  it('property: the score stays within [total − Σ section maxima, total], more occurrences never raise it, and the same facts give the same numbers', () => {
    const counts = fc.record(Object.fromEntries(INDICATOR_KEYS.map((k) => [k, fc.integer({ min: 0, max: 12 })])) as Record<IndicatorKey, fc.Arbitrary<number>>);
    fc.assert(
      fc.property(counts, fc.constantFrom(...INDICATOR_KEYS), (c, extra) => {
        const a = scoreAgency(facts('x', c), DEFAULT_SCHEME);
        const b = scoreAgency(facts('x', { ...c, [extra]: c[extra] + 1 }), DEFAULT_SCHEME);
        expect(a.score).toBeGreaterThanOrEqual(0);
        expect(a.score).toBeLessThanOrEqual(100);
        expect(b.score).toBeLessThanOrEqual(a.score);
        expect(scoreAgency(facts('x', c), DEFAULT_SCHEME)).toEqual(a);
        for (const s of a.sections) expect(s.deducted).toBeLessThanOrEqual(s.max);
      }),
      { seed: 12, numRuns: 300 },
    );
  });

  it('refuses a broken scheme with sentences, accepts the default', () => {
    expect(schemeProblems(DEFAULT_SCHEME)).toEqual([]);
    const bad = {
      ...DEFAULT_SCHEME,
      sections: [...DEFAULT_SCHEME.sections, { key: 'x', label: '额外', max: 50 }],
      indicators: [...DEFAULT_SCHEME.indicators, { key: 'overdue_reply' as const, section: 'nope', mode: 'per_occurrence' as const, points: -1.25 }],
    };
    const p = schemeProblems(bad);
    expect(p).toContain('各考核项目分值之和（150分）超过了总分（100分）。');
    expect(p).toContain('考核指标“依申请公开超期答复”重复。');
    expect(p).toContain('考核指标“依申请公开超期答复”所属的考核项目不存在。');
    expect(p).toContain('考核指标“依申请公开超期答复”的扣分应为不小于0的数，最多一位小数。');
  });
});

describe('report similarity (雷同)', () => {
  const last =
    '2019年，本机关认真贯彻落实《中华人民共和国政府信息公开条例》，全年主动公开政府信息125条，受理政府信息公开申请12件，全部按期答复。本机关进一步完善公开制度，加强平台建设，主动回应社会关切。存在的主要问题是公开内容还不够丰富，解读形式还比较单一。';
  it("flags last year's text with new figures as copied, and lists the copied sentences", () => {
    const copied = last.replace('2019', '2020').replace('125', '311').replace('12件', '27件');
    const r = similarity(copied, last);
    expect(r.containment).toBeGreaterThanOrEqual(0.95);
    expect(r.copied.length).toBeGreaterThanOrEqual(3);
  });
  it('does not flag a report written afresh', () => {
    const fresh =
      '2020年，市教育局围绕群众关心的招生入学、学校布局调整和教育收费等事项，新增了专题栏目，逐月发布中小学招生政策问答。对依申请公开中反映集中的问题，我们梳理形成了常见问题清单，并在门户网站上长期公示。';
    expect(similarity(fresh, last).containment).toBeLessThan(0.2);
    expect(similarity(fresh, last).copied).toEqual([]);
  });
});
