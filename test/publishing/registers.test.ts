import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ENGINES, createTestContext, type TestContext } from '../helpers/db.js';
import { seedPlatform } from '../../src/platform/demo/platform.seed.js';
import type { PlatformDemo } from '../../src/platform/demo/platform.seed.js';
import { proactiveTable } from '../../src/publishing/registers.service.js';
import { newId } from '../../src/platform/ids.js';

describe.each(ENGINES)('proactiveTable on %s', (engine) => {
  let ctx: TestContext;
  let demo: PlatformDemo;
  beforeAll(async () => {
    ctx = await createTestContext(engine);
    demo = await ctx.db.transaction().execute((tx) => seedPlatform(tx, {}));
    const xfj = demo.xfj.id;
    const czj =
      demo.agencies['枣庄市财政局']?.id ?? (await ctx.db.selectFrom('agencies').select('id').where('code', '=', 'zzczj').executeTakeFirstOrThrow()).id;
    const now = new Date().toISOString();
    const doc = (agency: string, kind: 'rule' | 'normative', made: string, published: string | null, repealed: string | null) => ({
      id: newId(),
      agency_id: agency,
      kind,
      title: '文件',
      doc_number: null,
      made_on: made,
      published_on: published,
      repealed_on: repealed,
      item_id: null,
      created_at: now,
      updated_at: now,
    });
    await ctx.db
      .insertInto('pub_register_docs')
      .values([
        doc(xfj, 'normative', '2020-03-01', '2020-03-10', null),
        doc(xfj, 'normative', '2019-05-01', '2019-05-10', '2020-06-30'),
        doc(xfj, 'normative', '2018-01-01', '2018-01-05', null),
        doc(czj, 'normative', '2020-12-20', '2021-01-04', null),
        doc(czj, 'rule', '2020-02-01', '2020-02-03', null),
      ])
      .execute();
    const stat = (agency: string, kind: string, year: number, items: number | null, decisions = 0, projects = 0, amount = 0) => ({
      id: newId(),
      agency_id: agency,
      kind: kind as any,
      year,
      items,
      decisions,
      projects,
      amount_yuan: amount,
      note: '',
      updated_at: now,
    });
    await ctx.db
      .insertInto('pub_register_stats')
      .values([
        stat(xfj, 'licensing', 2019, 4, 10),
        stat(xfj, 'licensing', 2020, 6, 12),
        stat(czj, 'licensing', 2019, 3, 1),
        stat(czj, 'penalty', 2020, 2, 5),
        stat(czj, 'fees', 2019, 7),
        stat(czj, 'fees', 2020, 5, 0, 0, 123456),
        stat(xfj, 'procurement', 2020, null, 0, 3, 250000),
      ])
      .execute();
    (ctx as any).ids = { xfj, czj };
  });
  afterAll(async () => ctx.cleanup());

  it('sums the 2019 format cell by cell', async () => {
    const { xfj, czj } = (ctx as any).ids;
    const t = await proactiveTable(ctx.db, [xfj, czj], 2020, '2019');
    expect(t).toEqual({
      rules: { made: 1, published: 1, in_force_total: 1 },
      normative_documents: { made: 2, published: 1, in_force_total: 2 },
      licensing: { previous_items: 7, change: 2, decisions: 12 },
      other_services: { previous_items: 0, change: 0, decisions: 0 },
      penalty: { previous_items: 0, change: 2, decisions: 5 },
      enforcement: { previous_items: 0, change: 0, decisions: 0 },
      fees: { previous_items: 7, change: -2 },
      procurement: { projects: 3, amount: 25 },
    });
  });

  it('sums the 2021 format and gives zeros for empty registers', async () => {
    const { xfj, czj } = (ctx as any).ids;
    expect(await proactiveTable(ctx.db, [xfj, czj], 2020, '2021')).toEqual({
      rules: { issued: 1, repealed: 0, in_force: 1 },
      normative_documents: { issued: 2, repealed: 1, in_force: 3 },
      licensing: { decisions: 12 },
      penalty: { decisions: 5 },
      enforcement: { decisions: 0 },
      fees: { amount_10k_yuan: 12.3456 },
    });
    const empty = await proactiveTable(ctx.db, [demo.government.id], 2020, '2021');
    expect(empty).toEqual({
      rules: { issued: 0, repealed: 0, in_force: 0 },
      normative_documents: { issued: 0, repealed: 0, in_force: 0 },
      licensing: { decisions: 0 },
      penalty: { decisions: 0 },
      enforcement: { decisions: 0 },
      fees: { amount_10k_yuan: 0 },
    });
    expect((await proactiveTable(ctx.db, [], 2020, '2019')).rules).toEqual({ made: 0, published: 0, in_force_total: 0 });
  });

  it('one agency alone is its own share of the sum', async () => {
    const { xfj, czj } = (ctx as any).ids;
    const a = (await proactiveTable(ctx.db, [xfj], 2020, '2021')) as any;
    const b = (await proactiveTable(ctx.db, [czj], 2020, '2021')) as any;
    const both = (await proactiveTable(ctx.db, [xfj, czj], 2020, '2021')) as any;
    for (const row of Object.keys(both)) for (const col of Object.keys(both[row])) expect(both[row][col]).toBeCloseTo(a[row][col] + b[row][col]);
  });
});
