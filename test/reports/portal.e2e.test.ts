import { describe, expect, it } from 'vitest';
import { axeProblems, hasChromium, screenshot, SKIP_NOTE, type WatchedPage } from '../helpers/browser.js';
import { e2eSuite } from '../helpers/e2e-suite.js';

/** The portal's 政府信息公开年报 section in Chromium: the list, the report page with its tables, no serious axe findings. */

describe.skipIf(!hasChromium)(`annual reports in the portal, in Chromium ${SKIP_NOTE}`, () => {
  let page: WatchedPage;

  const e2e = e2eSuite({
    setup: async (s) => {
      page = await s.portalPage();
    },
  });

  it('lists the published reports by year and shows the 2020 report with its tables', async () => {
    await page.goto(`${e2e.server.url}/a/zzxfj/reports`);
    await expect(page.locator('h1').textContent()).resolves.toContain('政府信息公开工作年度报告');
    expect(await axeProblems(page)).toEqual([]);
    await page.getByRole('link', { name: '枣庄市信访局2020年政府信息公开工作年度报告' }).click();
    await page.waitForURL(/\/a\/zzxfj\/reports\/2020$/);
    expect(await page.locator('table caption').allTextContents()).toEqual(
      expect.arrayContaining(['收到和处理政府信息公开申请情况', '政府信息公开行政复议、行政诉讼情况']),
    );
    expect(await page.locator('h2').allTextContents()).toEqual(expect.arrayContaining(['一、总体情况', '六、其他需要报告的事项']));
    expect(await page.getByRole('link', { name: 'Word 文档（.docx）' }).getAttribute('href')).toBe('/a/zzxfj/reports/2020.docx');
    expect(await axeProblems(page)).toEqual([]);
    await screenshot(page, 'report-2020');
    expect(page.problems).toEqual([]);
  }, 60_000);
});
