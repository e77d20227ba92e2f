import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'kysely';
import { ENGINES, createTestContext, type TestContext } from '../helpers/db.js';
import { indexDocument, optimizeIndex, removeDocument, search } from '../../src/platform/search/index.js';
import { SQLITE_SEARCH_TUNING } from '../../src/platform/search/sqlite.js';
import { POSTGRES_SEARCH_TUNING } from '../../src/platform/search/postgres.js';

const docs = [
  {
    id: 'd1',
    title: '枣庄市信访局2020年部门预算公开',
    body: '根据市财政局要求，现将我局2020年部门预算及情况说明公开如下。',
    kind: 'item',
    columnCode: 'budget',
  },
  {
    id: 'd2',
    title: '关于开展2020年信访条例宣传周活动的通知',
    body: '各区（市）信访局：为深入宣传《信访条例》，定于5月开展宣传周活动。',
    kind: 'item',
    columnCode: 'notices',
  },
  {
    id: 'd3',
    title: '市信访局召开局党组会议研究部署重点工作',
    body: '会议传达学习了《关于印发2020年枣庄市政务公开工作要点的通知》（枣政办发〔2020〕27号）精神，研究了年度预算执行情况。',
    kind: 'item',
    columnCode: 'meetings',
  },
  {
    id: 'd4',
    title: '2020年“三公”经费决算情况说明',
    body: '本年度决算支出总体情况。附件中列明了预算调整。',
    kind: 'item',
    columnCode: 'budget',
    docNumber: null,
  },
  {
    id: 'd5',
    title: '关于印发《枣庄市信访事项复查复核办法》的通知',
    body: '各有关单位：现将办法印发给你们，请认真贯彻执行。',
    kind: 'item',
    columnCode: 'policies',
    docNumber: '枣信访发〔2026〕3号',
  },
  { id: 'd6', title: '其他单位的信息', body: '信访 预算', kind: 'item', columnCode: 'notices', agencyId: 'other' },
];

