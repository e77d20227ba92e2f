import { readFileSync } from 'node:fs';
import { checkReportText } from '../src/reports/check/index.js';
import { checkInWorker, closeCheckWorkers } from '../src/reports/check/worker-check.js';
import { readText } from '../src/reports/check/text-reader.js';
import { headingText } from '../test/hardening/heading-text.js';
import { printFigures, type Figure } from './lib.js';

/**
 * The checker is linear in its input (issue 8): time per MB for 1, 2, 4 and 8 MB of real-looking text (a real
 * published report, 淮安市 2024, repeated) and of the repeated-heading text that once took minutes, each against
 * decoding the same text into lines in the same run. The ms/MB figures should stay flat as the size doubles; the
 * last figure of each series is its ms/MB at 8 MB against its own ms/MB at 1 MB (≈ 1× when linear, 8× when
 * quadratic). Then one file checked through the worker pool against the same check in process (the pool's cost).
 */

function perMb(text: string): { size: number; checkMs: number; readMs: number } {
  const size = Buffer.byteLength(text) / 1024 / 1024;
  let t = performance.now();
  readText(text);
  const readMs = performance.now() - t;
  t = performance.now();
  checkReportText(text);
  const checkMs = performance.now() - t;
  return { size, checkMs, readMs };
}

export async function run(): Promise<Figure[]> {
  const real = readFileSync(new URL('../test/fixtures/reports/10_huaian_city_2024.txt', import.meta.url), 'utf8');
  const all: Figure[] = [];
  for (const [label, make] of [
    ['real report repeated', (bytes: number) => real.repeat(Math.ceil(bytes / Buffer.byteLength(real)))],
    ['repeated headings', headingText],
  ] as const) {
    checkReportText(make(200_000)); // warm up
    const series: Figure[] = [];
    for (const mb of [1, 2, 4, 8]) {
      const m = perMb(make(mb * 1024 * 1024));
      series.push({
        name: `${label}, ${m.size.toFixed(1)} MB`,
        value: m.checkMs / m.size,
        unit: 'ms/MB',
        baselineName: 'decode into lines only',
        baseline: m.readMs / m.size,
        ratio: m.checkMs / m.readMs,
      });
    }
    const first = series[0]!;
    const last = series[series.length - 1]!;
    series.push({
      name: `${label}: ms/MB at 8 MB`,
      value: last.value,
      unit: 'ms/MB',
      baselineName: 'ms/MB at 1 MB',
      baseline: first.value,
      ratio: last.value / first.value,
      target: '< 2× (linear)',
    });
    printFigures(`Report checker, time per MB: ${label}`, series);
    all.push(...series);
  }

  // The worker pool: a real report checked in a warm worker against the same check in process.
  const bytes = new TextEncoder().encode(real);
  await checkInWorker({ bytes, fileName: 'r.txt' });
  const n = 50;
  let t = performance.now();
  for (let i = 0; i < n; i++) await checkInWorker({ bytes, fileName: 'r.txt' });
  const workerMs = (performance.now() - t) / n;
  t = performance.now();
  for (let i = 0; i < n; i++) checkReportText(real);
  const inProcessMs = (performance.now() - t) / n;
  await closeCheckWorkers();
  const pool: Figure[] = [
    {
      name: 'check one real report in the worker pool',
      value: workerMs,
      unit: 'ms',
      baselineName: 'the same check in process',
      baseline: inProcessMs,
      ratio: workerMs / inProcessMs,
      note: 'lower is better; the difference is copying the file and the result',
    },
  ];
  printFigures('Report checker in the worker pool', pool);
  return [...all, ...pool];
}
