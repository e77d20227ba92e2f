import { fork } from 'node:child_process';
import { compareThroughput, printFigures, type Figure } from './lib.js';

/**
 * Publishing pages (issue 5; issue 13 must-show 1): item page, column list and search page throughput as
 * ratios to a bare Fastify route serving the same bytes, with the portal's default micro-cache and with it off
 * (the real render path: targets item ≥ 0.35×, list ≥ 0.3×, search ≥ 0.15×). Rounds alternate between the bare
 * route and the application; medians are printed. Search latency at scale is in search.bench.ts.
 */

async function startPublishingServers(env: Record<string, string>) {
  const child = fork(new URL('./publishing.servers.ts', import.meta.url).pathname, [], {
    execArgv: ['--import', 'tsx'],
    env: { ...process.env, LOG_LEVEL: 'silent', ...env },
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
  });
  const info = await new Promise<{ app: string; bare: string; paths: string }>((resolve, reject) => {
    child.once('message', (m) => resolve(m as { app: string; bare: string; paths: string }));
    child.once('exit', (code) => reject(new Error(`publishing bench servers exited with ${code}`)));
  });
  return { ...info, stop: () => child.kill('SIGTERM') };
}

export async function run(): Promise<Figure[]> {
  const figures: Figure[] = [];
  for (const cache of ['5', '0']) {
    const s = await startPublishingServers({ PORTAL_CACHE_SECONDS: cache });
    try {
      for (const p of s.paths.split('\n')) {
        const { value: app, baseline: bare, rounds } = await compareThroughput(`${s.bare}${p.split('?')[0]}`, `${s.app}${p}`);
        const label = p.startsWith('/search') ? 'search page' : p.includes('/items/') ? 'item page' : p === '/lookup' ? 'lookup page' : 'column list';
        const target =
          cache !== '0' ? undefined : ({ 'item page': '≥ 0.35×', 'column list': '≥ 0.3×', 'search page': '≥ 0.15×' } as Record<string, string>)[label];
        figures.push({
          name: `${label} ${cache === '0' ? '(micro-cache off)' : '(micro-cache 5 s)'}`,
          value: app,
          unit: 'req/s',
          baselineName: 'bare Fastify route, same bytes',
          baseline: bare,
          ratio: app / bare,
          target,
          note: `median of ${rounds} alternating rounds`,
        });
      }
    } finally {
      s.stop();
    }
  }
  printFigures('Publishing: column pages and search page (16 keep-alive connections)', figures);
  return figures;
}
