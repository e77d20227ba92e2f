import { execFileSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser } from 'playwright-core';
import { signedIn } from '../helpers/app.js';
import { hasChromium, launchBrowser, screenshot, SKIP_NOTE, startServer, type RunningServer } from '../helpers/browser.js';

/** Issue 11, must-show 4: the printed case file (一案一档) as Chromium prints it to PDF, checked for its parts. */
describe.skipIf(!hasChromium)(`case file printing in Chromium ${SKIP_NOTE}`, () => {
  let server: RunningServer;
  let browser: Browser;
  beforeAll(async () => {
    [server, browser] = await Promise.all([startServer('sqlite'), launchBrowser()]);
  }, 120_000);
  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  it('prints an extended case with its application, timeline, clock trace, letters and appeals on A4', async () => {
    const ctx = server.testApp.ctx;
    // A demo case that was extended (its timeline, trace and a letter to print).
    const demo = await ctx.db
      .selectFrom('cases')
      .select(['id', 'tracking_code'])
      .where('agency_id', '=', server.testApp.demo.xfj.id)
      .where('state', '=', 'extended')
      .executeTakeFirstOrThrow();
    const client = await signedIn(server.testApp.app, 'xfj.head');
    const res = await client.request('GET', `/api/cases/${demo.id}/print`);
    expect(res.statusCode).toBe(200);
    const context = await browser.newContext({ locale: 'zh-CN', timezoneId: 'Asia/Shanghai' });
    const host = new URL(server.url).hostname;
    await context.addCookies([...client.cookies].map(([name, value]) => ({ name, value, domain: host, path: '/' })));
    const page = await context.newPage();
    await page.goto(`${server.url}/api/cases/${demo.id}/print`);
    await page.getByRole('heading', { name: '政府信息公开申请案卷' }).waitFor();
    await screenshot(page, 'case-file-01-page');
    const pdf = await page.pdf({ format: 'A4', printBackground: true });
    const dir = mkdtempSync(join(tmpdir(), 'gk-casefile-'));
    writeFileSync(join(dir, 'case.pdf'), pdf);
    const text = execFileSync('pdftotext', ['-layout', join(dir, 'case.pdf'), '-'], { encoding: 'utf8' });
    for (const part of ['一、申请', '二、办理记录', '三、答复期限计算', '四、告知书与答复书', '五、行政复议和行政诉讼']) expect(text).toContain(part);
    expect(text).toContain(demo.tracking_code);
    expect(text).toContain('延期答复');
    // A4 in points: 595 × 842.
    const info = execFileSync('pdfinfo', [join(dir, 'case.pdf')], { encoding: 'utf8' });
    expect(info).toMatch(/Page size:\s+595(\.\d+)? x 841(\.\d+)?|Page size:\s+595(\.\d+)? x 842/);
    // Another agency's clerk cannot print it.
    const other = await signedIn(server.testApp.app, 'czj.clerk');
    expect((await other.request('GET', `/api/cases/${demo.id}/print`)).statusCode).toBe(404);
    await context.close();
  }, 120_000);
});
