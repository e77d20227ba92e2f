import { collectMigrations, registerJobs, type Capability } from './capability.js';
import type { Config } from './config.js';
import { createContext, type AppContext, type ContextOptions } from './context.js';
import { createDb } from './db/index.js';
import { migrateToLatest } from './db/migrate.js';
import { migrations } from './db/migrations/index.js';
import { isEmpty, seedDemo } from './demo/seed.js';
import { verifySecretKey } from './secret-key.js';

/**
 * Opens the database, runs every migration (the platform's and the capabilities'), assembles the context with
 * the capabilities' jobs and, on an empty database, loads the demo data.
 */
export async function bootstrap(
  config: Config,
  capabilities: readonly Capability[],
  opts: { seed?: boolean; log?: (line: string) => void } & ContextOptions = {},
): Promise<AppContext> {
  const db = createDb(config.database);
  const ctx = createContext(db, config, opts);
  try {
    registerJobs(ctx, capabilities);
    const applied = await migrateToLatest(db, collectMigrations(migrations, capabilities));
    if (applied.length) opts.log?.(`数据库迁移完成：${applied.join(', ')}`);
    // Refuse a key that is not the one the data was encrypted with (before anything is read or written with it).
    await verifySecretKey(db, config, ctx.cipher, async () => !(await isEmpty(ctx)));
    if ((opts.seed ?? config.loadDemo) && (await isEmpty(ctx))) {
      const { printout } = await seedDemo(ctx, capabilities);
      opts.log?.('数据库为空，已载入演示数据。');
      opts.log?.(printout);
    }
  } catch (err) {
    await db.destroy();
    throw err;
  }
  return ctx;
}
