import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { sql } from 'kysely';
import { afterAll, describe, expect, it } from 'vitest';
import { createDb } from '../../src/platform/db/index.js';

/** Issue 8, 7: the database and backup files were created 0644 (readable by every local user). */

const dir = mkdtempSync(join(tmpdir(), 'gk-modes-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
const mode = (p: string) => statSync(p).mode & 0o777;

describe('files holding personal data are created 0600', () => {
  const path = join(dir, 'data', 'gk.db');

  it('the SQLite database and its WAL files', async () => {
    const db = createDb({ engine: 'sqlite', path });
    await sql`create table t (x text)`.execute(db);
    await sql`insert into t values ('申请人')`.execute(db);
    expect(mode(path)).toBe(0o600);
    for (const f of [`${path}-wal`, `${path}-shm`]) if (existsSync(f)) expect(mode(f), f).toBe(0o600);
    await db.destroy();
  });

  it('an online backup made by `gongkai backup`', () => {
    const out = join(dir, 'backup.db');
    const r = spawnSync(process.execPath, [new URL('../../bin/gongkai.js', import.meta.url).pathname, 'backup', out], {
      env: { ...process.env, DATABASE_URL: `sqlite:${path}`, DATA_DIR: dir, GONGKAI_SECRET: 'x'.repeat(40) },
      encoding: 'utf8',
      timeout: 120_000,
    });
    expect(r.status, r.stderr).toBe(0);
    expect(mode(out)).toBe(0o600);
  }, 120_000);
});
