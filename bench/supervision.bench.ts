import { randomBytes } from 'node:crypto';
import { sql } from 'kysely';
import type { Db, Engine } from '../src/platform/db/index.js';
import { migrateDatabase } from '../src/capabilities.js';
import { createCountTriggers, dropCountTriggers, rebuildCounts } from '../src/requests/migrations/0020-oversight-counts.js';
import { newId } from '../src/platform/ids.js';
import type { Principal } from '../src/platform/auth/permissions.js';
import type { AppContext } from '../src/platform/context.js';
import { createFieldCipher } from '../src/platform/crypto.js';
import { todayInChina } from '../src/platform/time.js';
import { assess, board } from '../src/supervision/supervision.service.js';
import { latencies, openBenchDb, openKeptBenchDb, percentile, runOnEngines, type Figure } from './lib.js';

/**
 * The supervising office's board and assessment for a province: BENCH_SUPERVISION_AGENCIES agencies (default
 * 1,000: a province government, 19 city governments, the rest their departments) and BENCH_SUPERVISION_CASES
 * cases (default 1,000,000; 10,000,000 for the issue's full scale) received over ten years, 1 % of them
 * extended, on SQLite and, with BENCH_DATABASE_URL or TEST_DATABASE_URL, on PostgreSQL.
 * Figures: p95 of the board (year to date, whole province) against the bare aggregate query it needs (closed
 * cases of the period grouped by agency, with the late count) — target < 500 ms p95; the assessment of one
 * agency, and of the whole province (once). BENCH_SUPERVISION_ENGINES=sqlite|postgres runs one engine.
 * BENCH_SUPERVISION_KEEP=NAME keeps the seeded database and reuses it (seeding 10,000,000 cases takes many minutes).
 */

const AGENCIES = Number(process.env.BENCH_SUPERVISION_AGENCIES ?? 1_000);
const CASES = Number(process.env.BENCH_SUPERVISION_CASES ?? 1_000_000);
const CITIES = 19;
const OUTCOMES = [
  'disclosed',
  'disclosed',
  'disclosed',
  'partly_disclosed',
  'withheld_third_party',
  'unable_not_held',
  'unable_not_held',
  'not_processed_repeat',
  'other_misc',
];

