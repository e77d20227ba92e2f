import { copyFileSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { sql } from 'kysely';
import pg from 'pg';
import { afterAll, describe, expect, it } from 'vitest';
import { createApp } from '../../src/capabilities.js';
import { createContext } from '../../src/platform/context.js';
import { createDb, type Db, type Engine } from '../../src/platform/db/index.js';
import { migrateDatabase } from '../../src/capabilities.js';
import { verifyAudit } from '../../src/platform/audit/audit.js';
import { FIXTURE_DEMO_PASSWORD, FIXTURE_SECRET, checksumOf, type TableSum } from '../fixtures/db/fixture-tables.js';
import { testConfig } from '../helpers/db.js';
import { PG_URL } from '../helpers/db.js';
import { Client } from '../helpers/app.js';
import type { Config } from '../../src/platform/config.js';

/**
 * Must-show 6 of issue 10: a database created by the code of an older `main` (test/fixtures/db, made by
 * make-fixture.ts at the commit named in manifest.json) migrates with today's migrations with every row intact,
 * and the application reads it (sign-in, decrypted applicant data, the portal).
 */

const dir = join(import.meta.dirname, '..', 'fixtures', 'db');
const manifest = JSON.parse(readFileSync(join(dir, 'manifest.json'), 'utf8')) as {
  commit: string;
  sqlite: Record<string, TableSum>;
  postgres: Record<string, TableSum>;
};
const tmp = mkdtempSync(join(tmpdir(), 'gk-upgrade-'));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

async function restore(engine: Engine): Promise<{ config: Config; drop: () => Promise<void> }> {
  const base = testConfig({ secretKey: Buffer.from(FIXTURE_SECRET, 'utf8') });
  if (engine === 'sqlite') {
    const file = join(tmp, `demo-${Date.now()}.sqlite`);
    copyFileSync(join(dir, 'demo.sqlite'), file);
    return { config: { ...base, database: { engine: 'sqlite', path: file } }, drop: async () => {} };
  }
  const name = `gk_upgrade_${Date.now().toString(36)}`;
  const admin = new pg.Client({ connectionString: PG_URL });
  await admin.connect();
  await admin.query(`create database ${name}`);
  await admin.end();
  const url = new URL(PG_URL!);
  url.pathname = `/${name}`;
  // The plain dump (INSERT form) runs as one simple-protocol query, so no psql is needed; psql's own
  // \restrict/\unrestrict guard lines (pg_dump 15.14+) are meta-commands, not SQL.
  const dump = readFileSync(join(dir, 'demo.postgres.sql'), 'utf8').replace(/^\\(un)?restrict .*$/gm, '');
  const c = new pg.Client({ connectionString: url.toString() });
  await c.connect();
  await c.query(dump);
  await c.end();
  return {
    config: { ...base, database: { engine: 'postgres', url: url.toString() } },
    drop: async () => {
      const a = new pg.Client({ connectionString: PG_URL });
      await a.connect();
      await a.query(`drop database if exists ${name} with (force)`);
      await a.end();
    },
  };
}

async function expectRowsIntact(db: Db, sums: Record<string, TableSum>) {
  const tables = Object.keys(sums);
  expect(tables.length).toBeGreaterThan(20);
  for (const t of tables) {
    const { keyColumns, count, checksum } = sums[t]!;
    expect({ table: t, ...(await checksumOf(db, t, keyColumns)) }).toEqual({ table: t, count, checksum });
  }
}

const engines: Engine[] = PG_URL ? ['sqlite', 'postgres'] : ['sqlite'];

describe.each(engines)('a %s database made by an older main', (engine) => {
  it('migrates with every row intact, and the application reads it', async () => {
    const { config, drop } = await restore(engine);
    const db = createDb(config.database, { poolSize: 2 });
    try {
      const before = (await sql<{ name: string }>`select name from kysely_migration`.execute(db)).rows;
      const applied = await migrateDatabase(db);
      // The fixture carries the migrations of its commit; everything after them applies now.
      for (const m of before) expect(applied).not.toContain(m.name);
      await expectRowsIntact(db, manifest[engine]);
      expect((await verifyAudit(db)).ok).toBe(true);

      const ctx = createContext(db, config);
      await db.updateTable('users').set({ must_change_password: 0 }).where('username', '=', 'xfj.clerk').execute();
      const app = await createApp(ctx, { logger: false });
      try {
        const client = new Client(app);
        const login = await client.login('xfj.clerk', FIXTURE_DEMO_PASSWORD);
        expect(login.statusCode).toBe(200);
        const list = await client.request('GET', '/api/cases?pageSize=100');
        expect(list.statusCode).toBe(200);
        const items = list.json().items as { id: string }[];
        expect(items.length).toBeGreaterThan(3);
        // Personal data written with the fixture's key decrypts: a case page shows the applicant's name.
        const detail = await client.request('GET', `/api/cases/${items[0]!.id}`);
        expect(detail.statusCode).toBe(200);
        expect(detail.body).toMatch(/某/);
        const home = await app.inject({ method: 'GET', url: '/' });
        expect(home.statusCode).toBe(200);
        expect(home.body).toContain('政府信息公开');
      } finally {
        await app.close();
      }
    } finally {
      await db.destroy();
      await drop();
    }
  }, 120_000);
});
