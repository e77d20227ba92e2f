import { join } from 'node:path';
import { sql } from 'kysely';
import type { Db, Engine } from '../src/platform/db/index.js';
import { migrateDatabase } from '../src/capabilities.js';
import { insertAgency, type Agency } from '../src/platform/org/agencies.service.js';
import { computeReport } from '../src/reports/reports.compute.js';
import { validateReport } from '../src/rules/report/index.js';
import { openBenchDb, runOnEngines, type Figure } from './lib.js';

/**
 * Building the annual report of a city with 100 departments and 1,000,000 cases (2019–2022), on SQLite and,
 * when BENCH_DATABASE_URL or TEST_DATABASE_URL is set, on PostgreSQL. Baseline, in the same run: a plain
 * `count(*)` over the same agencies' cases. Target: the whole report (tables 2–4, validated) in < 2 s.
 * BENCH_REPORT_CASES overrides the number of cases.
 */

export const CASES = Number(process.env.BENCH_REPORT_CASES ?? 1_000_000);
const AGENCIES = 100;
const OUTCOMES = ['disclosed', 'partly_disclosed', 'withheld_process_info', 'unable_not_held', 'not_processed_petition', 'other_misc', 'other_no_correction'];
const APPLICANTS = ['natural_person', 'natural_person', 'natural_person', 'business', 'research', 'nonprofit', 'legal_service', 'other'];

export async function seed(db: Db, engine: Engine): Promise<Agency> {
  const city = await insertAgency(db, { name: '基准市人民政府', kind: 'government', code: 'bench-city' });
  const ids: string[] = [];
  for (let i = 0; i < AGENCIES; i++)
    ids.push((await insertAgency(db, { name: `基准市第${i + 1}局`, kind: 'department', code: `bench-${i}`, parentId: city.id })).id);
  const list = (xs: string[]) => sql.raw(xs.map((x) => `'${x}'`).join(','));
  // Generated inside the database: i → agency, applicant, received day in 2019–2022, closed 0–60 days later (10 % open).
  const agencyExpr =
    engine === 'postgres'
      ? sql`(array[${list(ids)}])[(1 + (i % ${sql.lit(AGENCIES)}))::int]`
      : sql`json_extract(${JSON.stringify(ids)}, '$[' || (i % ${sql.lit(AGENCIES)}) || ']')`;
  const applicantExpr =
    engine === 'postgres'
      ? sql`(array[${list(APPLICANTS)}])[(1 + (i % ${sql.lit(APPLICANTS.length)}))::int]`
      : sql`json_extract(${JSON.stringify(APPLICANTS)}, '$[' || (i % ${sql.lit(APPLICANTS.length)}) || ']')`;
  const outcomeExpr =
    engine === 'postgres'
      ? sql`(array[${list(OUTCOMES)}])[(1 + (i % ${sql.lit(OUTCOMES.length)}))::int]`
      : sql`json_extract(${JSON.stringify(OUTCOMES)}, '$[' || (i % ${sql.lit(OUTCOMES.length)}) || ']')`;
  const day = (offset: ReturnType<typeof sql>) =>
    engine === 'postgres' ? sql`to_char(date '2019-01-01' + (${offset})::int, 'YYYY-MM-DD')` : sql`date('2019-01-01', '+' || (${offset}) || ' days')`;
  const received = sql`(i * 7919) % 1460`;
  const closedOffset = sql`((i * 7919) % 1460) + (i % 61)`;
  // Loading a million rows is much faster with the secondary indexes dropped and rebuilt afterwards.
  const indexes =
    engine === 'postgres'
      ? (
          await sql<{
            name: string;
            def: string;
          }>`select indexname as name, indexdef as def from pg_indexes where tablename = 'cases' and indexdef not like 'CREATE UNIQUE%'`.execute(db)
        ).rows
      : (
          await sql<{
            name: string;
            def: string;
          }>`select name, sql as def from sqlite_master where type = 'index' and tbl_name = 'cases' and sql is not null and sql not like 'CREATE UNIQUE%'`.execute(
            db,
          )
        ).rows;
  for (const ix of indexes) await sql`drop index ${sql.id(ix.name)}`.execute(db);
  const series =
    engine === 'postgres'
      ? sql`select generate_series(0, ${sql.lit(CASES - 1)})::bigint as i`
      : sql`with recursive s(i) as (select 0 union all select i + 1 from s where i < ${sql.lit(CASES - 1)}) select i from s`;
  await sql`
    insert into cases (id, agency_id, tracking_code, secret_hash, channel, applicant_type, received_date, closed_date, outcome, state, created_at, updated_at, submitted_at,
      applicant_enc, applicant_masked, applicant_key, applicant_name_key, description, form, delivery)
    select 'c' || i, ${agencyExpr}, 'T' || i, '', 'online', ${applicantExpr}, ${day(received)},
      case when i % 10 = 0 then null else ${day(closedOffset)} end,
      case when i % 10 = 0 then null else ${outcomeExpr} end,
      case when i % 10 = 0 then 'in_progress' else 'closed' end,
      '2019-01-01T00:00:00Z', '2019-01-01T00:00:00Z', '2019-01-01T00:00:00Z', '', '', '', '', '', 'electronic', 'email'
    from (${series}) g`.execute(db);
  for (const ix of indexes) await sql.raw(ix.def).execute(db);
  await sql`
    insert into appeals (id, agency_id, case_id, kind, filed_date, result, decided_date, created_at, updated_at)
    select 'a' || id, agency_id, id, case when length(id) % 3 = 0 then 'reconsideration' when length(id) % 3 = 1 then 'litigation_direct' else 'litigation_after_reconsideration' end,
      closed_date, 'upheld', closed_date, '2019-01-01T00:00:00Z', '2019-01-01T00:00:00Z'
    from cases where closed_date is not null and substr(id, length(id), 1) = '7' and substr(id, length(id) - 1, 1) = '7'`.execute(db);
  // As autovacuum would have done on a live database: statistics, and the visibility map index-only scans need.
  if (engine === 'postgres') await sql`vacuum analyze cases`.execute(db);
  else await sql`analyze`.execute(db);
  return city;
}

