import { afterEach, describe, expect, it } from 'vitest';
import { fixedClock } from '../../src/platform/clock.js';
import { createContext } from '../../src/platform/context.js';
import { backoffSeconds, DEFAULT_OUTBOX_POLICY, PermanentDeliveryError, type Deliverable } from '../../src/platform/outbox/outbox.js';
import { createTestContext, ENGINES, type TestContext } from '../helpers/db.js';

describe('outbox backoff', () => {
  it('doubles from the base delay up to the cap', () => {
    const p = DEFAULT_OUTBOX_POLICY;
    expect([1, 2, 3, 4].map((n) => backoffSeconds(p, n))).toEqual([60, 120, 240, 480]);
    expect(backoffSeconds(p, 20)).toBe(6 * 3600);
  });
});

describe.each(ENGINES)('outbox on %s', (engine) => {
  let t: TestContext;
  afterEach(async () => t?.cleanup());

  const msg = (over: Record<string, unknown> = {}) => ({
    channel: 'log',
    recipient: 'zhang@example.cn',
    template: 'case.received',
    params: { trackingCode: '2026-ABCD-EFGH', name: '张某' },
    idempotencyKey: 'case:1:received',
    ...over,
  });

  async function setup() {
    t = await createTestContext(engine);
    const clock = fixedClock('2026-12-01T02:00:00Z');
    const lines: string[] = [];
    const ctx = createContext(t.db, t.config, { clock, cipher: t.cipher, log: (l) => lines.push(l), outboxPolicy: { maxAttempts: 3 } });
    return { ctx, clock, lines };
  }

  it("writes in the caller's transaction: a rolled-back change sends nothing; an event is queued once per recipient", async () => {
    const { ctx } = await setup();
    await expect(
      ctx.db.transaction().execute(async (tx) => {
        await ctx.outbox.enqueue(tx, msg());
        throw new Error('the change failed');
      }),
    ).rejects.toThrow('the change failed');
    expect(await ctx.outbox.deliveryLog()).toEqual([]);
    const first = await ctx.db.transaction().execute((tx) => ctx.outbox.enqueue(tx, msg()));
    const again = await ctx.db.transaction().execute((tx) => ctx.outbox.enqueue(tx, msg({ params: { other: 1 } })));
    expect(again).toEqual({ id: first.id, duplicate: true });
    const other = await ctx.outbox.enqueue(ctx.db, msg({ recipient: 'li@example.cn' }));
    expect(other.duplicate).toBe(false);
    // Personal data is sealed at rest.
    const raw = await ctx.db.selectFrom('outbox').selectAll().where('id', '=', first.id).executeTakeFirstOrThrow();
    expect(raw.recipient).not.toContain('zhang');
    expect(raw.params).not.toContain('张某');
    await expect(ctx.outbox.enqueue(ctx.db, msg({ idempotencyKey: '' }))).rejects.toThrow(/idempotencyKey/);
  });

  it('delivers through the log driver once, and logs the attempt', async () => {
    const { ctx, lines } = await setup();
    const { id } = await ctx.outbox.enqueue(ctx.db, msg());
    const r = await ctx.jobs.run('outbox.deliver');
    expect(r).toMatchObject({ ran: true, status: 'ok', message: '发送 1 条，失败待重试 0 条，放弃 0 条。' });
    expect(lines).toHaveLength(1);
    expect(lines[0]).toContain('zhang@example.cn');
    expect((await ctx.outbox.deliver()).sent).toBe(0);
    const [entry] = await ctx.outbox.deliveryLog({ messageId: id });
    expect(entry).toMatchObject({ status: 'sent', attempts: 1, recipient: 'zhang@example.cn', sentAt: '2026-12-01T02:00:00.000Z' });
    expect(entry!.log).toEqual([{ at: '2026-12-01T02:00:00.000Z', driver: 'log', ok: true, error: null, providerId: null }]);
  });

  it('retries a failing driver with exponential backoff and gives up after the last attempt', async () => {
    const { ctx, clock } = await setup();
    const seen: Deliverable[] = [];
    ctx.outbox.registerDriver('sms', {
      name: 'flaky',
      send: async (m) => {
        seen.push(m);
        throw new Error('网关超时');
      },
    });
    const { id } = await ctx.outbox.enqueue(ctx.db, msg({ channel: 'sms', recipient: '13800000000' }));
    expect((await ctx.outbox.deliver()).failed).toBe(1);
    let [e] = await ctx.outbox.deliveryLog({ messageId: id });
    expect(e).toMatchObject({ status: 'pending', attempts: 1, lastError: '网关超时', nextAttemptAt: '2026-12-01T02:01:00.000Z' });
    // Not due yet: nothing is attempted.
    clock.advance(59_000);
    expect((await ctx.outbox.deliver()).failed).toBe(0);
    clock.advance(1_000);
    expect((await ctx.outbox.deliver()).failed).toBe(1);
    [e] = await ctx.outbox.deliveryLog({ messageId: id });
    expect(e).toMatchObject({ attempts: 2, nextAttemptAt: '2026-12-01T02:03:00.000Z' });
    clock.advance(120_000);
    expect((await ctx.outbox.deliver()).dead).toBe(1);
    [e] = await ctx.outbox.deliveryLog({ messageId: id });
    expect(e).toMatchObject({ status: 'dead', attempts: 3 });
    expect(e!.log.map((l) => l.ok)).toEqual([false, false, false]);
    expect(seen.map((m) => m.attempt)).toEqual([1, 2, 3]);
    expect(seen[0]).toMatchObject({ recipient: '13800000000', params: { name: '张某' }, idempotencyKey: 'case:1:received' });
    clock.advance(86_400_000);
    expect((await ctx.outbox.deliver()).changed).toBe(0);
  });

  it('gives up at once on a permanent error; a channel without a driver waits and says why', async () => {
    const { ctx } = await setup();
    ctx.outbox.registerDriver('email', {
      name: 'smtp',
      send: async () => {
        throw new PermanentDeliveryError('收件地址不存在');
      },
    });
    const bad = await ctx.outbox.enqueue(ctx.db, msg({ channel: 'email' }));
    const none = await ctx.outbox.enqueue(ctx.db, msg({ channel: 'wechat' }));
    await ctx.outbox.deliver();
    expect((await ctx.outbox.deliveryLog({ messageId: bad.id }))[0]).toMatchObject({ status: 'dead', attempts: 1, lastError: '收件地址不存在' });
    expect((await ctx.outbox.deliveryLog({ messageId: none.id }))[0]).toMatchObject({ status: 'pending', lastError: '没有为发送通道“wechat”配置发送方式。' });
    expect(ctx.outbox.drivers()).toEqual({ log: 'log', sms: 'sms-log', email: 'smtp' });
    expect(await ctx.outbox.deliveryLog({ status: 'dead' })).toHaveLength(1);
    expect(await ctx.outbox.deliveryLog({ agencyIds: [] })).toHaveLength(0);
  });
});