describe.each(ENGINES)('search on %s', (engine) => {
  let ctx: TestContext;
  beforeAll(async () => {
    ctx = await createTestContext(engine);
    await ctx.db.transaction().execute(async (tx) => {
      for (const [i, d] of docs.entries()) {
        await indexDocument(tx, {
          id: d.id,
          agencyId: d.agencyId ?? 'xfj',
          kind: d.kind,
          url: `/a/x/items/${d.id}`,
          title: d.title,
          body: d.body,
          columnCode: d.columnCode,
          docNumber: d.docNumber ?? null,
          publishedAt: `2020-0${i + 1}-10T00:00:00.000Z`,
        });
      }
    });
  });
  afterAll(async () => ctx.cleanup());

  it('finds two-character words (预算, 信访) and ranks title matches first', async () => {
    const r = await search(ctx.db, { q: '预算', agencyIds: ['xfj'] });
    expect(r.hits.map((h) => h.id).sort()).toEqual(['d1', 'd3', 'd4']);
    expect(r.hits[0].id).toBe('d1');
    expect(r.hits[0].titleMatch).toBe(true);
    expect(r.hits.slice(1).every((h) => !h.titleMatch)).toBe(true);
    expect(r.total).toBe(3);

    const x = await search(ctx.db, { q: '信访', agencyIds: ['xfj'] });
    expect(x.hits.map((h) => h.id)).toEqual(expect.arrayContaining(['d1', 'd2', 'd3', 'd5']));
    const firstBody = x.hits.findIndex((h) => !h.titleMatch);
    expect(x.hits.slice(firstBody === -1 ? x.hits.length : firstBody).every((h) => !h.titleMatch)).toBe(true);
  });

  it('finds document numbers in bodies and titles, whatever brackets are typed', async () => {
    for (const q of ['枣政办发〔2020〕27号', '枣政办发[2020]27号', '枣政办发（2020）27号']) {
      const r = await search(ctx.db, { q });
      expect(r.hits.map((h) => h.id)).toEqual(['d3']);
      expect(r.hits[0].snippetHtml).toContain('<mark>');
    }
    const n = await search(ctx.db, { q: '枣信访发〔2026〕3号' });
    expect(n.hits.map((h) => h.id)).toEqual(['d5']);
    expect(n.hits[0].titleMatch).toBe(true);
    expect((await search(ctx.db, { q: '枣政办发〔2020〕28号' })).total).toBe(0);
    // The issuing office's prefix still has to match (it is checked in the documents the number finds).
    expect((await search(ctx.db, { q: '鲁财发〔2020〕27号' })).total).toBe(0);
    expect((await search(ctx.db, { q: '政办发〔2020〕27号' })).hits.map((h) => h.id)).toEqual(['d3']);
  });

  it('requires every word, filters by agency, column and year', async () => {
    expect((await search(ctx.db, { q: '预算 宣传周' })).total).toBe(0);
    expect((await search(ctx.db, { q: '信访 预算' })).hits.map((h) => h.id).sort()).toEqual(['d1', 'd3', 'd6']);
    expect((await search(ctx.db, { q: '预算', agencyIds: ['xfj'], columnCode: 'budget' })).hits.map((h) => h.id).sort()).toEqual(['d1', 'd4']);
    expect((await search(ctx.db, { q: '预算', year: 2021 })).total).toBe(0);
    expect((await search(ctx.db, { q: '预算', agencyIds: [] })).total).toBe(0);
    expect((await search(ctx.db, { q: '！！ ，，' })).total).toBe(0);
  });

  it('escapes before marking: no markup from documents or queries survives', async () => {
    await indexDocument(ctx.db, {
      id: 'x1',
      agencyId: 'xss',
      kind: 'item',
      url: '/x',
      title: '<script>alert(1)</script>预算',
      body: '<img src=x onerror=alert(1)> 预算',
      publishedAt: '2020-01-01T00:00:00.000Z',
    });
    const r = await search(ctx.db, { q: '预算 <b>', agencyIds: ['xss'] });
    const all = (await search(ctx.db, { q: '预算', agencyIds: ['xss'] })).hits[0];
    expect(r.total).toBeGreaterThanOrEqual(0);
    expect(all.titleHtml).toBe('&lt;script&gt;alert(1)&lt;/script&gt;<mark>预算</mark>');
    expect(all.snippetHtml).not.toContain('<img');
    await removeDocument(ctx.db, 'x1');
    expect((await search(ctx.db, { q: '预算', agencyIds: ['xss'] })).total).toBe(0);
  });

  it('treats query syntax as text on both engines (quotes, backslashes, operators)', async () => {
    await indexDocument(ctx.db, {
      id: 'q1',
      agencyId: 'syn',
      kind: 'item',
      url: '/q1',
      title: "O'Brien 预算 a\\b",
      body: 'NEAR AND OR NOT * ^ : "',
      publishedAt: '2020-01-01T00:00:00.000Z',
    });
    for (const q of ["O'Brien", 'a\\b', '预算:*', '预算 & !信访', '"预算" OR', 'title : 预算', 'NEAR(预算)', "'); drop table search_docs; --"]) {
      const r = await search(ctx.db, { q, agencyIds: ['syn'] });
      expect(r.total, q).toBeGreaterThanOrEqual(0);
    }
    expect((await search(ctx.db, { q: "O'Brien", agencyIds: ['syn'] })).total).toBe(1);
    expect((await search(ctx.db, { q: '预算', agencyIds: ['syn'] })).total).toBe(1);
    await removeDocument(ctx.db, 'q1');
  });

  it('replaces a document on re-indexing and pages results', async () => {
    await indexDocument(ctx.db, {
      id: 'd2',
      agencyId: 'xfj',
      kind: 'item',
      url: '/a/x/items/d2',
      title: '关于开展2020年宪法宣传月活动的通知',
      body: '宪法',
      publishedAt: '2020-02-10T00:00:00.000Z',
    });
    expect((await search(ctx.db, { q: '宣传周' })).total).toBe(0);
    expect((await search(ctx.db, { q: '宪法宣传月' })).hits.map((h) => h.id)).toEqual(['d2']);
    const p1 = await search(ctx.db, { q: '信访', limit: 2 });
    const p2 = await search(ctx.db, { q: '信访', limit: 2, offset: 2 });
    expect(p1.hits.length).toBe(2);
    expect(new Set([...p1.hits, ...p2.hits].map((h) => h.id)).size).toBe(p1.hits.length + p2.hits.length);
    // A page past the last hit has no hits but still tells how many there are.
    const all = await search(ctx.db, { q: '信访', limit: 100 });
    const past = await search(ctx.db, { q: '信访', limit: 2, offset: all.total + 5 });
    expect(past.hits).toEqual([]);
    expect(past.total).toBe(all.total);
    expect(all.hits.map((h) => h.id).slice(0, 4)).toEqual([...p1.hits, ...p2.hits].map((h) => h.id));
  });

  it('answers the same after its segments are merged', async () => {
    const before = await search(ctx.db, { q: '信访', limit: 100 });
    await optimizeIndex(ctx.db);
    const after = await search(ctx.db, { q: '信访', limit: 100 });
    expect(after.total).toBe(before.total);
    expect(after.hits.map((h) => h.id)).toEqual(before.hits.map((h) => h.id));
  });
});

