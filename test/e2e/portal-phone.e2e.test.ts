import { describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { axeProblems, hasChromium, SKIP_NOTE, type WatchedPage } from '../helpers/browser.js';
import { e2eSuite } from '../helpers/e2e-suite.js';

/**
 * Every public page of the portal on a phone (390 px, as an iPhone 12–15 shows it) and in large-print mode
 * (长者模式): the document is never wider than the viewport (tables scroll inside their own region), and
 * axe-core finds no serious or critical WCAG 2.1 AA violation. The pages are found by following the portal's
 * own links from the home page and the HTML site map (one page of each kind), plus the application form's
 * error page, so a page added later is visited without editing this list.
 */

const PHONE_WIDTH = 390;

const SKIP = /^\/(admin|api)(\/|$)|\.(xml|docx|json|csv|txt|pdf)(\?|$)|\/attachments\/|^\/elder|^\/mode/;

/** One representative per kind of page: agency codes, column codes, ids and years are placeholders. */
const shape = (path: string) =>
  path
    .replace(/^\/a\/[^/]+/, '/a/:agency')
    .replace(/\/statutory\/[^/?]+/, '/statutory/:column')
    .replace(/\/(items|consultations)\/[^/?]+/, '/$1/:id')
    .replace(/\/reports\/\d{4}/, '/reports/:year')
    .replace(/\?.*$/, (q) => (q.includes('q=') ? '?q' : q.includes('page=') ? '?page' : ''));

describe.skipIf(!hasChromium)(`the portal at 390 px, normal and large print ${SKIP_NOTE}`, () => {
  let page: WatchedPage;
  const pages: string[] = [];

  const e2e = e2eSuite({
    timeout: 240_000,
    setup: async ({ server, portalPage }) => {
      page = await portalPage({ viewport: { width: PHONE_WIDTH, height: 844 }, deviceScaleFactor: 1, isMobile: true, hasTouch: true });
      // Crawl: breadth first from the home page and the site map, one page per shape, at most 60 pages.
      const seen = new Set<string>();
      // The demo's 信访局 has published reports (the government's own column has none yet).
      const queue = ['/', '/a/zzxfj/reports', '/sitemap', '/login', '/search?q=%E9%A2%84%E7%AE%97', '/statistics'];
      while (queue.length && pages.length < 60) {
        const path = queue.shift()!;
        const key = shape(path);
        if (seen.has(key)) continue;
        seen.add(key);
        const res = await page.goto(server.url + path);
        if (!res || res.status() !== 200 || !/text\/html/.test(res.headers()['content-type'] ?? '')) continue;
        pages.push(path);
        const links = await page.$$eval('a[href]', (as) => as.map((a) => (a as HTMLAnchorElement).href));
        for (const href of links) {
          const u = new URL(href);
          if (u.origin !== server.url) continue;
          const p = u.pathname + u.search;
          if (!SKIP.test(p) && !seen.has(shape(p))) queue.push(p);
        }
      }
    },
  });

  /** What sticks out of the viewport, outside any region that scrolls on its own. */
  // Against the phone's own width: with isMobile, Chromium widens the layout viewport to fit content that
  // overflows (and zooms out), so clientWidth would grow with the very overflow we look for.
  const overflow = (p: Page) =>
    p.evaluate((vw) => {
      const scrolls = (el: Element | null): boolean => {
        for (let e = el?.parentElement; e; e = e.parentElement) if (['auto', 'scroll'].includes(getComputedStyle(e).overflowX)) return true;
        return false;
      };
      const wide = [...document.body.querySelectorAll('*')]
        .filter((e) => e.getBoundingClientRect().right > vw + 1 && !scrolls(e))
        .slice(0, 5)
        .map(
          (e) =>
            `${e.tagName.toLowerCase()}${e.id ? `#${e.id}` : ''}${e.className && typeof e.className === 'string' ? `.${e.className.split(' ').join('.')}` : ''} → ${Math.round(e.getBoundingClientRect().right)}px`,
        );
      return { width: document.documentElement.scrollWidth, viewport: vw, wide };
    }, PHONE_WIDTH);

  async function check(mode: string) {
    const failures: string[] = [];
    for (const path of pages) {
      await page.goto(e2e.server.url + path);
      const o = await overflow(page);
      if (o.width > o.viewport) failures.push(`${mode} ${path}: ${o.width}px > ${o.viewport}px (${o.wide.join('; ')})`);
      const axe = await axeProblems(page);
      if (axe.length) failures.push(`${mode} ${path}: ${axe.join(' | ')}`);
    }
    return failures;
  }

  it('visits every kind of public page', () => {
    const kinds = pages.map(shape);
    for (const k of [
      '/',
      '/a/:agency/',
      '/a/:agency/guide',
      '/a/:agency/rules',
      '/a/:agency/statutory',
      '/a/:agency/statutory/:column',
      '/a/:agency/items/:id',
      '/a/:agency/reports',
      '/a/:agency/reports/:year',
      '/search?q',
      '/apply',
      '/lookup',
      '/sitemap',
      '/login',
      '/statistics',
      '/a/:agency/statistics',
    ]) {
      expect(kinds, k).toContain(k);
    }
  });

  it('normal mode: no page is wider than the phone, no serious axe finding', async () => {
    // The application form after an empty submit (all errors at once) is a page too.
    expect(await check('normal')).toEqual([]);
    await page.goto(`${e2e.server.url}/apply`);
    await page.getByRole('button', { name: '提交申请' }).first().click();
    await page.waitForSelector('#error-summary');
    expect((await overflow(page)).wide).toEqual([]);
    expect(await axeProblems(page)).toEqual([]);
  }, 300_000);

  it('large-print mode is switched on by a plain link, kept across pages, and fits the phone too', async () => {
    await page.goto(`${e2e.server.url}/`);
    const normalSize = await page.evaluate(() => parseFloat(getComputedStyle(document.body).fontSize));
    // Only the switch to the other mode is shown.
    expect(await page.getByRole('link', { name: '标准模式' }).first().isVisible()).toBe(false);
    await page.getByRole('link', { name: '长者模式' }).first().click();
    await page.waitForLoadState();
    expect(new URL(page.url()).pathname).toBe('/');
    const cookies = await page.context().cookies();
    expect(cookies.find((c) => c.name === 'gk_mode')?.value).toBe('elder');
    await page.goto(`${e2e.server.url}/apply`);
    const elderSize = await page.evaluate(() => parseFloat(getComputedStyle(document.body).fontSize));
    expect(elderSize).toBeGreaterThanOrEqual(20);
    expect(elderSize).toBeGreaterThan(normalSize);
    expect(await page.getByRole('link', { name: '标准模式' }).first().isVisible()).toBe(true);
    expect(await page.getByRole('link', { name: '长者模式' }).first().isVisible()).toBe(false);
    expect(await check('elder')).toEqual([]);
    // And back to the standard view.
    await page.getByRole('link', { name: '标准模式' }).first().click();
    await page.waitForLoadState();
    expect(await page.evaluate(() => parseFloat(getComputedStyle(document.body).fontSize))).toBe(normalSize);
    expect(page.problems).toEqual([]);
  }, 300_000);
});
