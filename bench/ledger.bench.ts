import { randomBytes } from 'node:crypto';
import { createWriteStream, mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { finished } from 'node:stream/promises';
import ExcelJS from 'exceljs';
import { sql } from 'kysely';
import { migrateDatabase } from '../src/capabilities.js';
import { createFieldCipher } from '../src/platform/crypto.js';
import { insertAgency } from '../src/platform/org/agencies.service.js';
import type { Principal } from '../src/platform/auth/permissions.js';
import type { AppContext } from '../src/platform/context.js';
import { fixedClock } from '../src/platform/clock.js';
import * as store from '../src/requests/cases.store.js';
import { writeLedger } from '../src/requests/ledger.js';
import { IMPORT_COLUMNS, importLedger, readImportFile } from '../src/requests/ledger-import.js';
import { openBenchDb, printFigures, type Figure } from './lib.js';

/**
 * The ledger (台账) on SQLite: exporting BENCH_LEDGER_CASES (default 100,000) cases of one agency to .xlsx
 * (streamed) against writing the same rows, read the same way, to CSV; the peak RSS growth during the export
 * (target < 200 MB); importing 10,000 rows against only reading and validating the same file.
 */
const CASES = Number(process.env.BENCH_LEDGER_CASES ?? 100_000);
const IMPORT_ROWS = Number(process.env.BENCH_IMPORT_ROWS ?? 10_000);

async function peakRss<T>(fn: () => Promise<T>): Promise<{ result: T; growthMb: number; seconds: number }> {
  global.gc?.();
  const start = process.memoryUsage().rss;
  let peak = start;
  const timer = setInterval(() => {
    peak = Math.max(peak, process.memoryUsage().rss);
  }, 20);
  const t0 = performance.now();
  try {
    const result = await fn();
    peak = Math.max(peak, process.memoryUsage().rss);
    return { result, growthMb: (peak - start) / 2 ** 20, seconds: (performance.now() - t0) / 1000 };
  } finally {
    clearInterval(timer);
  }
}

export async function run(): Promise<Figure[]> {
  const { db, cleanup } = await openBenchDb('sqlite', 'gk-ledger');
  const dir = mkdtempSync(join(tmpdir(), 'gk-ledger-out-'));
  try {
    await migrateDatabase(db);
    const agency = await insertAgency(db, { name: '基准市信访局', kind: 'department', code: 'lg-1' });
    const cipher = createFieldCipher(randomBytes(32));
    const ctx = { db, cipher, config: {}, clock: fixedClock('2026-12-01T02:00:00Z') } as unknown as AppContext;
    const enc = cipher.encrypt(
      JSON.stringify({ kind: 'person', name: '张某某', idType: 'resident_id', idNumber: '', phone: '', email: '', address: '', postcode: '' }),
    );
    const series = sql`with recursive s(i) as (select 0 union all select i + 1 from s where i < ${sql.lit(CASES - 1)}) select i from s`;
    await sql`
      insert into cases (id, agency_id, tracking_code, secret_hash, channel, applicant_type, received_date, closed_date, outcome, state, due_date, party_deadline,
        created_at, updated_at, submitted_at, applicant_enc, applicant_masked, applicant_key, applicant_name_key, description, form, delivery)
      select 'c' || printf('%07d', i), ${agency.id}, 'T' || i, '', 'online', 'natural_person', date('2025-01-01', (i % 300) || ' days'), date('2025-01-01', ((i % 300) + 15) || ' days'),
        'disclosed', 'closed', null, null, '2025-01-01T00:00:00Z', '2025-01-01T00:00:00Z', '2025-01-01T00:00:00Z', ${enc}, '张**', 'k' || i, 'n' || i,
        '请公开本机关2024年度某项工作的统计数据和相关文件（基准 ' || i || '）', 'electronic', 'email'
      from (${series}) g`.execute(db);
    await sql`analyze`.execute(db);
    const p: Principal = {
      userId: 'u',
      username: 'bench',
      displayName: '基准',
      role: 'office_head',
      agencyId: agency.id,
      agencyPath: agency.path,
      mustChangePassword: false,
      sessionId: 's',
    };

    // Baseline: the same batches, the same decryption, written as CSV lines.
    const csvPath = join(dir, 'ledger.csv');
    const csv = await peakRss(async () => {
      const out = createWriteStream(csvPath);
      let after: { createdAt: string; id: string } | null = null;
      let n = 0;
      for (;;) {
        const rows = await store.ledgerBatch(db, p, { agencyId: agency.id }, after, 1000);
        if (!rows.length) break;
        for (const r of rows) {
          const name = (JSON.parse(cipher.decrypt(r.applicant_enc)) as { name: string }).name;
          if (
            !out.write(
              `${[r.tracking_code, r.received_date, r.channel, name, r.applicant_type, JSON.stringify(r.description), r.assignee_name ?? '', r.state, r.closed_date, r.form, r.outcome, r.extended].join(',')}\n`,
            )
          ) {
            await new Promise<void>((res) => out.once('drain', () => res()));
          }
          n++;
        }
        after = { createdAt: rows[rows.length - 1]!.created_at, id: rows[rows.length - 1]!.id };
      }
      out.end();
      await finished(out);
      return n;
    });
    const xlsxPath = join(dir, 'ledger.xlsx');
    const xlsx = await peakRss(async () => {
      const out = createWriteStream(xlsxPath);
      const n = await writeLedger(ctx, p, { agencyId: agency.id }, out);
      await finished(out);
      return n;
    });
    if (xlsx.result !== CASES || csv.result !== CASES) throw new Error(`exported ${xlsx.result} / ${csv.result} rows, expected ${CASES}`);

    // Import of IMPORT_ROWS rows: the whole import against reading and validating the file only.
    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet('导入');
    ws.addRow([...IMPORT_COLUMNS]);
    for (let i = 0; i < IMPORT_ROWS; i++)
      ws.addRow([`B-${i}`, '2025-03-02', '网络', '自然人', `申请人${i}`, '', `请公开第${i}项信息`, '2025-03-20', '予以公开']);
    const bytes = Buffer.from(await wb.xlsx.writeBuffer());
    const t0 = performance.now();
    const checked = await readImportFile(bytes, '2026-12-01');
    const readSeconds = (performance.now() - t0) / 1000;
    if (checked.errors.length) throw new Error(`import file has errors: ${checked.errors[0]!.message}`);
    const t1 = performance.now();
    const res = await importLedger(ctx, agency.id, { id: null, name: '基准' }, bytes, { today: '2026-12-01' });
    const importSeconds = (performance.now() - t1) / 1000;
    if (res.imported !== IMPORT_ROWS) throw new Error(`imported ${res.imported}, expected ${IMPORT_ROWS}`);

    const n = CASES.toLocaleString('en');
    const figures: Figure[] = [
      {
        name: `export ${n} cases to .xlsx (streamed)`,
        value: xlsx.seconds,
        unit: 's',
        baselineName: 'the same rows to CSV',
        baseline: csv.seconds,
        ratio: xlsx.seconds / csv.seconds,
        note: `file ${(statSync(xlsxPath).size / 2 ** 20).toFixed(1)} MB; lower is better`,
      },
      {
        name: `peak RSS growth exporting ${n} cases to .xlsx`,
        value: xlsx.growthMb,
        unit: 'MB',
        baselineName: 'the same to CSV',
        baseline: csv.growthMb,
        ratio: xlsx.growthMb / Math.max(csv.growthMb, 1),
        target: '< 200 MB',
      },
      {
        name: `import ${IMPORT_ROWS.toLocaleString('en')} rows (validate + write, one transaction)`,
        value: importSeconds,
        unit: 's',
        baselineName: 'read and validate the file only',
        baseline: readSeconds,
        ratio: importSeconds / readSeconds,
      },
    ];
    printFigures('Ledger (台账): .xlsx export and import, SQLite (lower is better)', figures);
    return figures;
  } finally {
    rmSync(dir, { recursive: true, force: true });
    await cleanup();
  }
}
