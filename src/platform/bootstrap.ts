import type { Config } from './config.js';
import type { AppContext } from './context.js';
import { createFieldCipher } from './crypto.js';
import { createDb } from './db/index.js';
import { migrateToLatest } from './db/migrate.js';
import { isEmpty, seedDemo } from '../demo/seed.js';

/** Opens the database, runs migrations and, on an empty database, loads the demo data. */
export async function bootstrap(config: Config, opts: { seed?: boolean; log?: (line: string) => void } = {}): Promise<AppContext> {
  const db = createDb(config.database);
  const ctx: AppContext = { db, config, cipher: createFieldCipher(config.secretKey) };
  try {
    const applied = await migrateToLatest(db);
    if (applied.length) opts.log?.(`数据库迁移完成：${applied.join(', ')}`);
    if ((opts.seed ?? config.loadDemo) && (await isEmpty(ctx))) {
      const { printout } = await seedDemo(ctx);
      opts.log?.('数据库为空，已载入演示数据。');
      opts.log?.(printout);
    }
  } catch (err) {
    await db.destroy();
    throw err;
  }
  return ctx;
}
