import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { newId } from '../../src/platform/ids.js';
import { loadCalendar } from '../../src/requests/calendar.service.js';
import { requestFiguresByAgency, splitPeriod, type RequestFigures } from '../../src/requests/oversight.js';
import { correctionRequestDeadline } from '../../src/rules/clock.js';
import { isOutcomeKey, outcome } from '../../src/rules/outcomes.js';
import { insertMany } from '../reports/ledger.js';
import { createTestContext, ENGINES, type TestContext } from '../helpers/db.js';
import { agency, officer } from './ledger.js';

/**
 * The board's monthly counts (migration 0020: `case_month_counts`, kept by triggers) against counting the cases
 * themselves: after any sequence of inserts, updates, deletes and appended events, the figures of any period —
 * whole months from the counts, the cut months from the cases — equal the figures counted directly.
 */

describe('splitPeriod', () => {
  it('cuts a period into whole months and the days at its ends', () => {
    expect(splitPeriod({ from: '2026-01-01', to: '2026-12-02' })).toEqual({
      months: { from: '2026-01', to: '2026-11' },
      edges: [{ from: '2026-12-01', to: '2026-12-02' }],
    });
    expect(splitPeriod({ from: '2025-01-01', to: '2025-12-31' })).toEqual({ months: { from: '2025-01', to: '2025-12' }, edges: [] });
    expect(splitPeriod({ from: '2024-02-10', to: '2024-02-29' })).toEqual({ months: null, edges: [{ from: '2024-02-10', to: '2024-02-29' }] });
    expect(splitPeriod({ from: '2024-01-15', to: '2024-03-31' })).toEqual({
      months: { from: '2024-02', to: '2024-03' },
      edges: [{ from: '2024-01-15', to: '2024-01-31' }],
    });
    expect(splitPeriod({ from: '2024-12-15', to: '2025-01-31' })).toEqual({
      months: { from: '2025-01', to: '2025-01' },
      edges: [{ from: '2024-12-15', to: '2024-12-31' }],
    });
  });
  it('covers every day of the period exactly once (property)', () => {
    const day = fc.integer({ min: 0, max: 900 }).map((n) => new Date(Date.UTC(2024, 0, 1) + n * 86_400_000).toISOString().slice(0, 10));
    fc.assert(
      fc.property(day, day, (a, b) => {
        const period = a <= b ? { from: a, to: b } : { from: b, to: a };
        const { months, edges } = splitPeriod(period);
        const covered: string[] = [];
        for (const e of edges) for (let d = e.from; d <= e.to; d = next(d)) covered.push(d);
        if (months) for (let d = `${months.from}-01`; d.slice(0, 7) <= months.to; d = next(d)) covered.push(d);
        const want: string[] = [];
        for (let d = period.from; d <= period.to; d = next(d)) want.push(d);
        expect(covered.sort()).toEqual(want);
      }),
      { numRuns: 300, seed: 20261202 },
    );
  });
});

function next(d: string) {
  const t = new Date(`${d}T00:00:00Z`);
  t.setUTCDate(t.getUTCDate() + 1);
  return t.toISOString().slice(0, 10);
}

const OUTCOME_KEYS = ['disclosed', 'partly_disclosed', 'withheld_third_party', 'unable_not_held', 'not_processed_repeat', 'other_misc'];

type Op =
  | { kind: 'insert'; agency: number; received: number | null; due: number | null; closed: number | null; outcome: number }
  | { kind: 'update'; target: number; field: 'received_date' | 'closed_date' | 'due_date' | 'outcome' | 'agency_id'; value: number | null }
  | { kind: 'event'; target: number; type: 'extended' | 'correction_requested'; sent: number | null }
  | { kind: 'delete'; target: number };

const dayOf = (n: number) => new Date(Date.UTC(2024, 10, 1) + n * 86_400_000).toISOString().slice(0, 10);
// Few distinct days, on both sides of month ends, so that dates collide (closed on the due date) and periods hold whole months.
const DAYS = [0, 1, 14, 29, 30, 31, 45, 60, 61, 75, 90, 91, 119, 120];
const dayIdx = fc.constantFrom(...DAYS);
const dayArb = fc.option(dayIdx, { nil: null });
const opArb: fc.Arbitrary<Op> = fc.oneof(
  {
    weight: 4,
    arbitrary: fc.record({
      kind: fc.constant('insert' as const),
      agency: fc.nat(2),
      received: dayArb,
      due: dayArb,
      closed: dayArb,
      outcome: fc.nat(OUTCOME_KEYS.length - 1),
    }),
  },
  {
    weight: 3,
    arbitrary: fc.record({
      kind: fc.constant('update' as const),
      target: fc.nat(),
      field: fc.constantFrom('received_date' as const, 'closed_date' as const, 'due_date' as const, 'outcome' as const, 'agency_id' as const),
      value: dayArb,
    }),
  },
  {
    weight: 2,
    arbitrary: fc.record({
      kind: fc.constant('event' as const),
      target: fc.nat(),
      type: fc.constantFrom('extended' as const, 'correction_requested' as const),
      sent: dayArb,
    }),
  },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('delete' as const), target: fc.nat() }) },
);

