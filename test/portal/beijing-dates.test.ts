import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'kysely';
import { ENGINES } from '../helpers/db.js';
import { Client, createTestApp, type TestApp } from '../helpers/app.js';
import { projectCase, type CaseEventData } from '../../src/requests/projection.js';
import { builtinCalendar } from '../../src/rules/calendar/index.js';
import { beijingDate } from '../../src/platform/time.js';

/** 2026-12-01 00:30 Beijing time = 2026-11-30 16:30 UTC: every date a person reads must say 1 December. */
const AT = '2026-11-30T16:30:00.000Z';
const DAY = '2026-12-01';

describe.each(ENGINES)('Beijing dates at 00:30 Beijing time on %s (must show 2)', (engine) => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp(engine);
  }, 120_000);
  afterAll(async () => t?.close());

  it('formats instants as Beijing dates', () => {
    expect(beijingDate(AT)).toBe(DAY);
    expect(beijingDate('2026-11-30T15:59:59.999Z')).toBe('2026-11-30');
    expect(beijingDate(DAY)).toBe(DAY);
    expect(beijingDate(null)).toBe('');
  });

  it('an item released at 00:30 shows 1 December on its page, its column list, search, the latest lists, the feed and the sitemap', async () => {
    const db = t.ctx.db;
    const item = await db
      .selectFrom('pub_public_items')
      .selectAll()
      .where('agency_id', '=', t.demo.xfj.id)
      .where('kind', '!=', 'consultation')
      .orderBy('published_at', 'desc')
      .limit(1)
      .executeTakeFirstOrThrow();
    await db.updateTable('pub_public_items').set({ first_published_at: AT, published_at: AT, created_on: DAY }).where('id', '=', item.id).execute();
    await db.updateTable('pub_items').set({ published_at: AT }).where('id', '=', item.id).execute();
    await sql`update search_docs set published_at = ${AT} where id = ${item.id}`.execute(db);
    const c = new Client(t.app);
    const page = (await c.request('GET', `/a/zzxfj/items/${item.id}`)).body;
    expect(page).toContain(`<dt>发布日期</dt><dd>${DAY}`);
    expect(page).not.toContain('2026-11-30');
    const list = (await c.request('GET', `/a/zzxfj/statutory/${item.column_code}`)).body;
    expect(list).toContain(`<td class="nw">${DAY}</td>`);
    const words = item.title.slice(0, 4);
    const search = (await c.request('GET', `/search?q=${encodeURIComponent(words)}&agency=zzxfj`)).body;
    expect(search).toContain(` · ${DAY}`);
    expect(search).not.toContain('2026-11-30');
    const sitemap = (await c.request('GET', '/sitemap.xml')).body;
    expect(sitemap).toContain(`<lastmod>${DAY}</lastmod>`);
    expect(sitemap).not.toContain('<lastmod>2026-11-30</lastmod>');
    for (const url of ['/', '/a/zzxfj/']) {
      const latest = (await c.request('GET', url)).body; // the home page's and the agency page's latest releases
      expect(latest, url).toContain(` · ${DAY}</span>`);
      expect(latest, url).not.toContain(' · 2026-11-30</span>');
    }
    const feed = (await c.request('GET', '/feed.xml')).body;
    expect(feed).toContain(`<published>${AT}</published>`); // an instant with its zone: unambiguous
  });

  it('an application submitted at 00:30 is dated 1 December on the lookup timeline (the projection the lookup page shows)', () => {
    const ledger = [{ seq: 1, at: AT, actor: '申请人', data: { type: 'submitted', channel: 'online', date: DAY } as CaseEventData }];
    expect(projectCase(ledger, builtinCalendar()).trace[0]).toMatchObject({ date: DAY, kind: 'received' });
  });
});
