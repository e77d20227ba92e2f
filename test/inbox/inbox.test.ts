import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ENGINES } from '../helpers/db.js';
import { createTestApp, signedIn, type Client, type TestApp } from '../helpers/app.js';
import * as svc from '../../src/requests/cases.service.js';
import type { Principal } from '../../src/platform/auth/permissions.js';
import { PERSON, principalOf } from '../requests/helpers.js';

interface Entry {
  kind: string;
  caseId?: string;
  letterId?: string;
  itemId?: string;
  detail: string;
  version?: number;
}
const inbox = async (c: Client) => {
  const r = await c.request('GET', '/api/inbox');
  expect(r.statusCode, r.body).toBe(200);
  return r.json() as { items: Entry[]; counts: Record<string, number>; total: number };
};

describe.each(ENGINES)('inbox (待我处理) on %s', (engine) => {
  let t: TestApp;
  let clerk: Principal;
  beforeAll(async () => {
    t = await createTestApp(engine);
    clerk = await principalOf(t.ctx.db, 'xfj.clerk');
  }, 60_000);
  afterAll(async () => t?.close());

  const accepted = async () => {
    const c = await svc.submitOnline(t.ctx, {
      agencyId: t.demo.xfj.id,
      application: PERSON,
      formToken: `inb-${Math.random().toString(36).slice(2)}-xxxxxxxxxxxx`,
    });
    const r = await svc.confirmReceipt(t.ctx, clerk, c.id, { version: c.version });
    const a = await svc.acceptCase(t.ctx, clerk, c.id, { version: r.version });
    return { id: c.id, version: a.version };
  };

  it('an extension request reaches the head with its notice, not the clerk; signing the notice approves it and empties the entry', async () => {
    const c = await accepted();
    const clerkC = await signedIn(t.app, 'xfj.clerk');
    const head = await signedIn(t.app, 'xfj.head');
    const asked = await clerkC.request('POST', `/api/cases/${c.id}/extension-request`, { json: { version: c.version, reason: '需调取5个年度的档案' } });
    expect(asked.statusCode, asked.body).toBe(200);
    const h = await inbox(head);
    const entry = h.items.find((i) => i.kind === 'extension_to_approve' && i.caseId === c.id);
    expect(entry?.detail).toMatch(/需调取5个年度的档案/);
    expect(entry?.letterId).toBeTruthy();
    // The notice is listed with its request, not a second time among the letters to sign.
    expect(h.items.some((i) => i.kind === 'letter_to_sign' && i.letterId === entry!.letterId)).toBe(false);
    expect(h.counts.extension_to_approve).toBeGreaterThanOrEqual(1);
    expect((await inbox(clerkC)).items.some((i) => i.kind === 'extension_to_approve')).toBe(false);
    const counts = (await head.request('GET', '/api/inbox/counts')).json() as { total: number; counts: Record<string, number> };
    expect(counts.total).toBe(h.total);
    const preview = await head.request('GET', `/api/letters/${entry!.letterId}/preview`);
    expect(preview.statusCode, preview.body).toBe(200);
    expect(JSON.stringify(preview.json().preview)).toContain('延期');
    const back = await head.request('POST', `/api/letters/${entry!.letterId}/return`, { json: { version: preview.json().version, comment: '请修改理由' } });
    expect(back.statusCode).toBe(409);
    expect(back.json().message).toMatch(/不能单独退回/);
    const ok = await head.request('POST', `/api/letters/${entry!.letterId}/release`, { json: { version: preview.json().version } });
    expect(ok.statusCode, ok.body).toBe(200);
    expect((await svc.getCaseDetail(t.ctx, clerk, c.id)).extended).toBe(true);
    expect((await inbox(head)).items.some((i) => i.caseId === c.id && (i.kind === 'extension_to_approve' || i.kind === 'letter_to_sign'))).toBe(false);
  });

  it('a draft letter waits for the head, who reads it in the page and returns it; the clerk sees the return with the comment', async () => {
    const c = await accepted();
    const clerkC = await signedIn(t.app, 'xfj.clerk');
    const head = await signedIn(t.app, 'xfj.head');
    const closed = await clerkC.request('POST', `/api/cases/${c.id}/close`, { json: { version: c.version, outcome: 'disclosed' } });
    expect(closed.statusCode, closed.body).toBe(200);
    const draft = await clerkC.request('POST', `/api/cases/${c.id}/letters`, {
      json: {
        kind: 'reply',
        fields: { reply: { provision: { form: 'electronic', delivery: 'email', detail: 'lcm@example.cn' }, items: ['2025年度信访事项办理情况统计表'] } },
      },
    });
    expect(draft.statusCode, draft.body).toBe(201);
    const letterId = draft.json().id as string;
    const toSign = (await inbox(head)).items.find((i) => i.kind === 'letter_to_sign' && i.letterId === letterId);
    expect(toSign).toBeTruthy();
    const preview = await head.request('GET', `/api/letters/${letterId}/preview`);
    expect(preview.statusCode, preview.body).toBe(200);
    expect(JSON.stringify(preview.json().preview)).toContain('2025年度信访事项办理情况统计表');
    expect((await clerkC.request('POST', `/api/letters/${letterId}/return`, { json: { version: 1, comment: '请补充获取方式' } })).statusCode).toBe(403);
    expect((await head.request('POST', `/api/letters/${letterId}/return`, { json: { version: 1, comment: '' } })).statusCode).toBe(400);
    const ret = await head.request('POST', `/api/letters/${letterId}/return`, { json: { version: 1, comment: '请写明提供的电子邮箱地址已核实' } });
    expect(ret.statusCode, ret.body).toBe(200);
    expect((await head.request('POST', `/api/letters/${letterId}/release`, { json: { version: 2 } })).statusCode).toBe(409);
    expect((await inbox(head)).items.some((i) => i.letterId === letterId && i.kind === 'letter_to_sign')).toBe(false);
    const mine = (await inbox(clerkC)).items.find((i) => i.kind === 'letter_returned' && i.letterId === letterId);
    expect(mine?.detail).toMatch(/请写明提供的电子邮箱地址已核实/);
    const audit = await t.ctx.db.selectFrom('audit_log').select('action').where('entity_id', '=', letterId).where('action', '=', 'letter.returned').execute();
    expect(audit).toHaveLength(1);
    // Redrafted: the return leaves the clerk's inbox, the new draft enters the head's.
    const again = await clerkC.request('POST', `/api/cases/${c.id}/letters`, {
      json: {
        kind: 'reply',
        fields: { reply: { provision: { form: 'electronic', delivery: 'email', detail: 'lcm@example.cn' }, items: ['2025年度信访事项办理情况统计表'] } },
      },
    });
    expect(again.statusCode).toBe(201);
    expect((await inbox(clerkC)).items.some((i) => i.letterId === letterId)).toBe(false);
    expect((await inbox(head)).items.some((i) => i.letterId === again.json().id)).toBe(true);
  });

  it('deadlines: the clerk sees the cases they hold, the head the whole agency; other agencies see nothing of it', async () => {
    const clerkC = await signedIn(t.app, 'xfj.clerk');
    const clerk2 = await signedIn(t.app, 'xfj.clerk2');
    const head = await signedIn(t.app, 'xfj.head');
    const czj = await signedIn(t.app, 'czj.clerk');
    const all = await svc.workbench(t.ctx, await principalOf(t.ctx.db, 'xfj.head'), { limit: 100 });
    const dueIds = new Set([...all.overdue, ...all.dueSoon].map((r) => r.id));
    expect(dueIds.size, 'the demo data has cases due soon or overdue').toBeGreaterThan(0);
    const h = await inbox(head);
    expect(new Set(h.items.filter((i) => i.kind === 'overdue' || i.kind === 'due_soon').map((i) => i.caseId))).toEqual(dueIds);
    const mineIds = new Set([...all.overdue, ...all.dueSoon].filter((r) => r.assigneeId === clerk.userId).map((r) => r.id));
    const c1 = await inbox(clerkC);
    expect(new Set(c1.items.filter((i) => i.kind === 'overdue' || i.kind === 'due_soon').map((i) => i.caseId))).toEqual(mineIds);
    const c2 = await inbox(clerk2);
    expect(c2.items.filter((i) => i.caseId && mineIds.has(i.caseId))).toHaveLength(0);
    const other = await inbox(czj);
    expect(other.items.filter((i) => i.caseId && dueIds.has(i.caseId))).toHaveLength(0);
  });

  it('publishing reviews wait for the role of the next level', async () => {
    const head = await signedIn(t.app, 'xfj.head');
    const items = await t.ctx.db.selectFrom('pub_items').select(['id']).where('agency_id', '=', t.demo.xfj.id).where('status', '=', 'in_review').execute();
    const h = await inbox(head);
    const waiting = h.items.filter((i) => i.kind === 'review_waiting');
    // Every entry is an item in review of this agency.
    for (const w of waiting) expect(items.map((i) => i.id)).toContain(w.itemId);
    expect(h.counts.review_waiting).toBe(waiting.length);
  });

  it("a 督办 from the supervising office reaches the agency's clerk and head, answered there it leaves the inbox (issue 12)", async () => {
    const { id } = await accepted();
    const gkb = await signedIn(t.app, 'gkb');
    const due = new Date(Date.now() + 5 * 86_400_000).toISOString().slice(0, 10);
    const issued = await gkb.request('POST', '/api/supervision/orders', {
      json: { agencyId: t.demo.xfj.id, subjectKind: 'case', subjectId: id, what: '请于期限内答复申请人并报告办理情况。', dueDate: due },
    });
    expect(issued.statusCode, issued.body).toBeLessThan(300);
    const clerkC = await signedIn(t.app, 'xfj.clerk');
    const entry = (await inbox(clerkC)).items.find((i) => i.kind === 'order_to_answer' && i.caseId === id) as Entry & { orderId: string };
    expect(entry, 'the clerk sees the 督办').toBeDefined();
    expect(entry.detail).toContain('督办：请于期限内答复申请人');
    expect((await inbox(await signedIn(t.app, 'xfj.head'))).items.some((i) => i.kind === 'order_to_answer')).toBe(true);
    // Another agency does not see it.
    expect((await inbox(await signedIn(t.app, 'czj.clerk'))).items.some((i) => i.kind === 'order_to_answer')).toBe(false);
    const answer = await clerkC.request('POST', `/api/supervision/orders/${entry.orderId}/answer`, {
      json: { version: entry.version, answer: '已于今日答复申请人。' },
    });
    expect(answer.statusCode, answer.body).toBe(200);
    expect((await inbox(clerkC)).items.some((i) => i.kind === 'order_to_answer' && i.caseId === id)).toBe(false);
    const board = (await gkb.request('GET', '/api/supervision/orders')).json() as Array<{ id: string; status: string }>;
    expect(board.find((o) => o.id === entry.orderId)?.status).toBe('answered');
  });
});
