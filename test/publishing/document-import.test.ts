import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ENGINES } from '../helpers/db.js';
import { createTestApp, signedIn, type TestApp } from '../helpers/app.js';
import { openContext } from '../../src/capabilities.js';
import type { CommandEnv } from '../../src/platform/commands.js';
import { publishingImportCommand, publishingTemplateCommand } from '../../src/publishing/document-import.command.js';
import { DOC_IMPORT_COLUMNS } from '../../src/publishing/document-import.js';
import { searchPublished } from '../../src/publishing/items.service.js';
import { proactiveTable, type Proactive2021 } from '../../src/publishing/registers.service.js';

/** A small but real PDF: the header the sniffer checks and one text object the extractor reads. */
const pdf = (word: string) =>
  Buffer.from(`%PDF-1.4\n1 0 obj<</Length 40>>stream\nBT /F1 12 Tf 72 720 Td (${word}) Tj ET\nendstream endobj\ntrailer<<>>\n%%EOF\n`, 'latin1');

async function workbook(rows: string[][]): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet('导入');
  ws.addRow([...DOC_IMPORT_COLUMNS]);
  for (const r of rows) ws.addRow(r);
  return Buffer.from(await wb.xlsx.writeBuffer());
}

/** Row i: every 10th a normative document of 政策文件 with a 文号, every 7th with a PDF attachment, else a link. */
function goodRow(i: number): string[] {
  const month = String((i % 12) + 1).padStart(2, '0');
  const day = String((i % 27) + 1).padStart(2, '0');
  const normative = i % 10 === 0;
  const withFile = i % 7 === 0;
  return [
    normative ? `枣庄市信访局关于信访工作第${i}号规范性文件的通知` : `枣庄市信访局历史公开信息第${i}号：信访事项办理情况通报`,
    `2024-${month}-${day}`,
    normative ? `枣信访发〔2024〕${i}号` : '',
    normative ? '政策文件' : i % 2 ? 'tzgg' : '通知公告',
    withFile ? '' : `https://xfj.zaozhuang.gov.cn/art/2024/${month}/${day}/art_${i}.html`,
    withFile ? `附件${i}.pdf` : '',
    '',
    '主动公开',
    i % 30 === 0 ? '废止' : '有效',
    normative ? '行政规范性文件' : '',
  ];
}

