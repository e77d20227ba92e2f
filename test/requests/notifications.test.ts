import { describe, expect, it } from 'vitest';
import { decodeSubject, startSmtp } from '../helpers/smtp.js';
import { ENGINES } from '../helpers/db.js';
import { signedIn, type TestApp } from '../helpers/app.js';
import { withStaffApp } from '../helpers/service.js';
import * as svc from '../../src/requests/cases.service.js';
import { fixedClock } from '../../src/platform/clock.js';
import { createContext, type AppContext } from '../../src/platform/context.js';
import type { Principal } from '../../src/platform/auth/permissions.js';
import { PERSON } from './helpers.js';

/**
 * Notifications to the applicant through the outbox, delivered to a real SMTP server (the smtp-server
 * package) listening on loopback; SMS through the log driver with the quiet hours.
 */

describe.each(ENGINES)('applicant notifications on %s', (engine) => {
  let t: TestApp;
  let clerk: Principal, head: Principal;
  withStaffApp(engine, ['xfj.clerk', 'xfj.head'], (app, staff) => ([t, [clerk, head]] = [app, staff]));

  const contextWith = (smtpPort: number | null, at: string, lines: string[] = []) => {
    const clock = fixedClock(at);
    const ctx: AppContext = createContext(
      t.ctx.db,
      { ...t.ctx.config, ...(smtpPort ? { smtp: { url: `smtp://127.0.0.1:${smtpPort}`, from: '枣庄市信访局 <gongkai@example.cn>' } } : {}) },
      { clock, cipher: t.ctx.cipher, log: (l) => lines.push(l) },
    );
    return { ctx, clock, lines };
  };
  const submit = (ctx: AppContext, over: Record<string, unknown> = {}) =>
    svc.submitOnline(ctx, {
      agencyId: t.demo.xfj.id,
      application: { ...PERSON, ...over },
      formToken: `ntf-${Math.random().toString(36).slice(2)}-xxxxxxxxxxxx`,
    });
  const pending = async () => t.ctx.db.selectFrom('outbox').select(['id', 'channel', 'status']).where('status', '=', 'pending').execute();
  const clearOutbox = async () => {
    await t.ctx.db.deleteFrom('outbox_attempts').execute();
    await t.ctx.db.deleteFrom('outbox').execute();
  };

  it("delivers the applicant's e-mails (received, extended) to a real SMTP server, once each, without personal data", async () => {
    await clearOutbox();
    const smtp = await startSmtp();
    try {
      const { ctx } = contextWith(smtp.port, '2026-12-01T02:00:00Z');
      const email = `applicant-${Math.random().toString(36).slice(2, 8)}@example.cn`;
      const c = await submit(ctx, { email });
      const r = await svc.confirmReceipt(ctx, clerk, c.id, { version: c.version });
      const a = await svc.acceptCase(ctx, clerk, c.id, { version: r.version });
      await svc.extendCase(ctx, head, c.id, { version: a.version, reason: '需调取档案' });
      const res = await ctx.outbox.deliver();
      expect(res.failed).toBe(0);
      const mine = smtp.received.filter((m) => m.to === email);
      expect(mine).toHaveLength(2);
      const subjects = mine.map((m) => decodeSubject(m.subject));
      expect(subjects.some((s) => s.includes('已收到') && s.includes(c.trackingCode))).toBe(true);
      expect(subjects.some((s) => s.includes('延期答复') && s.includes(c.trackingCode))).toBe(true);
      for (const m of mine) {
        expect(m.body).not.toContain(PERSON.idNumber);
        expect(decodeSubject(m.subject)).not.toContain(PERSON.name);
      }
      // Running the job again sends nothing more; the delivery log has one successful attempt per message.
      await ctx.outbox.deliver();
      expect(smtp.received.filter((m) => m.to === email)).toHaveLength(2);
      const log = await ctx.outbox.deliveryLog({ channel: 'email' });
      for (const l of log.filter((x) => x.recipient === email)) expect(l.log.filter((x) => x.ok)).toHaveLength(1);
      // The console's delivery log: the agency's head sees both in full; a clerk may not; another agency sees none.
      const headC = await signedIn(t.app, 'xfj.head');
      const page = await headC.request('GET', '/api/notifications/log?channel=email');
      expect(page.statusCode, page.body).toBe(200);
      const entries = (page.json() as { recipient: string; status: string; log: unknown[] }[]).filter((e) => e.recipient === email);
      expect(entries.map((e) => e.status)).toEqual(['sent', 'sent']);
      expect((await (await signedIn(t.app, 'xfj.clerk')).request('GET', '/api/notifications/log')).statusCode).toBe(403);
      const other = (await (await signedIn(t.app, 'czj.head')).request('GET', '/api/notifications/log')).json() as { recipient: string }[];
      expect(other.filter((e) => e.recipient === email || e.recipient.endsWith('@example.cn'))).toHaveLength(0);
      const sup = (await (await signedIn(t.app, 'gkb')).request('GET', '/api/notifications/log?channel=email')).json() as { recipient: string }[];
      expect(sup.some((e) => e.recipient === email)).toBe(false);
      expect(sup.some((e) => e.recipient.startsWith(email.slice(0, 1)) && e.recipient.includes('***@example.cn'))).toBe(true);
    } finally {
      await smtp.close();
    }
  });

  it('the server killed during delivery, then restarted: every message arrives exactly once', async () => {
    await clearOutbox();
    // The third message is cut off mid-transfer (the server dies before answering), the rest find no server.
    let smtp = await startSmtp(0, { onMessage: (n) => (n === 3 ? 'kill' : 'accept') });
    const port = smtp.port;
    const first = smtp.received;
    const { ctx, clock } = contextWith(port, '2026-12-01T02:00:00Z');
    const codes: string[] = [];
    for (let i = 0; i < 5; i++) {
      const c = await submit(ctx, { email: `batch${i}@example.cn`, phone: '0632-1234567' });
      await svc.confirmReceipt(ctx, clerk, c.id, { version: c.version });
      codes.push(c.trackingCode);
    }
    const r1 = await ctx.outbox.deliver();
    expect(r1.sent).toBe(2);
    expect(r1.failed).toBe(3);
    expect(first).toHaveLength(2);
    smtp = await startSmtp(port);
    try {
      clock.advance(61_000);
      const r2 = await ctx.outbox.deliver();
      expect(r2.sent).toBe(3);
      const all = [...first, ...smtp.received];
      expect(all).toHaveLength(5);
      expect(new Set(all.map((m) => m.messageId)).size).toBe(5);
      expect(new Set(all.map((m) => m.to))).toEqual(new Set([0, 1, 2, 3, 4].map((i) => `batch${i}@example.cn`)));
      for (const code of codes) expect(all.filter((m) => decodeSubject(m.subject).includes(code))).toHaveLength(1);
      expect(await pending()).toHaveLength(0);
      clock.advance(3600_000);
      expect((await ctx.outbox.deliver()).sent).toBe(0);
      expect(smtp.received).toHaveLength(3);
    } finally {
      await smtp.close();
    }
  });

  it('an SMS due at 23:00 Beijing time waits until 08:00; the e-mail goes at once', async () => {
    await clearOutbox();
    const smtp = await startSmtp();
    try {
      const lines: string[] = [];
      const { ctx, clock } = contextWith(smtp.port, '2026-12-01T15:00:00Z', lines); // 23:00 in Beijing
      const c = await submit(ctx, { phone: '13800000001', email: 'night@example.cn' });
      await svc.confirmReceipt(ctx, clerk, c.id, { version: c.version });
      const r1 = await ctx.outbox.deliver();
      expect(r1.sent).toBe(1); // the e-mail
      expect(smtp.received.map((m) => m.to)).toEqual(['night@example.cn']);
      expect(lines.filter((l) => l.startsWith('[sms]'))).toHaveLength(0);
      const waiting = (await ctx.outbox.deliveryLog({ channel: 'sms' }))[0]!;
      expect(waiting).toMatchObject({ status: 'pending', attempts: 0, nextAttemptAt: '2026-12-02T00:00:00.000Z' });
      clock.set('2026-12-01T23:59:00Z'); // 07:59
      expect((await ctx.outbox.deliver()).sent).toBe(0);
      clock.set('2026-12-02T00:00:00Z'); // 08:00
      expect((await ctx.outbox.deliver()).sent).toBe(1);
      const sms = lines.filter((l) => l.startsWith('[sms]'));
      expect(sms).toHaveLength(1);
      expect(sms[0]).toContain('+8613800000001');
      expect(sms[0]).toContain(c.trackingCode);
      expect(sms[0]).not.toContain(PERSON.name);
    } finally {
      await smtp.close();
    }
  });

  it('an SMS whose retry falls in the quiet hours is held by the driver without using an attempt', async () => {
    await clearOutbox();
    const lines: string[] = [];
    const { ctx, clock } = contextWith(null, '2026-12-01T13:30:00Z', lines); // 21:30
    const { id } = await ctx.db
      .transaction()
      .execute((tx) =>
        ctx.outbox.enqueue(tx, { channel: 'sms', recipient: '13800000002', template: 'case.received', params: { text: '测试' }, idempotencyKey: 'hold:1' }),
      );
    const r = await ctx.outbox.deliver();
    expect(r.held).toBe(1);
    const row = (await ctx.outbox.deliveryLog({ messageId: id }))[0]!;
    expect(row).toMatchObject({ status: 'pending', attempts: 0, nextAttemptAt: '2026-12-02T00:00:00.000Z' });
    expect(row.lastError).toMatch(/免打扰/);
    clock.set('2026-12-02T00:00:30Z');
    expect((await ctx.outbox.deliver()).sent).toBe(1);
    expect(lines.filter((l) => l.startsWith('[sms]'))).toHaveLength(1);
  });
});
