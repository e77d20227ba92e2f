import { addWorkingDaysNaive, builtinCalendar, type DateInterval } from '../src/rules/calendar/index.js';
import { computeDeadline } from '../src/rules/clock.js';
import { printFigures, type Figure } from './lib.js';

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
  const rnd = () => ((s = (s * 1103515245 + 12345) % 2 ** 31) / 2 ** 31);
  const base = Date.UTC(2019, 0, 1);
  const span = Date.UTC(2026, 10, 1) - base;
  const iso = (ms: number) => new Date(ms).toISOString().slice(0, 10);
  return Array.from({ length: n }, () => {
    const r = base + Math.floor(rnd() * span / 86_400_000) * 86_400_000;
    const pauses: DateInterval[] = rnd() < 0.3 ? [{ from: iso(r + 5 * 86_400_000), to: iso(r + (5 + Math.floor(rnd() * 20)) * 86_400_000) }] : [];
    return { received: iso(r), pauses, extended: rnd() < 0.2 };
  });
}

function rate(fn: (c: Case) => string, cases: Case[], minMs = 1500): { perSecond: number; check: string[] } {
  const check = cases.slice(0, 200).map(fn);
  let n = 0;
  const start = performance.now();
  while (performance.now() - start < minMs) for (const c of cases) { fn(c); n++; }
  return { perSecond: n / ((performance.now() - start) / 1000), check };
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
  const clock = (c: Case) => computeDeadline({ received: c.received, pauses: c.pauses.map((p) => ({ ...p, kind: 'other' as const })), extended: c.extended }, cal).due;
  const base = rate(naive, cases);
  const f = rate(fast, cases);
  const full = rate(clock, cases);
  // The figures only count if all three agree on every sampled case.
  const mismatch = base.check.findIndex((d, i) => d !== f.check[i] || d !== full.check[i]);
  if (mismatch >= 0) throw new Error(`deadline mismatch on case ${mismatch}: naive ${base.check[mismatch]}, fast ${f.check[mismatch]}, clock ${full.check[mismatch]}`);
  const figures: Figure[] = [
    { name: 'due date (calendar tables)', value: f.perSecond, unit: 'computations/s', baselineName: 'day-by-day loop', baseline: base.perSecond, ratio: f.perSecond / base.perSecond, target: '≥ 20×' },
    { name: 'full clock with explained trace', value: full.perSecond, unit: 'computations/s', baselineName: 'day-by-day loop', baseline: base.perSecond, ratio: full.perSecond / base.perSecond, note: 'computeDeadline: pauses, extension, holiday spans and notes' },
  ];
  printFigures('Deadline computations (2,000 random cases 2019–2026, 30% with a consultation pause, 20% extended)', figures);
  return figures;
}
