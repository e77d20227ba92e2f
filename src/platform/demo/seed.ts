import type { Capability } from '../capability.js';
import type { AppContext } from '../context.js';
import { formatDemoAccounts, seedPlatform, type PlatformDemo } from './platform.seed.js';
import { optimizeIndex } from '../search/search.js';

/**
 * Loads the demo data into an empty database in one transaction (all or nothing): the platform (agencies,
 * staff), then each capability's demo records in the composition root's order; then the search index's
 * segments are merged.
 */

export async function isEmpty(ctx: AppContext): Promise<boolean> {
  const row = await ctx.db
    .selectFrom('agencies')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .executeTakeFirstOrThrow();
  return Number(row.n) === 0;
}

/** Seeds the demo; returns the printout of generated passwords. */
export async function seedDemo(ctx: AppContext, capabilities: readonly Capability[]): Promise<{ demo: PlatformDemo; printout: string }> {
  const demo = await ctx.db.transaction().execute(async (tx) => {
    const d = await seedPlatform(tx, { demoPassword: ctx.config.demoPassword });
    for (const c of capabilities) if (c.seed) await c.seed(tx, ctx, d);
    return d;
  });
  await optimizeIndex(ctx.db);
  return {
    demo,
    printout: ctx.config.demoPassword ? '演示账户的密码为环境变量 GONGKAI_DEMO_PASSWORD 的值，首次登录后须修改。' : formatDemoAccounts(demo.accounts),
  };
}
