import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { axeProblems, hasChromium, screenshot, SKIP_NOTE, type WatchedPage } from '../helpers/browser.js';
import { e2eSuite } from '../helpers/e2e-suite.js';
import { signedIn } from '../helpers/app.js';
import { loadCalendar } from '../../src/requests/calendar.service.js';
import { todayInChina } from '../../src/platform/time.js';

/**
 * 依申请公开 end to end in Chromium: a citizen applies online (no JavaScript needed), the clerk confirms,
 * accepts and asks for a correction; the citizen sees it on the lookup page and corrects; the office head
 * approves an extension; the clerk closes as partly disclosed; the reply letter is signed off, released, and
 * downloaded from the lookup page. axe-core checks the public pages.
 */

describe.skipIf(!hasChromium)(`disclosure on application in Chromium ${SKIP_NOTE}`, () => {
  let page: WatchedPage;
  let code = '';
  let secret = '';

  const e2e = e2eSuite({
    setup: async (s) => {
      page = await s.portalPage({ acceptDownloads: true, javaScriptEnabled: true });
    },
  });

  async function lookup() {
    await e2e.lookUp(page, code, secret);
    await page.waitForLoadState();
  }

  it('a citizen applies online: errors appear next to the fields, then a receipt with code and secret', async () => {
    await page.goto(`${e2e.server.url}/apply?agency=zzxfj`);
    expect(await axeProblems(page)).toEqual([]);
    await page.getByLabel('姓名', { exact: true }).fill('李春梅');
    await page.getByLabel('证件号码', { exact: true }).fill('110105194912310021'); // wrong check digit
    await page.getByLabel('联系电话').fill('13800000001');
    await page.getByLabel('电子邮箱').fill('lcm@example.cn');
    await page.getByLabel('所需信息的名称、内容描述').fill('请公开2025年度本局信访事项办理情况统计数据');
    await page.getByLabel('电子数据', { exact: true }).check();
    await page.getByLabel('电子邮件', { exact: true }).check();
    await page.getByRole('button', { name: '提交申请' }).click();
    await expect.poll(() => page.locator('#idNumber-error').textContent()).toContain('校验位不正确');
    expect(await page.getByLabel('姓名', { exact: true }).inputValue()).toBe('李春梅');
    expect(await axeProblems(page)).toEqual([]);
    await page.getByLabel('证件号码', { exact: true }).fill('11010519491231002X');
    await page.getByRole('button', { name: '提交申请' }).click();
    await page.waitForSelector('#tracking-code');
    code = (await page.locator('#tracking-code').textContent())!.trim();
    secret = (await page.locator('#tracking-secret').textContent())!.trim();
    expect(code).toMatch(/^\d{4}-[A-Z0-9]{4}-[A-Z0-9]{4}$/);
    await screenshot(page, 'requests-receipt');
  }, 60_000);

  it('the clerk confirms, accepts and asks for a correction; the citizen corrects on the lookup page', async () => {
    const app = e2e.server.testApp.app;
    const clerk = await signedIn(app, 'xfj.clerk');
    const found = (await clerk.request('GET', `/api/cases?trackingCode=${code}`)).json();
    expect(found.total).toBe(1);
    const id = found.items[0].id;
    let v = (await clerk.request('POST', `/api/cases/${id}/confirm`, { json: { version: 1 } })).json().version;
    v = (await clerk.request('POST', `/api/cases/${id}/accept`, { json: { version: v } })).json().version;
    const cal = await loadCalendar(e2e.server.testApp.ctx.db);
    const deadline = cal.addWorkingDays(todayInChina(), 10);
    const r = await clerk.request('POST', `/api/cases/${id}/correction-request`, {
      json: { version: v, items: '请写明所需统计数据的具体范围（全市或本局本级）。', deadline },
    });
    expect(r.statusCode, r.body).toBe(200);
    // The 补正告知书 drafted with the request tells the applicant once the office head releases it (issue 9).
    const notice = (await clerk.request('GET', `/api/cases/${id}/letters`)).json().find((l: { kind: string }) => l.kind === 'correction_notice');
    const head = await signedIn(app, 'xfj.head');
    const released = await head.request('POST', `/api/letters/${notice.id}/release`, { json: { version: notice.version } });
    expect(released.statusCode, released.body).toBe(200);

    await lookup();
    await expect.poll(() => page.locator('#case-state').textContent()).toContain('待申请人补正');
    expect(await page.content()).toContain(released.json().docNumber);
    expect(await page.content()).toContain('请写明所需统计数据的具体范围');
    expect(await axeProblems(page)).toEqual([]);
    await page.getByLabel('补正内容').fill('所需为本局本级2025年全年的统计数据。');
    await page.getByRole('button', { name: '提交补正' }).click();
    await expect.poll(() => page.locator('#case-state').textContent()).toContain('办理中');
    expect(await page.content()).toContain('补正已提交');
    expect(await page.content()).toContain('重新计算');
  }, 60_000);

  it('the head extends, the clerk closes as partly disclosed, the reply is released and downloads from the lookup page', async () => {
    const app = e2e.server.testApp.app;
    const clerk = await signedIn(app, 'xfj.clerk');
    const head = await signedIn(app, 'xfj.head');
    const id = (await clerk.request('GET', `/api/cases?trackingCode=${code}`)).json().items[0].id;
    let detail = (await clerk.request('GET', `/api/cases/${id}`)).json();
    expect((await clerk.request('POST', `/api/cases/${id}/extension`, { json: { version: detail.version, reason: '需要汇总' } })).statusCode).toBe(403);
    const ext = await head.request('POST', `/api/cases/${id}/extension`, { json: { version: detail.version, reason: '统计数据需要从多个科室汇总核对。' } });
    expect(ext.statusCode, ext.body).toBe(200);
    const closed = await clerk.request('POST', `/api/cases/${id}/close`, {
      json: {
        version: ext.json().version,
        outcome: 'partly_disclosed',
        reason: '统计表中涉及信访人个人信息的部分依照条例第十五条不予公开，其余部分予以公开。',
      },
    });
    expect(closed.statusCode, closed.body).toBe(200);
    const draft = await clerk.request('POST', `/api/cases/${id}/letters`, {
      json: {
        kind: 'reply',
        fields: {
          reply: {
            withheldParts: '涉及信访人姓名、住址等个人信息的部分',
            withheldBasis: 'withheld_third_party',
            provision: { form: 'electronic', delivery: 'email', detail: 'lcm@example.cn' },
            items: ['2025年度信访事项办理情况统计表（删除个人信息后）'],
          },
        },
      },
    });
    expect(draft.statusCode, draft.body).toBe(201);
    const rel = await head.request('POST', `/api/letters/${draft.json().id}/release`, { json: { version: 1 } });
    expect(rel.statusCode, rel.body).toBe(200);
    detail = (await clerk.request('GET', `/api/cases/${id}`)).json();
    expect(detail.trace.some((s: { kind: string }) => s.kind === 'extension')).toBe(true);

    await lookup();
    await expect.poll(() => page.locator('#case-state').textContent()).toContain('已办结');
    expect(await page.content()).toContain(rel.json().docNumber);
    const [download] = await Promise.all([
      page.waitForEvent('download'),
      page
        .getByRole('row')
        .filter({ hasText: rel.json().docNumber })
        .getByRole('button', { name: /下载 \.docx/ })
        .click(),
    ]);
    // The reply, not the 补正告知书 or 延期答复告知书 released with their steps.
    expect(download.suggestedFilename()).toBe(`${rel.json().docNumber}.docx`);
    const path = await download.path();
    const bytes = readFileSync(path!);
    expect(bytes.subarray(0, 2).toString()).toBe('PK');
    expect(download.suggestedFilename()).toMatch(/\.docx$/);
    await screenshot(page, 'requests-lookup-closed');
    expect(page.problems).toEqual([]);
  }, 60_000);
});
