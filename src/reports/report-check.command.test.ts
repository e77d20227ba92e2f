import { mkdtempSync, readFileSync, truncateSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { CheckedReport } from '../rules/report/types.js';
import { runReportCheckCommand } from './report-check.command.js';

const F = (name: string) => resolve(import.meta.dirname, '../../test/fixtures/reports', name);
const tmp = mkdtempSync(join(tmpdir(), 'gongkai-report-check-'));

describe('gongkai report check', () => {
  it('a consistent report: exit 0 and a Chinese summary', async () => {
    const r = await runReportCheckCommand([F('10_huaian_city_2024.pdf')]);
    expect(r.exitCode).toBe(0);
    expect(r.stderr).toBe('');
    expect(r.stdout).toContain('机关：淮安市人民政府');
    expect(r.stdout).toContain('结论：未发现错误');
  });

  it('errors found: exit 1, with the problems listed', async () => {
    const r = await runReportCheckCommand(['report', 'check', F('07_hongze_district_2023.txt')]);
    expect(r.exitCode).toBe(1);
    expect(r.stdout).toContain('【复议诉讼合计】表四“行政复议”的总计为0件，但结果维持10件、结果纠正1件相加为11件。');
    expect(r.stdout).toContain('提醒：');
  });

  it('--json: the report-data.md object, an array for several files', async () => {
    const one = await runReportCheckCommand([F('seed_zaozhuang_xinfang_2020.txt'), '--json']);
    const obj = JSON.parse(one.stdout) as CheckedReport;
    expect(Object.keys(obj)).toEqual(['agency', 'year', 'format', 'tables', 'findings']);
    expect(Object.keys(obj.tables)).toEqual(['proactive', 'requests', 'appeals']);
    expect(obj.findings[0]).toEqual({ rule: 'prose', severity: 'error', message: expect.any(String), expected: 4, actual: 3, where: 'requests.new.total' });
    const many = await runReportCheckCommand(['--json', F('09_hongze_district_2024.pdf'), F('10_huaian_city_2024.txt')]);
    const arr = JSON.parse(many.stdout) as CheckedReport[];
    expect(arr.map((r) => r.year)).toEqual([2024, 2024]);
    expect(many.exitCode).toBe(1);
  });

  it('--previous checks the carry-over', async () => {
    const r = await runReportCheckCommand([F('09_hongze_district_2024.txt'), '--previous', F('07_hongze_district_2023.pdf'), '--json']);
    const rep = JSON.parse(r.stdout) as CheckedReport;
    expect(rep.findings.filter((f) => f.rule === 'carry-over')).toEqual([]);
    const wrong = await runReportCheckCommand([F('10_huaian_city_2024.txt'), '--previous', F('09_hongze_district_2024.txt')]);
    expect(wrong.stdout).toContain('【上年结转】');
    expect(wrong.stdout).toContain('上年结转：与上年报告');
    // Agreeing figures are said, not left silent.
    const agree = await runReportCheckCommand([F('09_hongze_district_2024.txt'), '--previous', F('07_hongze_district_2023.pdf')]);
    expect(agree.stdout).toMatch(/上年结转：与上年报告“.*07_hongze_district_2023\.pdf”一致（上年结转 \d+ 件，上年报告的结转下年度 \d+ 件）/);
  });

  it('several files: one line each, and the CSV and HTML summaries', async () => {
    const csv = join(tmp, '汇总.csv');
    const html = join(tmp, 'summary.html');
    const r = await runReportCheckCommand([
      F('07_hongze_district_2023.pdf'),
      F('10_huaian_city_2024.pdf'),
      join(tmp, 'missing.pdf'),
      '--summary-csv',
      csv,
      '--summary-html',
      html,
    ]);
    expect(r.exitCode).toBe(2); // one file could not be read
    expect(r.stdout).toContain('汇总：');
    expect(r.stdout).toMatch(/✗ .*07_hongze_district_2023\.pdf/);
    expect(r.stdout).toMatch(/✓ .*10_huaian_city_2024\.pdf/);
    expect(r.stdout).toContain('共检查3个文件：1个未发现错误，1个发现错误，1个无法读取或表格无法读取。');
    expect(r.stderr).toContain('找不到文件');
    const csvText = readFileSync(csv, 'utf8');
    expect(csvText.startsWith('\ufeff文件,机关,年度,表格格式,错误数,提醒数,结论,主要问题')).toBe(true);
    expect(csvText.split('\r\n').filter(Boolean)).toHaveLength(4);
    const htmlText = readFileSync(html, 'utf8');
    expect(htmlText).toContain('<caption>各报告检查结果</caption>');
    expect(htmlText).toContain('<th scope="col">主要问题</th>');
  });

  it('many files: only the one-line summary', async () => {
    const files = Array.from({ length: 7 }, () => F('10_huaian_city_2024.txt'));
    const r = await runReportCheckCommand(files);
    expect(r.exitCode).toBe(0);
    expect(r.stdout).not.toContain('机关：');
    expect(r.stdout.split('\n').filter((l) => l.startsWith('✓'))).toHaveLength(7);
  });

  it('bad input: exit 2 with a clear message, never a crash', async () => {
    const empty = join(tmp, 'empty.txt');
    writeFileSync(empty, '');
    const binary = join(tmp, 'data.bin');
    writeFileSync(binary, Buffer.from([0, 159, 146, 150, 0, 1, 2, 3, 4, 5, 6, 7, 8, 9]));
    const huge = join(tmp, 'huge.pdf');
    writeFileSync(huge, '%PDF-1.4\n');
    truncateSync(huge, 31 * 1024 * 1024);
    const notReport = join(tmp, 'notes.txt');
    writeFileSync(notReport, '会议纪要\n今天讨论了食堂的菜单。\n');
    for (const [file, msg] of [
      [empty, '文件是空的'],
      [binary, '不是文本文件'],
      [huge, '超过检查上限30MB'],
      [notReport, '看起来不是年度报告'],
      [tmp, '不是文件'],
    ] as const) {
      const r = await runReportCheckCommand([file]);
      expect(r.exitCode, file).toBe(2);
      expect(r.stdout + r.stderr).toContain(msg);
    }
    const json = await runReportCheckCommand([empty, '--json']);
    expect(JSON.parse(json.stdout)).toMatchObject({ agency: null, year: null, findings: [{ rule: 'unreadable', severity: 'error', where: 'file' }] });
  });

  it('command-line mistakes: exit 2 with the usage', async () => {
    for (const argv of [[], ['--json'], ['--bogus', 'a.txt'], ['a.txt', '--previous']]) {
      const r = await runReportCheckCommand(argv);
      expect(r.exitCode).toBe(2);
      expect(r.stderr).toContain('用法：gongkai report check');
    }
    expect((await runReportCheckCommand(['--help'])).exitCode).toBe(0);
  });
});
