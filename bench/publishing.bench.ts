import { fork } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createDb } from '../src/platform/db/index.js';
import { migrateToLatest } from '../src/platform/db/migrate.js';
import { indexDocument, search } from '../src/platform/search/index.js';
import { percentile, printFigures, throughput, type Figure } from './lib.js';

/**
 * Publishing (issue 5, must-show 5): item page, column list and search page throughput as ratios to a bare
 * Fastify route serving the same bytes (with the portal's default micro-cache, and with it off); and search
 * latency over 200,000 indexed items on SQLite (p50/p95 of the search() call, target p95 < 50 ms).
 * BENCH_SEARCH_DOCS overrides the corpus size.
 */

async function startPublishingServers(env: Record<string, string>) {
  const child = fork(new URL('./publishing.servers.ts', import.meta.url).pathname, [], {
    execArgv: ['--import', 'tsx'], env: { ...process.env, LOG_LEVEL: 'silent', ...env }, stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
  });
  const info = await new Promise<{ app: string; bare: string; paths: string }>((resolve, reject) => {
    child.once('message', (m) => resolve(m as { app: string; bare: string; paths: string }));
    child.once('exit', (code) => reject(new Error(`publishing bench servers exited with ${code}`)));
  });
  return { ...info, stop: () => child.kill('SIGTERM') };
}

const AGENCIES = ['市信访局', '市财政局', '市教育局', '市自然资源和规划局', '市卫生健康委', '市住房城乡建设局', '市交通运输局', '市农业农村局', '市民政局', '市人力资源社会保障局'];
const TOPICS = ['部门预算公开', '部门决算公开', '工作要点', '召开党组会议研究部署重点工作', '开展安全生产大检查', '政务公开工作要点', '重点工作任务落实情况', '领导干部公开接访安排', '行政执法公示', '“双随机、一公开”抽查结果', '人事任免公示', '公开招聘工作人员公告', '建议提案办理复文', '优化营商环境工作方案', '统计数据分析'];
const BODIES = [
  '根据《中华人民共和国政府信息公开条例》和有关规定，现将有关情况公开如下。一、基本情况；二、主要做法；三、下步打算。',
  '会议传达学习了上级有关会议精神，研究部署了近期重点工作，要求各科室提高认识、压实责任，确保各项任务落地见效。',
  '为进一步规范行政行为，保障人民群众合法权益，结合工作实际，制定本方案。各单位要认真组织实施，及时报送工作进展。',
  '本年度收入预算合计与上年相比有所增加，主要原因是人员经费和项目支出增加；“三公”经费预算较上年下降。',
];

async function searchLatency(): Promise<Figure[]> {
  const n = Number(process.env.BENCH_SEARCH_DOCS ?? 200_000);
  const keep = process.env.BENCH_SEARCH_DB;
  const dir = keep ? '' : mkdtempSync(join(tmpdir(), 'gk-bench-search-'));
  const db = createDb({ engine: 'sqlite', path: keep ?? join(dir, 'search.db') } as never);
  try {
    await migrateToLatest(db);
    const t0 = performance.now();
    const batch = 5000;
    const existing = Number((await db.selectFrom('search_docs').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow()).n);
    for (let start = existing; start < n; start += batch) {
      await db.transaction().execute(async (tx) => {
        for (let i = start; i < Math.min(n, start + batch); i++) {
          const year = 2008 + (i % 19);
          const agency = AGENCIES[i % AGENCIES.length];
          const topic = TOPICS[(i * 7) % TOPICS.length];
          const docNumber = i % 10 === 0 ? `枣${agency.slice(1, 3)}发〔${year}〕${(i % 997) + 1}号` : null;
          await indexDocument(tx, {
            id: `d${i}`, agencyId: `a${i % AGENCIES.length}`, kind: 'item', url: `/a/x/items/d${i}`, title: `枣庄${agency}${year}年${topic}（第${i}号）`,
            body: `${BODIES[i % BODIES.length]}${BODIES[(i * 3 + 1) % BODIES.length]}`, docNumber, columnCode: 'c', publishedAt: `${year}-0${1 + (i % 9)}-1${i % 10}T00:00:00.000Z`,
          });
        }
      });
    }
    const indexSeconds = (performance.now() - t0) / 1000;
    const queries = ['预算', '信访', '会议 研究部署', '枣财政发〔2015〕17号', '安全生产', '招聘 公告', '营商环境', '统计', '三公经费', '接访', '党组会议', '行政执法 公示', '抽查结果', '决算 2019', '教育局 工作要点'];
    const times: number[] = [];
    const perQuery = new Map<string, number>();
    for (let round = 0; round < 14; round++) {
      for (const q of queries) {
        const s = performance.now();
        await search(db, { q, limit: 20, offset: round % 3 === 0 ? 20 : 0, agencyIds: round % 2 ? ['a1', 'a2'] : undefined });
        const t = performance.now() - s;
        times.push(t);
        perQuery.set(q, Math.max(perQuery.get(q) ?? 0, t));
      }
    }
    if (process.env.BENCH_VERBOSE) console.log([...perQuery].map(([q, t]) => `${q}: ${t.toFixed(1)} ms`).join('\n'));
    times.sort((a, b) => a - b);
    const p50 = percentile(times, 50);
    const p95 = percentile(times, 95);
    return [
      { name: `search p95 over ${n.toLocaleString('en')} items (SQLite FTS5, ${times.length} queries)`, value: p95, unit: 'ms', baselineName: 'target', baseline: 50, ratio: p95 / 50, target: '< 1.00× of 50 ms', note: `p50 ${p50.toFixed(1)} ms; max ${times[times.length - 1].toFixed(1)} ms; indexing ${((n - existing) / indexSeconds).toFixed(0)} items/s` },
    ];
  } finally {
    await db.destroy();
    if (dir) rmSync(dir, { recursive: true, force: true });
  }
}

export async function run(): Promise<Figure[]> {
  const figures: Figure[] = [];
  for (const cache of process.env.BENCH_SKIP_PAGES ? [] : ['5', '0']) {
    const s = await startPublishingServers({ PORTAL_CACHE_SECONDS: cache });
    try {
      for (const p of s.paths.split('\n')) {
        const bare = await throughput(`${s.bare}${p.split('?')[0]}`);
        const app = await throughput(`${s.app}${p}`);
        const label = p.startsWith('/search') ? 'search page' : p.includes('/items/') ? 'item page' : 'column list';
        figures.push({ name: `${label} ${cache === '0' ? '(micro-cache off)' : '(micro-cache 5 s)'}`, value: app, unit: 'req/s', baselineName: 'bare Fastify route, same bytes', baseline: bare, ratio: app / bare });
      }
    } finally {
      s.stop();
    }
  }
  figures.push(...(await searchLatency()));
  printFigures('Publishing: column pages and search (16 keep-alive connections, 3 s each); search latency', figures);
  return figures;
}