export async function seed(db: Db, engine: Engine) {
  const now = new Date().toISOString();
  const agency = (id: string, parent: { id: string; path: string } | null, name: string, kind: string, code: string) => ({
    id,
    parent_id: parent?.id ?? null,
    path: `${parent?.path ?? '/'}${id}/`,
    name,
    short_name: null,
    kind,
    code,
    office_name: `${name}办公室`,
    office_address: '基准地址',
    office_hours: '工作日',
    office_phone: '0000-0000000',
    office_fax: '',
    office_email: '',
    office_postcode: '000000',
    website: '',
    reconsideration_body: '上级人民政府',
    court: '基准法院',
    sort_order: 0,
    created_at: now,
    updated_at: now,
  });
  const province = agency(newId(), null, '基准省人民政府', 'government', 'bp');
  const rows = [province];
  const cities = Array.from({ length: CITIES }, (_, i) => agency(newId(), province, `基准省第${i + 1}市人民政府`, 'government', `bp-c${i}`));
  rows.push(...cities);
  for (let i = rows.length; i < AGENCIES; i++) {
    const parent = i % (CITIES + 1) === 0 ? province : cities[i % CITIES]!;
    rows.push(agency(newId(), parent, `基准省第${i}号部门`, 'department', `bp-d${i}`));
  }
  for (let i = 0; i < rows.length; i += 100)
    await db
      .insertInto('agencies')
      .values(rows.slice(i, i + 100) as never)
      .execute();
  const ids = rows.map((a) => a.id);
  if (engine === 'postgres') await sql`create temporary table bench_agency (n int primary key, id text)`.execute(db);
  else await sql`create temporary table bench_agency (n integer primary key, id text)`.execute(db);
  for (let i = 0; i < ids.length; i += 500)
    await sql`insert into bench_agency (n, id) values ${sql.join(ids.slice(i, i + 500).map((id, k) => sql`(${i + k}, ${id})`))}`.execute(db);
  const today = todayInChina();
  const day = (offset: ReturnType<typeof sql>) =>
    engine === 'postgres' ? sql`to_char(date ${sql.lit(today)} + (${offset})::int, 'YYYY-MM-DD')` : sql`date(${today}, (${offset}) || ' days')`;
  const pick = (xs: string[], idx: ReturnType<typeof sql>) =>
    engine === 'postgres'
      ? sql`(array[${sql.raw(xs.map((x) => `'${x}'`).join(','))}])[(1 + (${idx}))::int]`
      : sql`json_extract(${JSON.stringify(xs)}, '$[' || (${idx}) || ']')`;
  // A bulk load: the board's monthly counts are rebuilt once at the end instead of by a trigger per row.
  await dropCountTriggers(db);
  // and the secondary indexes of cases are dropped during the load and built again after it (far faster at 10 M).
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
  for (const i of indexes) await sql.raw(`drop index ${i.name}`).execute(db);
  if (engine === 'postgres') await sql`set maintenance_work_mem = '1GB'`.execute(db);
  const chunk = 500_000;
  for (let start = 0; start < CASES; start += chunk) {
    const end = Math.min(CASES, start + chunk) - 1;
    const series =
      engine === 'postgres'
        ? sql`select generate_series(${sql.lit(start)}, ${sql.lit(end)})::bigint as i`
        : sql`with recursive s(i) as (select ${sql.lit(start)} union all select i + 1 from s where i < ${sql.lit(end)}) select i from s`;
    // Received over ten years; due 28 days later; 2.5 % still open (due from 30 days ago to 40 ahead); the rest
    // closed 5–44 days after receipt (about 40 % after the due date).
    await sql`
      insert into cases (id, agency_id, tracking_code, secret_hash, channel, applicant_type, received_date, closed_date, outcome, state, due_date,
        created_at, updated_at, submitted_at, applicant_enc, applicant_masked, applicant_key, applicant_name_key, description, form, delivery)
      select 'c' || g.i, a.id, 'T' || g.i, '', 'online', 'natural_person',
        case when g.i % 40 = 0 then ${day(sql`-((g.i * 31) % 70) - 28 + 30`)} else ${day(sql`-((g.i * 7919) % 3650) - 45`)} end,
        case when g.i % 40 = 0 then null else ${day(sql`-((g.i * 7919) % 3650) - 45 + 5 + (g.i % 40)`)} end,
        case when g.i % 40 = 0 then null else ${pick(OUTCOMES, sql`g.i % ${sql.lit(OUTCOMES.length)}`)} end,
        case when g.i % 40 = 0 then 'in_progress' else 'closed' end,
        case when g.i % 40 = 0 then ${day(sql`-((g.i * 31) % 70) + 30`)} else ${day(sql`-((g.i * 7919) % 3650) - 45 + 28`)} end,
        '2024-01-01T00:00:00Z', '2024-01-01T00:00:00Z', '2024-01-01T00:00:00Z', '', '某*', 'k' || (g.i % 50000), 'n' || (g.i % 50000), '基准申请', 'electronic', 'email'
      from (${series}) g join bench_agency a on a.n = g.i % ${sql.lit(ids.length)}`.execute(db);
  }
  await sql`insert into case_events (id, case_id, agency_id, seq, at, actor, actor_id, type, data)
    select 'e' || c.id, c.id, c.agency_id, 2, '2024-01-01T00:00:00Z', '基准', null, 'extended', '{"date":"2024-01-02","approvedBy":"x","reason":"x"}'
    from cases c where c.id like 'c%00'`.execute(db);
  for (const i of indexes) await sql.raw(i.def).execute(db);
  await rebuildCounts(db);
  await createCountTriggers(db);
  await seedReports(db, rows, Number(today.slice(0, 4)) - 1);
  if (engine === 'postgres') await sql`vacuum analyze`.execute(db);
  else await sql`analyze`.execute(db);
  return { province, department: rows[rows.length - 1]! };
}

