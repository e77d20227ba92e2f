import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import { testConfig } from '../helpers/db.js';
import { DEMO_PASSWORD } from '../helpers/app.js';
import { CAPABILITIES, openContext } from '../../src/capabilities.js';
import { seedDemo } from '../../src/platform/demo/seed.js';
import type { CommandEnv } from '../../src/platform/commands.js';
import { ledgerImportCommand, ledgerTemplateCommand } from '../../src/requests/ledger.command.js';
import { IMPORT_COLUMNS } from '../../src/requests/ledger-import.js';
import { publicYearStats } from '../../src/requests/oversight.js';
import { countRequests } from '../../src/reports/reports.aggregate.js';
import * as svc from '../../src/requests/cases.service.js';
import { principalOf } from './helpers.js';

const OUTCOME_LABELS = ['予以公开', '部分公开', '本机关不掌握相关政府信息'];

async function workbook(rows: (string | number)[][]): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet('导入');
  ws.addRow([...IMPORT_COLUMNS]);
  for (const r of rows) ws.addRow(r);
  return Buffer.from(await wb.xlsx.writeBuffer());
}

function goodRow(i: number): (string | number)[] {
  const month = String((i % 12) + 1).padStart(2, '0');
  const day = String((i % 27) + 1).padStart(2, '0');
  return [
    `2025-${String(i).padStart(4, '0')}`,
    `2025-${month}-${day}`,
    i % 3 ? '网络' : '当面',
    i % 5 ? '自然人' : '商业企业',
    i % 5 ? `申请人${i}` : `某公司${i}`,
    i % 7 === 0 ? '11010519491231002X' : '',
    `请公开2024年度第${i}项信息`,
    `2025-${month}-28`,
    OUTCOME_LABELS[i % 3]!,
  ];
}

describe('gongkai ledger import', () => {
  it('1,000 rows with three bad ones: exactly those listed, nothing written; fixed: 1,000 imported; again: none; the year counts them', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'gk-import-'));
    const config = testConfig({ database: { engine: 'sqlite', path: join(dir, 'db.sqlite') }, demoPassword: DEMO_PASSWORD });
    const env: CommandEnv = { config: () => config, open: (o) => openContext(config, o) };
    const ctx = await openContext(config, { seed: false });
    try {
      const { demo } = await seedDemo(ctx, CAPABILITIES);
      const count = async () =>
        Number(
          (
            await ctx.db
              .selectFrom('cases')
              .select((eb) => eb.fn.countAll<number>().as('n'))
              .executeTakeFirstOrThrow()
          ).n,
        );
      const before = await count();
      const stats0 = (await publicYearStats(ctx.db, [demo.xfj.id], [2025]))[0]!;
      const ref = { agencyId: demo.xfj.id, agencyPath: demo.xfj.path, scope: 'agency' as const };
      const table3 = async () => {
        const { counts } = await countRequests(ctx.db, ref, 2025);
        const sum = (kind: string, outcome?: string) =>
          counts.filter((c) => c.kind === kind && (!outcome || c.outcome === outcome)).reduce((n, c) => n + c.count, 0);
        return { received: sum('new'), closed: sum('closed'), disclosed: sum('closed', 'disclosed'), notHeld: sum('closed', 'unable_not_held') };
      };
      const t3before = await table3();

      const tmpl = join(dir, 'template.xlsx');
      expect((await ledgerTemplateCommand(['--out', tmpl], env)).exitCode).toBe(0);

      const rows = Array.from({ length: 1000 }, (_, i) => goodRow(i + 1));
      const bad = rows.map((r) => [...r]);
      bad[99]![1] = '2025-02-30'; // line 101
      bad[499]![8] = '随便处理'; // line 501
      bad[899]![3] = '自然人';
      bad[899]![5] = '110105194912310021'; // line 901: wrong check digit
      const badFile = join(dir, 'bad.xlsx');
      writeFileSync(badFile, await workbook(bad));
      const r1 = await ledgerImportCommand([badFile, '--agency', '枣庄市信访局'], env);
      expect(r1.exitCode).toBe(1);
      const lines = r1.stderr.split('\n').filter((l) => l.startsWith('第 '));
      expect(lines).toHaveLength(3);
      expect(lines[0]).toMatch(/^第 101 行：收到日期「2025-02-30」不是有效日期/);
      expect(lines[1]).toMatch(/^第 501 行：办理结果「随便处理」不是年度报告表三中的一项/);
      expect(lines[2]).toMatch(/^第 901 行：证件号码：.*校验位/);
      expect(await count()).toBe(before);

      const goodFile = join(dir, 'good.xlsx');
      writeFileSync(goodFile, await workbook(rows));
      const dry = await ledgerImportCommand([goodFile, '--agency', '枣庄市信访局', '--dry-run'], env);
      expect(dry.stdout).toContain('检查通过，可导入 1000 件');
      expect(await count()).toBe(before);
      const r2 = await ledgerImportCommand([goodFile, '--agency', '枣庄市信访局'], env);
      expect(r2.stderr).toBe('');
      expect(r2.stdout).toContain('已导入 1000 件');
      expect(await count()).toBe(before + 1000);
      const r3 = await ledgerImportCommand([goodFile, '--agency', '枣庄市信访局'], env);
      expect(r3.stdout).toContain('已导入 0 件，1000 件此前已导入');
      expect(await count()).toBe(before + 1000);

      const stats = (await publicYearStats(ctx.db, [demo.xfj.id], [2025]))[0]!;
      expect(stats.received - stats0.received).toBe(1000);
      expect(stats.closed - stats0.closed).toBe(1000);
      // The annual report's table 3 (the reports capability's count over the ledger) counts them too.
      const t3after = await table3();
      expect(t3after.received - t3before.received).toBe(1000);
      expect(t3after.closed - t3before.closed).toBe(1000);
      expect(t3after.disclosed - t3before.disclosed).toBe(rows.filter((r) => r[8] === '予以公开').length);
      expect(t3after.notHeld - t3before.notHeld).toBe(rows.filter((r) => r[8] === '本机关不掌握相关政府信息').length);
      // Marked as imported in the timeline.
      const head = await principalOf(ctx.db, 'xfj.head');
      const one = await ctx.db.selectFrom('cases').select('id').where('form_token', '=', `import:${demo.xfj.id}:2025-0001`).executeTakeFirstOrThrow();
      const d = await svc.getCaseDetail(ctx, head, one.id);
      expect(d.state).toBe('closed');
      expect(d.timeline.some((e) => e.type === 'note' && String((e.data as { text?: string }).text).includes('导入的历史记录'))).toBe(true);
    } finally {
      await ctx.db.destroy();
    }
  }, 180_000);
});

