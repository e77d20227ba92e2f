import { describe, expect, it } from 'vitest';
import { buildAppealsTable, buildRequestsTable, emptyReport } from './build.js';
import { NarrativeError, STANDARD_SENTENCES, bindNarrative, checkTemplate, templatePlaceholders } from './narrative.js';
import { formatForYear, proactiveBlocks, requestRowKeys } from './format.js';

function report() {
  const r = emptyReport('淮安市洪泽区人民政府', 2024);
  r.tables.requests = buildRequestsTable(
    [
      { applicant: 'natural_person', kind: 'new', count: 95 },
      { applicant: 'natural_person', kind: 'closed', outcome: 'disclosed', count: 50 },
      { applicant: 'natural_person', kind: 'closed', outcome: 'withheld_process_info', count: 1 },
      { applicant: 'natural_person', kind: 'closed', outcome: 'withheld_enforcement_files', count: 1 },
      { applicant: 'natural_person', kind: 'closed', outcome: 'other_fee_unpaid', count: 3 },
      { applicant: 'natural_person', kind: 'carried_out', count: 40 },
    ],
    '2021',
  );
  r.tables.appeals = buildAppealsTable([
    { group: 'litigation_direct', result: 'upheld', count: 1 },
    { group: 'litigation_after_reconsideration', result: 'other', count: 2 },
  ]);
  return r;
}

describe('bindNarrative', () => {
  it('fills placeholders from the tables, including group sums', () => {
    const r = report();
    expect(
      bindNarrative(
        '{{agency}}{{year}}年新收申请{{ requests.new.total }}件，不予公开{{requests.withheld.total}}件，其他处理{{requests.other.total}}件，行政诉讼{{appeals.litigation.total}}件。',
        r,
      ),
    ).toBe('淮安市洪泽区人民政府2024年新收申请95件，不予公开2件，其他处理3件，行政诉讼3件。');
    expect(bindNarrative('收费{{proactive.fees.amount_10k_yuan}}万元', r)).toBe('收费0万元');
  });

  it('rejects unknown placeholders and blank cells', () => {
    const r = report();
    expect(() => bindNarrative('{{requests.neu.total}}', r)).toThrow(NarrativeError);
    expect(() => bindNarrative('{{proactive.procurement.amount}}', r)).toThrow(/无法识别/);
    r.tables.requests.new.total = null;
    expect(() => bindNarrative('{{requests.new.total}}', r)).toThrow(/为空/);
  });

  it('the standard sentences bind for both formats', () => {
    for (const year of [2020, 2022]) {
      const r = emptyReport('某局', year);
      expect(checkTemplate(STANDARD_SENTENCES.requests + STANDARD_SENTENCES.appeals, r)).toEqual({ unknown: [], blank: [] });
      expect(bindNarrative(STANDARD_SENTENCES.appeals, r)).toContain('行政复议0件');
    }
    expect(templatePlaceholders('a{{x.y.z}}b{{year}}')).toEqual(['x.y.z', 'year']);
  });
});

describe('formats as data', () => {
  it('table 3 has 22 result rows in 2021 and 20 in 2019 (plus `other` as a sum in 2021)', () => {
    expect(requestRowKeys('2019')).toHaveLength(2 + 20 + 1);
    expect(requestRowKeys('2021')).toHaveLength(2 + 22 + 1 + 1);
    expect(formatForYear(2020)).toBe('2019');
    expect(proactiveBlocks('2019').map((b) => b.article)).toContain('第二十条第（九）项');
    expect(proactiveBlocks('2021').map((b) => b.article)).not.toContain('第二十条第（九）项');
  });
});
