import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestContext, type TestContext } from '../helpers/db.js';
import { insertAgency, type Agency } from '../../src/platform/org/agencies.service.js';
import { computeReport } from '../../src/reports/reports.compute.js';
import { OUTCOME_KEYS, formatForYear, type OutcomeKey } from '../../src/rules/outcomes.js';
import { APPLICANT_TYPES, buildRequestsTable, tallyCases, validateReport, type ApplicantType, type CaseTally } from '../../src/rules/report/index.js';
import { clearLedger, insertAppeals, insertCases, type LedgerCase } from './ledger.js';

/**
 * Property: a report built from ANY ledger, through the real SQL aggregation (SQLite, small sizes), passes
 * every consistency rule, equals a naive case-by-case count, and a government's report is the cell-by-cell
 * sum of its departments'.
 */

const DAY = 86_400_000;
const BASE = Date.parse('2019-01-01T00:00:00Z');
const iso = (d: number) => new Date(BASE + d * DAY).toISOString().slice(0, 10);

interface GenCase {
  agency: 0 | 1;
  applicant: ApplicantType;
  received: number | null;
  closedAfter: number | null;
  outcome: OutcomeKey;
}

const genCase = fc.record({
  agency: fc.constantFrom(0 as const, 1 as const),
  applicant: fc.constantFrom(...APPLICANT_TYPES),
  received: fc.option(fc.integer({ min: 0, max: 4 * 365 }), { freq: 8 }),
  closedAfter: fc.option(fc.integer({ min: 0, max: 400 }), { freq: 2 }),
  outcome: fc.constantFrom(...OUTCOME_KEYS),
});

const genAppeal = fc.record({
  kind: fc.constantFrom('reconsideration', 'litigation_direct', 'litigation_after_reconsideration'),
  filed: fc.integer({ min: 0, max: 4 * 365 }),
  decidedAfter: fc.option(fc.integer({ min: 0, max: 300 }), { freq: 3 }),
  result: fc.constantFrom('upheld', 'corrected', 'other'),
});

describe('report from a random ledger (sqlite)', () => {
  let ctx: TestContext;
  let city: Agency;
  let depts: [Agency, Agency];

  beforeAll(async () => {
    ctx = await createTestContext('sqlite');
    city = await insertAgency(ctx.db, { name: '随机市人民政府', kind: 'government', code: 'rcity' });
    depts = [
      await insertAgency(ctx.db, { name: '随机市甲局', kind: 'department', code: 'ra', parentId: city.id }),
      await insertAgency(ctx.db, { name: '随机市乙局', kind: 'department', code: 'rb', parentId: city.id }),
    ];
  });
  afterAll(() => ctx.cleanup());

  it('passes every rule, matches a naive count, and sums across the subtree', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.array(genCase, { maxLength: 40 }),
        fc.array(genAppeal, { maxLength: 8 }),
        fc.constantFrom(2020, 2021, 2022),
        async (cases: GenCase[], appeals, year: number) => {
          await clearLedger(ctx.db);
          const rows: LedgerCase[] = cases.map((c) => {
            const received = c.received === null ? null : iso(c.received);
            const closed = c.received === null || c.closedAfter === null ? null : iso(c.received + c.closedAfter);
            return {
              agency_id: depts[c.agency].id,
              applicant_type: c.applicant,
              received_date: received,
              closed_date: closed,
              outcome: closed ? c.outcome : null,
            };
          });
          const ids = await insertCases(ctx.db, [
            ...rows,
            { agency_id: depts[0].id, applicant_type: 'natural_person', received_date: null, closed_date: null, outcome: null },
          ]);
          const appealRows = appeals.map((a) => ({
            agency_id: depts[0].id,
            case_id: ids[ids.length - 1]!,
            kind: a.kind,
            filed_date: iso(a.filed),
            result: a.decidedAfter === null ? 'pending' : a.result,
            decided_date: a.decidedAfter === null ? null : iso(a.filed + a.decidedAfter),
          }));
          await insertAppeals(ctx.db, appealRows);
          const format = formatForYear(year);
          const start = `${year}-01-01`;
          const end = `${year}-12-31`;
          const parts = [];
          for (const [i, dept] of depts.entries()) {
            const { report, ledgerFindings } = await computeReport(ctx.db, dept, year, 'agency');
            expect(ledgerFindings).toEqual([]);
            expect(validateReport(report)).toEqual([]);
            // The naive oracle: walk the cases one by one.
            const tallies: CaseTally[] = rows
              .filter(
                (r) => r.agency_id === depts[i]!.id && r.received_date !== null && r.received_date <= end && (r.closed_date === null || r.closed_date >= start),
              )
              .map((r) => ({
                applicant: r.applicant_type as ApplicantType,
                carriedIn: r.received_date! < start,
                outcome: r.closed_date !== null && r.closed_date <= end ? (r.outcome as OutcomeKey) : undefined,
              }));
            expect(report.tables.requests).toEqual(buildRequestsTable(tallyCases(tallies), format));
            // Appeals filed in the year, with the result as of 31 December.
            const ap = report.tables.appeals;
            const mine = appealRows.filter((a) => a.agency_id === depts[i]!.id && a.filed_date >= start && a.filed_date <= end);
            for (const g of ['reconsideration', 'litigation_direct', 'litigation_after_reconsideration'] as const) {
              const inGroup = mine.filter((a) => a.kind === g);
              const pending = inGroup.filter((a) => a.decided_date === null || a.decided_date > end).length;
              expect(ap[g].total).toBe(inGroup.length);
              expect(ap[g].pending).toBe(pending);
              expect(ap[g].upheld).toBe(inGroup.filter((a) => a.result === 'upheld' && a.decided_date !== null && a.decided_date <= end).length);
            }
            parts.push(report);
          }
          const { report: whole } = await computeReport(ctx.db, city, year, 'subtree');
          expect(validateReport(whole)).toEqual([]);
          const w = whole.tables.requests as unknown as Record<string, Record<string, number>>;
          const p0 = parts[0]!.tables.requests as unknown as Record<string, Record<string, number>>;
          const p1 = parts[1]!.tables.requests as unknown as Record<string, Record<string, number>>;
          for (const row of Object.keys(w)) for (const col of Object.keys(w[row]!)) expect(w[row]![col]).toBe(p0[row]![col]! + p1[row]![col]!);
        },
      ),
      { numRuns: 40 },
    );
  });
});
