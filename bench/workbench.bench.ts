import { randomBytes } from 'node:crypto';
import { join } from 'node:path';
import { sql } from 'kysely';
import type { Db, Engine } from '../src/platform/db/index.js';
import { migrateDatabase } from '../src/capabilities.js';
import { insertAgency, type Agency } from '../src/platform/org/agencies.service.js';
import { createFieldCipher } from '../src/platform/crypto.js';
import type { Principal } from '../src/platform/auth/permissions.js';
import type { AppContext } from '../src/platform/context.js';
import { todayInChina } from '../src/platform/time.js';
import { workbench } from '../src/requests/cases.queries.js';
import { openBenchDb, runOnEngines, type Figure } from './lib.js';

/**
 * The staff workbench (overdue, due within 3 working days, awaiting correction, consulting, awaiting fee,
 * awaiting receipt, dashboard counts by state and clerk) over 1,000,000 cases of 100 departments, on SQLite
 * and, when BENCH_DATABASE_URL or TEST_DATABASE_URL is set, on PostgreSQL: p95 of 40 calls for a clerk (one
 * agency) and for the supervising office (all 100). Baseline in the same run: p95 of a primary-key lookup.
 * Target: p95 < 100 ms. BENCH_WORKBENCH_CASES overrides the number of cases.
 */

const CASES = Number(process.env.BENCH_WORKBENCH_CASES ?? 1_000_000);
const AGENCIES = 100;
const OPEN_STATES = ['in_progress', 'in_progress', 'received', 'extended', 'consulting', 'awaiting_correction', 'awaiting_fee', 'submitted'];

export async function seed(db: Db, engine: Engine): Promise<{ city: Agency; first: Agency }> {
  const city = await insertAgency(db, { name: '基准市人民政府', kind: 'government', code: 'wb-city' });
  const agencies: Agency[] = [];
  for (let i = 0; i < AGENCIES; i++)
    agencies.push(await insertAgency(db, { name: `基准市第${i + 1}局`, kind: 'department', code: `wb-${i}`, parentId: city.id }));
  const ids = agencies.map((a) => a.id);
  const list = (xs: string[]) => sql.raw(xs.map((x) => `'${x}'`).join(','));
  const pick = (xs: string[], idx: ReturnType<typeof sql>) =>
    engine === 'postgres' ? sql`(array[${list(xs)}])[(1 + (${idx}))::int]` : sql`json_extract(${JSON.stringify(xs)}, '$[' || (${idx}) || ']')`;
  const today = todayInChina();
  const day = (offset: ReturnType<typeof sql>) =>
    engine === 'postgres' ? sql`to_char(date ${sql.lit(today)} + (${offset})::int, 'YYYY-MM-DD')` : sql`date(${today}, (${offset}) || ' days')`;
  const series =
    engine === 'postgres'
      ? sql`select generate_series(0, ${sql.lit(CASES - 1)})::bigint as i`
      : sql`with recursive s(i) as (select 0 union all select i + 1 from s where i < ${sql.lit(CASES - 1)}) select i from s`;
  // 2.5 % of the cases are open (a city that has accumulated 1,000,000 applications over the years), spread over the open states, due from 30 days ago to 40 days ahead.
  await sql`
    insert into cases (id, agency_id, tracking_code, secret_hash, channel, applicant_type, received_date, closed_date, outcome, state, due_date, party_deadline,
      created_at, updated_at, submitted_at, applicant_enc, applicant_masked, applicant_key, applicant_name_key, description, form, delivery)
    select 'c' || i, ${pick(ids, sql`i % ${sql.lit(AGENCIES)}`)}, 'T' || i, '', 'online', 'natural_person', ${day(sql`-((i * 7919) % 2000) - 40`)},
      case when i % 40 = 0 then null else ${day(sql`-((i * 7919) % 2000)`)} end,
      case when i % 40 = 0 then null else 'disclosed' end,
      case when i % 40 = 0 then ${pick(OPEN_STATES, sql`(i / 40) % ${sql.lit(OPEN_STATES.length)}`)} else 'closed' end,
      ${day(sql`((i * 31) % 70) - 30`)},
      case when i % 40 = 0 then ${day(sql`((i * 17) % 20) + 1`)} else null end,
      '2024-01-01T00:00:00Z', '2024-01-01T00:00:00Z', '2024-01-01T00:00:00Z', '', '某*', 'k' || (i % 50000), 'n' || (i % 50000), '基准申请 ' || i, 'electronic', 'email'
    from (${series}) g`.execute(db);
  // A database in service is vacuumed by autovacuum: vacuum once so PostgreSQL can use index-only scans.
  if (engine === 'postgres') await sql`vacuum analyze cases`.execute(db);
  else await sql`analyze`.execute(db);
  return { city, first: agencies[0]! };
}

function p95(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.ceil(s.length * 0.95) - 1)]!;
}

async function sample(fn: () => Promise<unknown>, runs = 40): Promise<number> {
  await fn();
  const times: number[] = [];
  for (let i = 0; i < runs; i++) {
    const t0 = performance.now();
    await fn();
    times.push(performance.now() - t0);
  }
  return p95(times);
}

async function benchEngine(engine: Engine): Promise<Figure[]> {
  const { db, cleanup } = await openBenchDb(engine, 'gk-wb');
  try {
    await migrateDatabase(db);
    const t0 = performance.now();
    const { city, first } = await seed(db, engine);
    const seedSeconds = (performance.now() - t0) / 1000;
    const ctx = { db, cipher: createFieldCipher(randomBytes(32)), config: {} } as unknown as AppContext;
    const who = (role: Principal['role'], a: Agency): Principal => ({
      userId: 'u',
      username: 'bench',
      displayName: '基准',
      role,
      agencyId: a.id,
      agencyPath: a.path,
      mustChangePassword: false,
      sessionId: 's',
    });
    const baseline = await sample(() => db.selectFrom('cases').select(['id', 'state']).where('id', '=', 'c12345').execute());
    const clerk = await sample(() => workbench(ctx, who('clerk', first)));
    const supervisor = await sample(() => workbench(ctx, who('supervisor', city)));
    const n = CASES.toLocaleString('en');
    return [
      {
        name: `${engine}: workbench of one agency (${n} cases, ${AGENCIES} agencies)`,
        value: clerk,
        unit: 'ms p95',
        baselineName: 'primary-key lookup',
        baseline,
        ratio: clerk / baseline,
        target: '< 100 ms',
        note: `seeding took ${seedSeconds.toFixed(1)} s`,
      },
      {
        name: `${engine}: workbench of the supervising office (all ${AGENCIES} agencies)`,
        value: supervisor,
        unit: 'ms p95',
        baselineName: 'primary-key lookup',
        baseline,
        ratio: supervisor / baseline,
        target: '< 100 ms',
      },
    ];
  } finally {
    await cleanup();
  }
}

export async function run(): Promise<Figure[]> {
  return runOnEngines(
    'Staff workbench over the case ledger (lower is better; ratio = p95 / primary-key lookup p95)',
    benchEngine,
    process.env.BENCH_WORKBENCH_ENGINES,
  );
}
