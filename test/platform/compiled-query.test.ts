import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'kysely';
import { compiledOnce, runRead } from '../../src/platform/db/compiled.js';
import { insertAgency } from '../../src/platform/org/agencies.service.js';
import type { DbOrTx } from '../../src/platform/db/index.js';
import { createTestContext, ENGINES, type TestContext } from '../helpers/db.js';

// Queries compiled once and run with new arguments (the portal's hot reads): the same rows as building the query
// anew, on each engine, inside and outside transactions.
const byCode = compiledOnce((db: DbOrTx, code: string, kind: 'department' | 'government') =>
  db.selectFrom('agencies').select(['id', 'name', 'code']).where('code', '=', code).where('kind', '=', kind).where('name', '!=', '—'),
);
const firstN = compiledOnce((db: DbOrTx, n: number) => db.selectFrom('agencies').select('code').orderBy('code').limit(n));

describe.each(ENGINES)('queries compiled once on %s', (engine) => {
  let t: TestContext;
  beforeAll(async () => {
    t = await createTestContext(engine);
    await t.db.transaction().execute(async (tx) => {
      await insertAgency(tx, { name: '甲局', kind: 'department', code: 'jia' });
      await insertAgency(tx, { name: '乙局', kind: 'department', code: 'yi' });
    });
  });
  afterAll(async () => t?.cleanup());

  it('takes each call’s own arguments (string and number), constants stay in place', async () => {
    expect((await byCode(t.db, 'jia', 'department')).map((r) => r.name)).toEqual(['甲局']);
    expect((await byCode(t.db, 'yi', 'department')).map((r) => r.name)).toEqual(['乙局']);
    expect(await byCode(t.db, 'yi', 'government')).toEqual([]);
    const all = (await t.db.selectFrom('agencies').select('code').orderBy('code').execute()).map((r) => r.code);
    expect((await firstN(t.db, 1)).map((r) => r.code)).toEqual(all.slice(0, 1));
    expect((await firstN(t.db, 2)).map((r) => r.code)).toEqual(all.slice(0, 2));
  });

  it('inside a transaction reads what the transaction wrote; outside it waits for the commit', async () => {
    let inside: unknown[] = [];
    const writing = t.db.transaction().execute(async (tx) => {
      await insertAgency(tx, { name: '丙局', kind: 'department', code: 'bing' });
      inside = await byCode(tx, 'bing', 'department');
      // Another request's read while this transaction is open (on SQLite: the same connection).
      const outside = byCode(t.db, 'bing', 'department');
      // On PostgreSQL the read runs on another pooled connection and does not wait for this writer: awaited here, so
      // that a slow connection start on a loaded machine cannot push it past the commit (it once did, in a full run).
      if (engine !== 'sqlite') await outside;
      await new Promise((r) => setTimeout(r, 20));
      return { outside };
    });
    const { outside } = await writing;
    expect(inside).toHaveLength(1);
    // On SQLite the read waited for the transaction's turn and sees the committed row; PostgreSQL's own connection
    // saw the state before the commit. Never a half-written state, never an error.
    expect((await outside).length).toBe(engine === 'sqlite' ? 1 : 0);
    expect(await byCode(t.db, 'bing', 'department')).toHaveLength(1);
  });

  it('runs compiled statements whose text varies by call (each variant prepared once), inside and outside transactions', async () => {
    const names = async (db: DbOrTx, codes: string[]) =>
      (await runRead(db, sql<{ name: string }>`select name from agencies where code in (${sql.join(codes)}) order by code`.compile(db))).map((r) => r.name);
    for (let i = 0; i < 3; i++) {
      expect(await names(t.db, ['jia'])).toEqual(['甲局']);
      expect(await names(t.db, ['yi', 'jia'])).toEqual(['甲局', '乙局']);
    }
    await t.db.transaction().execute(async (tx) => {
      await insertAgency(tx, { name: '丁局', kind: 'department', code: 'ding' });
      expect(await names(tx, ['ding', 'jia'])).toEqual(['丁局', '甲局']);
    });
    expect(await names(t.db, ['ding'])).toEqual(['丁局']);
  });

  it('gives the same rows as Kysely for every kind of value (null, numbers, text, bytes), in column order', async () => {
    const text = sql<
      Record<string, unknown>
    >`select a.code, a.name, a.parent_id, 42 as n, 2.5 as x, null as absent, ${'文'} as t from agencies a where a.code in ('jia', 'yi') order by a.code`;
    const viaKysely = (await text.execute(t.db)).rows;
    const viaRead = await runRead(t.db, text.compile(t.db));
    expect(viaRead).toEqual(viaKysely);
    expect(viaRead.map((r) => Object.keys(r))).toEqual(viaKysely.map((r) => Object.keys(r)));
    // The same SQL text through Kysely afterwards still reads objects (the reader's statement is its own).
    expect((await text.execute(t.db)).rows).toEqual(viaKysely);
    if (engine === 'sqlite') {
      const bytes = sql<{ b: Buffer }>`select x'00ff10' as b`;
      expect((await runRead(t.db, bytes.compile(t.db)))[0].b).toEqual(Buffer.from([0, 255, 16]));
    }
  });

  it('refuses, before any query runs, an argument that does not reach the statement as given', async () => {
    const like = compiledOnce((db: DbOrTx, q: string) => db.selectFrom('agencies').select('id').where('name', 'like', `%${q}%`));
    await expect(like(t.db, '局')).rejects.toThrow(/transformed|does not reach/);
    const unused = compiledOnce((db: DbOrTx, _q: string) => db.selectFrom('agencies').select('id'));
    await expect(unused(t.db, '局')).rejects.toThrow(/does not reach/);
  });
});