const OPENINGS = ['本年度', '今年以来', '报告期内', '全年', '一年来', '按照上级部署', '根据工作安排', '对照年度要点', '坚持问题导向', '围绕中心工作'];
const SUBJECTS = ['我单位', '本机关', '局党组', '办公室', '各科室', '政务公开领导小组', '信息公开工作机构', '业务部门', '基层站所', '门户网站'];
const ACTIONS = [
  '认真贯彻落实条例规定',
  '持续深化重点领域信息公开',
  '规范依申请公开办理流程',
  '加强政策解读和回应关切',
  '完善主动公开目录',
  '推进决策公开和执行公开',
  '健全信息发布审查机制',
  '做好政府信息管理',
  '强化公开平台建设',
  '开展政务公开业务培训',
];
const ENDINGS = [
  '取得了明显成效',
  '群众满意度进一步提升',
  '公开质量稳步提高',
  '各项任务全面完成',
  '工作机制更加健全',
  '社会关注事项得到及时回应',
  '公开内容更加规范',
  '办理时限全部符合规定',
  '公开渠道不断拓宽',
  '为下一年度工作打下基础',
];

/** About 3,000 characters of report prose: sentences drawn by `k` from 10,000 combinations, so texts overlap as real ones do. */
function reportText(k: number, name: string): string {
  const out: string[] = [`${name}政府信息公开工作年度报告。`];
  let x = (k * 2654435761) >>> 0;
  for (let i = 0; i < 60; i++) {
    x = (x * 1103515245 + 12345) >>> 0;
    out.push(`${OPENINGS[x % 10]}，${SUBJECTS[(x >>> 4) % 10]}${ACTIONS[(x >>> 8) % 10]}，${ENDINGS[(x >>> 12) % 10]}。`);
  }
  return out.join('');
}

/**
 * The annual reports of the two years before this one for every agency: published on time, with prose that
 * overlaps the siblings' as real reports do; one agency in twenty copies last year's text (雷同). The tables are
 * one computed report's (the board validates each).
 */
export async function seedReports(db: Db, agencies: { id: string; name: string }[], year: number) {
  const { computeReport } = await import('../src/reports/reports.compute.js');
  for (const y of [year - 1, year]) {
    const { report } = await computeReport(db, { ...agencies[0]!, kind: 'government', path: '/' } as never, y, 'agency');
    const data = JSON.stringify(report);
    const rows = agencies.map((a, i) => ({ a, i, reportId: newId(), text: reportText(y === year && i % 20 === 0 ? i * 7 + year - 1 : i * 7 + y, a.name) }));
    const at = `${y + 1}-01-20T02:00:00.000Z`;
    for (let k = 0; k < rows.length; k += 200) {
      const part = rows.slice(k, k + 200);
      await db
        .insertInto('annual_reports')
        .values(
          part.map((r) => ({
            id: r.reportId,
            agency_id: r.a.id,
            year: y,
            scope: 'agency' as const,
            format: report.format,
            status: 'published' as const,
            revision: 1,
            tables: JSON.stringify(report.tables),
            narrative: '{}',
            signed_date: at.slice(0, 10),
            computed_at: at,
            correction_note: null,
            published_version: 1,
            first_published_at: at,
            last_published_at: at,
            created_at: at,
            updated_at: at,
          })),
        )
        .execute();
      await db
        .insertInto('annual_report_versions')
        .values(
          part.map((r) => ({
            id: newId(),
            report_id: r.reportId,
            agency_id: r.a.id,
            year: y,
            version: 1,
            format: report.format,
            revision: 1,
            data,
            chapters: JSON.stringify({ preamble: r.text, chapters: [] }),
            signoffs: '[]',
            acknowledgements: '[]',
            signed_date: at.slice(0, 10),
            note: null,
            published_at: at,
            published_by_id: null,
            published_by_name: '基准',
          })),
        )
        .execute();
    }
  }
}

