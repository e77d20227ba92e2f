import { execFileSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { signedIn } from '../helpers/app.js';
import { hasChromium, screenshot, SKIP_NOTE } from '../helpers/browser.js';
import { e2eSuite } from '../helpers/e2e-suite.js';

/** Issue 11, must-show 4: the printed case file (一案一档) as Chromium prints it to PDF, checked for its parts. */
describe.skipIf(!hasChromium)(`case file printing in Chromium ${SKIP_NOTE}`, () => {
  const e2e = e2eSuite();

  it('prints an extended case with its application, timeline, clock trace, letters and appeals on A4', async () => {
    const ctx = e2e.server.testApp.ctx;
    // A demo case that was extended (its timeline, trace and a letter to print).
    const demo = await ctx.db
      .selectFrom('cases')
      .select(['id', 'tracking_code'])
      .where('agency_id', '=', e2e.server.testApp.demo.xfj.id)
      .where('state', '=', 'extended')
      .executeTakeFirstOrThrow();
    const { context, client } = await e2e.signedInContext('xfj.head');
    const res = await client.request('GET', `/api/cases/${demo.id}/print`);
    expect(res.statusCode).toBe(200);
    const page = await context.newPage();
    await page.goto(`${e2e.server.url}/api/cases/${demo.id}/print`);
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
    const other = await signedIn(e2e.server.testApp.app, 'czj.clerk');
    expect((await other.request('GET', `/api/cases/${demo.id}/print`)).statusCode).toBe(404);
    await context.close();
  }, 120_000);
});