describe.each(ENGINES)('search on %s with many hits', (engine) => {
  it('keeps title hits first (newest first) and caps the total when a word is very common, scoring no hit', async () => {
    const ctx = await createTestContext(engine);
    const tuning = engine === 'sqlite' ? SQLITE_SEARCH_TUNING : POSTGRES_SEARCH_TUNING;
    const saved = { ...tuning };
    try {
      await ctx.db.transaction().execute(async (tx) => {
        for (let i = 0; i < 60; i++) {
          await indexDocument(tx, {
            id: `m${i}`,
            agencyId: i % 2 ? 'a' : 'b',
            kind: 'item',
            url: `/m${i}`,
            title: i % 5 === 0 ? `信访工作通知${i}` : `其他通知${i}`,
            body: '信访事项办理',
            publishedAt: new Date(Date.UTC(2026, 0, 1) + i * 60_000).toISOString(),
          });
        }
      });
      Object.assign(tuning, { fullRankLimit: 10, countCap: 50 });
      const p1 = await search(ctx.db, { q: '信访', limit: 10 });
      expect(p1.capped).toBe(true);
      expect(p1.total).toBe(50);
      expect(p1.hits.slice(0, 10).map((h) => h.titleMatch)).toEqual([...Array(10)].map(() => true));
      expect(p1.hits[0].id).toBe('m55');
      const p2 = await search(ctx.db, { q: '信访', limit: 10, offset: 10 });
      expect(p2.hits.map((h) => h.titleMatch)).toEqual([true, true, false, false, false, false, false, false, false, false]);
      const seen = new Set([...p1.hits, ...p2.hits].map((h) => h.id));
      expect(seen.size).toBe(20);
      const filtered = await search(ctx.db, { q: '信访', agencyIds: ['a'], limit: 40 });
      expect(filtered.total).toBe(30);
      expect(filtered.capped).toBe(false);
      expect(filtered.hits.every((h) => h.agencyId === 'a')).toBe(true);
    } finally {
      Object.assign(tuning, saved);
      await ctx.cleanup();
    }
  });
});

/**
 * The ranking tests' 40 documents (ids `${prefix}0`…): 预算 in one title in seven, twice in one body in four, once
 * in the others (equal bodies, so rank ties fall to the date); `long` ends the body of one document in three.
 */
