import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { addWorkingDaysNaive, builtinCalendar, formatDate, parseDate } from './calendar/index.js';
import { computeDeadline, isWorkingDay, type DeadlineInput, type PauseInput, type PauseKind } from './clock.js';

const cal = builtinCalendar();
const FIRST = parseDate('2018-10-01');
const LAST = parseDate('2027-03-31');

interface Scenario {
  received: number;
  corrected?: number;
  pauses: { offset: number; length?: number; kind: PauseKind }[];
  extended: boolean;
}

const pauseArb = fc.record(
  {
    offset: fc.integer({ min: 0, max: 70 }),
    length: fc.integer({ min: 0, max: 35 }),
    kind: fc.constantFrom<PauseKind>('third_party', 'agency', 'fee', 'other'),
  },
  { requiredKeys: ['offset', 'kind'] },
);

const scenarioArb: fc.Arbitrary<Scenario> = fc
  .record(
    {
      received: fc.integer({ min: FIRST, max: LAST }),
      corrected: fc.integer({ min: 0, max: 40 }),
      pauses: fc.array(pauseArb, { maxLength: 4 }),
      extended: fc.boolean(),
    },
    { requiredKeys: ['received', 'pauses', 'extended'] },
  )
  .map((s) => ({ ...s, corrected: s.corrected === undefined ? undefined : s.received + s.corrected }));

function toPause(received: number, p: Scenario['pauses'][number]): PauseInput {
  const from = received + p.offset;
  // `other` always needs an end; the others may still be waiting for an answer.
  const length = p.kind === 'other' ? (p.length ?? 3) : p.length;
  return length === undefined ? { from: formatDate(from), kind: p.kind } : { from: formatDate(from), to: formatDate(from + length), kind: p.kind };
}

function toInput(s: Scenario): DeadlineInput {
  const input: DeadlineInput = { received: formatDate(s.received), pauses: s.pauses.map((p) => toPause(s.received, p)), extended: s.extended };
  if (s.corrected !== undefined) input.corrected = formatDate(s.corrected);
  return input;
}

/** The effective pause intervals computed independently, day by day (limit = 15 / 20 working days). */
function naivePauses(input: DeadlineInput): { from: string; to: string }[] {
  return (input.pauses ?? []).map((p) => {
    if (p.kind === 'other') return { from: p.from, to: p.to as string };
    const limit = addWorkingDaysNaive(cal, p.from, p.kind === 'fee' ? 20 : 15);
    const to = p.to === undefined || p.to > limit ? limit : p.to;
    return { from: p.from, to };
  });
}

describe('deadline properties', () => {
  it('the due date is always a working day', () => {
    fc.assert(
      fc.property(scenarioArb, (s) => {
        const r = computeDeadline(toInput(s));
        expect(isWorkingDay(r.due)).toBe(true);
        expect(isWorkingDay(r.firstDue)).toBe(true);
      }),
      { numRuns: 1500 },
    );
  });

  it('equals a day-by-day simulation of the rules', () => {
    fc.assert(
      fc.property(scenarioArb, (s) => {
        const input = toInput(s);
        const r = computeDeadline(input);
        const anchor = input.corrected ?? input.received;
        const pauses = naivePauses(input);
        const firstDue = addWorkingDaysNaive(cal, anchor, 20, pauses);
        expect(r.firstDue).toBe(firstDue);
        expect(r.due).toBe(s.extended ? addWorkingDaysNaive(cal, anchor, 40, pauses) : firstDue);
      }),
      { numRuns: 1500 },
    );
  });

  it('a pause never makes the due date earlier', () => {
    fc.assert(
      fc.property(scenarioArb, pauseArb, (s, extra) => {
        const without = computeDeadline(toInput(s));
        const withPause = computeDeadline({ ...toInput(s), pauses: [...toInput(s).pauses!, toPause(s.received, extra)] });
        expect(withPause.due >= without.due).toBe(true);
        expect(withPause.firstDue >= without.firstDue).toBe(true);
        expect(withPause.pausedWorkingDays >= without.pausedWorkingDays).toBe(true);
      }),
      { numRuns: 1500 },
    );
  });

  it('a correction restarts the count: due = 20th working day after C, whatever happened before', () => {
    fc.assert(
      fc.property(scenarioArb, fc.integer({ min: 0, max: 60 }), (s, gap) => {
        const c = s.received + gap;
        // Earlier history: pauses that ended on or before the corrected application arrived.
        const history = s.pauses
          .map((p) => ({ ...p, length: p.length ?? 0 }))
          .filter((p) => p.offset + p.length <= gap)
          .map((p) => toPause(s.received, p));
        const r = computeDeadline({ received: formatDate(s.received), corrected: formatDate(c), pauses: history });
        expect(r.due).toBe(cal.addWorkingDays(formatDate(c), 20));
        expect(r.start).toBe(formatDate(c + 1));
      }),
      { numRuns: 1500 },
    );
  });

  it('an extension adds exactly 20 working days after the first due date', () => {
    fc.assert(
      fc.property(scenarioArb, (s) => {
        const plain = computeDeadline(toInput({ ...s, extended: false }));
        const ext = computeDeadline(toInput({ ...s, extended: true }));
        expect(ext.firstDue).toBe(plain.firstDue);
        const pauses = ext.pauses.map((p) => ({ from: p.from, to: p.to }));
        // 20 unpaused working days in (firstDue, due], and due itself is one of them
        expect(cal.countWorkingDays(formatDate(parseDate(ext.firstDue) + 1), ext.due, pauses)).toBe(20);
        expect(cal.countWorkingDays(ext.due, ext.due, pauses)).toBe(1);
        if (ext.pauses.every((p) => p.to <= ext.firstDue)) expect(ext.due).toBe(cal.addWorkingDays(ext.firstDue, 20));
      }),
      { numRuns: 1500 },
    );
  });

  it('20 unpaused working days lie between the start and the first due date', () => {
    fc.assert(
      fc.property(scenarioArb, (s) => {
        const r = computeDeadline(toInput(s));
        const pauses = r.pauses.map((p) => ({ from: p.from, to: p.to }));
        expect(cal.countWorkingDays(r.start, r.firstDue, pauses)).toBe(20);
        const total = s.extended ? 40 : 20;
        expect(cal.countWorkingDays(r.start, r.due) - r.pausedWorkingDays).toBe(total);
      }),
      { numRuns: 1000 },
    );
  });

  it('provisional exactly when a year from received through due is unpublished', () => {
    fc.assert(
      fc.property(scenarioArb, (s) => {
        const r = computeDeadline(toInput(s));
        const y1 = Number(r.received.slice(0, 4));
        const y2 = Number(r.due.slice(0, 4));
        const expected = y1 < 2019 || y2 > 2026;
        expect(r.provisional).toBe(expected);
        expect(r.trace.some((t) => t.kind === 'provisional')).toBe(expected);
      }),
      { numRuns: 1000 },
    );
  });

  it('the trace is in date order, starts with the receipt and contains one due step', () => {
    fc.assert(
      fc.property(scenarioArb, (s) => {
        const r = computeDeadline(toInput(s));
        const dates = r.trace.map((t) => t.date);
        expect([...dates].sort()).toEqual(dates);
        expect(r.trace[0]).toMatchObject({ kind: 'received', date: r.received });
        expect(r.trace.filter((t) => t.kind === 'due')).toHaveLength(1);
        for (const t of r.trace) expect(t.note).toMatch(/[\u4e00-\u9fff]/);
      }),
      { numRuns: 500 },
    );
  });
});
