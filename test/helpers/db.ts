import pg from 'pg';
import { randomBytes } from 'node:crypto';
import { loadConfig, type Config } from '../../src/platform/config.js';
import { createContext, type AppContext } from '../../src/platform/context.js';
import { createFieldCipher } from '../../src/platform/crypto.js';
import { createDb, type Engine } from '../../src/platform/db/index.js';
import { migrateDatabase } from '../../src/capabilities.js';

/**
 * Store tests run on every engine present: SQLite always, PostgreSQL when TEST_DATABASE_URL is set (a fresh
 * database is created per context and dropped afterwards). Use: `describe.each(ENGINES)('%s', (engine) => …)`.
 */

export const PG_URL = process.env.TEST_DATABASE_URL;
export const ENGINES: Engine[] = PG_URL ? ['sqlite', 'postgres'] : ['sqlite'];

export interface TestContext extends AppContext {
  engine: Engine;
  cleanup: () => Promise<void>;
}

export function testConfig(overrides: Partial<Config> = {}): Config {
  const base = loadConfig({ DATABASE_URL: 'sqlite::memory:', LOG_LEVEL: 'silent', GONGKAI_SECRET: randomBytes(24).toString('hex') }, { generateSecret: false });
  // Many sign-ins come from one address in tests; the limit itself is tested with its own low setting.
  process.env.PORTAL_CACHE_SECONDS ??= '0';
  return { ...base, loginRateLimit: 10_000, ...overrides };
}

async function createPgDatabase(): Promise<{ url: string; drop: () => Promise<void> }> {
  const admin = new URL(PG_URL!);
  const name = `gk_test_${Date.now().toString(36)}_${randomBytes(4).toString('hex')}`;
  const client = new pg.Client({ connectionString: admin.toString() });
  await client.connect();
  await client.query(`create database ${name}`);
  await client.end();
  const url = new URL(admin.toString());
  url.pathname = `/${name}`;
  return {
    url: url.toString(),
    drop: async () => {
      const c = new pg.Client({ connectionString: admin.toString() });
      await c.connect();
      await c.query(`drop database if exists ${name} with (force)`);
      await c.end();
    },
  };
}

/** A migrated, empty database on the given engine, with a context around it. */
export async function createTestContext(engine: Engine, overrides: Partial<Config> = {}): Promise<TestContext> {
  let config = testConfig(overrides);
  let drop = async () => {};
  if (engine === 'postgres') {
    if (!PG_URL) throw new Error('TEST_DATABASE_URL is not set');
    const created = await createPgDatabase();
    config = { ...config, database: { engine: 'postgres', url: created.url } };
    drop = created.drop;
  }
  const db = createDb(config.database, { poolSize: 4 });
  await migrateDatabase(db);
  return {
    ...createContext(db, config, { cipher: createFieldCipher(config.secretKey) }),
    engine,
    cleanup: async () => {
      await db.destroy();
      await drop();
    },
  };
}
