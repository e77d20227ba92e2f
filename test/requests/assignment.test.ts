import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ENGINES } from '../helpers/db.js';
import { createTestApp, signedIn, type TestApp } from '../helpers/app.js';
import * as svc from '../../src/requests/cases.service.js';
import type { Principal } from '../../src/platform/auth/permissions.js';
import { rejects } from '../helpers/rejects.js';
import { PERSON, principalOf } from './helpers.js';

describe.each(ENGINES)('assignment on %s', (engine) => {
  let t: TestApp;
  let clerk: Principal, clerk2: Principal, head: Principal;
  beforeAll(async () => {
    t = await createTestApp(engine);
    [clerk, clerk2, head] = await Promise.all(['xfj.clerk', 'xfj.clerk2', 'xfj.head'].map((u) => principalOf(t.ctx.db, u)));
  }, 60_000);
  afterAll(async () => t?.close());

  const received = async () => {
    const c = await svc.submitOnline(t.ctx, {
      agencyId: t.demo.xfj.id,
      application: PERSON,
      formToken: `asg-${Math.random().toString(36).slice(2)}-xxxxxxxxxxxx`,
    });
    const r = await svc.confirmReceipt(t.ctx, clerk, c.id, { version: c.version });
    return { id: c.id, version: r.version };
  };

  it('the clerk who accepts an unassigned case becomes its 经办人, and it is listed under 我办理的', async () => {
    const c = await received();
    await svc.acceptCase(t.ctx, clerk2, c.id, { version: c.version });
    const d = await svc.getCaseDetail(t.ctx, clerk2, c.id);
    expect(d.assigneeId).toBe(clerk2.userId);
    expect(d.timeline.map((e) => e.type).slice(-2)).toEqual(['accepted', 'assigned']);
    const mine = await svc.listCasesFor(t.ctx, clerk2, { assigneeId: clerk2.userId, pageSize: 100 });
    expect(mine.items.map((i) => i.id)).toContain(c.id);
    const others = await svc.listCasesFor(t.ctx, clerk, { assigneeId: clerk.userId, pageSize: 100 });
    expect(others.items.map((i) => i.id)).not.toContain(c.id);
  });

  it('accepting a case already assigned keeps its 经办人', async () => {
    const c = await received();
    const a = await svc.assignCase(t.ctx, head, c.id, { version: c.version, assigneeId: clerk.userId });
    await svc.acceptCase(t.ctx, clerk2, c.id, { version: a.version });
    expect((await svc.getCaseDetail(t.ctx, clerk, c.id)).assigneeId).toBe(clerk.userId);
  });

  it('reassigning needs a reason, which is kept in the timeline and the audit record', async () => {
    const c = await received();
    const a = await svc.acceptCase(t.ctx, clerk, c.id, { version: c.version });
    await rejects(svc.assignCase(t.ctx, head, c.id, { version: a.version, assigneeId: clerk2.userId }), 400, /理由/);
    await rejects(svc.assignCase(t.ctx, head, c.id, { version: a.version, assigneeId: clerk.userId, reason: '无变化' }), 409, /已是/);
    await svc.assignCase(t.ctx, head, c.id, { version: a.version, assigneeId: clerk2.userId, reason: '原经办人休假' });
    const d = await svc.getCaseDetail(t.ctx, head, c.id);
    expect(d.assigneeId).toBe(clerk2.userId);
    const last = d.timeline[d.timeline.length - 1]!;
    expect(last.data).toMatchObject({ type: 'assigned', assigneeId: clerk2.userId, reason: '原经办人休假', fromName: clerk.displayName });
    const audit = await t.ctx.db
      .selectFrom('audit_log')
      .select(['action', 'detail'])
      .where('entity_id', '=', c.id)
      .where('action', '=', 'case.reassigned')
      .execute();
    expect(audit).toHaveLength(1);
    expect(JSON.parse(audit[0]!.detail as string)).toMatchObject({ from: clerk.userId, to: clerk2.userId, reason: '原经办人休假' });
  });

  it('batch assignment from the list: each case on its own, a stale one reported, the rest assigned (HTTP)', async () => {
    const a = await received();
    const b = await received();
    const stale = await received();
    const client = await signedIn(t.app, 'xfj.head');
    const staff = (await client.request('GET', '/api/cases/assignees')).json() as { id: string; name: string }[];
    expect(staff.map((s) => s.id)).toEqual(expect.arrayContaining([clerk.userId, clerk2.userId, head.userId]));
    const res = await client.request('POST', '/api/cases/batch-assign', {
      json: {
        assigneeId: clerk2.userId,
        cases: [
          { id: a.id, version: a.version },
          { id: b.id, version: b.version },
          { id: stale.id, version: stale.version + 5 },
        ],
      },
    });
    expect(res.statusCode, res.body).toBe(200);
    const body = res.json() as { assigned: number; results: { id: string; ok: boolean; error?: string }[] };
    expect(body.assigned).toBe(2);
    expect(body.results.find((r) => r.id === stale.id)).toMatchObject({ ok: false, error: expect.stringMatching(/刷新/) });
    const mine = await svc.listCasesFor(t.ctx, clerk2, { assigneeId: clerk2.userId, pageSize: 100 });
    expect(mine.items.map((i) => i.id)).toEqual(expect.arrayContaining([a.id, b.id]));
    expect(mine.items.map((i) => i.id)).not.toContain(stale.id);
  });
});