async function indexRankingCorpus(ctx: TestContext, prefix: string, long: string) {
  await ctx.db.transaction().execute(async (tx) => {
    for (let i = 0; i < 40; i++) {
      const tail = i % 3 === 0 ? long : '';
      await indexDocument(tx, {
        id: `${prefix}${i}`,
        agencyId: 'a',
        kind: 'item',
        url: `/${prefix}${i}`,
        title: i % 7 === 0 ? `预算公开${i}` : `通知${i}`,
        body: i % 4 === 0 ? `预算预算执行${tail}` : `预算执行${tail}`,
        publishedAt: new Date(Date.UTC(2025, 0, 1) + ((i * 13) % 40) * 86_400_000).toISOString(),
      });
    }
  });
}

describe('search on sqlite, ranked from the index', () => {
  it('orders hits as ranking whole rows would: title first, bm25, then newest first on ties', async () => {
    const ctx = await createTestContext('sqlite');
    try {
      // Equal bodies tie on bm25; some are long (their dates sit behind overflow pages in the row).
      await indexRankingCorpus(ctx, 'r', '工作'.repeat(3000));
      const r = await search(ctx.db, { q: '预算', limit: 40 });
      const reference = await sql<{ id: string }>`select d.id,
          (f.rowid in (select rowid from search_title_fts where search_title_fts match 'title : ("预算")')) as title_match
        from search_fts f join search_docs d on d.rid = f.rowid where search_fts match '"预算"'
        order by title_match desc, bm25(search_fts, 10.0, 1.0, 0.0), d.published_at desc`.execute(ctx.db);
      expect(r.total).toBe(40);
      expect(r.hits.map((h) => h.id)).toEqual(reference.rows.map((x) => x.id));
      const titles = r.hits.filter((h) => h.titleMatch);
      expect(titles.map((h) => h.id).sort()).toEqual(['r0', 'r14', 'r21', 'r28', 'r35', 'r7']);
      // Among equal bodies without a title match, newest first.
      const ties = r.hits.filter((h) => !h.titleMatch && Number(h.id.slice(1)) % 4 !== 0 && Number(h.id.slice(1)) % 3 !== 0);
      expect(ties.map((h) => h.publishedAt)).toEqual(
        ties
          .map((h) => h.publishedAt)
          .sort()
          .reverse(),
      );
      const page2 = await search(ctx.db, { q: '预算', limit: 10, offset: 10 });
      expect(page2.hits.map((h) => h.id)).toEqual(r.hits.slice(10, 20).map((h) => h.id));
    } finally {
      await ctx.cleanup();
    }
  });
});

