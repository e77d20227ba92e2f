import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ENGINES } from '../helpers/db.js';
import { Client, createTestApp, signedIn, type TestApp } from '../helpers/app.js';
import { listPublic } from '../../src/publishing/items.store.js';
import * as m0022 from '../../src/publishing/migrations/0022-public-items-list.js';

/**
 * The column list without the micro-cache (issue 13): its total comes from the per-column counts memoised per
 * generation of public data, and the catalogue tree's HTML is memoised the same way. Both must follow a
 * withdrawal at once, and the list's order must be the same on both engines, ties included.
 */
describe.each(ENGINES)('the public column list on %s', (engine) => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp(engine);
  }, 60_000);
  afterAll(async () => t?.close());

  const totalOf = (body: string) => Number(body.match(/：共 (\d+) 条/)?.[1]);
  const treeCount = (body: string, code: string) => Number(body.match(new RegExp(`/statutory/${code}"[^>]*>[^<]+</a> <span class="muted">\\((\\d+)\\)`))?.[1]);

  it('a withdrawn item leaves the list, its total and the catalogue tree at once', async () => {
    const visitor = new Client(t.app);
    const before = (await visitor.request('GET', '/a/zzxfj/statutory/hygk')).body;
    const n = totalOf(before);
    expect(n).toBeGreaterThan(1);
    expect(treeCount(before, 'hygk')).toBe(n);
    const overview = (await visitor.request('GET', '/a/zzxfj/statutory')).body;
    expect(treeCount(overview, 'hygk')).toBe(n);
    const first = before.match(/href="\/a\/zzxfj\/items\/([^"]+)"/)![1];

    const head = await signedIn(t.app, 'xfj.head');
    const res = await head.request('POST', `/api/publishing/items/${first}/withdraw`, { json: { reason: '内容有误，撤回更正' } });
    expect(res.statusCode, res.body).toBe(200);

    const after = (await visitor.request('GET', '/a/zzxfj/statutory/hygk')).body;
    expect(totalOf(after)).toBe(n - 1);
    expect(treeCount(after, 'hygk')).toBe(n - 1);
    expect(after).not.toContain(`/a/zzxfj/items/${first}"`);
    expect(treeCount((await visitor.request('GET', '/a/zzxfj/statutory')).body, 'hygk')).toBe(n - 1);
    // Another column's page shows the new count in its tree too (each page's tree is memoised on its own).
    expect(treeCount((await visitor.request('GET', '/a/zzxfj/statutory/tzgg')).body, 'hygk')).toBe(n - 1);
    // A filtered list counts itself: the same total for the year filter that spans every item.
    const years = [
      ...new Set(
        (
          await t.ctx.db
            .selectFrom('pub_public_items')
            .select('published_at')
            .where('column_code', '=', 'hygk')
            .where('agency_id', '=', t.demo.xfj.id)
            .execute()
        ).map((r) => r.published_at.slice(0, 4)),
      ),
    ];
    let filtered = 0;
    for (const y of years) filtered += totalOf((await visitor.request('GET', `/a/zzxfj/statutory/hygk?year=${y}`)).body) || 0;
    expect(filtered).toBe(n - 1);
  });

  it('orders by release time, newest first, then id, the same on both engines (ties included)', async () => {
    const agencyId = t.demo.xfj.id;
    // Several items released in the same instant (a batch release): only the id orders them.
    const rows = await t.ctx.db
      .selectFrom('pub_public_items')
      .select(['id', 'published_at'])
      .where('agency_id', '=', agencyId)
      .where('column_code', '=', 'hygk')
      .execute();
    expect(rows.length).toBeGreaterThan(4);
    const tied = rows.slice(0, 4).map((r) => r.id);
    await t.ctx.db.updateTable('pub_public_items').set({ published_at: '2024-05-06T01:02:03.000Z' }).where('id', 'in', tied).execute();
    const expected = (
      await t.ctx.db.selectFrom('pub_public_items').select(['id', 'published_at']).where('agency_id', '=', agencyId).where('column_code', '=', 'hygk').execute()
    )
      .sort((a, b) => (a.published_at === b.published_at ? (a.id < b.id ? -1 : 1) : a.published_at < b.published_at ? 1 : -1))
      .map((r) => r.id);
    const paged: string[] = [];
    for (let page = 1; page <= Math.ceil(expected.length / 3); page++) {
      const known = await listPublic(t.ctx.db, { agencyId, columnCode: 'hygk', page, size: 3, total: expected.length });
      const counted = await listPublic(t.ctx.db, { agencyId, columnCode: 'hygk', page, size: 3 });
      expect(known.rows).toEqual(counted.rows);
      expect(counted.total).toBe(expected.length);
      paged.push(...known.rows.map((r) => r.id));
    }
    expect(paged).toEqual(expected);
    // Past the end: no rows, and the known total is kept.
    expect(await listPublic(t.ctx.db, { agencyId, columnCode: 'hygk', page: 99, size: 3, total: expected.length })).toEqual({
      total: expected.length,
      rows: [],
    });
  });

  it("a policy's page lists its interpretations, and drops one withdrawn at once", async () => {
    const interp = await t.ctx.db
      .selectFrom('pub_public_items')
      .select(['id', 'title', 'policy_id'])
      .where('agency_id', '=', t.demo.xfj.id)
      .where('policy_id', 'is not', null)
      .executeTakeFirstOrThrow();
    const visitor = new Client(t.app);
    const policyPage = () => visitor.request('GET', `/a/zzxfj/items/${interp.policy_id}`).then((r) => r.body);
    const before = await policyPage();
    expect(before).toContain('政策解读</h2>');
    expect(before).toContain(`/a/zzxfj/items/${interp.id}"`);
    const head = await signedIn(t.app, 'xfj.head');
    const res = await head.request('POST', `/api/publishing/items/${interp.id}/withdraw`, { json: { reason: '解读内容需要更新' } });
    expect(res.statusCode, res.body).toBe(200);
    const after = await policyPage();
    expect(after).not.toContain(`/a/zzxfj/items/${interp.id}"`);
    expect(after).not.toContain('政策解读</h2>');
  });

  it('keeps the bodies after the listed columns and lists along the index', async () => {
    const cols =
      engine === 'sqlite'
        ? (await sql<{ name: string }>`select name from pragma_table_info('pub_public_items') order by cid`.execute(t.ctx.db)).rows.map((r) => r.name)
        : (
            await sql<{
              name: string;
            }>`select column_name as name from information_schema.columns where table_name = 'pub_public_items' and table_schema = current_schema() order by ordinal_position`.execute(
              t.ctx.db,
            )
          ).rows.map((r) => r.name);
    expect(cols.slice(-2)).toEqual(['feedback_html', 'body_html']);
    expect(cols.indexOf('published_at')).toBeLessThan(cols.indexOf('body_html'));
    if (engine === 'sqlite') {
      const plan = (
        await sql<{
          detail: string;
        }>`explain query plan select id from pub_public_items where agency_id = ${t.demo.xfj.id} and column_code = 'hygk' order by published_at desc, id limit 15`.execute(
          t.ctx.db,
        )
      ).rows.map((r) => r.detail);
      expect(plan.join('\n')).toContain('pub_public_items_list');
      expect(plan.join('\n')).not.toContain('TEMP B-TREE');
    }
  });

  it('undoes and redoes its migration with every row intact', async () => {
    const all = () => t.ctx.db.selectFrom('pub_public_items').selectAll().orderBy('id').execute();
    const before = await all();
    expect(before.length).toBeGreaterThan(10);
    await t.ctx.db.transaction().execute(async (tx) => {
      await m0022.down(tx);
      expect(await tx.selectFrom('pub_public_items').selectAll().orderBy('id').execute()).toEqual(before);
      await m0022.up(tx);
    });
    expect(await all()).toEqual(before);
    expect(
      (
        await t.ctx.db
          .selectFrom('pub_items')
          .select('id')
          .where(
            'id',
            'in',
            before.map((r) => r.id),
          )
          .execute()
      ).length,
    ).toBe(before.length);
  });
});
