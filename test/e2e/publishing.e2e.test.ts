import { describe, expect, it } from 'vitest';
import { Client, signedIn } from '../helpers/app.js';
import { axeProblems, hasChromium, screenshot, SKIP_NOTE, type WatchedPage } from '../helpers/browser.js';
import { e2eSuite } from '../helpers/e2e-suite.js';
import { ALL_CHECKS } from '../publishing/helpers.js';

/**
 * Proactive disclosure end to end (issue 5, must-show 1 and 4): a clerk drafts a normative document and its
 * interpretation, the three reviewers approve (through the JSON API: the staff side), and the PUBLIC side is
 * checked in Chromium: both appear together in the column and in search; after withdrawal the document leaves
 * lists and search, its URL is gone, and its history stays. axe-core checks the public pages.
 */

const TITLE = '枣庄市信访局关于信访事项网上办理的若干规定';
const INTERP = '《枣庄市信访局关于信访事项网上办理的若干规定》政策解读';

describe.skipIf(!hasChromium)(`proactive disclosure in Chromium ${SKIP_NOTE}`, () => {
  let page: WatchedPage;
  let policyId = '';
  let interpId = '';

  const e2e = e2eSuite({
    setup: async (s) => {
      page = await s.portalPage();
    },
  });

  it('a clerk drafts a normative document with its interpretation; the three reviewers approve; both go public together', async () => {
    const app = e2e.server.testApp.app;
    const clerk = await signedIn(app, 'xfj.clerk');
    const p = await clerk.request('POST', '/api/publishing/items', {
      json: {
        columnCode: 'zcwj',
        kind: 'normative',
        title: TITLE,
        docNumber: '枣信访规〔2026〕2号',
        createdOn: '2026-11-23',
        attribute: 'proactive',
        validity: 'valid',
        summary: '规范网上信访事项的受理、办理和答复。',
        bodyHtml: '<p>第一条 为规范网上信访事项办理，提高办理效率，制定本规定。</p><p>第二条 网上信访事项应当在规定期限内受理。</p>',
      },
    });
    expect(p.statusCode, p.body).toBe(201);
    policyId = p.json().item.id;
    const i = await clerk.request('POST', '/api/publishing/items', {
      json: {
        columnCode: 'zcjd',
        kind: 'interpretation',
        policyId,
        title: INTERP,
        createdOn: '2026-11-23',
        attribute: 'proactive',
        bodyHtml: '<p>一、制定背景：推动信访工作网上办理。</p><p>二、主要内容。</p>',
      },
    });
    expect(i.statusCode, i.body).toBe(201);
    interpId = i.json().item.id;
    for (const id of [policyId, interpId]) expect((await clerk.request('POST', `/api/publishing/items/${id}/submit`)).statusCode).toBe(200);

    // Nothing is public before review, not even by direct URL.
    await page.goto(`${e2e.server.url}/a/zzxfj/items/${policyId}`);
    await expect(page.locator('h1').textContent()).resolves.toBe('页面不存在');

    for (const username of ['xfj.head', 'xfj.deputy', 'xfj.principal']) {
      const r = await signedIn(app, username);
      for (const id of [policyId, interpId]) {
        const d = (await r.request('GET', `/api/publishing/items/${id}`)).json();
        expect(d.review.next).toBe(username === 'xfj.head' ? 'office_head' : username === 'xfj.deputy' ? 'deputy_leader' : 'principal');
        const res = await r.request('POST', `/api/publishing/items/${id}/review`, {
          json: { decision: 'approved', checklist: ALL_CHECKS, contentHash: d.item.content_hash, comment: '同意。' },
        });
        expect(res.statusCode, res.body).toBe(200);
      }
    }
    const rel = await clerk.request('POST', `/api/publishing/items/${policyId}/release`, { json: {} });
    expect(rel.statusCode, rel.body).toBe(200);
    expect(rel.json().items.map((x: any) => x.id)).toEqual([policyId, interpId]);

    // The public side, in the browser: the column list, the item with its interpretation, and back.
    await page.goto(`${e2e.server.url}/a/zzxfj/statutory/zcwj`);
    await page.getByRole('link', { name: TITLE }).click();
    await expect(page.locator('h1').textContent()).resolves.toBe(TITLE);
    await expect(page.locator('.meta').textContent()).resolves.toContain('枣信访规〔2026〕2号');
    await expect(page.locator('.meta').textContent()).resolves.toContain('有效');
    await page.getByRole('link', { name: INTERP }).click();
    await expect(page.locator('h1').textContent()).resolves.toBe(INTERP);
    await expect(page.getByRole('link', { name: TITLE }).count()).resolves.toBe(1);
    await screenshot(page, 'publishing-interpretation');

    // And in search, through the form.
    await page.goto(`${e2e.server.url}/search`);
    await page.getByLabel('关键词、文号或索引号').fill('网上办理若干规定');
    await page.getByRole('button', { name: '检索' }).click();
    const hits = page.locator('ol.hits > li');
    await expect(hits.count()).resolves.toBe(2);
    await expect(hits.nth(0).locator('mark').allTextContents()).resolves.toEqual(expect.arrayContaining(['网上办理', '若干规定']));
    const texts = await hits.allTextContents();
    expect(texts.some((t) => t.includes(TITLE) && !t.includes('政策解读'))).toBe(true);
    expect(texts.some((t) => t.includes(INTERP))).toBe(true);
    await page.goto(`${e2e.server.url}/search?q=${encodeURIComponent('枣信访规〔2026〕2号')}`);
    await expect(page.locator('ol.hits > li a').first().textContent()).resolves.toContain('信访事项网上办理');
    await screenshot(page, 'publishing-search');
  }, 120_000);

  it('a withdrawn item leaves lists and search, its URL is gone, its history stays', async () => {
    const head = await signedIn(e2e.server.testApp.app, 'xfj.head');
    const w = await head.request('POST', `/api/publishing/items/${policyId}/withdraw`, { json: { reason: '规定内容需结合上级新要求修改，暂予撤回。' } });
    expect(w.statusCode, w.body).toBe(200);

    await page.goto(`${e2e.server.url}/a/zzxfj/statutory/zcwj`);
    await expect(page.getByRole('link', { name: TITLE }).count()).resolves.toBe(0);
    await page.goto(`${e2e.server.url}/a/zzxfj/statutory/zcjd`);
    await expect(page.getByRole('link', { name: INTERP }).count()).resolves.toBe(0);
    const res = await page.goto(`${e2e.server.url}/a/zzxfj/items/${policyId}`);
    expect(res?.status()).toBe(404);
    await page.goto(`${e2e.server.url}/search?q=${encodeURIComponent('网上办理若干规定')}`);
    await expect(page.locator('ol.hits > li').count()).resolves.toBe(0);
    await expect(page.getByRole('status').textContent()).resolves.toContain('找到 0 条');

    const d = (await head.request('GET', `/api/publishing/items/${policyId}`)).json();
    expect(d.item.status).toBe('withdrawn');
    expect(d.item.withdraw_reason).toContain('暂予撤回');
    expect(d.versions.map((v: any) => v.event)).toEqual(['created', 'submitted', 'published', 'withdrawn']);
    expect(d.reviews.filter((r: any) => r.decision === 'approved').map((r: any) => r.role)).toEqual(['office_head', 'deputy_leader', 'principal']);
  }, 60_000);

  it('axe-core finds no serious or critical violation on home, list, item, search and guide pages', async () => {
    const item = await e2e.server.testApp.ctx.db
      .selectFrom('pub_public_items')
      .select('id')
      .where('agency_id', '=', e2e.server.testApp.demo.xfj.id)
      .where('kind', '=', 'meeting')
      .executeTakeFirstOrThrow();
    const cons = await e2e.server.testApp.ctx.db
      .selectFrom('pub_public_items')
      .select('id')
      .where('kind', '=', 'consultation')
      .where('comment_closes', '>=', '2026-12-01')
      .executeTakeFirstOrThrow();
    const pages = [
      '/',
      '/a/zzxfj/statutory',
      '/a/zzxfj/statutory/hygk',
      '/a/zzxfj/statutory/tzgg?year=2020&page=2',
      `/a/zzxfj/items/${item.id}`,
      `/search?q=${encodeURIComponent('信访')}`,
      '/a/zzxfj/guide',
      '/a/zzxfj/rules',
      `/a/zzxfj/consultations/${cons.id}`,
    ];
    const found: string[] = [];
    for (const path of pages) {
      const res = await page.goto(`${e2e.server.url}${path}`);
      expect(res?.status(), path).toBe(200);
      for (const v of await axeProblems(page)) found.push(`${path}: ${v}`);
    }
    // Narrow screens: the column still reads without horizontal scrolling of the page itself.
    await page.setViewportSize({ width: 375, height: 800 });
    await page.goto(`${e2e.server.url}/a/zzxfj/guide`);
    await screenshot(page, 'publishing-guide-mobile');
    expect(found).toEqual([]);
    expect(page.problems).toEqual([]);
  }, 120_000);
});
