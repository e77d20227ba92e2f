import { sql } from 'kysely';
import type { Db, Engine } from '../src/platform/db/index.js';
import { migrateDatabase } from '../src/capabilities.js';
import { search } from '../src/platform/search/search.js';
import { indexTokens } from '../src/platform/search/segment.js';
import { metaTokens } from '../src/platform/search/sqlite.js';
import { tsvectorLiteral } from '../src/platform/search/postgres.js';
import { latencies, openBenchDb, openKeptBenchDb, percentile, runOnEngines, type Figure } from './lib.js';

/**
 * Search at a province's scale (issue 13, must show 3): BENCH_SEARCH_DOCS documents (default 2,000,000) in the
 * full-text index on SQLite (FTS5) and PostgreSQL (tsvector + GIN), queried through the real `search()` (jieba
 * on the query, the engine's ranking, snippets and highlighting) for these classes of query: a rare word (in
 * ~10 documents), very common words (信访: in about half of all documents; 信访 工作: both), and a document number
 * (文号, in ~2 documents), and a word found only in the long documents (one in 800, ~8,000 characters each: 专项债券,
 * alone and with 信访), whose few thousand hits are ranked by bm25 — where reading whole long rows would show. Baseline, in the same run: fetching the 20 rows of a result page by primary key.
 * Target: p95 < 50 ms for every class. The corpus is written in bulk (its sentences segmented once, each
 * document's tokens the concatenation of its sentences'); BENCH_SEARCH_KEEP=NAME keeps and reuses it.
 */

const DOCS = Number(process.env.BENCH_SEARCH_DOCS ?? 2_000_000);
const A = ['关于', '做好', '进一步加强', '印发', '开展', '推进', '规范', '落实', '组织', '完善'];
const B = [
  '信访',
  '政务公开',
  '安全生产',
  '乡村振兴',
  '营商环境',
  '社会保障',
  '生态环境',
  '城市管理',
  '教育',
  '医疗卫生',
  '交通运输',
  '市场监管',
  '住房保障',
  '文化旅游',
  '农业农村',
  '水利',
];
const C = ['工作', '专项行动', '实施方案', '管理办法', '考核', '检查', '培训', '宣传', '督查', '整改'];
const D = ['的通知', '的意见', '情况的报告', '的批复', '的公告', '工作总结', '计划', '有关事项'];
const RARE = '沭阳县退役军人事务局';
/** One document in LONG_EVERY is a long one (~8,000 characters, as a real policy or report is) about 专项债券. */
const LONG_EVERY = 800;
const LONG_SENTENCE = '做好地方政府专项债券发行和使用管理工作';

interface Sentence {
  text: string;
  tokens: string;
}

/** 10 × 16 × 10 × 8 sentences; 信访 in half of them (B[0] weighted to half of the draws below). */
function sentences(): Sentence[] {
  const out: Sentence[] = [];
  for (const a of A)
    for (const b of B)
      for (const c of C)
        for (const d of D) {
          const text = `${a}${b}${c}${d}`;
          out.push({ text, tokens: indexTokens(text).join(' ') });
        }
  return out;
}

function docOf(i: number, pool: Sentence[], xf: Sentence[], long: Sentence) {
  let x = (i * 2654435761) >>> 0;
  const pick = () => {
    x = (x * 1103515245 + 12345) >>> 0;
    // Half of all sentences drawn mention 信访 (an agency's column is full of it).
    return (x >>> 7) % 2 === 0 ? xf[(x >>> 9) % xf.length]! : pool[(x >>> 9) % pool.length]!;
  };
  const title = pick();
  const isLong = i % LONG_EVERY === LONG_EVERY / 2;
  const body = Array.from({ length: isLong ? 600 : 4 }, pick);
  if (isLong) body.splice(300, 0, long);
  const year = 2016 + (i % 10);
  const docNumber = `枣信发〔${year}〕${(i % 100_000) + 1}号`;
  const rare = i % 200_000 === 17 ? `${RARE}办理情况。` : '';
  const publishedAt = new Date(Date.UTC(year, 0, 1) + ((i * 7919) % 364) * 86_400_000 + 7_200_000).toISOString();
  return {
    id: `s${i}`,
    agencyId: `agency-${i % 1000}`,
    title: title.text,
    body: `${body.map((s) => s.text).join('。')}。${rare}`,
    docNumber,
    publishedAt,
    titleTokens: `${title.tokens} ${indexTokens(docNumber).join(' ')}`,
    bodyTokens: `${body.map((s) => s.tokens).join(' ')}${rare ? ` ${indexTokens(RARE).join(' ')}` : ''}`,
  };
}

