import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import { hasChromium, screenshot, SKIP_NOTE } from '../helpers/browser.js';
import { e2eSuite } from '../helpers/e2e-suite.js';
import { DOC_IMPORT_COLUMNS } from '../../src/publishing/document-import.js';

/** Issue 11: 导入已公开信息 in the console — check lists the bad row, the fixed file imports, the portal shows it. */
describe.skipIf(!hasChromium)(`document import in the console ${SKIP_NOTE}`, () => {
  const e2e = e2eSuite({ console: true });

  async function workbook(rows: string[][]): Promise<Buffer> {
    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet('导入');
    ws.addRow([...DOC_IMPORT_COLUMNS]);
    for (const r of rows) ws.addRow(r);
    return Buffer.from(await wb.xlsx.writeBuffer());
  }

  for (const width of [390, 1366]) {
    it(`checks, lists the bad row, imports the fixed file (${width} px)`, async () => {
      const context = await e2e.context({ forwarded: true, viewport: { width, height: 900 } });
      const page = await context.newPage();
      await e2e.signIn(page, 'xfj.head');
      await page.goto(`${e2e.server.url}/admin/#/publishing/import`);
      await page.getByRole('heading', { name: '导入已公开信息' }).waitFor();
      const title = `控制台导入的历史公告（${width}）`;
      const good = [title, '2025-05-06', '', '通知公告', 'https://xfj.zaozhuang.gov.cn/art/2025/5/6/a.html', '', '', '主动公开', '有效', ''];
      const bad = ['错误的行', '2025-05-07', '', '通知公告', 'ftp://example.cn/a', '', '', '主动公开', '有效', ''];
      await page.locator('#import-file').setInputFiles({
        name: 'import.xlsx',
        mimeType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
        buffer: await workbook([good, bad]),
      });
      await page.getByRole('button', { name: '检查' }).click();
      await page.getByText('有 1 行不正确').waitFor();
      await page.getByText('第 3 行：链接「ftp://example.cn/a」不是以 http:// 或 https:// 开头的网址').waitFor();
      expect(await page.getByRole('button', { name: '导入' }).isDisabled()).toBe(true);
      await screenshot(page, `doc-import-01-errors-${width}`);
      await page
        .locator('#import-file')
        .setInputFiles({ name: 'import.xlsx', mimeType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet', buffer: await workbook([good]) });
      await page.getByRole('button', { name: '检查' }).click();
      await page.getByText('检查通过：可导入 1 条。').waitFor();
      await page.getByRole('button', { name: '导入' }).click();
      await page.locator('.el-alert').getByText('已导入并发布 1 条。').waitFor();
      await screenshot(page, `doc-import-02-done-${width}`);
      const col = await e2e.server.testApp.app.inject({ url: '/a/zzxfj/statutory/tzgg' });
      expect(col.body).toContain(title);
      await context.close();
    }, 180_000);
  }
});
