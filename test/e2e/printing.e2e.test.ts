import { execFileSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { BrowserContext, Page } from 'playwright-core';
import { signedIn } from '../helpers/app.js';
import { hasChromium, screenshot, SKIP_NOTE } from '../helpers/browser.js';
import { e2eSuite } from '../helpers/e2e-suite.js';

/**
 * Issue 11, printing: the ledger, the applicant's receipt (without JavaScript), an item page and the annual
 * report (portal and console) as Chromium prints them to PDF — checked for their parts, A4, the print fonts,
 * and no navigation. The screenshots and PDFs are kept in /tmp/gongkai-screens for a look.
 */
const PNG = Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAAAAAA6fptVAAAACklEQVR4nGNgAAAAAgABSK+kcQAAAABJRU5ErkJggg==', 'base64');
const dir = mkdtempSync(join(tmpdir(), 'gk-print-'));

function pdfText(name: string, pdf: Buffer): { text: string; info: string } {
  const file = join(dir, `${name}.pdf`);
  writeFileSync(file, pdf);
  try {
    writeFileSync(join('/tmp/gongkai-screens', `${name}.pdf`), pdf);
  } catch {
    /* the screenshot folder is made by the first screenshot */
  }
  return { text: execFileSync('pdftotext', ['-layout', file, '-'], { encoding: 'utf8' }), info: execFileSync('pdfinfo', [file], { encoding: 'utf8' }) };
}
const A4_PORTRAIT = /Page size:\s+59[45](\.\d+)? x 84[12](\.\d+)? pts/;
const A4_LANDSCAPE = /Page size:\s+84[12](\.\d+)? x 59[45](\.\d+)? pts/;

/** Under print media: what the print stylesheet hides, and the fonts of the text and of the headings. */
async function printMedia(page: Page) {
  await page.emulateMedia({ media: 'print' });
  const r = await page.evaluate(() => {
    const shown = (sel: string) => [...document.querySelectorAll(sel)].some((e) => getComputedStyle(e).display !== 'none');
    const h = document.querySelector('h1');
    return {
      navShown: shown('header.site, nav, footer.site'),
      printButtonShown: shown('.no-print, .toolbar'),
      bodyFont: getComputedStyle(document.body).fontFamily,
      headingFont: h ? getComputedStyle(h).fontFamily : '',
    };
  });
  await page.emulateMedia({ media: null });
  return r;
}

describe.skipIf(!hasChromium)(`printing in Chromium ${SKIP_NOTE}`, () => {
  let staff: BrowserContext;
  let publicNoJs: BrowserContext;
  const e2e = e2eSuite({
    timeout: 180_000,
    setup: async (s) => {
      ({ context: staff } = await s.signedInContext('xfj.head', { viewport: { width: 1366, height: 900 } }));
      publicNoJs = await s.context({ locale: 'zh-CN', timezoneId: 'Asia/Shanghai', javaScriptEnabled: false, viewport: { width: 390, height: 844 } });
    },
  });

  it('prints the ledger with the list filters on A4 landscape', async () => {
    const db = e2e.server.testApp.ctx.db;
    const codes = (state: '=' | '!=') =>
      db.selectFrom('cases').select('tracking_code').where('agency_id', '=', e2e.server.testApp.demo.xfj.id).where('state', state, 'closed');
    const open = await codes('!=').execute();
    const closed = await codes('=').executeTakeFirstOrThrow();
    expect(open.length).toBeGreaterThan(0);
    const page = await staff.newPage();
    await page.goto(`${e2e.server.url}/api/cases/ledger/print?state=open`);
    await page.getByRole('heading', { name: '枣庄市信访局政府信息公开申请办理台账' }).waitFor();
    await screenshot(page, 'print-01-ledger-page');
    const media = await printMedia(page);
    expect(media.printButtonShown).toBe(false);
    expect(media.bodyFont).toMatch(/FangSong|仿宋/);
    expect(media.headingFont).toMatch(/SimHei|黑体/);
    const { text, info } = pdfText('print-ledger', await page.pdf({ preferCSSPageSize: true, printBackground: true }));
    expect(info).toMatch(A4_LANDSCAPE);
    for (const part of [
      '政府信息公开申请办理台账',
      '筛选条件：状态：办理中',
      `共 ${open.length} 件`,
      '受理编号',
      '收到日期',
      '申请内容',
      '经办人',
      '办理结果',
      '是否延期',
    ])
      expect(text.replace(/ {2,}/g, ' ')).toContain(part);
    for (const c of open) expect(text).toContain(c.tracking_code);
    expect(text).not.toContain(closed.tracking_code);
    expect(text).not.toContain('请使用浏览器的打印功能');
    // Another agency's ledger is not this one: the supervising office sees masked names, a clerk of 财政局 none of these.
    const other = await signedIn(e2e.server.testApp.app, 'czj.clerk');
    const res = await other.request('GET', '/api/cases/ledger/print?state=open');
    expect(res.statusCode).toBe(200);
    for (const c of open) expect(res.body).not.toContain(c.tracking_code);
    expect((await other.request('GET', '/api/cases/ledger/print?state=nonsense')).statusCode).toBe(400);
    await page.close();
  }, 120_000);

  it('prints the receipt and the lookup page without JavaScript', async () => {
    const page = await publicNoJs.newPage();
    await page.goto(`${e2e.server.url}/apply?agency=zzxfj`);
    await page.getByLabel('姓名', { exact: true }).fill('赵印章');
    await page.getByLabel('证件号码', { exact: true }).fill('370402198503120034');
    await page.getByLabel('联系电话').fill('13800000002');
    await page.getByLabel('通信地址').fill('山东省枣庄市市中区光明路2号');
    await page.getByLabel('所需信息的名称、内容描述').fill('请公开本机关2025年度信访接待场所建设的相关文件');
    await page.getByLabel('电子数据').check();
    await page.getByLabel('电子邮件').check();
    await page.getByLabel('电子邮箱').fill('zyz@example.cn');
    await page.locator('#f-identityProof').setInputFiles({ name: '身份证.png', mimeType: 'image/png', buffer: PNG });
    await page.getByRole('button', { name: '提交申请' }).click();
    await page.getByRole('heading', { name: '申请已提交' }).waitFor();
    const code = (await page.locator('#tracking-code').textContent())!.trim();
    const secret = (await page.locator('#tracking-secret').textContent())!.trim();
    await screenshot(page, 'print-02-receipt-390');
    // Without JavaScript the hint is there and the button stays hidden (it needs print.js).
    await page.getByText('也可使用浏览器的“打印”功能（Ctrl+P）打印本页').waitFor();
    expect(await page.getByRole('button', { name: '打印' }).isVisible()).toBe(false);
    const media = await printMedia(page);
    expect(media.navShown).toBe(false);
    expect(media.printButtonShown).toBe(false);
    expect(media.bodyFont).toMatch(/FangSong|仿宋/);
    expect(media.headingFont).toMatch(/SimHei|黑体/);
    const { text, info } = pdfText('print-receipt', await page.pdf({ format: 'A4', printBackground: true }));
    expect(info).toMatch(A4_PORTRAIT);
    for (const part of ['政府信息公开申请回执', '受理机关', '枣庄市信访局', code, secret, '请公开本机关2025年度信访接待场所建设的相关文件'])
      expect(text).toContain(part);
    for (const navText of ['长者模式', '网站地图', '查询办理进度']) expect(text).not.toContain(navText);

    await e2e.lookUp(page, code, secret);
    await page.getByRole('heading', { name: `办理进度：${code}` }).waitFor();
    await screenshot(page, 'print-03-lookup-390');
    const lookup = pdfText('print-lookup', await page.pdf({ format: 'A4', printBackground: true }));
    for (const part of ['办理情况', '答复期限是如何计算的', '申请内容', code]) expect(lookup.text).toContain(part);
    expect(lookup.text).not.toContain('长者模式');
    await page.close();
  }, 120_000);

  it('prints an item page and the annual report (portal and console) on A4', async () => {
    const db = e2e.server.testApp.ctx.db;
    const item = await db
      .selectFrom('pub_public_items')
      .select(['id', 'title', 'index_no'])
      .where('agency_id', '=', e2e.server.testApp.demo.xfj.id)
      .where('kind', '=', 'normative')
      .executeTakeFirstOrThrow();
    const page = await publicNoJs.newPage();
    await page.setViewportSize({ width: 1366, height: 900 });
    await page.goto(`${e2e.server.url}/a/zzxfj/items/${item.id}`);
    await page.getByRole('heading', { name: item.title }).waitFor();
    await screenshot(page, 'print-04-item-1366');
    const media = await printMedia(page);
    expect(media.navShown).toBe(false);
    expect(media.bodyFont).toMatch(/FangSong|仿宋/);
    expect(media.headingFont).toMatch(/SimHei|黑体/);
    const it = pdfText('print-item', await page.pdf({ preferCSSPageSize: true, printBackground: true }));
    expect(it.info).toMatch(A4_PORTRAIT);
    expect(it.text.replace(/\s+/g, '')).toContain(item.title.replace(/\s+/g, ''));
    expect(it.text).toContain(item.index_no!);
    for (const navText of ['长者模式', '网站地图', '跳到主要内容']) expect(it.text).not.toContain(navText);

    await page.goto(`${e2e.server.url}/a/zzxfj/reports/2020`);
    await page.locator('article.annual-report').waitFor();
    const rep = pdfText('print-report-portal', await page.pdf({ preferCSSPageSize: true, printBackground: true }));
    expect(rep.info).toMatch(A4_PORTRAIT);
    expect(rep.text).toContain('政府信息公开工作年度报告');
    for (const part of ['主动公开政府信息情况', '收到和处理政府信息公开申请情况']) expect(rep.text.replace(/\s+/g, '')).toContain(part);
    expect(rep.text).not.toContain('长者模式');
    expect(rep.text).not.toContain('Word 文档（.docx）');
    await page.close();

    const report = await db
      .selectFrom('annual_reports')
      .select(['id', 'year'])
      .where('agency_id', '=', e2e.server.testApp.demo.xfj.id)
      .orderBy('year', 'desc')
      .executeTakeFirstOrThrow();
    const console = await staff.newPage();
    await console.goto(`${e2e.server.url}/api/reports/${report.id}/print`);
    await console.locator('article.annual-report').waitFor();
    await screenshot(console, 'print-05-report-console');
    const cm = await printMedia(console);
    expect(cm.printButtonShown).toBe(false);
    expect(cm.bodyFont).toMatch(/FangSong|仿宋/);
    const cr = pdfText('print-report-console', await console.pdf({ preferCSSPageSize: true, printBackground: true }));
    expect(cr.info).toMatch(A4_PORTRAIT);
    expect(cr.text).toContain(`${report.year}年`);
    expect(cr.text).toContain('稿');
    expect(cr.text.replace(/\s+/g, '')).toContain('收到和处理政府信息公开申请情况');
    // Another agency's report cannot be printed.
    const other = await signedIn(e2e.server.testApp.app, 'czj.clerk');
    expect((await other.request('GET', `/api/reports/${report.id}/print`)).statusCode).toBe(404);
    await console.close();
  }, 120_000);
});
