import { describe, expect, it } from 'vitest';
import { spawnSync } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Sqlite from 'better-sqlite3';
import { openContext } from '../../src/capabilities.js';
import { loadConfig } from '../../src/platform/config.js';

const run = (args: string[], env: Record<string, string>) =>
  spawnSync(process.execPath, ['--import', 'tsx', 'src/cli.ts', ...args], { encoding: 'utf8', env: { ...process.env, LOG_LEVEL: 'silent', ...env }, timeout: 60_000 });

describe('command line', () => {
  it('invalid configuration: one clear line and exit code 1', () => {
    const res = run(['serve'], { DATABASE_URL: 'mysql://localhost/x' });
    expect(res.status).toBe(1);
    expect(res.stderr.trim().split('\n')).toHaveLength(1);
    expect(res.stderr).toContain('DATABASE_URL');
    const port = run(['serve'], { PORT: 'eighty' });
    expect(port.status).toBe(1);
    expect(port.stderr).toContain('PORT');
  });

  it('audit verify on a real database file finds an edited row; backup makes a usable copy', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'gk-cli-'));
    const env = { DATABASE_URL: `sqlite:${join(dir, 'g.db')}`, GONGKAI_DEMO_PASSWORD: 'Demo-Pass-2026!', GONGKAI_SECRET: 'k'.repeat(40) };
    const ctx = await openContext(loadConfig({ ...env, LOG_LEVEL: 'silent' }), { seed: true });
    await ctx.db.destroy();
    const ok = run(['audit', 'verify'], env);
    expect(ok.status, ok.stderr).toBe(0);
    expect(ok.stdout).toContain('审计链完整');
    const conn = new Sqlite(join(dir, 'g.db'));
    conn.exec('drop trigger audit_log_no_update');
    conn.exec("update audit_log set entity_id = 'forged' where seq = 4");
    conn.close();
    const bad = run(['audit', 'verify'], env);
    expect(bad.status).toBe(1);
    expect(bad.stdout).toContain('第 4 条审计记录');
    const backup = run(['backup', join(dir, 'copy.db')], env);
    expect(backup.status, backup.stderr).toBe(0);
    expect(backup.stdout).toContain('恢复');
    const copy = new Sqlite(join(dir, 'copy.db'), { readonly: true });
    expect(copy.prepare("select count(*) n from sqlite_master where name = 'audit_log'").get()).toEqual({ n: 1 });
    copy.close();
  });

  it('unknown commands exit 2 with the usage', () => {
    const res = run(['frobnicate'], {});
    expect(res.status).toBe(2);
    expect(res.stderr).toContain('未知命令');
  });
});