describe.each(ENGINES)('monthly counts of the board (%s)', (engine) => {
  let ctx: TestContext;
  beforeAll(async () => {
    ctx = await createTestContext(engine);
  }, 120_000);
  afterAll(async () => ctx?.cleanup());

  it('give the same figures as counting the cases, whatever was written (property)', async () => {
    const db = ctx.db;
    const calendar = await loadCalendar(db);
    let run = 0;
    await fc.assert(
      fc.asyncProperty(fc.array(opArb, { minLength: 1, maxLength: 40 }), dayIdx, dayIdx, async (ops, a, b) => {
        run++;
        const gov = await agency(db, `某市政府${run}`, `g${run}-${engine}`, undefined, 'government');
        const units = [gov, await agency(db, `某市甲局${run}`, `a${run}-${engine}`, gov), await agency(db, `某市乙局${run}`, `b${run}-${engine}`, gov)];
        const live: { id: string; events: number }[] = [];
        for (const op of ops) {
          if (op.kind === 'insert') {
            const id = newId();
            await insertMany(db, 'cases', [
              {
                id,
                agency_id: units[op.agency]!.id,
                tracking_code: `MC${id.slice(0, 12)}`,
                applicant_type: 'natural_person',
                applicant_masked: '张*',
                received_date: op.received === null ? null : dayOf(op.received),
                due_date: op.due === null ? null : dayOf(op.due),
                closed_date: op.closed === null ? null : dayOf(op.closed),
                state: op.closed === null ? 'in_progress' : 'closed',
                outcome: op.closed === null ? null : OUTCOME_KEYS[op.outcome]!,
                description: '申请公开某文件',
              },
            ]);
            live.push({ id, events: 0 });
          } else if (live.length) {
            const c = live[op.target % live.length]!;
            if (op.kind === 'update') {
              const value =
                op.field === 'agency_id'
                  ? units[(op.value ?? 0) % 3]!.id
                  : op.field === 'outcome'
                    ? op.value === null
                      ? null
                      : OUTCOME_KEYS[op.value % OUTCOME_KEYS.length]!
                    : op.value === null
                      ? null
                      : dayOf(op.value);
              await db
                .updateTable('cases')
                .set({ [op.field]: value })
                .where('id', '=', c.id)
                .execute();
            } else if (op.kind === 'event') {
              c.events++;
              const agencyId = (await db.selectFrom('cases').select('agency_id').where('id', '=', c.id).executeTakeFirstOrThrow()).agency_id;
              await db
                .insertInto('case_events')
                .values({
                  id: newId(),
                  case_id: c.id,
                  agency_id: agencyId,
                  seq: c.events,
                  at: '2025-01-01T00:00:00.000Z',
                  actor: '经办人',
                  actor_id: null,
                  type: op.type,
                  data: JSON.stringify(op.sent === null ? {} : { date: dayOf(op.sent) }),
                })
                .execute();
            } else if (c.events === 0) {
              // The ledger is append-only: only a case without events can go (as a rolled-back intake would).
              await db.deleteFrom('cases').where('id', '=', c.id).execute();
              live.splice(live.indexOf(c), 1);
            }
          }
        }
        const period = a <= b ? { from: dayOf(a), to: dayOf(b) } : { from: dayOf(b), to: dayOf(a) };
        const got = await requestFiguresByAgency(db, officer(gov), period, dayOf(60));
        // Counted directly from the rows.
        const rows = await db
          .selectFrom('cases')
          .selectAll()
          .where(
            'agency_id',
            'in',
            units.map((u) => u.id),
          )
          .execute();
        const events = rows.length
          ? await db
              .selectFrom('case_events')
              .select(['case_id', 'type', 'data'])
              .where(
                'case_id',
                'in',
                rows.map((r) => r.id),
              )
              .execute()
          : [];
        const inP = (d: string | null) => d !== null && d >= period.from && d <= period.to;
        for (const u of units) {
          const mine = rows.filter((r) => r.agency_id === u.id);
          const f = got.get(u.id);
          const received = mine.filter((r) => inP(r.received_date));
          const closed = mine.filter((r) => inP(r.closed_date));
          const late = closed.filter((r) => r.due_date !== null && r.closed_date! > r.due_date).length;
          const corrections = events.filter((e) => e.type === 'correction_requested' && received.some((r) => r.id === e.case_id));
          const onTime = corrections.filter((e) => {
            const sent = (JSON.parse(e.data) as { date?: string }).date;
            const r = received.find((x) => x.id === e.case_id)!;
            return sent !== undefined && sent <= correctionRequestDeadline(r.received_date!, calendar);
          }).length;
          const outcomes: RequestFigures['outcomes'] = { disclosed: 0, partly_disclosed: 0, withheld: 0, unable: 0, not_processed: 0, other: 0 };
          for (const r of closed) if (r.outcome && isOutcomeKey(r.outcome)) outcomes[outcome(r.outcome).group]++;
          const want = {
            received: received.length,
            closed: closed.length,
            closedLate: late,
            closedOnTime: closed.length - late,
            extended: received.filter((r) => events.some((e) => e.case_id === r.id && e.type === 'extended')).length,
            corrections: corrections.length,
            correctionsOnTime: onTime,
            outcomes,
          };
          const have = f
            ? {
                received: f.received,
                closed: f.closed,
                closedLate: f.closedLate,
                closedOnTime: f.closedOnTime,
                extended: f.extended,
                corrections: f.corrections,
                correctionsOnTime: f.correctionsOnTime,
                outcomes: f.outcomes,
              }
            : { received: 0, closed: 0, closedLate: 0, closedOnTime: 0, extended: 0, corrections: 0, correctionsOnTime: 0, outcomes };
          expect(have, `${u.name} over ${period.from}…${period.to}`).toEqual(want);
        }
      }),
      { numRuns: engine === 'sqlite' ? 40 : 15, seed: 20261202 },
    );
  }, 300_000);
});
