import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ENGINES } from '../helpers/db.js';
import { createTestApp, signedIn, type TestApp } from '../helpers/app.js';
import { bodyText, decodeSubject, startSmtp } from '../helpers/smtp.js';
import * as svc from '../../src/requests/cases.service.js';
import { loadCalendar } from '../../src/requests/calendar.service.js';
import { fixedClock } from '../../src/platform/clock.js';
import { createContext, type AppContext } from '../../src/platform/context.js';
import type { Principal } from '../../src/platform/auth/permissions.js';
import { updateMyContacts, myContacts } from '../../src/platform/auth/staff-contacts.js';
import { todayInChina } from '../../src/platform/time.js';
import { remindStaff } from '../../src/inbox/staff-notify.job.js';
import { issueOrder } from '../../src/supervision/supervision.service.js';
import { PERSON, principalOf } from '../requests/helpers.js';

/**
 * Staff notifications (issue 11; 督办 of issue 12): contacts in 个人设置 (sealed, validated, editable by the user
 * and the administrator), the morning reminder job with the per-user "到期前 N 个工作日" window, its idempotency
 * (a second run sends nothing), 督办 notified in the transaction that issues it, the annual report's countdown —
 * delivered to a real SMTP server on loopback.
 */
describe.each(ENGINES)('staff notifications on %s', (engine) => {
  let t: TestApp;
  let clerk: Principal, head: Principal, gkb: Principal;
  beforeAll(async () => {
    t = await createTestApp(engine);
    [clerk, head, gkb] = await Promise.all(['xfj.clerk', 'xfj.head', 'gkb'].map((u) => principalOf(t.ctx.db, u)));
  }, 60_000);
  afterAll(async () => t?.close());

  const contextWith = (smtpPort: number, at: string) =>
    createContext(
      t.ctx.db,
      { ...t.ctx.config, smtp: { url: `smtp://127.0.0.1:${smtpPort}`, from: '政务公开管理平台 <gongkai@example.cn>' } },
      { clock: fixedClock(at), cipher: t.ctx.cipher, log: () => {} },
    );
  const rowsOf = (template: string) =>
    t.ctx.db.selectFrom('outbox').select(['id', 'channel', 'idempotency_key', 'next_attempt_at', 'status']).where('template', '=', template).execute();
  const version = async (p: Principal) => (await myContacts(t.ctx, p)).version;

  it('contacts: validated with Chinese errors, sealed at rest, edited by the user and by the administrator only', async () => {
    const c = await signedIn(t.app, 'xfj.clerk2');
    const mine = await c.request('GET', '/api/account/contacts');
    expect(mine.statusCode).toBe(200);
    expect(mine.json()).toMatchObject({ email: null, mobile: null, channel: 'email', remindDays: 3 });
    const v = mine.json().version as number;
    const bad = async (json: Record<string, unknown>, text: string) => {
      const r = await c.request('PUT', '/api/account/contacts', { json: { version: v, ...json } });
      expect(r.statusCode, r.body).toBe(400);
      expect(r.body).toContain(text);
    };
    await bad({ email: 'not-an-address' }, '电子邮件地址格式不正确');
    await bad({ mobile: '12345' }, '手机号码须为 11 位');
    await bad({ channel: 'sms' }, '请先填写手机号码');
    expect((await c.request('PUT', '/api/account/contacts', { json: { version: v, remindDays: 0 } })).statusCode).toBe(400);
    const ok = await c.request('PUT', '/api/account/contacts', {
      json: { version: v, email: 'liming@xfj.example.cn', mobile: '139 0000 0002', channel: 'sms', remindDays: 5 },
    });
    expect(ok.statusCode, ok.body).toBe(200);
    expect(ok.json()).toMatchObject({ email: 'liming@xfj.example.cn', mobile: '13900000002', channel: 'sms', remindDays: 5, version: v + 1 });
    expect((await c.request('PUT', '/api/account/contacts', { json: { version: v, remindDays: 4 } })).statusCode).toBe(409);
    const stored = await t.ctx.db.selectFrom('users').select(['email_enc', 'mobile_enc']).where('username', '=', 'xfj.clerk2').executeTakeFirstOrThrow();
    expect(stored.email_enc).not.toContain('liming');
    expect(stored.mobile_enc).not.toContain('13900000002');

    const target = (await t.ctx.db.selectFrom('users').select('id').where('username', '=', 'xfj.clerk2').executeTakeFirstOrThrow()).id;
    expect((await c.request('PUT', `/api/users/${target}/contacts`, { json: { version: v + 1, channel: 'none' } })).statusCode).toBe(403);
    // The helper keeps the administrator's first-sign-in password change; lift it here to use the console's API.
    await t.ctx.db.updateTable('users').set({ must_change_password: 0 }).where('username', '=', 'admin').execute();
    const admin = await signedIn(t.app, 'admin');
    const byAdmin = await admin.request('PUT', `/api/users/${target}/contacts`, { json: { version: v + 1, channel: 'none' } });
    expect(byAdmin.statusCode, byAdmin.body).toBe(200);
    expect((await admin.request('GET', `/api/users/${target}/contacts`)).json()).toMatchObject({ channel: 'none', mobile: '13900000002' });
    const audit = await t.ctx.db
      .selectFrom('audit_log')
      .select(['action'])
      .where('entity_id', '=', target)
      .where('action', '=', 'user.contacts_updated')
      .execute();
    expect(audit).toHaveLength(2);
  });

  it("the morning reminder follows each clerk's N working days, links the console, names no applicant, and a second run sends nothing", async () => {
    const smtp = await startSmtp();
    try {
      const ctx = contextWith(smtp.port, new Date().toISOString());
      await updateMyContacts(ctx, clerk, { version: await version(clerk), email: 'wxy@xfj.example.cn', channel: 'email', remindDays: 3 });
      // The head wants 5 days too, but a case's deadline reminds its 经办人, not every head of the agency.
      await updateMyContacts(ctx, head, { version: await version(head), email: 'zjg@xfj.example.cn', channel: 'email', remindDays: 5 });
      const c = await svc.submitOnline(ctx, {
        agencyId: t.demo.xfj.id,
        application: PERSON,
        formToken: `staff-ntf-${Math.random().toString(36).slice(2)}-xxxxxxxx`,
      });
      const r = await svc.confirmReceipt(ctx, clerk, c.id, { version: c.version });
      await svc.acceptCase(ctx, clerk, c.id, { version: r.version });
      // The case falls due in 5 working days by the real calendar: outside a 3-day window, inside a 5-day one.
      const due = (await loadCalendar(t.ctx.db)).addWorkingDays(todayInChina(), 5);
      await t.ctx.db.updateTable('cases').set({ due_date: due }).where('id', '=', c.id).execute();
      const dueKey = (k: string) => k.startsWith(`staff:${clerk.userId}:due_soon:${c.id}:`);

      await remindStaff(ctx);
      expect((await rowsOf('staff.due_soon')).filter((m) => dueKey(m.idempotency_key))).toHaveLength(0);
      await updateMyContacts(ctx, clerk, { version: await version(clerk), remindDays: 5 });
      const first = await remindStaff(ctx);
      expect(first.enqueued).toBeGreaterThan(0);
      expect((await rowsOf('staff.due_soon')).filter((m) => dueKey(m.idempotency_key))).toHaveLength(1);
      expect((await rowsOf('staff.due_soon')).filter((m) => m.idempotency_key.startsWith(`staff:${head.userId}:due_soon:${c.id}:`))).toHaveLength(0);
      const again = await remindStaff(ctx);
      expect(again.enqueued).toBe(0);
      // The registered job (what the ticker runs at 08:30) is the same run: nothing new either.
      const viaJob = await t.ctx.jobs.run('inbox.remind-staff');
      expect(viaJob.status, JSON.stringify(viaJob)).toBe('ok');
      expect(viaJob.changed ?? 0).toBe(0);

      await ctx.outbox.deliver();
      const mine = smtp.received.filter((m) => m.to === 'wxy@xfj.example.cn' && decodeSubject(m.subject).includes(c.trackingCode));
      expect(mine).toHaveLength(1);
      expect(decodeSubject(mine[0]!.subject)).toBe(`【待我处理】申请即将到期：${c.trackingCode}`);
      const text = bodyText(mine[0]!.body);
      expect(text).toContain(`答复期限为 ${due}，已不足 5 个工作日`);
      expect(text).toContain(`/admin/#/cases/${c.id}`);
      for (const secret of [PERSON.name, PERSON.phone, PERSON.idNumber, PERSON.email, PERSON.description]) expect(text).not.toContain(secret);
      const before = smtp.received.length;
      await remindStaff(ctx);
      await ctx.outbox.deliver();
      expect(smtp.received.length).toBe(before);
    } finally {
      await smtp.close();
    }
  }, 120_000);

  it('a draft letter and an extension request reach the head, a returned letter its drafter, in the transaction of the change', async () => {
    await updateMyContacts(t.ctx, clerk, { version: await version(clerk), email: 'wxy@xfj.example.cn', channel: 'email' });
    await updateMyContacts(t.ctx, head, { version: await version(head), email: 'zjg@xfj.example.cn', channel: 'email' });
    const c = await svc.submitOnline(t.ctx, {
      agencyId: t.demo.xfj.id,
      application: PERSON,
      formToken: `staff-ltr-${Math.random().toString(36).slice(2)}-xxxxxxxx`,
    });
    const r = await svc.confirmReceipt(t.ctx, clerk, c.id, { version: c.version });
    const a = await svc.acceptCase(t.ctx, clerk, c.id, { version: r.version });
    const clerkC = await signedIn(t.app, 'xfj.clerk');
    const headC = await signedIn(t.app, 'xfj.head');
    expect((await clerkC.request('POST', `/api/cases/${c.id}/close`, { json: { version: a.version, outcome: 'disclosed' } })).statusCode).toBe(200);
    const draft = await clerkC.request('POST', `/api/cases/${c.id}/letters`, {
      json: {
        kind: 'reply',
        fields: { reply: { provision: { form: 'electronic', delivery: 'email', detail: 'lcm@example.cn' }, items: ['2025年度信访事项办理情况统计表'] } },
      },
    });
    expect(draft.statusCode, draft.body).toBe(201);
    const letterId = draft.json().id as string;
    const toSign = (await rowsOf('staff.letter_to_sign')).filter((m) => m.idempotency_key.includes(`:letter_to_sign:${letterId}:`));
    expect(toSign.map((m) => m.idempotency_key.split(':')[1])).toEqual([head.userId]);
    expect((await headC.request('POST', `/api/letters/${letterId}/return`, { json: { version: 1, comment: '请补充获取方式' } })).statusCode).toBe(200);
    const back = (await rowsOf('staff.letter_returned')).filter((m) => m.idempotency_key.includes(`:letter_returned:${letterId}:`));
    expect(back.map((m) => m.idempotency_key.split(':')[1])).toEqual([clerk.userId]);

    // An extension request on another case: the head hears of it with the request, keyed by its notice.
    const e = await svc.submitOnline(t.ctx, {
      agencyId: t.demo.xfj.id,
      application: PERSON,
      formToken: `staff-ext-${Math.random().toString(36).slice(2)}-xxxxxxxx`,
    });
    const er = await svc.confirmReceipt(t.ctx, clerk, e.id, { version: e.version });
    const ea = await svc.acceptCase(t.ctx, clerk, e.id, { version: er.version });
    await svc.requestExtension(t.ctx, clerk, e.id, { version: ea.version, reason: '需汇总多个科室的数据，难以按期答复。' });
    const notice = await t.ctx.db
      .selectFrom('case_letters')
      .select('id')
      .where('case_id', '=', e.id)
      .where('kind', '=', 'extension_notice')
      .executeTakeFirstOrThrow();
    const ext = (await rowsOf('staff.extension_to_approve')).filter((m) => m.idempotency_key.includes(`:extension_to_approve:${notice.id}:`));
    expect(ext.map((m) => m.idempotency_key.split(':')[1])).toEqual([head.userId]);
    await remindStaff(t.ctx);
    expect((await rowsOf('staff.extension_to_approve')).filter((m) => m.idempotency_key.includes(`:extension_to_approve:${notice.id}:`))).toHaveLength(1);
  });

  it("a 督办 reaches the agency's answering staff in the transaction that issues it, once, and SMS wait for the morning", async () => {
    const smtp = await startSmtp();
    try {
      // 23:30 Beijing: the e-mail goes now, the SMS at 08:00.
      const ctx = contextWith(smtp.port, `${todayInChina()}T15:30:00Z`);
      await updateMyContacts(ctx, head, { version: await version(head), email: 'zjg@xfj.example.cn', channel: 'email' });
      await updateMyContacts(ctx, clerk, { version: await version(clerk), mobile: '13700000003', channel: 'sms' });
      const order = await issueOrder(ctx, gkb, {
        agencyId: t.demo.xfj.id,
        subjectKind: 'agency',
        subjectLabel: '网站栏目更新不及时',
        what: '请于期限内更新机构职能栏目并报告',
        dueDate: '2099-12-31',
      });
      const rows = (await rowsOf('staff.order_to_answer')).filter((m) => m.idempotency_key.includes(`:order_to_answer:${order.id}:`));
      expect(rows.map((m) => m.channel).sort()).toEqual(['email', 'sms']);
      const sms = rows.find((m) => m.channel === 'sms')!;
      expect(new Date(sms.next_attempt_at).getTime()).toBeGreaterThan(ctx.clock.now().getTime());
      await remindStaff(ctx);
      expect((await rowsOf('staff.order_to_answer')).filter((m) => m.idempotency_key.includes(`:order_to_answer:${order.id}:`))).toHaveLength(2);
      await ctx.outbox.deliver();
      const got = smtp.received.filter((m) => m.to === 'zjg@xfj.example.cn' && decodeSubject(m.subject).includes('收到督办事项'));
      expect(got).toHaveLength(1);
      expect(bodyText(got[0]!.body)).toContain('督办「网站栏目更新不及时」，办理期限 2099-12-31');
      expect(bodyText(got[0]!.body)).toContain('/admin/#/inbox');
    } finally {
      await smtp.close();
      await updateMyContacts(t.ctx, clerk, { version: await version(clerk), channel: 'email' });
    }
  }, 120_000);

  it('the annual report countdown: from 1 January until the report is published, to the staff who compile it', async () => {
    const smtp = await startSmtp();
    try {
      const dec = contextWith(smtp.port, '2026-12-20T01:00:00Z');
      await remindStaff(dec);
      expect((await rowsOf('staff.report_due')).filter((m) => m.idempotency_key.endsWith(':2026-12-20'))).toHaveLength(0);
      const jan = contextWith(smtp.port, '2027-01-20T01:00:00Z');
      await remindStaff(jan);
      const due = (await rowsOf('staff.report_due')).filter((m) => m.idempotency_key.endsWith(':2027-01-20'));
      expect(due.some((m) => m.idempotency_key.startsWith(`staff:${head.userId}:report_due:`))).toBe(true);
      await jan.outbox.deliver();
      const got = smtp.received.filter((m) => m.to === 'zjg@xfj.example.cn' && decodeSubject(m.subject).includes('年度报告待公布'));
      expect(got).toHaveLength(1);
      expect(bodyText(got[0]!.body)).toContain('《2026年政府信息公开工作年度报告》应于 2027-01-31 前向社会公布（条例第四十九条）');
    } finally {
      await smtp.close();
    }
  }, 120_000);
});
