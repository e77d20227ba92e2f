import { addWorkingDaysNaive, builtinCalendar, type DateInterval } from '../src/rules/calendar/index.js';
import { computeDeadline } from '../src/rules/clock.js';
import { median, printFigures, type Figure } from './lib.js';

/**
 * Deadline computations per second: the calendar's table-driven arithmetic and the full clock (with its trace)
 * against a day-by-day loop that computes the same due dates, on the same random cases, in the same run.
 */

interface Case {
  received: string;
  pauses: DateInterval[];
  extended: boolean;
}

function randomCases(n: number, seed = 42): Case[] {
  let s = seed;
  const rnd = () => (s = (s * 1103515245 + 12345) % 2 ** 31) / 2 ** 31;
  const base = Date.UTC(2019, 0, 1);
  const span = Date.UTC(2026, 10, 1) - base;
  const iso = (ms: number) => new Date(ms).toISOString().slice(0, 10);
  return Array.from({ length: n }, () => {
    const r = base + Math.floor((rnd() * span) / 86_400_000) * 86_400_000;
    const pauses: DateInterval[] = rnd() < 0.3 ? [{ from: iso(r + 5 * 86_400_000), to: iso(r + (5 + Math.floor(rnd() * 20)) * 86_400_000) }] : [];
    return { received: iso(r), pauses, extended: rnd() < 0.2 };
  });
}

/** Computations per second of `fn` over case indexes 0…count-1, for at least `minMs`. */
function rate(fn: (i: number) => string, count: number, minMs: number): number {
  let n = 0;
  const start = performance.now();
  while (performance.now() - start < minMs)
    for (let i = 0; i < count; i++) {
      fn(i);
      n++;
    }
  return n / ((performance.now() - start) / 1000);
}

/**
 * Rates of several functions over the same cases: each is first warmed up until the optimizing compiler has
 * settled (on a loaded machine that takes seconds for a large function), then they are timed in interleaved
 * rounds so that a burst of load hits all of them; the median round counts.
 */
function rates(fns: ((i: number) => string)[], count: number, opts = { warmMs: 2500, roundMs: 700, rounds: 5 }): number[] {
  for (const fn of fns) rate(fn, count, opts.warmMs);
  const samples = fns.map(() => [] as number[]);
  for (let r = 0; r < opts.rounds; r++) fns.forEach((fn, k) => samples[k].push(rate(fn, count, opts.roundMs)));
  return samples.map(median);
}

export async function run(): Promise<Figure[]> {
  const cal = builtinCalendar();
  const cases = randomCases(2000);
  const naive = (c: Case) => {
    const first = addWorkingDaysNaive(cal, c.received, 20, c.pauses);
    return c.extended ? addWorkingDaysNaive(cal, first, 20, c.pauses) : first;
  };
  const fast = (c: Case) => {
    const first = cal.addWorkingDays(c.received, 20, c.pauses);
    return c.extended ? cal.addWorkingDays(first, 20, c.pauses) : first;
  };
  // The clock's own input (pause kind 'other' = a plain interval not counted), built once like the others' input.
  const clockInputs = cases.map((c) => ({ received: c.received, pauses: c.pauses.map((p) => ({ ...p, kind: 'other' as const })), extended: c.extended }));
  // The clock as lists use it (due dates, pauses, warnings; the trace is built with the result but not read) …
  const clock = (c: (typeof clockInputs)[number]) => computeDeadline(c, cal).due;
  // … and as a case page uses it: the trace is read (its last step's note), so it is built and paid for.
  const clockTrace = (c: (typeof clockInputs)[number]) => {
    const r = computeDeadline(c, cal);
    return r.trace[r.trace.length - 1].note.length > 0 ? r.due : '';
  };
  // The figures only count if all three agree on every case.
  for (let i = 0; i < cases.length; i++) {
    const [a, b, d, e] = [naive(cases[i]), fast(cases[i]), clock(clockInputs[i]), clockTrace(clockInputs[i])];
    if (a !== b || a !== d || a !== e) throw new Error(`deadline mismatch on case ${i}: naive ${a}, fast ${b}, clock ${d}, clock with trace ${e}`);
  }
  const [base, f, full, traced] = rates(
    [(i) => naive(cases[i]), (i) => fast(cases[i]), (i) => clock(clockInputs[i]), (i) => clockTrace(clockInputs[i])],
    cases.length,
  );
  const figures: Figure[] = [
    { name: 'due date (calendar tables)', value: f, unit: 'computations/s', baselineName: 'day-by-day loop', baseline: base, ratio: f / base, target: '≥ 20×' },
    {
      name: 'full clock, trace on demand',
      value: full,
      unit: 'computations/s',
      baselineName: 'day-by-day loop',
      baseline: base,
      ratio: full / base,
      target: '≥ 10×',
      note: 'computeDeadline: due dates, pauses, warnings; the explained trace is built with the result (since December 2026) but not read',
    },
    {
      name: 'full clock with its explained trace read',
      value: traced,
      unit: 'computations/s',
      baselineName: 'day-by-day loop',
      baseline: base,
      ratio: traced / base,
      target: '≥ 10×',
      note: 'the same, and every trace step (holiday spans, make-up days, pauses, notes) built',
    },
  ];
  printFigures('Deadline computations (2,000 random cases 2019–2026, 30% with a consultation pause, 20% extended)', figures);
  return figures;
}
