/**
 * The command line's start time from the built dist/ (what `npx gongkai` runs in an installed copy): `--help`,
 * a usage error, and the pure `deadline` command, each against `node -e ''` (Node's own start) in the same run.
 * Interleaved runs, the median of each.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { printFigures, type Figure } from './lib.js';

const RUNS = 9;

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)]!;
}

function timeMs(args: string[]): number {
  const t = performance.now();
  spawnSync(process.execPath, args, { stdio: 'ignore' });
  return performance.now() - t;
}

export async function run(): Promise<void> {
  if (!existsSync('dist/cli.js')) execFileSync('npm', ['run', '-s', 'build:server'], { stdio: 'inherit' });
  const cases: Record<string, string[]> = {
    'gongkai --help': ['dist/cli.js', '--help'],
    'gongkai report check --help': ['dist/cli.js', 'report', 'check', '--help'],
    'gongkai deadline --received 2026-12-21': ['dist/cli.js', 'deadline', '--received', '2026-12-21'],
  };
  const node: number[] = [];
  const times: Record<string, number[]> = Object.fromEntries(Object.keys(cases).map((k) => [k, []]));
  for (let i = 0; i < RUNS; i++) {
    node.push(timeMs(['-e', '']));
    for (const [k, args] of Object.entries(cases)) times[k]!.push(timeMs(args));
  }
  const base = median(node);
  const figures: Figure[] = Object.entries(times).map(([k, xs]) => {
    const v = median(xs);
    return { name: k, value: v, unit: 'ms', baselineName: "node -e ''", baseline: base, ratio: v / base, note: 'start to exit, lower is better' };
  });
  printFigures('CLI start time (built dist/)', figures);
}
