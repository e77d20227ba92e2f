import { describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { type Client, signedIn } from '../helpers/app.js';
import fc from 'fast-check';
import { Window } from 'happy-dom';
import { consultationState } from '../../src/publishing/consultations.service.js';
import { todayInChina } from '../../src/platform/time.js';
import { art26Short, consultationPhase, fmtSize, todayBeijing } from '../../web/admin/src/views/publishing/format.js';
import { cleanPastedHtml, inertHtml } from '../../web/admin/src/views/publishing/rich-text.js';
import { consoleAxeProblems, hasChromium, screenshot, SKIP_NOTE } from '../helpers/browser.js';
import { e2eSuite } from '../helpers/e2e-suite.js';

/**
 * The staff console's 主动公开 pages in Chromium (issue 5, must-show 1): a clerk drafts a normative document and
 * its interpretation in the console; 办公室主任, 分管领导 and 主要负责人 each approve both, bound to the version
 * they read; the release puts both on the portal together. Screenshots go to /tmp/gongkai-screens/pub-*.png.
 */

const POLICY_TITLE = '枣庄市信访局关于规范网上信访事项办理工作的通知';
const POLICY_DOCNO = '枣信发〔2026〕12号';
const INTERP_TITLE = '《枣庄市信访局关于规范网上信访事项办理工作的通知》政策解读';

describe('publishing console helpers (pure)', () => {
  const parser = new new Window().DOMParser() as unknown as NonNullable<Parameters<typeof inertHtml>[1]>;

  it('keeps typed-in markup inert in the editor: no scripts, handlers or javascript: links, structure kept', () => {
    const out = inertHtml(
      '<h2>通知</h2><p onclick="x()">正文<img src="a.png" onerror="alert(1)"></p><script>alert(2)</script><a href="javascript:alert(3)">链接</a><a href="https://www.zaozhuang.gov.cn/">市政府</a><iframe src="https://evil.example"></iframe>',
      parser,
    );
    expect(out).not.toMatch(/onclick|onerror|<script|javascript:|<iframe/i);
    expect(out).toContain('<h2>通知</h2>');
    expect(out).toContain('href="https://www.zaozhuang.gov.cn/"');
    expect(out).toContain('src="a.png"');
  });

  it('cleans Word paste to plain structure', () => {
    const out = cleanPastedHtml(
      '<p class="MsoNormal" style="text-indent:2em"><span lang="ZH-CN" style="font-family:仿宋">一、总则</span><o:p></o:p></p><table border="1"><tr><td colspan="2" style="width:100px">表</td></tr></table>',
      parser,
    );
    expect(out).not.toMatch(/class=|style=|lang=|<o:p/i);
    expect(out).toContain('一、总则');
    expect(out).toContain('colspan="2"');
  });

  it('says the Art. 26 badge the way staff read it', () => {
    expect(art26Short(null)).toBe('');
    expect(art26Short({ due: '2026-12-24', remaining: 12, level: 'ok', message: '' })).toBe('2026-12-24 前公开');
    expect(art26Short({ due: '2026-11-30', remaining: 3, level: 'warning', message: '' })).toBe('剩 3 个工作日');
    expect(art26Short({ due: '2026-11-26', remaining: 0, level: 'warning', message: '' })).toBe('今日到期');
    expect(art26Short({ due: '2026-11-20', remaining: -4, level: 'overdue', message: '' })).toBe('已超期 4 个工作日');
    expect(fmtSize(69)).toBe('69 B');
    expect(fmtSize(2_500_000)).toBe('2.4 MB');
  });

  it("judges a consultation period and today's date exactly as the server does", () => {
    const day = fc.integer({ min: 0, max: 3000 }).map((n) => new Date(Date.UTC(2020, 0, 1) + n * 86_400_000).toISOString().slice(0, 10));
    fc.assert(
      fc.property(fc.option(day, { nil: null }), fc.option(day, { nil: null }), day, (opens, closes, today) => {
        expect(consultationPhase(opens, closes, today)).toBe(consultationState(opens, closes, today));
      }),
    );
    fc.assert(
      fc.property(fc.integer({ min: Date.UTC(2020, 0, 1), max: Date.UTC(2030, 0, 1) }), (t) => {
        expect(todayBeijing(new Date(t))).toBe(todayInChina(new Date(t)));
      }),
    );
  });
});

describe.skipIf(!hasChromium)(`publishing console in Chromium ${SKIP_NOTE}`, { timeout: 120_000 }, () => {
  const e2e = e2eSuite({ console: true });
  const problems: string[] = [];
  let policyId = '';
  let interpId = '';

  const newPage = (): Promise<Page> => e2e.openPage({ viewport: { width: 1440, height: 900 }, timeout: 30_000, collect: problems });

  const signIn = (page: Page, username: string) => e2e.signIn(page, username);

  const idFromUrl = (page: Page) => /#\/publishing\/items\/([^/?]+)/.exec(page.url())?.[1] ?? '';

  it('a clerk drafts a normative document and its interpretation and submits both for review', async () => {
    const page = await newPage();
    await signIn(page, 'xfj.clerk');
    await page.goto(`${e2e.server.url}/admin/#/publishing/new?kind=normative`);
    await page.getByRole('heading', { level: 1, name: '起草信息' }).waitFor();

    // Submitting an empty form is caught in place, in Chinese.
    await page.getByRole('button', { name: '保存并提交审核' }).click();
    await page.getByText('请填写标题').first().waitFor();
    await page.getByText('规章和行政规范性文件须填写文号').first().waitFor();

    await page.getByLabel('标题', { exact: true }).fill(POLICY_TITLE);
    await page.getByLabel('文号').fill(POLICY_DOCNO);
    await page.getByLabel('内容概述').fill('规范网上信访事项的受理、办理、答复和评价，明确办理时限。');
    const rte = page.getByTestId('rte').first();
    await rte.click();
    await rte.fill('各县（市、区）信访局，局机关各科室：为进一步规范网上信访事项办理工作，现就有关事项通知如下。');
    // Markup typed into the source view: the server keeps the structure and drops the script and the handler.
    await page.getByRole('button', { name: 'HTML 源码' }).click();
    const src = page.getByLabel('正文（HTML 源码）');
    await src.fill(
      `${await src.inputValue()}<p>一、网上信访事项应当自收到之日起15日内告知是否受理。</p><script>alert(1)</script><img src="x" onerror="alert(2)">`,
    );
    await page.getByRole('button', { name: '返回编辑' }).click();
    await page
      .getByTestId('attachment-input')
      .setInputFiles({ name: '办理流程.txt', mimeType: 'text/plain', buffer: Buffer.from('网上信访事项办理流程：受理、办理、答复、评价。', 'utf8') });
    await page.getByText('保存时上传').waitFor();
    await screenshot(page, 'pub-01-draft-policy');
    await page.getByRole('button', { name: '保存并提交审核' }).click();
    await page.waitForURL(/#\/publishing\/items\/[^/]+$/);
    policyId = idFromUrl(page);
    expect(policyId).not.toBe('');
    await page.getByTestId('item-status').filter({ hasText: '审核中' }).waitFor();
    await page.getByRole('link', { name: '办理流程.txt' }).waitFor();
    // The server removed the script; the text stays.
    const body = await page.locator('.gk-body').innerHTML();
    expect(body).toContain('15日内告知是否受理');
    expect(body).not.toMatch(/<script|onerror/);

    // The interpretation, started from the policy's page, names its policy.
    await page.getByRole('button', { name: '起草政策解读' }).click();
    await page.waitForURL(/kind=interpretation/);
    await page.locator('#i-policy').locator('xpath=ancestor::div[contains(@class,"el-select")]').first().waitFor();
    await expect.poll(() => page.locator('.el-form-item', { hasText: '所解读的政策文件' }).textContent()).toContain(POLICY_TITLE);
    await page.getByLabel('标题', { exact: true }).fill(INTERP_TITLE);
    await page.getByTestId('rte').first().fill('一、制定背景。二、主要内容：明确网上信访事项受理、办理、答复时限。三、适用范围。');
    await screenshot(page, 'pub-02-draft-interpretation');
    await page.getByRole('button', { name: '保存并提交审核' }).click();
    await page.waitForURL(/#\/publishing\/items\/[^/]+$/);
    interpId = idFromUrl(page);
    expect(interpId).not.toBe(policyId);
    await page.getByText('所解读的政策文件').waitFor();

    // Both are in the list, in review, with the Art. 26 clock.
    await page.goto(`${e2e.server.url}/admin/#/publishing`);
    await page.getByRole('link', { name: POLICY_TITLE, exact: true }).waitFor();
    await page.getByRole('link', { name: INTERP_TITLE }).waitFor();
    // Both rows' Art. 26 clocks, not only their links, before counting.
    await page.locator('.gk-art26').nth(1).waitFor();
    expect(await page.locator('.gk-art26').count()).toBeGreaterThanOrEqual(2);
    await screenshot(page, 'pub-03-list');
    await page.close();
  });

  it("an approval is bound to the version read: a change meanwhile is refused with the server's message; a return needs a comment", async () => {
    const { clerk, item } = await draftedViaApi({
      title: '关于调整来访接待时间的通知',
      createdOn: '2026-11-20',
      bodyHtml: '<p>自12月1日起，来访接待时间调整为工作日上午8:30至下午5:00。</p>',
    });
    expect((await clerk.request('POST', `/api/publishing/items/${item.id}/submit`)).statusCode).toBe(200);

    const page = await newPage();
    await signIn(page, 'xfj.head');
    await page.goto(`${e2e.server.url}/admin/#/publishing/items/${item.id}`);
    const panel = page.getByTestId('review-panel');
    await panel.waitFor();
    // Returning without a comment is refused in place.
    await panel.getByRole('button', { name: '退回修改' }).click();
    await page.getByText('退回时请填写修改意见。').first().waitFor();

    // The clerk edits and resubmits the item while the office head reads it: the approval of the old version is refused.
    const edited = await clerk.request('PUT', `/api/publishing/items/${item.id}`, {
      json: {
        kind: 'general',
        columnCode: 'tzgg',
        title: '关于调整来访接待时间的通知',
        createdOn: '2026-11-20',
        attribute: 'proactive',
        bodyHtml: '<p>自12月1日起，来访接待时间调整为工作日上午8:30至下午5:30。</p>',
      },
    });
    expect(edited.statusCode).toBe(200);
    expect((await clerk.request('POST', `/api/publishing/items/${item.id}/submit`)).statusCode).toBe(200);
    const boxes = panel.locator('.gk-checklist .el-checkbox');
    for (let i = 0; i < (await boxes.count()); i++) await boxes.nth(i).click();
    await panel.getByRole('button', { name: '同意' }).click();
    await page.getByText('您审核的版本已被修改，请重新阅读最新版本后再审核。').first().waitFor();
    await screenshot(page, 'pub-04b-stale-version-refused');
    // The page has reloaded the new version (版本 2) with an empty checklist; it is returned with a comment the clerk sees.
    await panel.getByText('版本 2').waitFor();
    expect(await panel.locator('.el-checkbox.is-checked').count()).toBe(0);
    await panel.getByLabel('审核意见（退回时必填）').fill('请写明节假日接待安排。');
    await panel.getByRole('button', { name: '退回修改' }).click();
    await page.getByTestId('item-status').filter({ hasText: '已退回' }).waitFor();
    await page.close();

    const cp = await newPage();
    await signIn(cp, 'xfj.clerk');
    await cp.goto(`${e2e.server.url}/admin/#/publishing/items/${item.id}/edit`);
    await cp.getByText('请写明节假日接待安排。').waitFor();
    await screenshot(cp, 'pub-04c-returned');
    await cp.close();
  });

  for (const [username, step] of [
    ['xfj.head', '初审'],
    ['xfj.deputy', '复审'],
    ['xfj.principal', '终审'],
  ] as const) {
    it(`${username} approves both in the console (${step})`, async () => {
      expect(policyId && interpId).toBeTruthy();
      const page = await newPage();
      await signIn(page, username);
      await page.goto(`${e2e.server.url}/admin/#/publishing/review`);
      const queue = page.getByTestId('my-queue');
      await queue.getByRole('link', { name: POLICY_TITLE, exact: true }).waitFor();
      await queue.getByRole('link', { name: INTERP_TITLE }).waitFor();
      if (username === 'xfj.head') await screenshot(page, 'pub-04-review-queue');

      for (const id of [policyId, interpId]) {
        await page.goto(`${e2e.server.url}/admin/#/publishing/items/${id}`);
        const panel = page.getByTestId('review-panel');
        await panel.waitFor();
        // Approving needs every item of the confidentiality checklist.
        const approve = panel.getByRole('button', { name: '同意' });
        expect(await approve.isDisabled()).toBe(true);
        const boxes = panel.locator('.gk-checklist .el-checkbox');
        expect(await boxes.count()).toBe(6);
        for (let i = 0; i < 6; i++) await boxes.nth(i).click();
        await panel.getByLabel('审核意见（退回时必填）').fill('同意公开。');
        if (username === 'xfj.head' && id === policyId) await screenshot(page, 'pub-05-review-panel');
        await approve.click();
        await page
          .getByText(username === 'xfj.principal' ? '审核全部完成' : '转下一级审核')
          .first()
          .waitFor();
        await page.getByTestId('review-panel').waitFor({ state: 'detached' });
      }
      await page.close();
    });
  }

  it('the release puts the policy and its interpretation on the portal together', async () => {
    const page = await newPage();
    await signIn(page, 'xfj.clerk');
    await page.goto(`${e2e.server.url}/admin/#/publishing/items/${policyId}`);
    await page.getByTestId('item-status').filter({ hasText: '已审核待发布' }).waitFor();
    await screenshot(page, 'pub-06-approved');
    await page.getByRole('button', { name: '发布' }).click();
    const dialog = page.getByRole('dialog', { name: '发布信息' });
    await dialog.getByText('关联的政策解读 1 篇将同步发布').waitFor();
    await dialog.getByRole('button', { name: '确定发布' }).click();
    await page.getByText('政策解读 1 篇同步发布').first().waitFor();
    await page.getByTestId('item-status').filter({ hasText: '已发布' }).waitFor();
    await page.getByRole('link', { name: '在门户网站查看' }).waitFor();
    // The release was logged on the portal channel; the WeChat release is logged by hand.
    const channels = page.getByTestId('item-channels');
    await channels.getByText('政府网站政府信息公开专栏').waitFor();
    await channels.getByRole('button', { name: '登记其他渠道发布' }).click();
    const cd = page.getByRole('dialog', { name: '登记其他渠道发布' });
    await cd.locator('.el-select').click();
    await page.locator('.el-popper:visible').getByText('微信公众号', { exact: true }).click();
    await cd.getByLabel('链接').fill('https://mp.weixin.qq.com/s/zzxfj-2026-12');
    await cd.getByRole('button', { name: '登记' }).click();
    await channels.getByText('微信公众号').waitFor();
    await screenshot(page, 'pub-07-published');

    const portal = await newPage();
    await portal.goto(`${e2e.server.url}/a/zzxfj/items/${policyId}`);
    await portal.getByRole('heading', { level: 1, name: POLICY_TITLE }).waitFor();
    expect(await portal.content()).toContain(POLICY_DOCNO);
    await portal.getByRole('link', { name: INTERP_TITLE }).click();
    await portal.getByRole('heading', { level: 1, name: INTERP_TITLE }).waitFor();
    await portal.getByRole('link', { name: POLICY_TITLE }).waitFor();
    await screenshot(portal, 'pub-08-portal-interpretation');
    await portal.close();
    await page.close();
  });

  it('a withdrawal with a reason takes both off the portal and keeps the history', async () => {
    const page = await newPage();
    await signIn(page, 'xfj.head');
    await page.goto(`${e2e.server.url}/admin/#/publishing/items/${policyId}`);
    await page.getByRole('button', { name: '撤回' }).click();
    const box = page.getByRole('dialog', { name: '撤回信息' });
    await box.getByRole('button', { name: '撤回' }).click();
    await box.getByText('请填写撤回理由（不超过 1000 字）').waitFor();
    await box.getByRole('textbox').fill('文件内容需根据省信访局新规定修改，暂予撤回。');
    await box.getByRole('button', { name: '撤回' }).click();
    await page.getByTestId('item-status').filter({ hasText: '已撤回' }).waitFor();
    await page.getByText('暂予撤回').first().waitFor();
    await page.getByText('撤回 · 版本').first().waitFor();
    await screenshot(page, 'pub-09-withdrawn');
    for (const id of [policyId, interpId]) {
      const res = await page.request.get(`${e2e.server.url}/a/zzxfj/items/${id}`);
      expect(res.status(), id).toBe(404);
    }
    await page.close();
  });

  it('the other pages open for the clerk and the office head: consultations, channels, registers, columns, dashboard', async () => {
    const page = await newPage();
    await signIn(page, 'xfj.clerk');
    await page.getByRole('heading', { name: '主动公开' }).waitFor();
    await screenshot(page, 'pub-10-dashboard');
    for (const [path, heading, shot] of [
      ['/publishing/consultations', '征求意见', 'pub-11-consultations'],
      ['/publishing/channels', '发布渠道', 'pub-12-channels'],
      ['/publishing/registers', '法定公开台账', 'pub-13-registers'],
      ['/publishing/columns', '栏目设置', 'pub-14-columns'],
    ] as const) {
      await page.goto(`${e2e.server.url}/admin/#${path}`);
      await page.getByRole('heading', { level: 1, name: heading }).waitFor();
      await page.waitForLoadState('networkidle');
      await screenshot(page, shot);
    }
    // Art. 20 registers: a document and a year's licensing figures, then the report's table computed from them.
    await page.goto(`${e2e.server.url}/admin/#/publishing/registers`);
    await page.getByRole('button', { name: '登记文件' }).click();
    const rd = page.getByRole('dialog', { name: '登记规章或行政规范性文件' });
    await rd.getByLabel('文件名称').fill('枣庄市信访局信访事项复查复核办法');
    await rd.getByLabel('文号').fill('枣信规〔2026〕2号');
    await rd.getByRole('button', { name: '登记' }).click();
    await page.getByRole('cell', { name: '枣庄市信访局信访事项复查复核办法' }).waitFor();
    await page.getByRole('tab', { name: '年度事项数据' }).click();
    await page.getByLabel('行政许可 事项数量').fill('12');
    await page.getByLabel('行政许可 处理决定数').fill('30');
    await page.getByRole('row').filter({ hasText: '行政许可' }).first().getByRole('button', { name: '保存' }).click();
    await page.getByText('行政许可 2026 年数据已保存。').waitFor();
    await page.getByRole('tab', { name: '年报主动公开表' }).click();
    const report = page.locator('table.gk-report');
    await report.waitFor();
    const licensing = report.getByRole('row').filter({ hasText: '行政许可' }).first();
    // The table's labels are drawn before its figures arrive: wait for the saved figure, not the table.
    await licensing.getByText('30', { exact: true }).first().waitFor();
    expect(await licensing.textContent()).toContain('30');
    await screenshot(page, 'pub-13b-report-table');
    // The release was logged on the portal channel.
    await page.goto(`${e2e.server.url}/admin/#/publishing/channels`);
    await page.getByRole('cell', { name: POLICY_TITLE, exact: true }).first().waitFor();
    // A consultation's comments: the clerk publishes 李娜's pending comment with a reply; the portal then shows it, name masked.
    await page.goto(`${e2e.server.url}/admin/#/publishing/consultations`);
    const row = page.getByRole('row').filter({ hasText: '人民建议征集办法' });
    await row.getByRole('button', { name: '意见管理' }).click();
    await page.getByRole('heading', { name: '公众意见' }).waitFor();
    const pending = page.getByRole('row').filter({ hasText: '希望增加通过微信公众号提交建议的渠道' });
    await pending.waitFor();
    await screenshot(page, 'pub-11b-comments');
    await pending.getByRole('button', { name: '公开' }).click();
    const prompt = page.getByRole('dialog', { name: '公开该意见' });
    await prompt.getByRole('textbox').fill('感谢您的建议，我局将在办法中增加微信公众号提交渠道。');
    await prompt.getByRole('button', { name: '公开' }).click();
    await page.getByText('意见已公开。').first().waitFor();
    const href = await row.getByRole('link').first().getAttribute('href');
    const consultationId = /items\/([^/?]+)/.exec(href ?? '')?.[1];
    expect(consultationId).toBeTruthy();
    const portal = await newPage();
    await portal.goto(`${e2e.server.url}/a/zzxfj/consultations/${consultationId}`);
    await portal.getByText('希望增加通过微信公众号提交建议的渠道').waitFor();
    const text = (await portal.textContent('main')) ?? '';
    expect(text).toContain('感谢您的建议');
    expect(text).not.toContain('李娜');
    await portal.close();
    await page.close();
  });

  it('the supervising office (政务公开办) reads the items of the agencies below it, without acting on them', async () => {
    const page = await newPage();
    await signIn(page, 'gkb');
    await page.goto(`${e2e.server.url}/admin/#/publishing`);
    await page.getByRole('heading', { level: 1, name: '主动公开信息' }).waitFor();
    await page.getByLabel('机关').waitFor();
    const row = page.getByRole('row').filter({ has: page.getByRole('link', { name: POLICY_TITLE, exact: true }) });
    await row.waitFor();
    expect(await row.textContent()).toContain('已撤回');
    expect(await page.getByRole('button', { name: '起草信息' }).count()).toBe(0);
    await screenshot(page, 'pub-15-supervisor-list');
    await row.getByRole('link', { name: POLICY_TITLE, exact: true }).click();
    await page.getByTestId('item-status').waitFor();
    for (const action of ['编辑', '修订', '撤回', '发布', '提交审核'])
      expect(await page.getByRole('button', { name: action, exact: true }).count(), action).toBe(0);
    await page.close();
  });

  /** Drafts an item as xfj.clerk through the API: a proactive 通知公告 of 2026-11-24 unless `fields` say otherwise. */
  async function draftedViaApi(fields: Record<string, unknown>): Promise<{ clerk: Client; item: { id: string; version: number } }> {
    const clerk = await signedIn(e2e.server.testApp.app, 'xfj.clerk');
    const res = await clerk.request('POST', '/api/publishing/items', {
      json: { kind: 'general', columnCode: 'tzgg', createdOn: '2026-11-24', attribute: 'proactive', ...fields },
    });
    expect(res.statusCode, res.body).toBe(201);
    return { clerk, item: res.json().item };
  }

  /** Drafts, submits and has the three levels approve an item through the API (as the console would). */
  async function approvedViaApi(fields: Record<string, unknown>): Promise<string> {
    const { clerk, item } = await draftedViaApi(fields);
    const id = item.id;
    expect((await clerk.request('POST', `/api/publishing/items/${id}/submit`)).statusCode).toBe(200);
    const checklist = Object.fromEntries(
      ((await clerk.request('GET', '/api/publishing/meta')).json().checklist as { key: string }[]).map((c) => [c.key, true]),
    );
    for (const u of ['xfj.head', 'xfj.deputy', 'xfj.principal']) {
      const r = await signedIn(e2e.server.testApp.app, u);
      const hash = (await r.request('GET', `/api/publishing/items/${id}`)).json().item.content_hash as string;
      const ok = await r.request('POST', `/api/publishing/items/${id}/review`, { json: { decision: 'approved', checklist, contentHash: hash } });
      expect(ok.statusCode, ok.body).toBe(200);
    }
    return id;
  }

  it('an approved item is scheduled in the console; a published item is revised while the portal keeps the released version', async () => {
    const scheduled = await approvedViaApi({
      title: '关于2027年元旦假期来访接待安排的公告',
      bodyHtml: '<p>2027年1月1日至3日，市人民来访接待中心安排值班人员接待来访群众。</p>',
    });
    const page = await newPage();
    await signIn(page, 'xfj.clerk');
    await page.goto(`${e2e.server.url}/admin/#/publishing/items/${scheduled}`);
    await page.getByTestId('item-status').filter({ hasText: '已审核待发布' }).waitFor();
    await page.getByRole('button', { name: '发布' }).click();
    const dialog = page.getByRole('dialog', { name: '发布信息' });
    await dialog.getByText('定时发布').click();
    const when = dialog.getByLabel('发布时间（北京时间）');
    await when.fill('2026-12-30 09:00');
    await when.press('Enter');
    // 2026-12-30 is after the item's 20-working-day limit (created 2026-11-24): said plainly, not refused.
    await dialog.getByText('所选时间晚于条例第二十六条规定的公开期限').waitFor();
    await screenshot(page, 'pub-16-schedule');
    await dialog.getByRole('button', { name: '确定定时发布' }).click();
    await page.getByTestId('item-status').filter({ hasText: '定时发布' }).waitFor();
    await page.getByText('2026-12-30 09:00').first().waitFor();
    const row = await e2e.server.testApp.ctx.db.selectFrom('pub_items').select(['status', 'release_at']).where('id', '=', scheduled).executeTakeFirstOrThrow();
    expect(row).toEqual({ status: 'scheduled', release_at: '2026-12-30T01:00:00.000Z' });

    // Revision of a published item: the edit page says so; the portal keeps showing version 1 until the revision is approved.
    const live = await approvedViaApi({ title: '枣庄市信访局2026年12月领导接访安排', bodyHtml: '<p>12月接访安排：每周三上午，局长接访。</p>' });
    const clerk = await signedIn(e2e.server.testApp.app, 'xfj.clerk');
    expect((await clerk.request('POST', `/api/publishing/items/${live}/release`, { json: {} })).statusCode).toBe(200);
    await page.goto(`${e2e.server.url}/admin/#/publishing/items/${live}/edit`);
    await page.getByRole('heading', { level: 1, name: '修订已发布信息' }).waitFor();
    await page.getByTestId('rte').first().fill('12月接访安排：每周三上午，局长接访；每周五上午，分管副局长接访。');
    await page.getByRole('button', { name: '保存草稿' }).click();
    await page.waitForURL(/#\/publishing\/items\/[^/]+$/);
    await page.getByText('门户网站显示版本 1').waitFor();
    await page.getByText('当前修订稿为版本 2').waitFor();
    await screenshot(page, 'pub-17-revision');
    const portal = await page.request.get(`${e2e.server.url}/a/zzxfj/items/${live}`);
    expect(portal.status()).toBe(200);
    const text = await portal.text();
    expect(text).toContain('每周三上午，局长接访');
    expect(text).not.toContain('分管副局长');
    await page.close();
  });

  it('warns of items near or past the 条例第二十六条 limit on the list and the dashboard', async () => {
    await draftedViaApi({
      columnCode: 'ghjh',
      title: '枣庄市信访局2026年度工作要点',
      createdOn: '2026-10-09',
      bodyHtml: '<p>2026年全市信访工作要点如下。</p>',
    });
    const page = await newPage();
    await signIn(page, 'xfj.clerk');
    const card = page.getByRole('region', { name: '主动公开' });
    await card.getByText('已超时限').waitFor();
    await card.getByText('枣庄市信访局2026年度工作要点').waitFor();
    await card.getByRole('link', { name: /已超时限/ }).click();
    const watch = page.getByTestId('art26-watch');
    await watch.getByRole('link', { name: '枣庄市信访局2026年度工作要点' }).waitFor();
    expect(await watch.textContent()).toMatch(/已超期 \d+ 个工作日/);
    await screenshot(page, 'pub-18-art26-watch');
    await page.close();
  });

  it('has no serious or critical accessibility violations on the publishing pages (axe-core)', async () => {
    const context = await e2e.context({ locale: 'zh-CN', bypassCSP: true, viewport: { width: 1440, height: 900 } });
    const page = await context.newPage();
    page.setDefaultTimeout(30_000);
    const audit = () => consoleAxeProblems(page, { networkIdle: true });
    const pending = await approvedViaApi({ title: '关于公布2027年信访工作联系方式的公告', bodyHtml: '<p>来信地址、来访地址和网上信访渠道如下。</p>' });
    await signIn(page, 'xfj.head');
    expect(await audit(), 'dashboard').toEqual([]);
    for (const path of [
      '/publishing',
      '/publishing/new?kind=normative',
      `/publishing/items/${pending}`,
      `/publishing/items/${policyId}`,
      '/publishing/review',
      '/publishing/consultations',
      '/publishing/channels',
      '/publishing/registers',
      '/publishing/columns',
    ]) {
      await page.goto(`${e2e.server.url}/admin/#${path}`);
      await page.getByRole('heading', { level: 1 }).first().waitFor();
      expect(await audit(), path).toEqual([]);
    }
  });

  it('showed no script errors', () => {
    expect(problems).toEqual([]);
  });
});
