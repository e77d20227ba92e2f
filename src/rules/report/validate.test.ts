import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { OUTCOME_KEYS, type OutcomeKey, type ReportFormat } from '../outcomes.js';
import {
  APPEAL_COLUMN_KEYS,
  APPEAL_GROUP_KEYS,
  APPLICANT_COLUMN_KEYS,
  APPLICANT_TYPES,
  buildAppealsTable,
  buildRequestsTable,
  emptyReport,
  requestRowKeys,
  tallyCases,
  validateReport,
  type AppealCount,
  type ApplicantType,
  type CaseTally,
  type Report,
  type RequestRowKey,
} from './index.js';

const applicantArb = fc.constantFrom<ApplicantType>(...APPLICANT_TYPES);
const outcomeArb = fc.constantFrom<OutcomeKey>(...OUTCOME_KEYS);
const caseArb: fc.Arbitrary<CaseTally> = fc.record({
  applicant: applicantArb,
  carriedIn: fc.boolean(),
  outcome: fc.option(outcomeArb, { nil: undefined }),
});
const appealArb: fc.Arbitrary<AppealCount> = fc.record({
  group: fc.constantFrom(...APPEAL_GROUP_KEYS),
  result: fc.constantFrom('upheld' as const, 'corrected' as const, 'other' as const, 'pending' as const),
  count: fc.integer({ min: 0, max: 50 }),
});
const yearArb = fc.integer({ min: 2019, max: 2030 });

function reportFrom(cases: CaseTally[], appeals: AppealCount[], year: number): Report {
  const r = emptyReport('测试市人民政府', year);
  r.tables.requests = buildRequestsTable(tallyCases(cases), r.format);
  r.tables.appeals = buildAppealsTable(appeals);
  return r;
}

const consistentReportArb = fc
  .tuple(fc.array(caseArb, { maxLength: 120 }), fc.array(appealArb, { maxLength: 10 }), yearArb)
  .map(([cases, appeals, year]) => reportFrom(cases, appeals, year));

describe('validateReport on reports built from a ledger', () => {
  it('a zero report of either format passes every rule', () => {
    for (const year of [2020, 2024]) {
      expect(validateReport(emptyReport('某局', year), { chapters: { found: ['overview', 'proactive', 'requests', 'appeals', 'problems', 'other'] } })).toEqual(
        [],
      );
    }
  });

  it('any random ledger of cases gives a report that passes every rule', () => {
    fc.assert(
      fc.property(consistentReportArb, (report) => {
        expect(validateReport(report)).toEqual([]);
      }),
      { numRuns: 300 },
    );
  });

  it('the next year built from the carried-out cases passes carry-over', () => {
    fc.assert(
      fc.property(
        fc.array(caseArb, { maxLength: 80 }),
        fc.array(fc.tuple(applicantArb, fc.option(outcomeArb, { nil: undefined })), { maxLength: 40 }),
        (cases, next) => {
          const y1 = reportFrom(cases, [], 2023);
          const open = cases.filter((c) => !c.outcome);
          // Each carried-out case reappears as carried in, possibly closed; plus some new cases.
          const cases2: CaseTally[] = [
            ...open.map((c, i) => ({ applicant: c.applicant, carriedIn: true, outcome: OUTCOME_KEYS[i % OUTCOME_KEYS.length] })),
            ...next.map(([applicant, outcome]) => ({ applicant, carriedIn: false, outcome })),
          ];
          const y2 = reportFrom(cases2, [], 2024);
          expect(validateReport(y2, { previous: y1 })).toEqual([]);
        },
      ),
      { numRuns: 100 },
    );
  });

  it('any single changed cell of tables 3 and 4 is caught by some rule', () => {
    const cellArb = consistentReportArb.chain((report) => {
      const rows = requestRowKeys(report.format);
      const requestCell = fc.record({
        table: fc.constant('requests' as const),
        row: fc.constantFrom(...rows),
        col: fc.constantFrom(...APPLICANT_COLUMN_KEYS),
      });
      const appealCell = fc.record({
        table: fc.constant('appeals' as const),
        row: fc.constantFrom(...APPEAL_GROUP_KEYS),
        col: fc.constantFrom(...APPEAL_COLUMN_KEYS),
      });
      const change = fc.oneof(
        fc
          .integer({ min: -30, max: 30 })
          .filter((d) => d !== 0)
          .map((d) => ({ delta: d })),
        fc.constant({ set: null }),
        fc.constant({ set: 0.5 }),
      );
      return fc.tuple(fc.constant(report), fc.oneof(requestCell, appealCell), change);
    });
    fc.assert(
      fc.property(cellArb, ([report, cell, change]) => {
        const copy = structuredClone(report);
        const tbl = (
          cell.table === 'requests' ? copy.tables.requests[cell.row as RequestRowKey] : copy.tables.appeals[cell.row as (typeof APPEAL_GROUP_KEYS)[number]]
        ) as Record<string, number | null>;
        const before = tbl[cell.col]!;
        tbl[cell.col] = 'delta' in change ? before + change.delta : change.set;
        const findings = validateReport(copy);
        expect(findings.length).toBeGreaterThan(0);
        expect(findings.some((f) => f.severity === 'error')).toBe(true);
      }),
      { numRuns: 500 },
    );
  });
});

