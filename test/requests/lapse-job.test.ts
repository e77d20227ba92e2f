import { spawn, type ChildProcess } from 'node:child_process';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FastifyInstance } from 'fastify';
import * as svc from '../../src/requests/cases.service.js';
import { loadCalendar } from '../../src/requests/calendar.service.js';
import * as store from '../../src/requests/cases.store.js';
import { projectCase, toLedger } from '../../src/requests/projection.js';
import { todayInChina } from '../../src/platform/time.js';
import { currentSlot } from '../../src/platform/jobs/jobs.js';
import type { AppContext } from '../../src/platform/context.js';
import { checksumOf, userTables } from '../fixtures/db/fixture-tables.js';
import { Client, createTestApp, DEMO_PASSWORD, signedIn, type TestApp } from '../helpers/app.js';
import { ENGINES, PG_URL } from '../helpers/db.js';
import { PERSON, principalOf } from './helpers.js';

/**
 * Must-show 4 of issue 10: a GET never writes. Lapsed corrections are closed by the daily job
 * `requests.close-lapsed`, once, even with two server processes sharing one PostgreSQL.
 */

/** Cases whose correction deadline lapsed before today (received 20 working days ago). */
async function lapsedCorrections(ctx: AppContext, n: number): Promise<{ id: string; trackingCode: string; secret: string }[]> {
  const clerk = await principalOf(ctx.db, 'xfj.clerk');
  const cal = await loadCalendar(ctx.db);
  const today = todayInChina();
  const received = cal.addWorkingDays(today, -20);
  const out = [];
  for (let i = 0; i < n; i++) {
    const c = await svc.registerApplication(ctx, clerk, {
      channel: 'in_person',
      application: { ...PERSON, description: `请公开信访事项办理情况（第${i + 1}件）` },
      date: received,
    });
    const noticeDate = cal.addWorkingDays(received, 2);
    const asked = await svc.requestCorrection(ctx, clerk, c.id, {
      version: c.version,
      items: '请写明所需信息的名称、文号',
      date: noticeDate,
      deadline: cal.addWorkingDays(received, 10),
    });
    await releasedInThePast(ctx, c.id, asked.version, noticeDate);
    out.push({ id: c.id, trackingCode: c.trackingCode, secret: c.secret });
  }
  return out;
}

/**
 * History: the 补正告知书 drafted with the request was released on `date` (the release service dates letters
 * today, and a notice whose correction deadline has passed cannot be released now). Written as the release
 * writes it: the letter, the `letter_released` event, the projection.
 */
async function releasedInThePast(ctx: AppContext, caseId: string, version: number, date: string): Promise<void> {
  const letter = await ctx.db
    .selectFrom('case_letters')
    .select(['id'])
    .where('case_id', '=', caseId)
    .where('kind', '=', 'correction_notice')
    .executeTakeFirstOrThrow();
  const docNumber = `枣信访依申告〔${date.slice(0, 4)}〕${caseId.slice(0, 4)}号`;
  const at = `${date}T02:00:00.000Z`;
  const calendar = await loadCalendar(ctx.db);
  await ctx.db.transaction().execute(async (tx) => {
    await tx
      .updateTable('case_letters')
      .set({ status: 'released', doc_number: docNumber, released_at: at, signed_by: 'test' })
      .where('id', '=', letter.id)
      .execute();
    const row = (await store.findCaseById(tx, caseId))!;
    const events = await store.loadEvents(tx, caseId);
    await store.appendEvents(
      tx,
      row,
      events.length,
      { id: null, name: 'test' },
      [{ type: 'letter_released', letterId: letter.id, kind: 'correction_notice', docNumber, date }],
      at,
    );
    const proj = projectCase(toLedger(await store.loadEvents(tx, caseId)), calendar);
    expect(await store.updateCaseLocked(tx, caseId, version, store.projectionColumns(proj))).toBe(true);
  });
}

/** Every GET route of the application, read from Fastify's route tree. */
function getRoutes(app: FastifyInstance): string[] {
  const stack: string[] = [];
  const out: string[] = [];
  for (const line of app.printRoutes({ commonPrefix: false }).split('\n')) {
    const m = /^([│ ]*)[├└]── (.*?)(?: \(([A-Z, ]+)\))?$/.exec(line);
    if (!m) continue;
    const depth = m[1]!.length / 4;
    const path = (depth ? stack[depth - 1]! : '') + m[2]!;
    stack[depth] = path;
    stack.length = depth + 1;
    if (m[3]?.split(', ').includes('GET')) out.push(path.replace(/\/\/+/g, '/'));
  }
  return [...new Set(out)];
}

