import { describe, expect, it } from 'vitest';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import Sqlite from 'better-sqlite3';
import { COMMANDS, openContext } from '../../src/capabilities.js';
import { dispatch } from '../../src/cli.js';
import { loadConfig } from '../../src/platform/config.js';

/** tsx's loader by file URL: these runs start in an empty folder, where `--import tsx` would not resolve. */
const TSX = pathToFileURL(join(process.cwd(), 'node_modules/tsx/dist/loader.mjs')).href;

const run = (args: string[], env: Record<string, string>) =>
  spawnSync(process.execPath, ['--import', 'tsx', 'src/cli.ts', ...args], {
    encoding: 'utf8',
    env: { ...process.env, LOG_LEVEL: 'silent', ...env },
    timeout: 60_000,
  });

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

  it('--help on every command and subcommand: exit 0, only the usage, nothing run (must show 3)', async () => {
    const names = [...Object.keys(COMMANDS), 'serve', 'audit verify', 'jobs list', 'jobs run', 'backup'];
    for (const name of names) {
      for (const flag of ['--help', '-h']) {
        const args = [...name.split(' '), flag];
        const res = await dispatch(args);
        expect(res, args.join(' ')).not.toBe('serving');
        if (res === 'serving') continue;
        expect(res.exitCode, args.join(' ')).toBe(0);
        expect(res.stderr, args.join(' ')).toBe('');
        expect(res.stdout, args.join(' ')).toMatch(/^用法：gongkai /);
        expect(res.stdout, args.join(' ')).toContain(`gongkai ${name}`);
      }
      // After other arguments too: `report build --agency x --help` prints the usage, builds nothing.
      const late = await dispatch([...name.split(' '), '--out', 'x.json', '--help']);
      expect(late !== 'serving' && late.exitCode, name).toBe(0);
    }
    // Groups: `report --help` lists both report commands; `report` alone is a usage error.
    const group = await dispatch(['report', '--help']);
    expect(group !== 'serving' && group.exitCode).toBe(0);
    expect(group !== 'serving' && group.stdout).toContain('gongkai report check');
    expect(group !== 'serving' && group.stdout).toContain('gongkai report build');
    const bare = await dispatch(['calendar']);
    expect(bare !== 'serving' && bare.exitCode).toBe(2);
    expect(bare !== 'serving' && bare.stderr).toContain('gongkai calendar import');
    const wrongSub = await dispatch(['report', 'publish']);
    expect(wrongSub !== 'serving' && wrongSub.stderr).toContain('未知命令：report publish');
    // The general help names every command the capabilities declare.
    const help = await dispatch(['--help']);
    for (const name of Object.keys(COMMANDS)) expect(help !== 'serving' && help.stdout, name).toContain(name);
  });

  it('an option-looking argument is never taken as a file name: `backup --help` writes no file', () => {
    const dir = mkdtempSync(join(tmpdir(), 'gk-cli-help-'));
    const res = spawnSync(process.execPath, ['--import', TSX, join(process.cwd(), 'src/cli.ts'), 'backup', '--help'], {
      cwd: dir,
      encoding: 'utf8',
      env: { ...process.env, LOG_LEVEL: 'silent' },
      timeout: 60_000,
    });
    expect(res.status, res.stderr).toBe(0);
    expect(res.stdout).toContain('用法：gongkai backup');
    expect(readdirSync(dir)).toEqual([]);
    const dash = spawnSync(process.execPath, ['--import', TSX, join(process.cwd(), 'src/cli.ts'), 'backup', '-x'], {
      cwd: dir,
      encoding: 'utf8',
      env: { ...process.env, LOG_LEVEL: 'silent' },
      timeout: 60_000,
    });
    expect(dash.status).toBe(2);
    expect(dash.stderr).toContain('无法识别的参数：-x');
    expect(readdirSync(dir)).toEqual([]);
  }, 60_000);
});
