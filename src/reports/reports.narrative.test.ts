import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { OUTCOME_KEYS } from '../rules/outcomes.js';
import { APPLICANT_TYPES, buildAppealsTable, buildRequestsTable, emptyReport, validateReport, type RequestCount } from '../rules/report/index.js';
import { extractProse } from './check/prose.js';
import { proseOf } from './reports.service.js';
import { bindAll, draftNarrative, parseNarrative, unboundFigures } from './reports.narrative.js';

const FACTS = { agency: '测试局', year: 2021, officeName: '测试局办公室', officePhone: '0000-1234567', officeEmail: 'a@b.cn', subtree: false };

const counts = fc.array(
  fc.record({
    applicant: fc.constantFrom(...APPLICANT_TYPES),
    kind: fc.constantFrom('new' as const, 'carried_in' as const, 'closed' as const, 'carried_out' as const),
    outcome: fc.constantFrom(...OUTCOME_KEYS),
    count: fc.integer({ min: 0, max: 50 }),
  }),
  { maxLength: 20 },
);

const appealCounts = fc.array(
  fc.record({
    group: fc.constantFrom('reconsideration' as const, 'litigation_direct' as const, 'litigation_after_reconsideration' as const),
    result: fc.constantFrom('upheld' as const, 'corrected' as const, 'other' as const, 'pending' as const),
    count: fc.integer({ min: 0, max: 9 }),
  }),
  { maxLength: 6 },
);

describe('report narrative', () => {
  it('binds every placeholder of the generated draft, in both formats, leaving only the 【待补充】 markers', () => {
    fc.assert(
      fc.property(counts, fc.constantFrom(2020, 2021, 2024), appealCounts, (cs, year, appeals) => {
        const report = emptyReport('测试局', year);
        report.tables.requests = buildRequestsTable(cs as RequestCount[], report.format);
        report.tables.appeals = buildAppealsTable(appeals);
        const bound = bindAll(draftNarrative(report, { ...FACTS, year }), report);
        expect(bound.findings.every((f) => f.rule === 'chapters' && f.message.includes('待补充'))).toBe(true);
        for (const c of bound.chapters) expect(c.text).not.toContain('{{');
        expect(bound.chapters.find((c) => c.key === 'requests')!.text).toContain(`本年度新收政府信息公开申请${report.tables.requests.new.total}件`);
        // Read back like a published report, the generated text agrees with the tables.
        const prose = extractProse(proseOf(bound));
        expect(validateReport(report, { prose }).filter((f) => f.rule === 'prose')).toEqual([]);
      }),
      { numRuns: 100 },
    );
  });

  it('reports an unknown placeholder and an empty text chapter as errors, and lets table chapters be empty', () => {
    const report = emptyReport('测试局', 2021);
    const n = parseNarrative(JSON.stringify({ overview: '共{{requests.nope.total}}件', problems: '', other: '无。', requests: '' }));
    const { findings } = bindAll(n, report);
    expect(findings.map((f) => `${f.rule}:${f.where}`).sort()).toEqual(['chapters:chapters.problems', 'prose:chapters.overview']);
  });

  it('finds figures typed by hand next to 申请/复议/诉讼 … 件, but not bound ones', () => {
    expect(unboundFigures('本年度共收到政府信息公开申请12件，其中予以公开3件。')).toEqual([
      { text: '申请12件', value: 12 },
      { text: '予以公开3件', value: 3 },
    ]);
    expect(unboundFigures('本年度收到申请{{requests.new.total}}件，被申请行政复议{{appeals.reconsideration.total}}件。')).toEqual([]);
    expect(unboundFigures('公开信息44条，配备工作人员2名。')).toEqual([]);
  });

  it('parses stored text defensively', () => {
    expect(parseNarrative('not json').overview).toBe('');
    expect(parseNarrative(JSON.stringify({ overview: 5 })).overview).toBe('');
  });
});
