import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ENGINES } from '../helpers/db.js';
import { Client, createTestApp, signedIn, type TestApp } from '../helpers/app.js';
import { PERSON } from './helpers.js';
import { forgetCalendar } from '../../src/requests/calendar.service.js';

function form(fields: Record<string, string>) {
  return new URLSearchParams(fields).toString();
}
const csrfOf = (body: string) => /name="_csrf" value="([^"]+)"/.exec(body)![1];
const formTokenOf = (body: string) => /name="formToken" value="([^"]+)"/.exec(body)![1];

describe.each(ENGINES)('requests over HTTP on %s', (engine) => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp(engine);
  }, 60_000);
  afterAll(async () => t?.close());

  async function applyOnline(over: Record<string, string> = {}) {
    const c = new Client(t.app);
    const page = await c.request('GET', '/apply?agency=zzxfj');
    expect(page.statusCode).toBe(200);
    const fields = { _csrf: csrfOf(page.body), formToken: formTokenOf(page.body), agency: 'zzxfj', ...PERSON, ...over } as Record<string, string>;
    const res = await c.request('POST', '/apply', {
      payload: form(fields),
      headers: { 'content-type': 'application/x-www-form-urlencoded', accept: 'text/html' },
    });
    return { c, res, fields };
  }

  it('the application form shows errors next to fields, keeps the values, and gives a receipt once', async () => {
    const bad = await applyOnline({ idNumber: '110105194912310021', description: '' });
    expect(bad.res.statusCode).toBe(400);
    expect(bad.res.body).toContain('校验位不正确');
    expect(bad.res.body).toContain('id="idNumber-error"');
    expect(bad.res.body).toContain('aria-invalid="true"');
    expect(bad.res.body).toContain('value="李春梅"');
    const ok = await applyOnline();
    expect(ok.res.statusCode).toBe(201);
    const code = /id="tracking-code">([^<]+)</.exec(ok.res.body)![1];
    const secret = /id="tracking-secret">([^<]+)</.exec(ok.res.body)![1];
    // a double submit with the same form token shows the same receipt and makes no second case
    const again = await ok.c.request('POST', '/apply', { payload: form(ok.fields), headers: { 'content-type': 'application/x-www-form-urlencoded' } });
    expect(again.statusCode).toBe(200);
    expect(again.body).toContain(code);
    expect(again.body).toContain(secret);
    const n = await t.ctx.db
      .selectFrom('cases')
      .where('tracking_code', '=', code)
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .executeTakeFirstOrThrow();
    expect(Number(n.n)).toBe(1);

    // lookup: forged secret refused, right secret shows the state and trace
    const lk = new Client(t.app);
    const lpage = await lk.request('GET', '/lookup');
    const forged = await lk.request('POST', '/lookup', {
      payload: form({ _csrf: csrfOf(lpage.body), code, secret: 'WRONGSECRET' }),
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
    });
    expect(forged.statusCode).toBe(403);
    expect(forged.body).toContain('查询码或查询密码不正确');
    const shown = await lk.request('POST', '/lookup', {
      payload: form({ _csrf: csrfOf(lpage.body), code, secret }),
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
    });
    expect(shown.statusCode).toBe(200);
    expect(shown.body).toContain('待确认收到');
  });

  it('suggests published documents that may already answer the application (Art. 36(1))', async () => {
    const doc = await (t.ctx.db as any).selectFrom('search_docs').select(['title', 'agency_id']).where('agency_id', '=', t.demo.xfj.id).executeTakeFirst();
    if (!doc) return; // no published demo documents of this agency
    const { res } = await applyOnline({ description: `请公开${doc.title}` });
    expect(res.statusCode).toBe(201);
    expect(res.body).toContain('可能与您的申请有关');
    expect(res.body).toContain(doc.title);
  });

  it('refuses a disguised upload on the public form (multipart)', async () => {
    const c = new Client(t.app);
    const page = await c.request('GET', '/apply');
    const boundary = '----gk' + Date.now();
    const parts: Buffer[] = [];
    const fields = { _csrf: csrfOf(page.body), formToken: formTokenOf(page.body), agency: 'zzxfj', ...PERSON } as Record<string, string>;
    for (const [k, v] of Object.entries(fields)) parts.push(Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="${k}"\r\n\r\n${v}\r\n`));
    parts.push(
      Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="identityProof"; filename="id.pdf"\r\nContent-Type: application/pdf\r\n\r\n`),
      Buffer.from('MZ\x90\x00\x03 fake exe'),
      Buffer.from(`\r\n--${boundary}--\r\n`),
    );
    const res = await c.request('POST', '/apply', { payload: Buffer.concat(parts), headers: { 'content-type': `multipart/form-data; boundary=${boundary}` } });
    expect(res.statusCode).toBe(400);
    expect(res.body).toContain('不是有效的 PDF、JPEG 或 PNG 文件');
    expect(res.body).toContain('value="李春梅"');
  });

  it('staff API: scoping, workbench, actions with versions, 409 on stale, letters released and downloadable', async () => {
    const { res } = await applyOnline();
    const code = /id="tracking-code">([^<]+)</.exec(res.body)![1];
    const row = await t.ctx.db.selectFrom('cases').select(['id']).where('tracking_code', '=', code).executeTakeFirstOrThrow();
    const clerk = await signedIn(t.app, 'xfj.clerk');
    const czj = await signedIn(t.app, 'czj.clerk');
    expect((await czj.request('GET', `/api/cases/${row.id}`)).statusCode).toBe(404);
    const wb = await clerk.request('GET', '/api/cases/workbench');
    expect(wb.statusCode).toBe(200);
    expect(wb.json().awaitingReceipt.some((x: { id: string }) => x.id === row.id)).toBe(true);
    const list = await clerk.request('GET', '/api/cases?state=submitted&pageSize=100');
    expect(list.json().items.find((x: { id: string }) => x.id === row.id).applicant).toBe('李**');
    let r = await clerk.request('POST', `/api/cases/${row.id}/confirm`, { json: { version: 1 } });
    expect(r.statusCode).toBe(200);
    const stale = await clerk.request('POST', `/api/cases/${row.id}/accept`, { json: { version: 1 } });
    expect(stale.statusCode).toBe(409);
    expect(stale.json().message).toBe('该申请已被他人修改，请刷新后再操作。');
    const noOutcome = await clerk.request('POST', `/api/cases/${row.id}/close`, { json: { version: 2 } });
    expect(noOutcome.statusCode).toBe(400);
    expect(noOutcome.json().message).toMatch(/须选择一个办理结果/);
    const extra = await clerk.request('POST', `/api/cases/${row.id}/accept`, { json: { version: 2, hack: true } });
    expect(extra.statusCode).toBe(400);
    r = await clerk.request('POST', `/api/cases/${row.id}/close`, { json: { version: 2, outcome: 'disclosed' } });
    expect(r.statusCode).toBe(200);
    const draft = await clerk.request('POST', `/api/cases/${row.id}/letters`, {
      json: {
        kind: 'reply',
        fields: { reply: { provision: { form: 'electronic', delivery: 'email', detail: 'lcm@example.cn' }, items: ['2025年度信访事项办理情况统计表'] } },
      },
    });
    expect(draft.statusCode, draft.body).toBe(201);
    const letterId = draft.json().id;
    expect((await clerk.request('POST', `/api/letters/${letterId}/release`, { json: { version: 1 } })).statusCode).toBe(403);
    const head = await signedIn(t.app, 'xfj.head');
    forgetCalendar(t.ctx.db); // a cold calendar cache must not make the release wait on SQLite's single connection
    const rel = await head.request('POST', `/api/letters/${letterId}/release`, { json: { version: 1 } });
    expect(rel.statusCode, rel.body).toBe(200);
    expect(rel.json().docNumber).toMatch(/^枣信访依申复〔\d{4}〕\d+号$/);
    const docx = await clerk.request('GET', `/api/letters/${letterId}/docx`);
    expect(docx.statusCode).toBe(200);
    expect(docx.rawPayload.subarray(0, 2).toString()).toBe('PK');
    const detail = await clerk.request('GET', `/api/cases/${row.id}`);
    expect(detail.json().timeline.at(-1).type).toBe('letter_released');
  });

  it('staff register an in-person application and upload its scan; disguised and oversized files are refused', async () => {
    const clerk = await signedIn(t.app, 'xfj.clerk');
    const bad = await clerk.request('POST', '/api/cases', { json: { channel: 'in_person', application: { ...PERSON, idNumber: '110105194912310021' } } });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().details.fields.idNumber).toMatch(/校验位/);
    const missing = await clerk.request('POST', '/api/cases', { json: { channel: 'in_person', application: { ...PERSON, description: undefined } } });
    expect(missing.statusCode).toBe(400);
    const created = await clerk.request('POST', '/api/cases', { json: { channel: 'in_person', idempotencyKey: 'counter-0001', application: PERSON } });
    expect(created.statusCode, created.body).toBe(201);
    const again = await clerk.request('POST', '/api/cases', { json: { channel: 'in_person', idempotencyKey: 'counter-0001', application: PERSON } });
    expect(again.statusCode).toBe(200);
    expect(again.json().id).toBe(created.json().id);
    const id = created.json().id;
    const upload = (bytes: Buffer, name: string) => {
      const boundary = '----gkscan' + Math.random().toString(36).slice(2);
      const payload = Buffer.concat([
        Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="kind"\r\n\r\nscan\r\n`),
        Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="${name}"\r\nContent-Type: application/pdf\r\n\r\n`),
        bytes,
        Buffer.from(`\r\n--${boundary}--\r\n`),
      ]);
      return clerk.request('POST', `/api/cases/${id}/files`, { payload, headers: { 'content-type': `multipart/form-data; boundary=${boundary}` } });
    };
    const html = await upload(Buffer.from('<!DOCTYPE html><html><body>not a pdf</body></html>'), 'scan.pdf');
    expect(html.statusCode).toBe(400);
    expect(html.json().message).toMatch(/PDF、JPEG 或 PNG/);
    const big = await upload(Buffer.concat([Buffer.from('%PDF-1.7\n'), Buffer.alloc(10 * 1024 * 1024 + 10)]), 'big.pdf');
    expect(big.statusCode).toBe(413);
    const png = Buffer.from('89504e470d0a1a0a0000000d49484452', 'hex');
    expect((await upload(png, 'scan.pdf')).statusCode).toBe(201);
    const detail = (await clerk.request('GET', `/api/cases/${id}`)).json();
    expect(detail.files).toHaveLength(1);
    expect(detail.files[0]).toMatchObject({ kind: 'scan', mediaType: 'image/png', filename: 'scan.png' });
    const file = await clerk.request('GET', `/api/cases/${id}/files/${detail.files[0].id}`);
    expect(file.rawPayload.equals(png)).toBe(true);
    const czj = await signedIn(t.app, 'czj.clerk');
    expect((await czj.request('GET', `/api/cases/${id}/files/${detail.files[0].id}`)).statusCode).toBe(404);
  });

  it('appeals: create, correct the result with a version, scoped to the agency, refused for bad input', async () => {
    const clerk = await signedIn(t.app, 'xfj.clerk');
    const czj = await signedIn(t.app, 'czj.clerk');
    const closed = (await clerk.request('GET', '/api/cases?state=closed&pageSize=5')).json().items[0];
    const bad = await clerk.request('POST', `/api/cases/${closed.id}/appeals`, { json: { kind: 'reconsideration', filedDate: '2026-02-30' } });
    expect(bad.statusCode).toBe(400);
    const decidedMissing = await clerk.request('POST', `/api/cases/${closed.id}/appeals`, {
      json: { kind: 'reconsideration', filedDate: '2026-03-01', result: 'upheld' },
    });
    expect(decidedMissing.statusCode).toBe(400);
    expect(decidedMissing.json().message).toMatch(/审结日期/);
    expect((await czj.request('POST', `/api/cases/${closed.id}/appeals`, { json: { kind: 'reconsideration', filedDate: '2026-03-01' } })).statusCode).toBe(404);
    const created = await clerk.request('POST', `/api/cases/${closed.id}/appeals`, {
      json: { kind: 'litigation_after_reconsideration', filedDate: '2026-03-01', body: '枣庄市市中区人民法院' },
    });
    expect(created.statusCode, created.body).toBe(201);
    const a = created.json();
    expect(a).toMatchObject({ result: 'pending', version: 1 });
    const upd = await clerk.request('PATCH', `/api/appeals/${a.id}`, { json: { version: 1, result: 'corrected', decidedDate: '2026-05-20' } });
    expect(upd.statusCode, upd.body).toBe(200);
    expect((await clerk.request('PATCH', `/api/appeals/${a.id}`, { json: { version: 1, result: 'other', decidedDate: '2026-05-20' } })).statusCode).toBe(409);
    expect((await czj.request('GET', `/api/appeals?caseId=${closed.id}`)).json()).toEqual([]);
    const mine = (await clerk.request('GET', `/api/appeals?caseId=${closed.id}`)).json();
    expect(mine.find((x: { id: string }) => x.id === a.id).result).toBe('corrected');
    expect((await clerk.request('DELETE', `/api/appeals/${a.id}?version=2`)).statusCode).toBe(204);
  });

  it('appeals under the 2023 行政复议法: no direct lawsuit after a refusal; the answer deadline of Art. 48 / Art. 54', async () => {
    const czj = await signedIn(t.app, 'czj.clerk');
    // The demo 2025 withheld_third_party case of 财政局 (refused in 2025-10): it went to 复议 first.
    const list = (await czj.request('GET', '/api/cases?state=closed&pageSize=50')).json().items as { id: string; outcome: string }[];
    const refused = list.find((c) => c.outcome === 'withheld_third_party')!;
    expect(refused).toBeDefined();
    const demo = (await czj.request('GET', `/api/appeals?caseId=${refused.id}`)).json() as { kind: string; answerDue: string | null; simplified: boolean }[];
    expect(demo.map((a) => a.kind).sort()).toEqual(['litigation_after_reconsideration', 'reconsideration']);
    // Simplified procedure: answer notice received 2025-11-24 (Mon) → 5 working days → 2025-12-01 (Mon).
    expect(demo.find((a) => a.kind === 'reconsideration')).toMatchObject({ simplified: true, answerDue: '2025-12-01' });
    const direct = await czj.request('POST', `/api/cases/${refused.id}/appeals`, {
      json: { kind: 'litigation_direct', filedDate: '2026-03-01', body: '枣庄市市中区人民法院' },
    });
    expect(direct.statusCode).toBe(400);
    expect(direct.json().message).toMatch(/应当先申请行政复议.*第二十三条第一款第（四）项|第二十三条第一款第（四）项.*应当先申请行政复议/);
    const r = await czj.request('POST', `/api/cases/${refused.id}/appeals`, {
      json: { kind: 'reconsideration', filedDate: '2026-03-02', answerNoticeDate: '2026-03-05' },
    });
    expect(r.statusCode, r.body).toBe(201);
    // Ordinary procedure: 10 working days after Thu 2026-03-05 → 2026-03-19 (Thu).
    expect(r.json()).toMatchObject({ answerDue: '2026-03-19', simplified: false, answeredDate: null });
    const early = await czj.request('PATCH', `/api/appeals/${r.json().id}`, { json: { version: 1, answeredDate: '2026-03-04' } });
    expect(early.statusCode).toBe(400);
    expect((await czj.request('PATCH', `/api/appeals/${r.json().id}`, { json: { version: 1, answeredDate: '2026-03-12' } })).statusCode).toBe(200);
    expect((await czj.request('DELETE', `/api/appeals/${r.json().id}?version=2`)).statusCode).toBe(204);
  });

  it('documents the API in OpenAPI', async () => {
    const res = await new Client(t.app).request('GET', '/api/docs/json');
    expect(res.statusCode).toBe(200);
    const paths = Object.keys(res.json().paths);
    expect(paths).toEqual(expect.arrayContaining(['/api/cases/workbench', '/api/cases/{id}/close', '/api/letters/{id}/release', '/api/calendar/years']));
  });

  it('calendar: only the admin publishes; publishing is audited', async () => {
    const clerk = await signedIn(t.app, 'xfj.clerk');
    const schedule = { year: 2027, source: '测试：2027年部分节假日安排', holidays: ['2027-01-01'], workdays: [] };
    expect((await clerk.request('POST', '/api/calendar/years', { json: schedule })).statusCode).toBe(403);
    const years = await clerk.request('GET', '/api/calendar/years');
    expect(years.json().map((y: { year: number }) => y.year)).toContain(2026);
  });

  it("rate-limits guessing on the lookup page (runs last: it exhausts this app's lookup budget)", async () => {
    const c = new Client(t.app);
    const page = await c.request('GET', '/lookup');
    const statuses: number[] = [];
    for (let i = 0; i < 12; i++) {
      const r = await c.request('POST', '/lookup', {
        payload: form({ _csrf: csrfOf(page.body), code: '2026-AAAA-AAAA', secret: `GUESS${i}AAAA` }),
        headers: { 'content-type': 'application/x-www-form-urlencoded' },
      });
      statuses.push(r.statusCode);
    }
    expect(statuses).toContain(403);
    expect(statuses.at(-1)).toBe(429);
  });
});