async function time<T>(fn: () => Promise<T>, runs = 3): Promise<{ ms: number; value: T }> {
  let best = Infinity;
  let value!: T;
  for (let i = 0; i < runs; i++) {
    const t0 = performance.now();
    value = await fn();
    best = Math.min(best, performance.now() - t0);
  }
  return { ms: best, value };
}

async function benchEngine(engine: Engine): Promise<Figure[]> {
  const { db, cleanup } = await openBenchDb(engine, 'gk-bench');
  try {
    await migrateDatabase(db);
    const t0 = performance.now();
    const city = await seed(db, engine);
    const seedSeconds = (performance.now() - t0) / 1000;
    const baseline = await time(() =>
      sql`select count(*) as n from cases where agency_id in (select id from agencies where path like ${`${city.path}%`})`.execute(db),
    );
    const out: Figure[] = [];
    // 2022: the latest year, as built in January (the usual case); 2021: a year with a whole later year of records.
    for (const year of [2022, 2021]) {
      const build = await time(async () => {
        const { report } = await computeReport(db, city, year, 'subtree');
        return { report, findings: validateReport(report) };
      });
      if (build.value.findings.length) throw new Error(`the benchmark report has findings: ${build.value.findings[0]!.message}`);
      const t = build.value.report.tables.requests;
      out.push({
        name: `${engine}: city report ${year} (${AGENCIES} departments, ${CASES.toLocaleString('en')} cases 2019–2022; new ${t.new.total}, carried in ${t.carried_in.total})`,
        value: build.ms,
        unit: 'ms',
        baselineName: 'count(*) of the same cases',
        baseline: baseline.ms,
        ratio: build.ms / baseline.ms,
        target: '< 2000 ms',
        note: `best of 3; seeding took ${seedSeconds.toFixed(1)} s`,
      });
    }
    return out;
  } finally {
    await cleanup();
  }
}

export async function run(): Promise<Figure[]> {
  return runOnEngines('Annual report build from the ledger (lower is better; ratio = build time / plain count)', benchEngine);
}
