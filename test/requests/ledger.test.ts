import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ENGINES } from '../helpers/db.js';
import { createTestApp, signedIn, type TestApp } from '../helpers/app.js';
import { LEDGER_COLUMNS } from '../../src/requests/ledger.js';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { testConfig } from '../helpers/db.js';
import { DEMO_PASSWORD } from '../helpers/app.js';
import { CAPABILITIES, openContext } from '../../src/capabilities.js';
import { seedDemo } from '../../src/platform/demo/seed.js';
import type { CommandEnv } from '../../src/platform/commands.js';
import { ledgerExportCommand } from '../../src/requests/ledger.command.js';

async function readXlsx(bytes: Buffer) {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(bytes as unknown as ArrayBuffer);
  const ws = wb.getWorksheet('台账')!;
  const rows: string[][] = [];
  ws.eachRow((r) => rows.push((r.values as unknown[]).slice(1).map((v) => (v == null ? '' : String(v)))));
  return rows;
}

describe.each(ENGINES)('ledger (台账) export on %s', (engine) => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp(engine);
  }, 60_000);
  afterAll(async () => t?.close());

  it("the demo data exports as a valid .xlsx whose rows are the case list, with the list's filters", async () => {
    const head = await signedIn(t.app, 'xfj.head');
    const list = (await head.request('GET', '/api/cases?pageSize=100')).json() as {
      total: number;
      items: { trackingCode: string; assigneeName: string | null; applicant: string }[];
    };
    expect(list.total).toBeGreaterThan(0);
    expect(list.total).toBeLessThanOrEqual(100);
    const res = await head.request('GET', '/api/cases/ledger.xlsx');
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toMatch(/spreadsheetml/);
    const rows = await readXlsx(res.rawPayload);
    expect(rows[0]).toEqual(LEDGER_COLUMNS.map(([h]) => h));
    const body = rows.slice(1);
    expect(body).toHaveLength(list.total);
    expect(new Set(body.map((r) => r[0]))).toEqual(new Set(list.items.map((i) => i.trackingCode)));
    for (const i of list.items) expect(body.find((r) => r[0] === i.trackingCode)![6]).toBe(i.assigneeName ?? '未分配');
    // Filtered: the open cases only, as in the list.
    const open = (await head.request('GET', '/api/cases?state=open&pageSize=100')).json() as { total: number; items: { trackingCode: string }[] };
    const openRows = (await readXlsx((await head.request('GET', '/api/cases/ledger.xlsx?state=open')).rawPayload)).slice(1);
    expect(new Set(openRows.map((r) => r[0]))).toEqual(new Set(open.items.map((i) => i.trackingCode)));
    expect(open.total).toBeLessThan(list.total);
    // A closed case shows its outcome as the report's row; an extended one says 是.
    expect(body.some((r) => /（[一二三四五六]）/.test(r[10]!))).toBe(true);
    expect(body.some((r) => r[11] === '是')).toBe(true);
  });

  it("the applicant's name: in full for the agency, masked for the supervising office; nothing of other agencies", async () => {
    const own = (await readXlsx((await (await signedIn(t.app, 'xfj.clerk')).request('GET', '/api/cases/ledger.xlsx')).rawPayload)).slice(1);
    const sup = (await readXlsx((await (await signedIn(t.app, 'gkb')).request('GET', '/api/cases/ledger.xlsx')).rawPayload)).slice(1);
    const czj = (await readXlsx((await (await signedIn(t.app, 'czj.clerk')).request('GET', '/api/cases/ledger.xlsx')).rawPayload)).slice(1);
    const ownCodes = new Set(own.map((r) => r[0]));
    expect(czj.some((r) => ownCodes.has(r[0]))).toBe(false);
    const personOwn = own.find((r) => r[4] === '自然人')!;
    const personSup = sup.find((r) => r[0] === personOwn[0])!;
    expect(personOwn[3]).not.toContain('*');
    expect(personSup[3]).toContain('*');
  });
});

describe('gongkai ledger export', () => {
  it("writes the agency's ledger of the demo data as a valid .xlsx, one row per case of the agency", async () => {
    const dir = mkdtempSync(join(tmpdir(), 'gk-ledger-'));
    const config = testConfig({ database: { engine: 'sqlite', path: join(dir, 'db.sqlite') }, demoPassword: DEMO_PASSWORD });
    const env: CommandEnv = { config: () => config, open: (o) => openContext(config, o) };
    const ctx = await openContext(config, { seed: false });
    try {
      const { demo } = await seedDemo(ctx, CAPABILITIES);
      const n = await ctx.db
        .selectFrom('cases')
        .select((eb) => eb.fn.countAll<number>().as('n'))
        .where('agency_id', '=', demo.xfj.id)
        .executeTakeFirstOrThrow();
      const out = join(dir, 'ledger.xlsx');
      const r = await ledgerExportCommand(['--agency', '枣庄市信访局', '--out', out], env);
      expect(r.stderr).toBe('');
      expect(r.exitCode).toBe(0);
      const rows = (await readXlsx(readFileSync(out))).slice(1);
      expect(rows).toHaveLength(Number(n.n));
      expect(r.stdout).toContain(`${Number(n.n)} 件`);
      const bad = await ledgerExportCommand(['--agency', '不存在的机关', '--out', out], env);
      expect(bad.exitCode).toBe(1);
      expect((await ledgerExportCommand(['--out', out], env)).exitCode).toBe(2);
    } finally {
      await ctx.db.destroy();
    }
  }, 60_000);
});
