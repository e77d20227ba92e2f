import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ENGINES, createTestContext, type TestContext } from '../helpers/db.js';
import { insertAgency, type Agency } from '../../src/platform/org/agencies.service.js';
import { computeReport } from '../../src/reports/reports.compute.js';
import { validateReport } from '../../src/rules/report/index.js';
import { insertAppeals, insertCases } from './ledger.js';

/** The aggregation over the real ledger tables, on every engine: counting rules, appeals as of 31 Dec, subtree sums. */

describe.each(ENGINES)('%s', (engine) => {
  let ctx: TestContext;
  let city: Agency;
  let a: Agency;
  let b: Agency;

  beforeAll(async () => {
    ctx = await createTestContext(engine);
    city = await insertAgency(ctx.db, { name: '测试市人民政府', kind: 'government', code: 'city' });
    a = await insertAgency(ctx.db, { name: '测试市甲局', kind: 'department', code: 'deptA', parentId: city.id });
    b = await insertAgency(ctx.db, { name: '测试市乙局', kind: 'department', code: 'deptB', parentId: city.id });
    const np = 'natural_person';
    const ids = await insertCases(ctx.db, [
      // Carried in: received 2020, open on 1 Jan 2021, closed in 2021.
      { agency_id: a.id, applicant_type: np, received_date: '2020-12-20', closed_date: '2021-01-10', outcome: 'disclosed' },
      // Closed before the year: not in the 2021 report at all.
      { agency_id: a.id, applicant_type: np, received_date: '2020-11-01', closed_date: '2020-12-31', outcome: 'disclosed' },
      // New and closed in the year (2021 format keeps other_fee_unpaid as its own row).
      { agency_id: a.id, applicant_type: 'business', received_date: '2021-01-01', closed_date: '2021-02-01', outcome: 'other_fee_unpaid' },
      { agency_id: a.id, applicant_type: 'legal_service', received_date: '2021-06-01', closed_date: '2021-06-20', outcome: 'withheld_third_party' },
      // New, still open on 31 Dec (closed next year): carried out.
      { agency_id: a.id, applicant_type: np, received_date: '2021-12-31', closed_date: '2022-01-05', outcome: 'disclosed' },
      // Received date not yet confirmed: not counted.
      { agency_id: a.id, applicant_type: np, received_date: null, closed_date: null, outcome: null },
      // Received next year: not counted.
      { agency_id: a.id, applicant_type: np, received_date: '2022-01-01', closed_date: null, outcome: null },
      // Carried in and still open: carried in and carried out.
      { agency_id: b.id, applicant_type: 'research', received_date: '2019-05-05', closed_date: null, outcome: null },
      { agency_id: b.id, applicant_type: np, received_date: '2021-03-03', closed_date: '2021-03-20', outcome: 'unable_not_held' },
    ]);
    await insertAppeals(ctx.db, [
      { agency_id: a.id, case_id: ids[0]!, kind: 'reconsideration', filed_date: '2021-02-01', result: 'upheld', decided_date: '2021-04-01' },
      // Decided after 31 Dec: pending as of the report.
      { agency_id: a.id, case_id: ids[0]!, kind: 'litigation_direct', filed_date: '2021-11-01', result: 'corrected', decided_date: '2022-02-01' },
      { agency_id: a.id, case_id: ids[0]!, kind: 'litigation_after_reconsideration', filed_date: '2021-05-01', result: 'pending', decided_date: null },
      // Filed the year before: not in this year's table.
      { agency_id: b.id, case_id: ids[7]!, kind: 'reconsideration', filed_date: '2020-06-01', result: 'corrected', decided_date: '2021-01-05' },
      { agency_id: b.id, case_id: ids[7]!, kind: 'reconsideration', filed_date: '2021-06-01', result: 'corrected', decided_date: '2021-07-05' },
    ]);
  });
  afterAll(() => ctx.cleanup());

  it('counts new, carried in, one outcome row per closed case, carried out', async () => {
    const { report, ledgerFindings } = await computeReport(ctx.db, a, 2021, 'agency');
    const t = report.tables.requests;
    expect(report.format).toBe('2021');
    expect(ledgerFindings).toEqual([]);
    expect(t.new.total).toBe(3);
    expect(t.new.natural_person).toBe(1);
    expect(t.new.business).toBe(1);
    expect(t.new.legal_service).toBe(1);
    expect(t.carried_in.total).toBe(1);
    expect(t.disclosed.natural_person).toBe(1);
    expect(t.other_fee_unpaid!.business).toBe(1);
    expect(t.other.business).toBe(1);
    expect(t.withheld_third_party.legal_service).toBe(1);
    expect(t.total.total).toBe(3);
    expect(t.carried_out.total).toBe(1);
    expect(validateReport(report)).toEqual([]);
  });

  it('counts appeals filed in the year with their result as of 31 December', async () => {
    const { report } = await computeReport(ctx.db, a, 2021, 'agency');
    const ap = report.tables.appeals;
    expect(ap.reconsideration).toEqual({ upheld: 1, corrected: 0, other: 0, pending: 0, total: 1 });
    expect(ap.litigation_direct).toEqual({ upheld: 0, corrected: 0, other: 0, pending: 1, total: 1 });
    expect(ap.litigation_after_reconsideration).toEqual({ upheld: 0, corrected: 0, other: 0, pending: 1, total: 1 });
    const { report: rb } = await computeReport(ctx.db, b, 2021, 'agency');
    expect(rb.tables.appeals.reconsideration).toEqual({ upheld: 0, corrected: 1, other: 0, pending: 0, total: 1 });
  });

  it('puts the three other_* outcomes into the single （六） row of the 2019 format', async () => {
    const { report } = await computeReport(ctx.db, a, 2020, 'agency');
    expect(report.format).toBe('2019');
    expect(report.tables.requests.other_fee_unpaid).toBeUndefined();
    expect(validateReport(report)).toEqual([]);
  });

  it("sums a government's subtree cell by cell", async () => {
    const [ra, rb, rc] = await Promise.all([
      computeReport(ctx.db, a, 2021, 'agency'),
      computeReport(ctx.db, b, 2021, 'agency'),
      computeReport(ctx.db, city, 2021, 'subtree'),
    ]);
    const ta = ra.report.tables.requests as unknown as Record<string, Record<string, number>>;
    const tb = rb.report.tables.requests as unknown as Record<string, Record<string, number>>;
    const tc = rc.report.tables.requests as unknown as Record<string, Record<string, number>>;
    for (const row of Object.keys(tc)) for (const col of Object.keys(tc[row]!)) expect(tc[row]![col]).toBe(ta[row]![col]! + tb[row]![col]!);
    expect(rc.report.tables.appeals.reconsideration.total).toBe(2);
    expect(rc.report.agency).toBe('测试市人民政府');
    const own = await computeReport(ctx.db, city, 2021, 'agency');
    expect(own.report.tables.requests.new.total).toBe(0);
  });

  it('reports ledger rows the report cannot place instead of dropping them', async () => {
    const x = await insertAgency(ctx.db, { name: '测试市丙局', kind: 'department', code: 'deptC', parentId: city.id });
    await insertCases(ctx.db, [
      { agency_id: x.id, applicant_type: 'natural_person', received_date: '2021-02-02', closed_date: '2021-02-03', outcome: 'no_such_outcome' },
    ]);
    const { ledgerFindings } = await computeReport(ctx.db, x, 2021, 'agency');
    expect(ledgerFindings).toHaveLength(1);
    expect(ledgerFindings[0]!.severity).toBe('error');
  });
});