describe.each(ENGINES)('publishing import of published documents on %s', (engine) => {
  let t: TestApp;
  let env: CommandEnv;
  let dir: string;
  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'gk-docimport-'));
    // SQLite in a file, so the CLI's own context opens the same database.
    t = await createTestApp(engine, engine === 'sqlite' ? { database: { engine: 'sqlite', path: join(dir, 'db.sqlite') } } : {});
    env = { config: () => t.ctx.config, open: (o) => openContext(t.ctx.config, o) };
  }, 120_000);
  afterAll(async () => t?.close());

  const itemCount = async () =>
    Number(
      (
        await t.ctx.db
          .selectFrom('pub_items')
          .select((eb) => eb.fn.countAll<number>().as('n'))
          .where('agency_id', '=', t.demo.xfj.id)
          .executeTakeFirstOrThrow()
      ).n,
    );

  it('200 rows with three bad ones: exactly those listed, nothing written; fixed: 200; again: 0; on the portal, in search and the register', async () => {
    const files = join(dir, 'files');
    mkdirSync(files);
    const rows = Array.from({ length: 200 }, (_, i) => goodRow(i + 1));
    for (const r of rows) if (r[5]) writeFileSync(join(files, r[5]), pdf(`Juesuan${r[5].replace(/\D/g, '')}`));
    writeFileSync(join(files, '伪装.pdf'), Buffer.from('MZ\x90\x00 this is a program', 'latin1'));

    const tmpl = join(dir, 'template.xlsx');
    expect((await publishingTemplateCommand(['--out', tmpl], env)).exitCode).toBe(0);
    const help = await import('../../src/publishing/index.js');
    expect(help.publishing.commands?.['publishing import']?.usage).toContain('--files');

    const before = await itemCount();
    const table0 = await proactiveTable(t.ctx.db, [t.demo.xfj.id], 2024, '2021');
    const bad = rows.map((r) => [...r]);
    bad[9]![1] = '2024-02-30'; // line 11
    bad[79]![3] = '不存在的栏目'; // line 81
    bad[149]![4] = '';
    bad[149]![5] = '伪装.pdf'; // line 151: an executable named .pdf
    const badFile = join(dir, 'bad.xlsx');
    writeFileSync(badFile, await workbook(bad));
    const r1 = await publishingImportCommand([badFile, '--agency', '枣庄市信访局', '--files', files], env);
    expect(r1.exitCode).toBe(1);
    const lines = r1.stderr.split('\n').filter((l) => l.startsWith('第 '));
    expect(lines).toHaveLength(3);
    expect(lines[0]).toMatch(/^第 11 行：发布日期「2024-02-30」：日期须为/);
    expect(lines[1]).toMatch(/^第 81 行：栏目「不存在的栏目」不是本机关目录中的栏目/);
    expect(lines[2]).toMatch(/^第 151 行：附件“伪装\.pdf”的内容与扩展名不符/);
    expect(await itemCount()).toBe(before);

    const goodFile = join(dir, 'good.xlsx');
    writeFileSync(goodFile, await workbook(rows));
    const dry = await publishingImportCommand([goodFile, '--agency', '枣庄市信访局', '--files', files, '--dry-run'], env);
    expect(dry.stdout).toContain('检查通过，可导入 200 条');
    expect(await itemCount()).toBe(before);
    // Without --files the attachment rows cannot be read: refused, nothing written.
    const noFiles = await publishingImportCommand([goodFile, '--agency', '枣庄市信访局'], env);
    expect(noFiles.exitCode).toBe(1);
    expect(await itemCount()).toBe(before);

    const r2 = await publishingImportCommand([goodFile, '--agency', '枣庄市信访局', '--files', files], env);
    expect(r2.stderr).toBe('');
    expect(r2.stdout).toContain('已导入并发布 200 条');
    expect(await itemCount()).toBe(before + 200);
    const r3 = await publishingImportCommand([goodFile, '--agency', '枣庄市信访局', '--files', files], env);
    expect(r3.stdout).toContain('已导入并发布 0 条，200 条此前已在公开目录中');
    expect(await itemCount()).toBe(before + 200);

    // Released, dated by their 发布日期, marked 导入 in their history, never reviewed.
    const it10 = await t.ctx.db.selectFrom('pub_items').selectAll().where('doc_number', '=', '枣信访发〔2024〕10号').executeTakeFirstOrThrow();
    expect(it10.status).toBe('published');
    expect(it10.kind).toBe('normative');
    expect(it10.published_at).toBe('2024-11-10T16:00:00.000Z'); // 2024-11-11 00:00 Beijing
    expect(it10.index_no).toMatch(/^zzxfj-zcwj-2024-\d{4}$/);
    const history = await t.ctx.db.selectFrom('pub_item_versions').select(['event', 'note']).where('item_id', '=', it10.id).orderBy('created_at').execute();
    expect(history.map((h) => h.event)).toEqual(['imported', 'published']);
    expect(history[0]!.note).toContain('导入的已公开信息（文件第 11 行');
    expect(
      Number(
        (
          await t.ctx.db
            .selectFrom('pub_reviews')
            .select((eb) => eb.fn.countAll<number>().as('n'))
            .where('item_id', '=', it10.id)
            .executeTakeFirstOrThrow()
        ).n,
      ),
    ).toBe(0);

    // The portal: the column lists them, the item page shows the link, the attachment is served.
    const col = await t.app.inject({ url: '/a/zzxfj/statutory/zcwj' });
    expect(col.statusCode).toBe(200);
    expect(col.body).toContain('枣庄市信访局关于信访工作第10号规范性文件的通知');
    const page = await t.app.inject({ url: `/a/zzxfj/items/${it10.id}` });
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain('枣信访发〔2024〕10号');
    expect(page.body).toContain('href="https://xfj.zaozhuang.gov.cn/art/2024/11/11/art_10.html"');
    const it7 = await t.ctx.db.selectFrom('pub_public_items').selectAll().where('title', 'like', '%第7号：%').executeTakeFirstOrThrow();
    const att = JSON.parse(it7.attachments) as { id: string; filename: string }[];
    expect(att.map((a) => a.filename)).toEqual(['附件7.pdf']);
    const file = await t.app.inject({ url: `/a/zzxfj/items/${it7.id}/attachments/${att[0]!.id}` });
    expect(file.statusCode).toBe(200);
    expect(file.rawPayload.subarray(0, 5).toString()).toBe('%PDF-');

    // Search: by title words, by 文号 in another bracket style, by the attachment's text.
    expect((await searchPublished(t.ctx.db, { q: '第10号规范性文件' })).map((h) => h.id)).toContain(it10.id);
    expect((await searchPublished(t.ctx.db, { q: '枣信访发[2024]10号' })).map((h) => h.id)).toContain(it10.id);
    expect((await searchPublished(t.ctx.db, { q: 'Juesuan7' })).map((h) => h.id)).toContain(it7.id);
    const sp = await t.app.inject({ url: `/search?q=${encodeURIComponent('信访事项办理情况通报')}&agency=zzxfj` });
    expect(sp.statusCode).toBe(200);
    expect(sp.body).toContain('历史公开信息第');

    // The Art. 20 register and the report's 主动公开 table for 2024: 20 normative documents, 6 of them repealed.
    const table1 = await proactiveTable(t.ctx.db, [t.demo.xfj.id], 2024, '2021');
    const n0 = (table0 as Proactive2021).normative_documents;
    const n1 = (table1 as Proactive2021).normative_documents;
    expect(n1.issued - n0.issued).toBe(20);
    expect(n1.repealed - n0.repealed).toBe(6);
  }, 600_000);

  it('checks every field, and the console route: template, preview with errors, import, re-import; office head only', async () => {
    const head = await signedIn(t.app, 'xfj.head');
    const clerk = await signedIn(t.app, 'xfj.clerk');
    const tmpl = await head.request('GET', '/api/publishing/import-template.xlsx');
    expect(tmpl.statusCode).toBe(200);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(tmpl.rawPayload as unknown as ArrayBuffer);
    expect((wb.worksheets[0]!.getRow(1).values as unknown[]).slice(1)).toEqual([...DOC_IMPORT_COLUMNS]);

    const multipart = (file: Buffer, dryRun: boolean) => {
      const boundary = '----gkdocimport';
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
    const link = 'https://xfj.zaozhuang.gov.cn/a.html';
    const ok = (title: string, over: Partial<Record<(typeof DOC_IMPORT_COLUMNS)[number], string>> = {}) => {
      const base: Record<string, string> = {
        标题: title,
        发布日期: '2025-06-01',
        文号: '',
        栏目: '通知公告',
        链接: link,
        附件文件名: '',
        索引号: '',
        公开属性: '主动公开',
        有效性: '有效',
        信息类别: '',
      };
      return DOC_IMPORT_COLUMNS.map((c) => over[c] ?? base[c]!);
    };
    const rows = [
      ok('控制台导入一'),
      ok('控制台导入二', { 链接: 'ftp://xfj.zaozhuang.gov.cn/a.pdf' }), // 3
      ok('控制台导入三', { 链接: 'javascript:alert(1)' }), // 4
      ok('控制台导入四', { 文号: '随便写的' }), // 5
      ok('控制台导入五', { 发布日期: '2099-01-01' }), // 6
      ok('控制台导入六', { 公开属性: '不予公开' }), // 7
      ok('控制台导入七', { 有效性: '作废' }), // 8
      ok('控制台导入一'), // 9: same title and date as line 2
      ok('控制台导入九', { 链接: '', 附件文件名: '' }), // 10
      ok('控制台导入十', { 链接: '', 附件文件名: 'a.pdf' }), // 11: no files online
      ok('控制台导入十一', { 信息类别: '规章' }), // 12: a rule needs a 文号
      ok('控制台导入十二', { 索引号: 'zzxfj-tzgg-2025-9999', 文号: '枣信访发〔2026〕1号' }), // 13: 文号 year after the date
    ];
    const check = await head.request('POST', '/api/publishing/import', multipart(await workbook(rows), true));
    expect(check.statusCode).toBe(200);
    const errs = check.json().errors as { line: number; message: string }[];
    expect(errs.map((e) => e.line)).toEqual([3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13]);
    expect(errs.map((e) => e.message)).toEqual([
      expect.stringContaining('不是以 http:// 或 https:// 开头的网址'),
      expect.stringContaining('不是以 http:// 或 https:// 开头的网址'),
      expect.stringContaining('文号「随便写的」格式不正确'),
      expect.stringContaining('晚于今天'),
      expect.stringContaining('只能导入主动公开的信息'),
      expect.stringContaining('有效性「作废」应为：有效、失效、废止'),
      expect.stringContaining('标题和发布日期与第 2 行重复'),
      expect.stringContaining('链接和附件文件名须至少填写一项'),
      expect.stringContaining('在线导入不含附件文件'),
      expect.stringContaining('规章和行政规范性文件须填写文号'),
      expect.stringContaining('年份晚于发布日期'),
    ]);
    const before = await itemCount();
    expect((await clerk.request('POST', '/api/publishing/import', multipart(await workbook([rows[0]!]), false))).statusCode).toBe(403);
    const notXlsx = await head.request('POST', '/api/publishing/import', multipart(Buffer.from('not a workbook'), true));
    expect(notXlsx.statusCode).toBe(200);
    expect(notXlsx.json().errors[0].message).toContain('无法读取该文件');
    const done = await head.request(
      'POST',
      '/api/publishing/import',
      multipart(await workbook([rows[0]!, ok('控制台导入十三', { 索引号: 'zzxfj-tzgg-2025-9999' })]), false),
    );
    expect(done.json()).toMatchObject({ imported: 2, skipped: 0, errors: [] });
    expect(await itemCount()).toBe(before + 2);
    const again = await head.request('POST', '/api/publishing/import', multipart(await workbook([rows[0]!]), false));
    expect(again.json()).toMatchObject({ imported: 0, skipped: 1 });
    // An 索引号 already used by another item is refused.
    const dupIndex = await head.request(
      'POST',
      '/api/publishing/import',
      multipart(await workbook([ok('控制台导入十四', { 索引号: 'zzxfj-tzgg-2025-9999' })]), true),
    );
    expect(dupIndex.json().errors[0].message).toContain('已被本机关的其他信息使用');
    const audit = await t.ctx.db.selectFrom('audit_log').select('action').where('action', '=', 'publishing.items_imported').execute();
    expect(audit.length).toBeGreaterThanOrEqual(1);
  }, 300_000);
});