async function seed(db: Db, engine: Engine) {
  const pool = sentences();
  const xf = pool.filter((s) => s.text.includes('信访'));
  const long = { text: LONG_SENTENCE, tokens: indexTokens(LONG_SENTENCE).join(' ') };
  if (engine === 'postgres') await sql`drop index if exists search_docs_tsv`.execute(db);
  const batch = 500;
  for (let start = 0; start < DOCS; start += batch) {
    const docs = Array.from({ length: Math.min(batch, DOCS - start) }, (_, k) => docOf(start + k, pool, xf, long));
    if (engine === 'postgres') {
      await sql`insert into search_docs (id, agency_id, kind, url, title, body, column_code, doc_number, published_at, updated_at, tsv) values ${sql.join(
        docs.map(
          (d) =>
            sql`(${d.id}, ${d.agencyId}, 'item', ${`/items/${d.id}`}, ${d.title}, ${d.body}, 'tzgg', ${d.docNumber}, ${d.publishedAt}, ${d.publishedAt}, ${tsvectorLiteral(d.titleTokens.split(' '), d.bodyTokens.split(' '))}::tsvector)`,
        ),
      )}`.execute(db);
    } else {
      await sql`insert into search_docs (rid, id, agency_id, kind, url, title, body, column_code, doc_number, published_at, updated_at) values ${sql.join(
        docs.map(
          (d, k) =>
            sql`(${start + k + 1}, ${d.id}, ${d.agencyId}, 'item', ${`/items/${d.id}`}, ${d.title}, ${d.body}, 'tzgg', ${d.docNumber}, ${d.publishedAt}, ${d.publishedAt})`,
        ),
      )}`.execute(db);
      const meta = (d: (typeof docs)[number]) => metaTokens({ agencyId: d.agencyId, kind: 'item', columnCode: 'tzgg', publishedAt: d.publishedAt });
      await sql`insert into search_fts (rowid, title, body, meta) values ${sql.join(docs.map((d, k) => sql`(${start + k + 1}, ${d.titleTokens}, ${d.bodyTokens}, ${meta(d)})`))}`.execute(
        db,
      );
      await sql`insert into search_title_fts (rowid, title, meta) values ${sql.join(docs.map((d, k) => sql`(${start + k + 1}, ${d.titleTokens}, ${meta(d)})`))}`.execute(
        db,
      );
    }
  }
  if (engine === 'postgres') {
    await sql`set maintenance_work_mem = '1GB'`.execute(db);
    await sql`create index search_docs_tsv on search_docs using gin (tsv)`.execute(db);
    await sql`vacuum analyze search_docs`.execute(db);
  } else {
    await sql`insert into search_fts (search_fts) values ('optimize')`.execute(db);
    await sql`insert into search_title_fts (search_title_fts) values ('optimize')`.execute(db);
    await sql`analyze`.execute(db);
  }
}

async function benchEngine(engine: Engine): Promise<Figure[]> {
  const keep = process.env.BENCH_SEARCH_KEEP;
  const { db, cleanup } = keep ? await openKeptBenchDb(engine, keep) : await openBenchDb(engine, 'gk-search');
  try {
    await migrateDatabase(db);
    const have = Number((await sql<{ n: number }>`select count(*) as n from search_docs`.execute(db)).rows[0]?.n ?? 0);
    const t0 = performance.now();
    if (have === 0) await seed(db, engine);
    const seedSeconds = (performance.now() - t0) / 1000;
    const docs = Number((await sql<{ n: number }>`select count(*) as n from search_docs`.execute(db)).rows[0]?.n ?? 0);
    const runs = Number(process.env.BENCH_SEARCH_RUNS ?? 40);
    const ids = Array.from({ length: 20 }, (_, k) => `s${(k * 99_991) % docs}`);
    const baseline = percentile(
      await latencies(() => db.selectFrom('search_docs').select(['id', 'title', 'body', 'url', 'published_at']).where('id', 'in', ids).execute(), runs, 3),
      95,
    );
    const classes: [string, string][] = [
      ['rare word', RARE],
      ['very common word', '信访'],
      ['two common words', '信访 工作'],
      ['document number', '枣信发〔2019〕4324号'],
      ['word of the long documents', '专项债券'],
      ['long documents and a very common word', '债券 信访'],
    ];
    const figures: Figure[] = [];
    for (const [label, q] of classes) {
      const first = await search(db, { q, limit: 20, offset: 0 });
      const t = await latencies(() => search(db, { q, limit: 20, offset: 0 }), runs, 3);
      const p95 = percentile(t, 95);
      figures.push({
        name: `${engine}: search p95, ${label} (${q}) over ${docs.toLocaleString('en')} documents`,
        value: p95,
        unit: 'ms',
        baselineName: 'the 20 rows of a page by primary key',
        baseline,
        ratio: p95 / baseline,
        target: '< 50 ms',
        note: `p50 ${percentile(t, 50).toFixed(1)} ms; ${first.capped ? 'more than ' : ''}${first.total} hits${seedSeconds > 1 ? `; seeding ${seedSeconds.toFixed(0)} s` : ''}`,
      });
    }
    return figures;
  } finally {
    await cleanup();
  }
}

export async function run(): Promise<Figure[]> {
  return runOnEngines('Search at scale (lower is better; ratio = p95 / the page rows fetched by key)', benchEngine, process.env.BENCH_SEARCH_ENGINES);
}
