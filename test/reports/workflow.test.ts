import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ENGINES } from '../helpers/db.js';
import { createTestApp, signedIn, Client, type TestApp } from '../helpers/app.js';
import { insertAppeals, insertCases } from './ledger.js';
import { deadlineFor } from '../../src/reports/reports.service.js';
import type { Principal } from '../../src/platform/auth/permissions.js';

/**
 * The annual report through the JSON API and the portal, on every engine: draft from the records, validation
 * (errors block, warnings need a named reviewer), the review chain in order, publication, downloads, a
 * correction as a new version with the old one still viewable, and who may see and do what.
 */

const FINAL_TEXT = {
  overview: '2021年，枣庄市信访局依法做好政府信息公开工作。本年度新收政府信息公开申请{{requests.new.total}}件。',
  problems: '存在的问题：公开内容不够丰富。改进措施：加强培训。',
  other: '2021年未收取信息处理费。无其他需要报告的事项。',
};

describe.each(ENGINES)('%s', (engine) => {
  let t: TestApp;
  let clerk: Client;
  let head: Client;
  let deputy: Client;
  let principal: Client;
  let reportId: string;
  let revision: number;

  beforeAll(async () => {
    t = await createTestApp(engine);
    const xfj = t.demo.xfj.id;
    const ids = await insertCases(t.ctx.db, [
      { agency_id: xfj, applicant_type: 'natural_person', received_date: '2021-03-01', closed_date: '2021-03-20', outcome: 'disclosed' },
      { agency_id: xfj, applicant_type: 'natural_person', received_date: '2021-05-01', closed_date: '2021-05-28', outcome: 'withheld_process_info' },
      { agency_id: xfj, applicant_type: 'business', received_date: '2021-12-28', closed_date: null, outcome: null },
    ]);
    await insertAppeals(t.ctx.db, [
      { agency_id: xfj, case_id: ids[1]!, kind: 'reconsideration', filed_date: '2021-06-10', result: 'upheld', decided_date: '2021-08-01' },
    ]);
    [clerk, head, deputy, principal] = await Promise.all(['xfj.clerk', 'xfj.head', 'xfj.deputy', 'xfj.principal'].map((u) => signedIn(t.app, u)));
  });
  afterAll(() => t.close());

  const get = async (c: Client) => (await c.request('GET', `/api/reports/${reportId}`)).json();

  it('lists the demo 2020 report as published', async () => {
    const res = await clerk.request('GET', '/api/reports');
    expect(res.statusCode).toBe(200);
    const r2020 = res.json().find((r: any) => r.year === 2020);
    expect(r2020).toMatchObject({ agencyName: '枣庄市信访局', status: 'published', publishedVersion: 1, format: '2019' });
    const r2025 = res.json().find((r: any) => r.year === 2025);
    expect(r2025).toMatchObject({ status: 'published', publishedVersion: 1, format: '2021', firstPublishedAt: '2026-01-20T02:00:00.000Z' });
    const detail = (await clerk.request('GET', `/api/reports/${r2025.id}`)).json();
    expect(detail.validation.errors).toBe(0);
    // This test registered a 2021 application still open: it carries into 2025, so the published 2025 report is now behind the ledger.
    expect(detail.validation.stale).toBe(true);
    expect(detail.preview.chapters.find((c: any) => c.key === 'other').text).toContain('未收取信息处理费');
  });

  it('creates a draft computed from the records, with a first draft of the text', async () => {
    const res = await clerk.request('POST', '/api/reports', { json: { year: 2021 } });
    expect(res.statusCode).toBe(201);
    reportId = res.json().id;
    const r = await get(clerk);
    expect(r.format).toBe('2021');
    expect(r.tables.requests.new.total).toBe(3);
    expect(r.tables.requests.withheld_process_info.natural_person).toBe(1);
    expect(r.tables.requests.carried_out.business).toBe(1);
    expect(r.tables.appeals.reconsideration.upheld).toBe(1);
    expect(r.preview.chapters.find((c: any) => c.key === 'requests').text).toContain('本年度新收政府信息公开申请3件');
    expect(r.narrative.requests).toContain('{{requests.new.total}}');
    // The generated draft leaves 【待补充】 markers: errors, so it cannot be signed yet.
    expect(r.validation.errors).toBeGreaterThan(0);
    expect(r.validation.blocking).toBeTruthy();
    revision = r.revision;
    const again = await clerk.request('POST', '/api/reports', { json: { year: 2021 } });
    expect(again.statusCode).toBe(409);
  });

  it('refuses sign-off while errors remain, and bad input with a 4xx', async () => {
    const res = await head.request('POST', `/api/reports/${reportId}/signoffs`, { json: { revision } });
    expect(res.statusCode).toBe(409);
    expect(res.json().message).toContain('不能签批');
    expect((await clerk.request('PUT', `/api/reports/${reportId}/narrative`, { json: { revision, narrative: { nonsense: 'x' } } })).statusCode).toBe(400);
    expect((await clerk.request('PUT', `/api/reports/${reportId}/narrative`, { json: { revision: revision + 5, narrative: { other: 'x' } } })).statusCode).toBe(
      409,
    );
    expect((await clerk.request('POST', '/api/reports', { json: { year: 'abc' } })).statusCode).toBe(400);
    expect((await clerk.request('POST', '/api/reports', { json: { year: 2099 } })).statusCode).toBe(400);
    const bad = await clerk.request('PUT', `/api/reports/${reportId}/narrative`, { json: { revision, narrative: { other: '本年{{requests.nope.total}}件' } } });
    expect(bad.statusCode).toBe(200);
    revision = bad.json().revision;
    const v = (await clerk.request('GET', `/api/reports/${reportId}/validation`)).json();
    expect(v.findings.some((f: any) => f.rule === 'prose' && f.severity === 'error' && f.message.includes('requests.nope.total'))).toBe(true);
    // A figure typed into the text that contradicts the table is read back and is an error.
    const typed = await clerk.request('PUT', `/api/reports/${reportId}/narrative`, {
      json: { revision, narrative: { overview: '2021年，本机关共收到政府信息公开申请5件。' } },
    });
    revision = typed.json().revision;
    const v2 = (await clerk.request('GET', `/api/reports/${reportId}/validation`)).json();
    // (An error, or a warning when the bound sentence elsewhere states the right figure: either way it blocks.)
    expect(v2.findings.some((f: any) => f.rule === 'prose' && f.expected === 3 && f.actual === 5 && !f.acknowledged)).toBe(true);
    expect(v2.blocking).toBeTruthy();
  });

  it('needs a named reviewer to acknowledge each warning', async () => {
    // A figure typed by hand instead of bound to the table is a warning.
    const res = await clerk.request('PUT', `/api/reports/${reportId}/narrative`, {
      json: { revision, narrative: { ...FINAL_TEXT, appeals: '本年度被申请行政复议1件。' }, signedDate: '2022-01-20' },
    });
    expect(res.statusCode).toBe(200);
    revision = res.json().revision;
    const r = await get(clerk);
    expect(r.validation.errors).toBe(0);
    const warning = r.validation.findings.find((f: any) => f.severity === 'warning');
    expect(warning.rule).toBe('prose');
    expect(r.validation.unacknowledgedWarnings).toBe(1);
    expect((await head.request('POST', `/api/reports/${reportId}/signoffs`, { json: { revision } })).statusCode).toBe(409);
    // A clerk cannot acknowledge; a reviewer must, with a note.
    expect((await clerk.request('POST', `/api/reports/${reportId}/acknowledgements`, { json: { findingKey: warning.key, note: '已核实' } })).statusCode).toBe(
      403,
    );
    const ack = await head.request('POST', `/api/reports/${reportId}/acknowledgements`, { json: { findingKey: warning.key, note: '已与台账核对，1件无误。' } });
    expect(ack.statusCode).toBe(200);
    const after = await get(clerk);
    expect(after.validation.unacknowledgedWarnings).toBe(0);
    expect(after.validation.findings.find((f: any) => f.key === warning.key).acknowledged.by).toContain('张建国');
  });

  it('is signed in order: office head, deputy leader, principal', async () => {
    expect((await deputy.request('POST', `/api/reports/${reportId}/signoffs`, { json: { revision } })).statusCode).toBe(403);
    expect((await clerk.request('POST', `/api/reports/${reportId}/publish`, { json: { revision } })).statusCode).toBe(409);
    expect((await head.request('POST', `/api/reports/${reportId}/signoffs`, { json: { revision, opinion: '同意' } })).statusCode).toBe(200);
    expect((await principal.request('POST', `/api/reports/${reportId}/signoffs`, { json: { revision } })).statusCode).toBe(403);
    expect((await deputy.request('POST', `/api/reports/${reportId}/signoffs`, { json: { revision } })).statusCode).toBe(200);
    const last = await principal.request('POST', `/api/reports/${reportId}/signoffs`, { json: { revision } });
    expect(last.json()).toEqual({ stage: 'principal', approved: true });
    const r = await get(clerk);
    expect(r.status).toBe('approved');
    expect(r.review.signoffs.map((s: any) => s.stage)).toEqual(['office_head', 'deputy_leader', 'principal']);
  });

  it('publishes to the portal with HTML tables and downloads', async () => {
    const res = await clerk.request('POST', `/api/reports/${reportId}/publish`, { json: { revision } });
    expect(res.statusCode).toBe(200);
    expect(res.json().version).toBe(1);
    const anon = new Client(t.app);
    const list = await anon.request('GET', '/a/zzxfj/reports');
    expect(list.statusCode).toBe(200);
    expect(list.body).toContain('/a/zzxfj/reports/2021');
    expect(list.body).toContain('/a/zzxfj/reports/2020');
    const page = await anon.request('GET', '/a/zzxfj/reports/2021');
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain('<html lang="zh-CN">');
    expect(page.body).toContain('<caption>收到和处理政府信息公开申请情况</caption>');
    expect(page.body).toContain('scope="row"');
    expect(page.body).toContain('本年度新收政府信息公开申请3件');
    const json = await anon.request('GET', '/a/zzxfj/reports/2021.json');
    const data = json.json();
    expect(Object.keys(data)).toEqual(['agency', 'year', 'format', 'tables', 'findings']);
    expect(data).toMatchObject({ agency: '枣庄市信访局', year: 2021, format: '2021' });
    expect(data.tables.requests.total.total).toBe(2);
    const csv = await anon.request('GET', '/a/zzxfj/reports/2021.csv');
    expect(csv.headers['content-type']).toContain('text/csv');
    expect(csv.body).toContain('requests,new,total,');
    const docx = await anon.request('GET', '/a/zzxfj/reports/2021.docx');
    expect(docx.statusCode).toBe(200);
    expect(docx.rawPayload.subarray(0, 2).toString()).toBe('PK');
    expect((await anon.request('GET', '/a/zzxfj/reports/2019')).statusCode).toBe(404);
    expect((await anon.request('GET', '/a/zzxfj/reports/abc')).statusCode).toBe(404);
    expect((await anon.request('GET', '/a/nope/reports')).statusCode).toBe(404);
  });

  it('never changes silently: a correction is a new version with a note, the old one stays viewable', async () => {
    const direct = await clerk.request('PUT', `/api/reports/${reportId}/narrative`, { json: { revision, narrative: { other: '改动' } } });
    expect(direct.statusCode).toBe(409);
    // An application registered late: the published report does not move, the console says so.
    await insertCases(t.ctx.db, [
      { agency_id: t.demo.xfj.id, applicant_type: 'natural_person', received_date: '2021-11-11', closed_date: '2021-11-20', outcome: 'disclosed' },
    ]);
    const stale = await get(clerk);
    expect(stale.validation.stale).toBe(true);
    expect(stale.validation.blocking).toContain('发起更正');
    expect((await new Client(t.app).request('GET', '/a/zzxfj/reports/2021.json')).json().tables.requests.new.total).toBe(3);
    const start = await clerk.request('POST', `/api/reports/${reportId}/corrections`, {
      json: { revision, note: '补录1件漏登的申请，更正第三部分数据和第五部分的文字表述。' },
    });
    expect(start.statusCode).toBe(200);
    revision = start.json().revision;
    expect((await head.request('POST', `/api/reports/${reportId}/signoffs`, { json: { revision } })).json().message).toContain('重新计算');
    const re = await clerk.request('POST', `/api/reports/${reportId}/recompute`, { json: { revision } });
    expect(re.json().changed).toBe(true);
    revision = re.json().revision;
    revision = (
      await clerk.request('PUT', `/api/reports/${reportId}/narrative`, {
        json: { revision, narrative: { problems: '存在的问题：栏目更新不够及时。改进措施：建立更新台账。' } },
      })
    ).json().revision;
    // The acknowledgement of the unchanged warning still stands; the sign-offs of the old revision do not.
    for (const c of [head, deputy, principal])
      expect((await c.request('POST', `/api/reports/${reportId}/signoffs`, { json: { revision } })).statusCode).toBe(200);
    const pub = await clerk.request('POST', `/api/reports/${reportId}/publish`, { json: { revision } });
    expect(pub.json().version).toBe(2);
    const anon = new Client(t.app);
    const page = await anon.request('GET', '/a/zzxfj/reports/2021');
    expect(page.body).toContain('更正说明');
    expect(page.body).toContain('补录1件漏登的申请');
    expect((await anon.request('GET', '/a/zzxfj/reports/2021.json')).json().tables.requests.new.total).toBe(4);
    expect((await anon.request('GET', '/a/zzxfj/reports/2021.json?version=1')).json().tables.requests.new.total).toBe(3);
    expect(page.body).toContain('栏目更新不够及时');
    const v1 = await anon.request('GET', '/a/zzxfj/reports/2021?version=1');
    expect(v1.statusCode).toBe(200);
    expect(v1.body).toContain('公开内容不够丰富');
    expect(v1.body).toContain('该报告已更正');
    const r = await get(clerk);
    expect(r.versions.map((v: any) => v.version)).toEqual([1, 2]);
  });

  it('keeps other agencies out, shows a supervisor its subtree and who published on time', async () => {
    const czj = await signedIn(t.app, 'czj.clerk');
    expect((await czj.request('GET', `/api/reports/${reportId}`)).statusCode).toBe(404);
    expect((await czj.request('GET', '/api/reports')).json()).toEqual([]);
    expect((await czj.request('POST', `/api/reports/${reportId}/corrections`, { json: { revision, note: '别的机关来改' } })).statusCode).toBe(404);
    const gkb = await signedIn(t.app, 'gkb');
    const all = (await gkb.request('GET', '/api/reports')).json();
    expect(all.map((r: any) => r.agencyName)).toContain('枣庄市信访局');
    expect((await gkb.request('GET', `/api/reports/${reportId}`)).statusCode).toBe(200);
    expect((await gkb.request('POST', '/api/reports', { json: { year: 2021 } })).statusCode).toBe(403);
    const summary = (await gkb.request('GET', '/api/reports/summary?year=2020')).json();
    const xfj = summary.agencies.find((a: any) => a.agencyName === '枣庄市信访局');
    expect(xfj).toMatchObject({ publishedOn: '2021-01-22', onTime: true, late: false, deadline: '2021-01-31' });
    const czjRow = summary.agencies.find((a: any) => a.agencyName === '枣庄市财政局');
    expect(czjRow).toMatchObject({ publishedOn: null, onTime: false, late: true, statusLabel: '未编制' });
    expect(summary.totals.published).toBe(1);
    expect(summary.totals.onTime).toBe(1);
    const s2025 = (await gkb.request('GET', '/api/reports/summary?year=2025')).json();
    expect(s2025.agencies.find((a: any) => a.agencyName === '枣庄市信访局')).toMatchObject({ publishedOn: '2026-01-20', onTime: true });
    expect(s2025.agencies.find((a: any) => a.agencyName === '枣庄市人民政府')).toMatchObject({ deadline: '2026-03-31', late: true });
    expect((await clerk.request('GET', '/api/reports/summary?year=2020')).statusCode).toBe(403);
  });

  it('exposes the deadline countdown', async () => {
    const res = await clerk.request('GET', '/api/reports/deadline');
    expect(res.statusCode).toBe(200);
    const d = res.json();
    expect(d.deadline).toBe(`${d.reportYear + 1}-01-31`);
    expect(typeof d.daysLeft).toBe('number');
    expect(d.agencyName).toBe('枣庄市信访局');
  });

  it('counts down from 1 January to 31 January (31 March for a government)', async () => {
    const principalOf = async (username: string): Promise<Principal> => {
      const u = await t.ctx.db
        .selectFrom('users')
        .innerJoin('agencies', 'agencies.id', 'users.agency_id')
        .select(['users.id', 'users.display_name', 'users.role', 'users.agency_id', 'agencies.path'])
        .where('username', '=', username)
        .executeTakeFirstOrThrow();
      return {
        userId: u.id,
        username,
        displayName: u.display_name,
        role: u.role,
        agencyId: u.agency_id,
        agencyPath: u.path,
        mustChangePassword: false,
        sessionId: 'test',
      };
    };
    const p = await principalOf('xfj.clerk');
    expect(await deadlineFor(t.ctx.db, p, '2026-11-25')).toMatchObject({ reportYear: 2026, deadline: '2027-01-31', countingDown: false, daysLeft: 67 });
    expect(await deadlineFor(t.ctx.db, p, '2027-01-01')).toMatchObject({ reportYear: 2026, countingDown: true, daysLeft: 30, published: false });
    expect(await deadlineFor(t.ctx.db, p, '2027-01-31')).toMatchObject({ reportYear: 2026, daysLeft: 0 });
    expect(await deadlineFor(t.ctx.db, p, '2022-01-10')).toMatchObject({ reportYear: 2021, published: true, status: 'published', previousYearPublished: true });
    expect(await deadlineFor(t.ctx.db, p, '2027-02-01')).toMatchObject({ reportYear: 2027, countingDown: false });
    const gov = await deadlineFor(t.ctx.db, await principalOf('gkb'), '2027-02-15');
    expect(gov).toMatchObject({ reportYear: 2026, deadline: '2027-03-31', countingDown: true, daysLeft: 44 });
  });
});
