import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openContext } from '../../src/capabilities.js';
import type { CommandEnv } from '../../src/platform/commands.js';
import { testConfig } from '../helpers/db.js';
import type { Config } from '../../src/platform/config.js';
import { reportBuildCommand } from '../../src/reports/report-build.command.js';
import { checkReportBytes } from '../../src/reports/check/check.js';
import { runReportCheckCommand } from '../../src/reports/report-check.command.js';

/**
 * Must-show 1 of the annual-report issue: on a fresh demo database, `report build --agency 枣庄市信访局
 * --year 2020` gives the seed report's tables (2019 format; 4 new applications, all from natural persons;
 * 3 disclosed; 1 other; total 4; nothing carried; all appeals 0), and checking the built .txt, .html and
 * .docx finds no error.
 */

describe('report build on a fresh demo database', () => {
  let dir: string;
  let config: Config;

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'gk-report-build-'));
    config = testConfig({ database: { engine: 'sqlite', path: join(dir, 'demo.db') }, dataDir: dir, demoPassword: 'Demo-Pass-2026!' });
    const ctx = await openContext(config, { seed: true });
    await ctx.db.destroy();
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  const build = async (ext: string) => {
    const out = join(dir, `x.${ext}`);
    const res = await reportBuildCommand(['--agency', '枣庄市信访局', '--year', '2020', '--out', out], {
      config: () => config,
      open: (o) => openContext(config, o),
    });
    expect(res.stderr).toBe('');
    expect(res.exitCode).toBe(0);
    return readFileSync(out);
  };

  it('gives the seed report tables as report-data.md JSON', async () => {
    const data = JSON.parse((await build('json')).toString('utf8'));
    expect(Object.keys(data)).toEqual(['agency', 'year', 'format', 'tables', 'findings']);
    expect(data).toMatchObject({ agency: '枣庄市信访局', year: 2020, format: '2019' });
    const t = data.tables.requests;
    const zero = { natural_person: 0, business: 0, research: 0, nonprofit: 0, legal_service: 0, other: 0, total: 0 };
    expect(t.new).toEqual({ ...zero, natural_person: 4, total: 4 });
    expect(t.carried_in).toEqual(zero);
    expect(t.disclosed).toEqual({ ...zero, natural_person: 3, total: 3 });
    expect(t.other).toEqual({ ...zero, natural_person: 1, total: 1 });
    expect(t.total).toEqual({ ...zero, natural_person: 4, total: 4 });
    expect(t.carried_out).toEqual(zero);
    expect(t.other_misc).toBeUndefined();
    for (const row of Object.keys(t)) if (!['new', 'disclosed', 'other', 'total'].includes(row)) expect(t[row], row).toEqual(zero);
    for (const g of ['reconsideration', 'litigation_direct', 'litigation_after_reconsideration']) {
      expect(data.tables.appeals[g]).toEqual({ upheld: 0, corrected: 0, other: 0, pending: 0, total: 0 });
    }
    expect(data.findings.filter((f: { severity: string }) => f.severity === 'error')).toEqual([]);
  });

  for (const ext of ['txt', 'html', 'docx']) {
    it(`checks the built .${ext} with no error, reading back the same tables`, async () => {
      const bytes = await build(ext);
      // `gongkai report check x.<ext>`: exit 0 means no error found.
      const cli = await runReportCheckCommand([join(dir, `x.${ext}`)]);
      expect(cli.exitCode, cli.stdout + cli.stderr).toBe(0);
      const res = await checkReportBytes(bytes, { fileName: `x.${ext}` });
      expect(res.report.findings.filter((f) => f.severity === 'error')).toEqual([]);
      expect(res.report).toMatchObject({ agency: '枣庄市信访局', year: 2020, format: '2019' });
      expect(res.report.tables.requests.new.total).toBe(4);
      expect(res.report.tables.requests.disclosed.natural_person).toBe(3);
      // The demo's text binds the figure: it says 4 where the seed's own text said 3.
      expect(res.prose.some((p) => p.kind === 'requests.new.total' && p.value === 4)).toBe(true);
      expect(res.prose.some((p) => p.value === 3 && p.kind === 'requests.new.total')).toBe(false);
    });
  }

  it('refuses bad arguments with exit 2 and a Chinese message', async () => {
    const env: CommandEnv = { config: () => config, open: (o) => openContext(config, o) };
    expect((await reportBuildCommand([], env)).exitCode).toBe(2);
    expect((await reportBuildCommand(['--agency', '枣庄市信访局', '--year', '1999', '--out', join(dir, 'y.json')], env)).exitCode).toBe(2);
    expect((await reportBuildCommand(['--agency', '枣庄市信访局', '--year', '2020', '--out', join(dir, 'y.pdf')], env)).exitCode).toBe(2);
    const missing = await reportBuildCommand(['--agency', '不存在的局', '--year', '2020', '--out', join(dir, 'y.json')], env);
    expect(missing.exitCode).toBe(2);
    expect(missing.stderr).toContain('未找到机关');
    const gov = await reportBuildCommand(['--agency', '枣庄市人民政府', '--year', '2020', '--out', join(dir, 'gov.json')], env);
    expect(gov.exitCode).toBe(0);
    const city = JSON.parse(readFileSync(join(dir, 'gov.json'), 'utf8'));
    // The government's report sums its departments: it includes 信访局's 4 applications.
    expect(city.tables.requests.new.total).toBeGreaterThanOrEqual(4);
  });

  it('lists every finding it counts: "校验：N 处错误" is followed by the N errors', async () => {
    const env: CommandEnv = { config: () => config, open: (o) => openContext(config, o) };
    const res = await reportBuildCommand(['--agency', '枣庄市财政局', '--year', '2025', '--out', join(dir, 'czj.json')], env);
    expect(res.exitCode).toBe(0);
    const data = JSON.parse(readFileSync(join(dir, 'czj.json'), 'utf8'));
    const errors = data.findings.filter((f: { severity: string }) => f.severity === 'error');
    expect(errors.length).toBeGreaterThan(0);
    expect(res.stdout).toContain(`校验：${errors.length} 处错误`);
    for (const [i, f] of errors.entries()) {
      expect(res.stdout).toContain(`${i + 1}. 【`);
      expect(res.stdout).toContain(f.message);
    }
  });
});
