import { createRequire } from 'node:module';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { hasChromium, launchBrowser, screenshot, SKIP_NOTE, startServer, watchPage, type RunningServer } from '../helpers/browser.js';

/** The portal's 政府信息公开年报 section in Chromium: the list, the report page with its tables, no serious axe findings. */

const AXE = createRequire(import.meta.url).resolve('axe-core/axe.min.js');

async function axeProblems(page: Page): Promise<string[]> {
  await page.addScriptTag({ path: AXE });
  const result = await page.evaluate(async () => {
    const r = await (window as any).axe.run(document, { runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'] } });
    return r.violations.map((v: any) => ({ id: v.id, impact: v.impact, nodes: v.nodes.slice(0, 3).map((n: any) => n.target.join(' ')) }));
  });
  return result.filter((v: any) => v.impact === 'serious' || v.impact === 'critical').map((v: any) => `${v.id} (${v.impact}): ${v.nodes.join(', ')}`);
}

describe.skipIf(!hasChromium)(`annual reports in the portal, in Chromium ${SKIP_NOTE}`, () => {
  let server: RunningServer;
  let browser: Browser;
  let context: BrowserContext;
  let page: Page;
  let problems: string[];

  beforeAll(async () => {
    server = await startServer('sqlite');
    browser = await launchBrowser();
    context = await browser.newContext({ bypassCSP: true, locale: 'zh-CN' });
    page = await context.newPage();
    problems = watchPage(page);
  }, 120_000);
  afterAll(async () => {
    await context?.close();
    await browser?.close();
    await server?.close();
  });

  it('lists the published reports by year and shows the 2020 report with its tables', async () => {
    await page.goto(`${server.url}/a/zzxfj/reports`);
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
    expect(problems).toEqual([]);
  }, 60_000);
});