/**
 * Everything in the database except sessions (reading a page refreshes the session's last-seen time) and the
 * rate-limit counters (shared by every server process since 0011-scale; the lookup form POST counts against them).
 */
async function snapshot(t: TestApp): Promise<Record<string, unknown>> {
  const out: Record<string, unknown> = {};
  for (const table of await userTables(t.ctx.db, t.ctx.engine)) {
    if (table === 'sessions' || table === 'rate_limits') continue;
    const cols = Object.keys(
      (await t.ctx.db
        .selectFrom(table as 'cases')
        .selectAll()
        .limit(1)
        .executeTakeFirst()) ?? {},
    );
    out[table] = cols.length ? await checksumOf(t.ctx.db, table, cols) : { count: 0 };
  }
  return out;
}

describe.each(ENGINES)('GET never writes, on %s', (engine) => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp(engine);
  }, 120_000);
  afterAll(async () => t?.close());

  it('opens every staff and public page with lapsed corrections in the database: nothing is written; the job closes them once', async () => {
    const lapsed = await lapsedCorrections(t.ctx, 3);
    const item = await t.ctx.db.selectFrom('pub_items').select(['id']).where('status', '=', 'published').executeTakeFirstOrThrow();
    const report = await t.ctx.db.selectFrom('annual_reports').select(['id']).executeTakeFirstOrThrow();
    const letter = await t.ctx.db.selectFrom('case_letters').select(['id']).executeTakeFirst();
    const agency = await t.ctx.db.selectFrom('agencies').select(['id', 'code']).where('name', '=', '枣庄市信访局').executeTakeFirstOrThrow();
    const values: Record<string, string> = { ':code': agency.code, ':column': 'rules', ':file': 'x.docx', ':att': 'x', ':fileId': 'x', '*': 'missing' };
    const idFor = (path: string) =>
      path.startsWith('/api/cases')
        ? lapsed[0]!.id
        : path.includes('publishing') || path.includes('/items/')
          ? item.id
          : path.startsWith('/api/reports')
            ? report.id
            : path.startsWith('/api/letters')
              ? (letter?.id ?? 'x')
              : agency.id;
    const urls = getRoutes(t.app).map((p) => p.replace(/:id/g, idFor(p)).replace(/:[a-zA-Z]+|\*/g, (k) => values[k] ?? 'x'));
    expect(urls.length).toBeGreaterThan(40);
    expect(urls).toContain('/api/cases/workbench');

    const staff = await Promise.all(['xfj.clerk', 'xfj.head', 'xfj.principal', 'czj.clerk', 'zf.head', 'gkb'].map((u) => signedIn(t.app, u)));
    const anonymous = new Client(t.app);
    const before = await snapshot(t);
    const auditBefore = await t.ctx.db.selectFrom('audit_head').selectAll().executeTakeFirstOrThrow();
    let ok = 0;
    for (const c of [...staff, anonymous]) {
      for (const url of urls) {
        const res = await c.request('GET', url);
        expect(res.statusCode, `${url}: ${res.body.slice(0, 200)}`).toBeLessThan(500);
        if (res.statusCode === 200) ok++;
      }
      // Including the lists that used to close lapsed cases on the way, with every filter.
      for (const q of ['?state=awaiting_correction', '?state=open', '?assignee=me'])
        expect((await c.request('GET', `/api/cases${q}`)).statusCode).toBeLessThan(500);
    }
    // The applicant's lookup (a form POST that only reads) for each lapsed case.
    for (const l of lapsed) {
      const page = await anonymous.request('GET', '/lookup');
      const csrf = /name="_csrf" value="([^"]+)"/.exec(page.body)?.[1] ?? '';
      const res = await anonymous.request('POST', '/lookup', {
        payload: new URLSearchParams({ _csrf: csrf, code: l.trackingCode, secret: l.secret }).toString(),
        headers: { 'content-type': 'application/x-www-form-urlencoded' },
      });
      expect(res.statusCode).toBe(200);
      expect(res.body).toContain(l.trackingCode);
    }
    expect(ok).toBeGreaterThan(100);
    expect(await t.ctx.db.selectFrom('audit_head').selectAll().executeTakeFirstOrThrow()).toEqual(auditBefore);
    expect(await snapshot(t)).toEqual(before);
    const states = await t.ctx.db
      .selectFrom('cases')
      .select(['state'])
      .where(
        'id',
        'in',
        lapsed.map((l) => l.id),
      )
      .execute();
    expect(states.map((s) => s.state)).toEqual(['awaiting_correction', 'awaiting_correction', 'awaiting_correction']);

    // The job closes them, once.
    const first = await t.ctx.jobs.run('requests.close-lapsed');
    expect(first).toMatchObject({ ran: true, status: 'ok', changed: 3 });
    expect((await t.ctx.jobs.run('requests.close-lapsed')).changed).toBe(0);
    const closed = await t.ctx.db
      .selectFrom('cases')
      .select(['state', 'outcome'])
      .where(
        'id',
        'in',
        lapsed.map((l) => l.id),
      )
      .execute();
    expect(closed).toEqual(lapsed.map(() => ({ state: 'closed', outcome: 'other_no_correction' })));
  }, 600_000);
});

