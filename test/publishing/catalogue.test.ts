import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ENGINES, createTestContext, type TestContext } from '../helpers/db.js';
import { seedPlatform } from '../../src/platform/demo/platform.seed.js';
import type { Principal } from '../../src/platform/auth/permissions.js';
import { columnsOf, saveColumn, settingsOf, updateSettings } from '../../src/publishing/catalogue.service.js';
import { createItem, getItemDetail, releaseItem, reviewItem, submitItem } from '../../src/publishing/items.service.js';
import { ALL_CHECKS, principalOf } from './helpers.js';

describe.each(ENGINES)('catalogue configuration on %s', (engine) => {
  let ctx: TestContext;
  const u: Record<string, Principal> = {};
  beforeAll(async () => {
    ctx = await createTestContext(engine);
    await ctx.db.transaction().execute((tx) => seedPlatform(tx, { demoPassword: 'x' }));
    for (const n of ['czj.clerk', 'czj.head', 'xfj.clerk']) u[n] = await principalOf(ctx.db, n);
  });
  afterAll(async () => ctx.cleanup());

  it('lets an agency add columns, change the index pattern and shorten the review chain', async () => {
    await expect(updateSettings(ctx.db, u['czj.head'], { indexPattern: '{agency}-{seq}' })).rejects.toThrow(/年份|无法识别/);
    await expect(updateSettings(ctx.db, u['czj.head'], { reviewLevels: ['principal', 'principal'] })).rejects.toThrow(/不能重复/);
    await expect(updateSettings(ctx.db, u['czj.clerk'], { reviewLevels: ['office_head'] })).rejects.toThrow(/权限/);
    await updateSettings(ctx.db, u['czj.head'], { indexPattern: 'ZZCZ/{year}-{seq:5}', reviewLevels: ['office_head'] });
    expect(await settingsOf(ctx.db, u['czj.head'].agencyId)).toEqual({ indexPattern: 'ZZCZ/{year}-{seq:5}', reviewLevels: ['office_head'] });
    await saveColumn(ctx.db, u['czj.clerk'], {
      code: 'zfzw',
      name: '政府债务',
      section: 'statutory',
      art20: null,
      description: '政府债务限额、余额和使用情况。',
    });
    await expect(saveColumn(ctx.db, u['czj.clerk'], { code: 'Bad Code', name: 'x', section: 'statutory' })).rejects.toThrow(/栏目代码/);
    const cols = await columnsOf(ctx.db, u['czj.clerk'].agencyId);
    expect(cols.map((c) => c.code)).toContain('zfzw');
    // Another agency's catalogue is untouched.
    expect((await columnsOf(ctx.db, u['xfj.clerk'].agencyId)).map((c) => c.code)).not.toContain('zfzw');

    const item = await createItem(ctx.db, u['czj.clerk'], {
      columnCode: 'zfzw',
      kind: 'general',
      title: '枣庄市2026年政府债务限额及余额情况',
      bodyHtml: '<p>情况说明</p>',
      createdOn: '2026-11-20',
      attribute: 'proactive',
    });
    await submitItem(ctx.db, u['czj.clerk'], item.id);
    const d = await getItemDetail(ctx.db, u['czj.head'], item.id);
    expect(d.review.levels).toEqual(['office_head']);
    await reviewItem(ctx.db, u['czj.head'], item.id, { decision: 'approved', checklist: ALL_CHECKS, contentHash: d.item.content_hash });
    const [released] = await releaseItem(ctx.db, u['czj.clerk'], item.id);
    expect(released.index_no).toMatch(/^ZZCZ\/\d{4}-00001$/);
  });
});