describe('search on sqlite, scoring only the words that are not very common', () => {
  it('orders the hits by the rarer words, leaves filters unscored, and orders newest first when every word is very common', async () => {
    const ctx = await createTestContext('sqlite');
    const saved = { ...SQLITE_SEARCH_TUNING };
    try {
      await ctx.db.transaction().execute(async (tx) => {
        for (let i = 0; i < 30; i++) {
          await indexDocument(tx, {
            id: `c${i}`,
            agencyId: i % 2 ? 'a' : 'b',
            kind: 'item',
            url: `/c${i}`,
            title: i % 6 === 0 ? `信访债券发行${i}` : `通知${i}`,
            // 信访 in every document; 债券 in one in three, more often in some; 工作 in every other; 会议 in four in five.
            body: `信访事项，${i % 3 === 0 ? '债券'.repeat(1 + (i % 4)) : ''}，${i % 2 ? '工作' : ''}，${i % 5 ? '会议' : ''}`,
            publishedAt: new Date(Date.UTC(2025, 0, 1) + ((i * 11) % 30) * 86_400_000).toISOString(),
          });
        }
      });
      // 信访 (30 documents), 工作 (15) and 会议 (24) count as very common here; 债券 (10) does not.
      Object.assign(SQLITE_SEARCH_TUNING, { countCap: 12, fullRankLimit: 12 });
      const reference = async (match: string, within: string) =>
        (
          await sql<{ id: string }>`select d.id,
            (f.rowid in (select rowid from search_title_fts where search_title_fts match ${`title : (${within})`})) as title_match
          from search_fts f join search_docs d on d.rid = f.rowid
          where search_fts match ${match} and +f.rowid in (select rowid from search_fts where search_fts match ${within})
          order by title_match desc, bm25(search_fts, 10.0, 1.0, 0.0), d.published_at desc`.execute(ctx.db)
        ).rows.map((x) => x.id);

      const r = await search(ctx.db, { q: '债券 信访', limit: 20 });
      expect(r.total).toBe(10);
      expect(r.hits.map((h) => h.id)).toEqual(await reference('"债券"', '"债券" AND "信访"'));
      expect(r.hits.slice(0, 5).every((h) => h.titleMatch)).toBe(true);

      const f = await search(ctx.db, { q: '债券', agencyIds: ['a'], limit: 20 });
      expect(f.hits.map((h) => h.id)).toEqual(await reference('"债券"', '"债券" AND meta : ("aga")'));
      expect(f.hits.every((h) => h.agencyId === 'a')).toBe(true);

      // Both words very common, 12 hits together: no word is scored; title hits first, then newest indexed first
      // (rowid order, as for a very common word alone).
      const both = await search(ctx.db, { q: '工作 会议', limit: 20 });
      expect(both.total).toBe(12);
      expect(both.capped).toBe(false);
      expect(both.hits.map((h) => h.id)).toEqual([29, 27, 23, 21, 19, 17, 13, 11, 9, 7, 3, 1].map((i) => `c${i}`));
      expect(both.hits.some((h) => h.titleMatch)).toBe(false);
    } finally {
      Object.assign(SQLITE_SEARCH_TUNING, saved);
      await ctx.cleanup();
    }
  });
});

describe.skipIf(!ENGINES.includes('postgres'))('search on postgres, ranked on the vector', () => {
  it('orders hits as ranking whole rows would, with long vectors kept in the row', async () => {
    const ctx = await createTestContext('postgres');
    try {
      // Some documents are long (their vectors would otherwise leave the row); equal bodies tie on ts_rank.
      await indexRankingCorpus(ctx, 'p', Array.from({ length: 1500 }, (_, k) => `工作${k}`).join('，'));
      const r = await search(ctx.db, { q: '预算', limit: 40 });
      // The statement this one replaced: every hit's whole row, the title checked on a filtered copy of the vector.
      const reference = await sql<{ id: string }>`select d.id, (ts_filter(d.tsv, '{a}') @@ '''预算'''::tsquery) as title_match
        from search_docs d where d.tsv @@ '''预算'''::tsquery
        order by title_match desc, ts_rank(d.tsv, '''预算'''::tsquery) desc, d.published_at desc, d.id`.execute(ctx.db);
      expect(r.total).toBe(40);
      expect(r.hits.map((h) => h.id)).toEqual(reference.rows.map((x) => x.id));
      expect(
        r.hits
          .filter((h) => h.titleMatch)
          .map((h) => h.id)
          .sort(),
      ).toEqual(['p0', 'p14', 'p21', 'p28', 'p35', 'p7']);
      const page2 = await search(ctx.db, { q: '预算', limit: 10, offset: 10 });
      expect(page2.hits.map((h) => h.id)).toEqual(r.hits.slice(10, 20).map((h) => h.id));
      // Migration 0024: vectors are stored MAIN, so a long document's vector is compressed in its row.
      const storage = await sql<{ s: string }>`select attstorage as s from pg_attribute
        where attrelid = 'search_docs'::regclass and attname = 'tsv'`.execute(ctx.db);
      expect(storage.rows[0]?.s).toBe('m');
    } finally {
      await ctx.cleanup();
    }
  });
});
