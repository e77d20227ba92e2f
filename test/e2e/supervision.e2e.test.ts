import { copyFileSync, mkdirSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { hasChromium, screenshot, SKIP_NOTE } from '../helpers/browser.js';
import { e2eSuite } from '../helpers/e2e-suite.js';

/**
 * Must-show 1, in Chromium: the supervising office opens the board, the agency with an overdue case is
 * flagged, the drill-down shows the case with the applicant masked, a 督办 is issued, the agency's clerk sees
 * it on the workbench and in 待我处理 and answers there, and the board shows it answered. Also the public statistics page (no JS).
 */

const SHOTS = '/work/shots/12';
const keep = (path: string, name: string) => {
  try {
    mkdirSync(SHOTS, { recursive: true });
    copyFileSync(path, `${SHOTS}/${name}.png`);
  } catch {
    /* only on the dev machine */
  }
};

describe.skipIf(!hasChromium)(`supervision console end to end in Chromium ${SKIP_NOTE}`, () => {
  const e2e = e2eSuite({ console: true, trustProxy: true });

  async function signedInPage(username: string, width = 1366): Promise<{ page: Page; problems: string[] }> {
    const page = await e2e.openPage({ forwarded: true, viewport: { width, height: 900 }, timeout: 30_000 });
    await e2e.signIn(page, username);
    return { page, problems: page.problems };
  }

  it('board → flagged agency → masked drill-down → 督办 → the clerk answers from the inbox → the board shows it answered', async () => {
    const gkb = await signedInPage('gkb');
    const page = gkb.page;
    await page.goto(`${e2e.server.url}/admin/#/supervision`);
    const row = page
      .locator('[data-testid="board"] .el-table__body-wrapper tr')
      .filter({ has: page.locator('[data-agency="枣庄市信访局"]') })
      .first();
    await row.waitFor();
    // Flagged: the overdue tag is on the agency's row.
    await expect.poll(() => row.locator('.el-tag').allTextContents()).toContainEqual(expect.stringMatching(/件申请超期未答复/));
    keep(await screenshot(page, 'supervision-01-board'), 'board-1366');
    // Drill down into the overdue figure.
    await page.locator('[data-figure="overdue:枣庄市信访局"]').first().click();
    const dialog = page.locator('[role="dialog"][aria-modal="true"]').filter({ hasText: '超期未答复' });
    await dialog.waitFor();
    const drillRow = dialog.locator('[data-testid="drill"] .el-table__body-wrapper tr').first();
    await drillRow.waitFor();
    const cells = await drillRow.locator('td').allTextContents();
    const trackingCode = cells[0]!.trim();
    expect(cells[1]).toMatch(/^\S\*+|\*/);
    expect(cells.join('')).toContain('已过，至今未答复');
    keep(await screenshot(page, 'supervision-02-drill'), 'drill-1366');
    // 督办 from the record.
    await drillRow.getByRole('button', { name: '督办' }).click();
    const orderDialog = page.locator('[role="dialog"][aria-modal="true"]').filter({ hasText: '发出督办' });
    await orderDialog.waitFor();
    await orderDialog.getByRole('textbox').first().fill(`申请${trackingCode}已超过答复期限，请立即答复申请人并报告。`);
    await orderDialog.getByRole('button', { name: '发出督办' }).click();
    await page.getByText('已向枣庄市信访局发出督办').waitFor();
    await page.keyboard.press('Escape');
    await expect.poll(() => page.locator('[data-orders="枣庄市信访局"]').first().textContent()).toBe('1/0/0');

    // The clerk sees it on the workbench and on the case, and answers.
    const clerk = await signedInPage('xfj.clerk');
    const card = clerk.page.locator('[data-testid="orders-card"]');
    await card.waitFor();
    await expect.poll(() => card.textContent()).toContain(trackingCode);
    keep(await screenshot(clerk.page, 'supervision-03-clerk-workbench'), 'clerk-workbench-1366');
    // …and in 待我处理, where it is answered.
    await clerk.page.getByRole('menuitem', { name: /待我处理/ }).click();
    await clerk.page.waitForURL((u) => u.hash.startsWith('#/inbox'));
    const entry = clerk.page.locator('.group[data-kind="order_to_answer"] .entry').filter({ hasText: trackingCode });
    await entry.waitFor();
    expect(await entry.textContent()).toContain('督办');
    keep(await screenshot(clerk.page, 'supervision-03b-clerk-inbox'), 'clerk-inbox-1366');
    await entry.getByRole('button', { name: '答复督办' }).click();
    const answer = clerk.page.locator('[role="dialog"][aria-modal="true"]').filter({ hasText: '答复督办事项' });
    await answer.getByLabel('办理情况').fill('已于今日作出答复并送达申请人。');
    await answer.getByRole('button', { name: /^答\s*复$/ }).click();
    await clerk.page.getByText('已答复督办事项').first().waitFor();
    await entry.waitFor({ state: 'detached' });
    await clerk.page.goto(`${e2e.server.url}/admin/#/`);
    await expect.poll(() => clerk.page.locator('[data-testid="orders-card"]').textContent()).toContain('已于今日作出答复并送达申请人。');

    // Back on the board: answered.
    await page.getByRole('button', { name: '刷新' }).click();
    await expect.poll(() => page.locator('[data-orders="枣庄市信访局"]').first().textContent()).toBe('0/0/1');
    await page.locator('[data-orders="枣庄市信访局"]').first().click();
    const od = page.locator('[role="dialog"][aria-modal="true"]').filter({ hasText: '督办（1项）' });
    await od.waitFor();
    expect(await od.textContent()).toContain('已于今日作出答复并送达申请人。');
    keep(await screenshot(page, 'supervision-04-board-answered'), 'board-answered-1366');
    expect(gkb.problems).toEqual([]);
    expect(clerk.problems).toEqual([]);
  }, 240_000);

  it('the assessment page and the board at 390 px; the public statistics page without JavaScript', async () => {
    const { page, problems } = await signedInPage('gkb', 390);
    await page.goto(`${e2e.server.url}/admin/#/supervision`);
    await page.locator('[data-agency="枣庄市信访局"]').first().waitFor();
    keep(await screenshot(page, 'supervision-05-board-390'), 'board-390');
    await page.goto(`${e2e.server.url}/admin/#/supervision/assessment`);
    await page.locator('[data-testid="assessment"] .el-table__body-wrapper tr').first().waitFor();
    keep(await screenshot(page, 'supervision-06-assessment-390'), 'assessment-390');
    expect(problems).toEqual([]);
    const context = await e2e.context({ forwarded: true, javaScriptEnabled: false, viewport: { width: 1366, height: 900 } });
    const pub = await context.newPage();
    await pub.goto(`${e2e.server.url}/a/zzxfj/statistics`);
    expect(await pub.locator('figure.chart svg').count()).toBe(3);
    keep(await screenshot(pub, 'supervision-07-public-statistics'), 'public-statistics-1366');
  }, 180_000);
});