describe('validateReport rules', () => {
  function base(format: ReportFormat = '2021'): Report {
    const r = emptyReport('某区人民政府', format === '2019' ? 2020 : 2023);
    r.tables.requests = buildRequestsTable(
      [
        { applicant: 'natural_person', kind: 'new', count: 4 },
        { applicant: 'natural_person', kind: 'closed', outcome: 'disclosed', count: 3 },
        { applicant: 'natural_person', kind: 'closed', outcome: 'other_misc', count: 1 },
      ],
      r.format,
    );
    return r;
  }

  it('builds the seed figures in the 2019 format (other_* collapse into （六）)', () => {
    const r = base('2019');
    expect(r.tables.requests.new.total).toBe(4);
    expect(r.tables.requests.other.natural_person).toBe(1);
    expect(r.tables.requests.other_misc).toBeUndefined();
    expect(validateReport(r)).toEqual([]);
  });

  it('identity, row-total, column-total', () => {
    const r = base();
    r.tables.requests.new.natural_person = 5;
    const f = validateReport(r);
    expect(f.map((x) => x.rule).sort()).toEqual(['column-total', 'identity']);
    const id = f.find((x) => x.rule === 'identity')!;
    expect(id).toMatchObject({ severity: 'error', expected: 5, actual: 4, where: 'requests.natural_person' });
    expect(id.message).toContain('自然人');
  });

  it('appeal-total: 总计 0 although 维持 10 + 纠正 1', () => {
    const r = base();
    r.tables.appeals.reconsideration = { upheld: 10, corrected: 1, other: 0, pending: 0, total: 0 };
    const [f] = validateReport(r);
    expect(f).toMatchObject({ rule: 'appeal-total', severity: 'error', expected: 11, actual: 0, where: 'appeals.reconsideration.total' });
    expect(f!.message).toContain('结果维持10件');
  });

  it('blank cells are findings, not zeros; negative counts are invalid; fee amounts may be fractional', () => {
    const r = base();
    r.tables.requests.withheld_state_secret.business = null;
    r.tables.requests.carried_out = { natural_person: null, business: null, research: null, nonprofit: null, legal_service: null, other: null, total: null };
    (r.tables.proactive as { fees: { amount_10k_yuan: number | null } }).fees.amount_10k_yuan = 7730.28;
    const f = validateReport(r);
    expect(f.filter((x) => x.rule === 'blank').map((x) => x.where)).toEqual(['requests.withheld_state_secret.business', 'requests.carried_out']);
    const r2 = base();
    r2.tables.appeals.litigation_direct = { upheld: -1, corrected: 1, other: 0, pending: 0, total: 0 };
    expect(validateReport(r2).some((x) => x.rule === 'blank' && x.where === 'appeals.litigation_direct.upheld')).toBe(true);
  });

  it('2019 本年增/减 may be negative, but not fractional', () => {
    const r = base('2019');
    const p = r.tables.proactive as { licensing: { change: number | null } };
    p.licensing.change = -8;
    expect(validateReport(r)).toEqual([]);
    p.licensing.change = 1.5;
    expect(validateReport(r).map((x) => x.rule)).toEqual(['blank']);
  });

  it('format: 2019 tables in a 2023 report are an error; a single （六） row in 2021 tables a warning', () => {
    const r = base('2019');
    r.year = 2023;
    expect(validateReport(r)).toEqual([expect.objectContaining({ rule: 'format', severity: 'error', expected: '2021', actual: '2019' })]);
    const h = base('2021');
    delete h.tables.requests.other_no_correction;
    delete h.tables.requests.other_fee_unpaid;
    delete h.tables.requests.other_misc;
    expect(validateReport(h)).toEqual([expect.objectContaining({ rule: 'format', severity: 'warning', where: 'requests.other' })]);
  });

  it('format: rows the reader could not find', () => {
    const r = base();
    expect(validateReport(r, { absent: ['requests.withheld_query_matter', 'proactive.fees'] }).map((f) => [f.rule, f.severity, f.where])).toEqual([
      ['format', 'error', 'requests.withheld_query_matter'],
      ['format', 'warning', 'proactive.fees'],
    ]);
  });

  it('carry-over compares with last year, per column', () => {
    const prev = base();
    prev.year = 2022;
    prev.tables.requests.carried_out.natural_person = 2;
    prev.tables.requests.carried_out.total = 2;
    const r = base();
    const f = validateReport(r, { previous: prev });
    expect(f.map((x) => [x.rule, x.where])).toEqual([
      ['carry-over', 'requests.carried_in.natural_person'],
      ['carry-over', 'requests.carried_in.total'],
    ]);
    prev.year = 2020;
    expect(validateReport(r, { previous: prev })).toEqual([expect.objectContaining({ rule: 'carry-over', severity: 'warning' })]);
  });

  it('prose: figures in the text are compared with the tables', () => {
    const r = base();
    const f = validateReport(r, {
      prose: [
        { kind: 'requests.new.total', value: 3, text: '共收到依申请公开信息3条' },
        { kind: 'requests.total.total', value: 4, text: '办结4件' },
        { kind: 'appeals.litigation.total', value: 0, text: '行政诉讼0件' },
      ],
    });
    expect(f).toEqual([expect.objectContaining({ rule: 'prose', severity: 'error', expected: 4, actual: 3, where: 'requests.new.total' })]);
    expect(f[0]!.message).toContain('共收到依申请公开信息3条');
  });

  it('prose: 「受理N件」 may include last year’s carried-over applications', () => {
    const r = base();
    r.tables.requests = buildRequestsTable(
      [
        { applicant: 'natural_person', kind: 'new', count: 4 },
        { applicant: 'natural_person', kind: 'carried_in', count: 2 },
        { applicant: 'natural_person', kind: 'closed', outcome: 'disclosed', count: 6 },
      ],
      '2021',
    );
    expect(validateReport(r, { prose: [{ kind: 'requests.new.total', value: 6, text: '共受理申请6件' }] })).toEqual([]);
  });

  it('chapters: missing is an error, present-but-unnumbered a warning', () => {
    const f = validateReport(base(), { chapters: { found: ['overview', 'proactive', 'requests', 'appeals'], mentioned: ['problems'] } });
    expect(f.map((x) => [x.where, x.severity])).toEqual([
      ['chapters.problems', 'warning'],
      ['chapters.other', 'error'],
    ]);
  });
});
