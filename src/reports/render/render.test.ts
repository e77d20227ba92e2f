import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { OUTCOME_KEYS, type OutcomeKey } from '../../rules/outcomes.js';
import {
  APPEAL_GROUP_KEYS,
  APPLICANT_TYPES,
  STANDARD_SENTENCES,
  buildAppealsTable,
  buildRequestsTable,
  emptyReport,
  tallyCases,
  type AppealCount,
  type ApplicantType,
  type CaseTally,
  type Report,
  type ReportNarrative,
} from '../../rules/report/index.js';
import { checkReportBytes, checkReportText } from '../check/check.js';
import { renderReportHtml } from './html.js';
import { renderReportText, displayWidth } from './text.js';

const narrative: ReportNarrative = {
  chapters: {
    overview: '{{year}}年，{{agency}}认真贯彻落实《条例》，依法做好政府信息公开工作。',
    proactive: '本年度通过政府网站主动公开各类政府信息，规章、规范性文件及时公开。',
    requests: STANDARD_SENTENCES.requests,
    appeals: STANDARD_SENTENCES.appeals,
    problems: '政策解读的针对性仍需加强。下一步将完善工作机制，提高答复质量。',
    other: '本年度未收取信息处理费。',
  },
  closing: '{{agency}}\n{{year}}年1月20日',
};

const caseArb: fc.Arbitrary<CaseTally> = fc.record({
  applicant: fc.constantFrom<ApplicantType>(...APPLICANT_TYPES),
  carriedIn: fc.boolean(),
  outcome: fc.option(fc.constantFrom<OutcomeKey>(...OUTCOME_KEYS), { nil: undefined }),
});
const appealArb: fc.Arbitrary<AppealCount> = fc.record({
  group: fc.constantFrom(...APPEAL_GROUP_KEYS),
  result: fc.constantFrom('upheld' as const, 'corrected' as const, 'other' as const, 'pending' as const),
  count: fc.integer({ min: 0, max: 40 }),
});

function build(cases: CaseTally[], appeals: AppealCount[], year: number): Report {
  const r = emptyReport('某某市某某局', year);
  r.tables.requests = buildRequestsTable(tallyCases(cases), r.format);
  r.tables.appeals = buildAppealsTable(appeals);
  const p = r.tables.proactive as unknown as Record<string, Record<string, number | null>>;
  if (r.format === '2021') {
    p.normative_documents!.issued = 3;
    p.normative_documents!.in_force = 12;
    p.fees!.amount_10k_yuan = 12.5;
  } else {
    p.licensing!.change = -8;
    p.procurement!.amount = 36.75;
  }
  return r;
}

const reportArb = fc
  .tuple(fc.array(caseArb, { maxLength: 150 }), fc.array(appealArb, { maxLength: 8 }), fc.integer({ min: 2019, max: 2027 }))
  .map(([c, a, y]) => build(c, a, y));

describe('round trip: rendered reports read back without error', () => {
  it('text', () => {
    fc.assert(
      fc.property(reportArb, (report) => {
        const r = checkReportText(renderReportText(report, narrative));
        expect(r.report.findings).toEqual([]);
        expect(r.report).toMatchObject({ agency: report.agency, year: report.year, format: report.format });
        expect(r.report.tables).toEqual(report.tables);
        expect(r.prose.length).toBeGreaterThanOrEqual(10);
      }),
      { numRuns: 60 },
    );
  });

  it('html', async () => {
    await fc.assert(
      fc.asyncProperty(reportArb, async (report) => {
        const r = await checkReportBytes(new TextEncoder().encode(renderReportHtml(report, narrative)));
        expect(r.source).toBe('html');
        expect(r.report.findings).toEqual([]);
        expect(r.report).toMatchObject({ agency: report.agency, year: report.year, format: report.format });
        expect(r.report.tables).toEqual(report.tables);
      }),
      { numRuns: 60 },
    );
  });

  it('an inconsistent report renders, and the checker finds what is wrong', async () => {
    const report = build([{ applicant: 'natural_person', carriedIn: false, outcome: 'disclosed' }], [], 2024);
    report.tables.appeals.reconsideration = { upheld: 10, corrected: 1, other: 0, pending: 0, total: 0 };
    report.tables.requests.carried_out.business = null;
    const html = await checkReportBytes(new TextEncoder().encode(renderReportHtml(report, { chapters: { ...narrative.chapters, appeals: '' } })));
    expect(html.report.findings.map((f) => f.rule).sort()).toEqual(['appeal-total', 'blank']);
    const text = checkReportText(renderReportText(report, { chapters: { ...narrative.chapters, appeals: '' } }));
    expect(text.report.findings.map((f) => f.rule).sort()).toEqual(['appeal-total', 'blank']);
  });
});

describe('renderers', () => {
  const report = build([{ applicant: 'business', carriedIn: true, outcome: 'other_fee_unpaid' }], [], 2023);

  it('HTML uses captions, scoped headers, the official labels and the six chapters', () => {
    const html = renderReportHtml(report, narrative);
    expect(html).toContain('<html lang="zh-CN">');
    expect(html.match(/<caption>/g)!.length).toBe(4 + 2);
    expect(html).toContain('<th rowspan="22" scope="rowgroup">三、本年度办理结果</th>');
    expect(html).toContain('<th scope="row">2.申请人逾期未按收费通知要求缴纳费用、行政机关不再处理其政府信息公开申请</th>');
    expect(html).toContain('（本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和）');
    for (const h of [
      '一、总体情况',
      '二、主动公开政府信息情况',
      '三、收到和处理政府信息公开申请情况',
      '四、政府信息公开行政复议、行政诉讼情况',
      '五、存在的主要问题及改进情况',
      '六、其他需要报告的事项',
    ]) {
      expect(html).toContain(`>${h}</h2>`);
    }
    expect(html).toContain('本年度新收政府信息公开申请0件，上年结转政府信息公开申请1件');
    expect(html).not.toMatch(/\{\{/);
  });

  it('the 2019 format prints （六） as one row and the procurement block', () => {
    const r2019 = build([], [], 2020);
    const html = renderReportHtml(r2019, narrative);
    expect(html).toContain('<th rowspan="20" scope="rowgroup">三、本年度办理结果</th>');
    expect(html).toContain('第二十条第（九）项');
    expect(renderReportText(r2019, narrative)).toContain('本年增/减');
  });

  it('text aligns columns by display width', () => {
    const text = renderReportText(report, narrative);
    const rows = text.split('\n').filter((l) => /^\s*(一、本年新收|二、上年结转|四、结转下年度)/.test(l));
    expect(new Set(rows.map((l) => displayWidth(l))).size).toBe(1);
  });

  it('rejects a narrative with an unknown placeholder', () => {
    expect(() => renderReportHtml(report, { chapters: { overview: '{{requests.new.totl}}' } })).toThrow(/无法识别/);
    expect(() => renderReportText(report, { chapters: { overview: '{{requests.new.totl}}' } })).toThrow(/无法识别/);
  });
});