describe.runIf(PG_URL)('the lapse job with two server processes sharing one PostgreSQL', () => {
  let t: TestApp;
  const procs: ChildProcess[] = [];
  beforeAll(async () => {
    t = await createTestApp('postgres');
  }, 120_000);
  afterAll(async () => {
    for (const p of procs) if (p.exitCode === null) p.kill('SIGTERM');
    await Promise.all(procs.map((p) => (p.exitCode === null ? new Promise((r) => p.once('exit', r)) : null)));
    await t?.close();
  });

  function server(): Promise<ChildProcess> {
    const dbUrl = t.ctx.config.database.engine === 'postgres' ? t.ctx.config.database.url : '';
    const p = spawn(process.execPath, ['--import', 'tsx', 'src/cli.ts', 'serve'], {
      env: {
        ...process.env,
        DATABASE_URL: dbUrl,
        PORT: '0',
        HOST: '127.0.0.1',
        LOG_LEVEL: 'silent',
        GONGKAI_SECRET: t.ctx.config.secretKey.toString('utf8'),
        JOBS_TICK_SECONDS: '1',
        GONGKAI_DEMO_PASSWORD: DEMO_PASSWORD,
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    procs.push(p);
    let out = '';
    return new Promise((resolve, reject) => {
      p.stdout!.on('data', (d) => {
        out += String(d);
        if (out.includes('已启动')) resolve(p);
      });
      p.stderr!.on('data', (d) => (out += String(d)));
      p.once('exit', (code) => reject(new Error(`server exited ${code}: ${out}`)));
    });
  }

  it('closes each lapsed case exactly once', async () => {
    await Promise.all([server(), server()]);
    // Wait for today's run that the servers make at start (nothing has lapsed yet).
    for (let i = 0; ; i++) {
      const done = await t.ctx.db.selectFrom('job_runs').select('id').where('name', '=', 'requests.close-lapsed').where('status', '=', 'ok').executeTakeFirst();
      if (done) break;
      if (i > 240) throw new Error('the servers did not run the lapse job at start');
      await new Promise((r) => setTimeout(r, 250));
    }
    const lapsed = await lapsedCorrections(t.ctx, 4);
    // Both servers ran today's slot at start (nothing lapsed then). Roll the job back to yesterday, as at
    // midnight: both tickers (every second) race for the new slot.
    const slot = currentSlot({ dailyAt: '00:05' }, new Date());
    await t.ctx.db.updateTable('job_leases').set({ last_slot: 'daily:yesterday' }).where('name', '=', 'requests.close-lapsed').execute();
    const ids = lapsed.map((l) => l.id);
    const deadline = Date.now() + 60_000;
    for (;;) {
      const open = await t.ctx.db.selectFrom('cases').select('id').where('id', 'in', ids).where('state', '!=', 'closed').execute();
      if (!open.length) break;
      if (Date.now() > deadline) throw new Error('the lapse job did not close the cases within 60 s');
      await new Promise((r) => setTimeout(r, 250));
    }
    await new Promise((r) => setTimeout(r, 3000)); // a few more ticks of both servers
    const closings = await t.ctx.db.selectFrom('case_events').select(['case_id']).where('case_id', 'in', ids).where('type', '=', 'closed').execute();
    expect(closings.map((c) => c.case_id).sort()).toEqual([...ids].sort());
    const audits = await t.ctx.db
      .selectFrom('audit_log')
      .select(['entity_id', 'actor_name'])
      .where('action', '=', 'case.auto_closed')
      .where('entity_id', 'in', ids)
      .execute();
    expect(audits).toHaveLength(4);
    expect(audits.every((a) => a.actor_name === '系统')).toBe(true);
    const runs = await t.ctx.db.selectFrom('job_runs').selectAll().where('name', '=', 'requests.close-lapsed').where('slot', '=', slot).execute();
    const closingRuns = runs.filter((r) => r.message?.includes('关闭了'));
    expect(closingRuns).toHaveLength(1);
    expect(closingRuns[0]!.message).toBe('关闭了 4 件逾期未补正或未缴费的申请。');
    expect(procs.every((p) => p.exitCode === null)).toBe(true);
  }, 300_000);
});