describe('ledger import in the console (HTTP)', () => {
  it('checks first (bad rows listed, nothing written), then imports; office heads only', async () => {
    const { createTestApp, signedIn } = await import('../helpers/app.js');
    const t = await createTestApp('sqlite');
    try {
      const multipart = (file: Buffer, dryRun: boolean) => {
        const boundary = `----gk${Date.now()}`;
        const payload = Buffer.concat([
          Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="dryRun"\r\n\r\n${dryRun ? '1' : '0'}\r\n`),
          Buffer.from(
            `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="import.xlsx"\r\nContent-Type: application/vnd.openxmlformats-officedocument.spreadsheetml.sheet\r\n\r\n`,
          ),
          file,
          Buffer.from(`\r\n--${boundary}--\r\n`),
        ]);
        return { payload, headers: { 'content-type': `multipart/form-data; boundary=${boundary}` } };
      };
      const head = await signedIn(t.app, 'xfj.head');
      const clerk = await signedIn(t.app, 'xfj.clerk');
      const rows = Array.from({ length: 20 }, (_, i) => goodRow(i + 1));
      const bad = rows.map((r) => [...r]);
      bad[4]![2] = '飞鸽传书';
      expect((await clerk.request('POST', '/api/cases/import', multipart(await workbook(rows), true))).statusCode).toBe(403);
      const checkBad = await head.request('POST', '/api/cases/import', multipart(await workbook(bad), true));
      expect(checkBad.statusCode, checkBad.body).toBe(200);
      expect(checkBad.json().errors).toEqual([{ line: 6, message: expect.stringMatching(/^渠道「飞鸽传书」应为/) }]);
      const notXlsx = await head.request('POST', '/api/cases/import', multipart(Buffer.from('not a workbook'), true));
      expect(notXlsx.json().errors[0].message).toMatch(/无法读取该文件/);
      const ok = await head.request('POST', '/api/cases/import', multipart(await workbook(rows), false));
      expect(ok.json()).toMatchObject({ errors: [], imported: 20, skipped: 0 });
      const again = await head.request('POST', '/api/cases/import', multipart(await workbook(rows), false));
      expect(again.json()).toMatchObject({ imported: 0, skipped: 20 });
      const tmpl = await head.request('GET', '/api/cases/import-template.xlsx');
      expect(tmpl.statusCode).toBe(200);
      expect(tmpl.rawPayload.subarray(0, 2).toString()).toBe('PK');
    } finally {
      await t.close();
    }
  }, 120_000);
});
