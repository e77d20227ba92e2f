import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ENGINES } from '../helpers/db.js';
import { createTestApp, signedIn, type TestApp } from '../helpers/app.js';

/** Issue 8's smaller points: another agency's comments are not found; a short idle limit is measured from the last request. */
describe.each(ENGINES)('smaller hardening points on %s', (engine) => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp(engine, { sessionIdleMinutes: 1 });
  }, 120_000);
  afterAll(async () => t?.close());

  it("another agency's consultation comments answer 404, its own 200", async () => {
    const item = await t.ctx.db
      .selectFrom('pub_items')
      .select('id')
      .where('agency_id', '=', t.demo.xfj.id)
      .where('kind', '=', 'consultation')
      .executeTakeFirstOrThrow();
    const own = await signedIn(t.app, 'xfj.clerk');
    expect((await own.request('GET', `/api/publishing/items/${item.id}/comments`)).statusCode).toBe(200);
    const other = await signedIn(t.app, 'czj.clerk');
    const res = await other.request('GET', `/api/publishing/items/${item.id}/comments`);
    expect(res.statusCode).toBe(404);
    expect(res.json().message).toContain('未找到');
  });

  it('with a 1-minute idle limit, a request 10 s after the last one refreshes the session', async () => {
    const c = await signedIn(t.app, 'xfj.clerk');
    const tenSecondsAgo = new Date(Date.now() - 10_000).toISOString();
    await t.ctx.db.updateTable('sessions').set({ last_seen_at: tenSecondsAgo }).where('revoked_at', 'is', null).execute();
    expect((await c.request('GET', '/api/session')).statusCode).toBe(200);
    const rows = await t.ctx.db.selectFrom('sessions').select('last_seen_at').where('revoked_at', 'is', null).execute();
    // Before: refreshed only after a full minute, so a user active 40 s ago was signed out 20 s later.
    expect(rows.some((r) => r.last_seen_at > tenSecondsAgo)).toBe(true);
  });
});