async function benchEngine(engine: Engine): Promise<Figure[]> {
  const keep = process.env.BENCH_SUPERVISION_KEEP;
  const { db, cleanup } = keep ? await openKeptBenchDb(engine, keep) : await openBenchDb(engine, 'gk-sup');
  try {
    await migrateDatabase(db);
    const t0 = performance.now();
    const kept = keep ? await db.selectFrom('agencies').select(['id', 'path']).where('code', '=', 'bp').executeTakeFirst() : undefined;
    const { province, department } = kept
      ? {
          province: kept,
          department: await db
            .selectFrom('agencies')
            .select(['id', 'path'])
            .where('code', '=', `bp-d${AGENCIES - 1}`)
            .executeTakeFirstOrThrow(),
        }
      : await seed(db, engine);
    if (kept && !(await db.selectFrom('annual_reports').select('id').limit(1).executeTakeFirst())) {
      await seedReports(
        db,
        await db.selectFrom('agencies').select(['id', 'name']).where('code', 'like', 'bp%').orderBy('code').execute(),
        Number(todayInChina().slice(0, 4)) - 1,
      );
    }
    const seedSeconds = (performance.now() - t0) / 1000;
    const ctx = { db, cipher: createFieldCipher(randomBytes(32)), config: {} } as unknown as AppContext;
    const gkb: Principal = {
      userId: 'u',
      username: 'bench',
      displayName: '基准',
      role: 'supervisor',
      agencyId: province.id,
      agencyPath: province.path,
      mustChangePassword: false,
      sessionId: 's',
    };
    const today = todayInChina();
    const period = { from: `${today.slice(0, 4)}-01-01`, to: today };
    const runs = Number(process.env.BENCH_SUPERVISION_RUNS ?? 20);
    const bare = await latencies(
      () =>
        db
          .selectFrom('cases')
          .where('closed_date', '>=', period.from)
          .where('closed_date', '<=', period.to)
          .select(['agency_id', (eb) => eb.fn.countAll().as('n'), sql`sum(case when closed_date > due_date then 1 else 0 end)`.as('late')])
          .groupBy('agency_id')
          .execute(),
      runs,
    );
    const boardTimes = await latencies(() => board(ctx, gkb, period, today), runs);
    const year = Number(today.slice(0, 4)) - 1;
    const one = await latencies(() => assess(ctx, gkb, year, { agencyId: department.id }), Math.min(runs, 10));
    const a0 = performance.now();
    const all = await assess(ctx, gkb, year);
    const allMs = performance.now() - a0;
    const n = `${AGENCIES.toLocaleString('en')} agencies, ${CASES.toLocaleString('en')} cases`;
    const bp95 = percentile(bare, 95);
    const p95 = percentile(boardTimes, 95);
    return [
      {
        name: `${engine}: board, whole province, year to date (${n})`,
        value: p95,
        unit: 'ms p95',
        baselineName: 'bare grouped aggregate of the period',
        baseline: bp95,
        ratio: p95 / bp95,
        target: '< 500 ms',
        note: `p50 ${percentile(boardTimes, 50).toFixed(0)} ms; seeding ${seedSeconds.toFixed(0)} s`,
      },
      {
        name: `${engine}: assessment of one agency (${year})`,
        value: percentile(one, 95),
        unit: 'ms p95',
        baselineName: 'bare grouped aggregate',
        baseline: bp95,
        ratio: percentile(one, 95) / bp95,
      },
      {
        name: `${engine}: assessment of the whole province (${all.agencies.length} agencies, ${year}, once)`,
        value: allMs,
        unit: 'ms',
        baselineName: 'bare grouped aggregate',
        baseline: bp95,
        ratio: allMs / bp95,
      },
    ];
  } finally {
    await cleanup();
  }
}

export async function run(): Promise<Figure[]> {
  return runOnEngines(
    'Supervision board and assessment (lower is better; ratio = time / bare aggregate p95)',
    benchEngine,
    process.env.BENCH_SUPERVISION_ENGINES,
  );
}
