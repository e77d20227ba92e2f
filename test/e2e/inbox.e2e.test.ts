import { describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { hasChromium, screenshot, SKIP_NOTE } from '../helpers/browser.js';
import { e2eSuite } from '../helpers/e2e-suite.js';
import * as svc from '../../src/requests/cases.service.js';
import { PERSON, principalOf } from '../requests/helpers.js';

/**
 * Issue 11, must-show 1, in Chromium: a clerk asks for an extension on a case they accepted; the office head
 * finds it in 待我处理 (with the count in the navigation), reads the drafted 延期答复告知书 in the page and
 * signs it, which approves the extension (beside it the case's draft reply, or 尚无答复草稿); the applicant's lookup shows the new deadline and the letter; the clerk's case
 * list shows the case under 我办理的 (经办人 = 我); the clerk sets an e-mail address and the reminder days in 个人设置.
 */
describe.skipIf(!hasChromium)(`inbox end to end in Chromium ${SKIP_NOTE}`, () => {
  const e2e = e2eSuite({ console: true });

  const newPage = (): Promise<Page> => e2e.openPage({ viewport: { width: 1366, height: 900 }, timeout: 15_000 });
  const signIn = (page: Page, username: string) => e2e.signIn(page, username);

  it("extension asked by the clerk, approved and signed from the head's inbox; the applicant sees both; the case is the clerk's", async () => {
    const ctx = e2e.server.testApp.ctx;
    const clerkP = await principalOf(ctx.db, 'xfj.clerk');
    const c = await svc.submitOnline(ctx, { agencyId: e2e.server.testApp.demo.xfj.id, application: PERSON, formToken: `e2e-inbox-${Date.now()}-xxxxxxxx` });
    const r = await svc.confirmReceipt(ctx, clerkP, c.id, { version: c.version });
    await svc.acceptCase(ctx, clerkP, c.id, { version: r.version });

    // ---- The clerk asks for the extension on the case page.
    const clerk = await newPage();
    await signIn(clerk, 'xfj.clerk');
    await clerk.goto(`${e2e.server.url}/admin/#/cases/${c.id}`);
    await clerk.getByRole('navigation', { name: '办理操作' }).getByRole('button', { name: '提请延期' }).click();
    const dialog = clerk.locator('[role="dialog"][aria-modal="true"]');
    await dialog.getByLabel('延期理由').fill('所需数据需由各科室汇总核对，20个工作日内难以完成。');
    await dialog.getByRole('button', { name: /确\s*定/ }).click();
    await dialog.waitFor({ state: 'hidden' });
    await clerk.getByText('提请延期答复，等待公开工作机构负责人批准').waitFor();

    // ---- The head: the count in the navigation, the entry in 待我处理, approval there.
    const head = await newPage();
    await signIn(head, 'xfj.head');
    const badge = head.locator('[data-test="inbox-count"]');
    await badge.waitFor();
    expect(Number(await badge.textContent())).toBeGreaterThanOrEqual(1);
    await head.getByRole('menuitem', { name: /待我处理/ }).click();
    await head.waitForURL((u) => u.hash.startsWith('#/inbox'));
    const group = head.locator('.group[data-kind="extension_to_approve"]');
    const entry = group.locator('.entry').filter({ hasText: c.trackingCode });
    await entry.waitFor();
    expect(await entry.textContent()).toContain('所需数据需由各科室汇总核对');
    await screenshot(head, 'inbox-01-head-extension');
    // ---- The head reads the drafted 延期答复告知书 in the page; signing it approves the extension.
    await entry.getByRole('button', { name: '阅读告知书并审批' }).click();
    const frame = head.frameLocator('[data-test="letter-preview"]');
    await frame.getByText('延期答复告知书').first().waitFor();
    expect(await frame.locator('body').textContent()).toContain('所需数据需由各科室汇总核对');
    // Beside the notice, the case's draft reply: none can exist yet on an open case (a reply is drafted with the
    // outcome at closing), so the page says so rather than leaving the head to wonder.
    const reply = head.locator('[data-test="reply-draft"]');
    await reply.waitFor();
    expect(await reply.textContent()).toContain('尚无答复草稿');
    expect(await head.locator('[role="dialog"][aria-modal="true"]').textContent()).toContain('签发本告知书即批准延期答复');
    await screenshot(head, 'inbox-02-letter-preview');
    await head.setViewportSize({ width: 390, height: 844 });
    await screenshot(head, 'inbox-02b-letter-preview-390');
    await head.setViewportSize({ width: 1366, height: 900 });
    await head.locator('[data-test="sign-letter"]').click();
    await group.locator('.entry').filter({ hasText: c.trackingCode }).waitFor({ state: 'detached' });
    const released = await ctx.db
      .selectFrom('case_letters')
      .select(['status', 'doc_number'])
      .where('case_id', '=', c.id)
      .where('kind', '=', 'extension_notice')
      .executeTakeFirstOrThrow();
    expect(released.status).toBe('released');

    // ---- The applicant's lookup: extended, with the new deadline and the released letter.
    const citizen = await newPage();
    await e2e.lookUp(citizen, c.trackingCode, c.secret);
    await citizen.getByRole('heading', { name: `办理进度：${c.trackingCode}` }).waitFor();
    const text = (await citizen.locator('main').textContent())!;
    expect(text).toContain('已延期');
    expect(text).toContain('延期答复告知书');
    expect(text).not.toContain('答复书草稿');
    await screenshot(citizen, 'inbox-03-lookup');

    // ---- The clerk's list: 经办人 = 我.
    await clerk.goto(`${e2e.server.url}/admin/#/cases/list?assignee=me`);
    await clerk.getByRole('link', { name: c.trackingCode }).waitFor();
    await screenshot(clerk, 'inbox-04-my-cases');

    // ---- 个人设置: the clerk gives an e-mail address and wants reminders 5 working days ahead.
    await clerk.goto(`${e2e.server.url}/admin/#/account`);
    await clerk.locator('.contacts input[type="email"]').fill('wxy@xfj.example.cn');
    const days = clerk.locator('.contacts .el-input-number input');
    await days.fill('5');
    await days.blur();
    await clerk.locator('[data-test="save-contacts"]').click();
    await clerk.getByText('通知设置已保存。').waitFor();
    const saved = await ctx.db
      .selectFrom('users')
      .select(['email_enc', 'remind_days', 'notify_channel'])
      .where('id', '=', clerkP.userId)
      .executeTakeFirstOrThrow();
    expect([ctx.cipher.decrypt(saved.email_enc!), saved.remind_days, saved.notify_channel]).toEqual(['wxy@xfj.example.cn', 5, 'email']);
    await screenshot(clerk, 'inbox-05-contacts');
    await clerk.setViewportSize({ width: 390, height: 844 });
    await clerk.getByRole('heading', { name: '个人设置：联系方式与通知' }).scrollIntoViewIfNeeded();
    await screenshot(clerk, 'inbox-05b-contacts-390');
  }, 180_000);
});
