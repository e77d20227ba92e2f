import { printFigures, startServers, throughput, type Figure } from './lib.js';

/** Portal home page and /healthz throughput, each against a bare Fastify route returning the same bytes. */
export async function run(): Promise<Figure[]> {
  const paths = ['/', '/healthz'];
  const { urls, stop } = await startServers({ BENCH_PATHS: paths.join(',') });
  const figures: Figure[] = [];
  try {
    for (const p of paths) {
      const bare = await throughput(`${urls.bare}${p}`);
      const app = await throughput(`${urls.app}${p}`);
      figures.push({
        name: `GET ${p}`,
        value: app,
        unit: 'req/s',
        baselineName: 'bare Fastify route, same bytes',
        baseline: bare,
        ratio: app / bare,
        target: p === '/' ? '≥ 0.5×' : undefined,
      });
    }
  } finally {
    stop();
  }
  printFigures('Portal and health check throughput (16 keep-alive connections, 3 s each)', figures);
  return figures;
}
