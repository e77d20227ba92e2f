import { describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { caseAction, hasChromium, signLetter, screenshot, SKIP_NOTE, type WatchedPage } from '../helpers/browser.js';
import { e2eSuite } from '../helpers/e2e-suite.js';
import { PERSON, principalOf } from '../requests/helpers.js';
import * as svc from '../../src/requests/cases.service.js';
import { builtinCalendar } from '../../src/rules/calendar/builtin.js';
import { beijingToday } from '../../web/admin/src/views/cases/case-labels.js';

/**
 * Issue 9, must-show 3, in Chromium: the clerk's correction request and extension request each draft their
 * notice; the applicant's lookup page shows nothing of it, and no line claims 告知申请人, until the office head
 * releases it in the console; then the released notice is on the lookup page (letters table, the correction
 * box, the trace), and every line of the trace that says 告知申请人 names a released letter's number.
 */

interface Lookup {
  state: string;
  letters: { name: string; docNumber: string }[];
  trace: string[];
  correctionBox: string | null;
  body: string;
}

describe.skipIf(!hasChromium)(`notices issued with their step, in Chromium ${SKIP_NOTE}`, () => {
  const e2e = e2eSuite({ console: true, trustProxy: true });

  const newPage = (): Promise<WatchedPage> => e2e.openPage({ forwarded: true, acceptDownloads: true, timeout: 15_000 });

  const signIn = (page: Page, username: string) => e2e.signIn(page, username);

  async function stateIs(page: Page, label: string) {
    await page.locator('.head h1').getByText(label, { exact: true }).first().waitFor();
  }

  /** The head signs the draft named `name` on the case's 文书 tab. */
  async function release(page: Page, name: string): Promise<string> {
    await page.reload();
    await page.getByRole('tab', { name: '文书' }).click();
    const row = page.getByRole('row').filter({ hasText: name }).filter({ hasText: '待签发' });
    await signLetter(page, row);
    const done = page.getByRole('row').filter({ hasText: name }).filter({ hasText: '已签发' });
    await done.waitFor();
    return (await done.locator('td').nth(1).textContent())!.trim();
  }

  async function lookup(page: Page, code: string, secret: string, shot: string): Promise<Lookup> {
    await e2e.lookUp(page, code, secret);
    await page.getByRole('heading', { name: '告知书和答复书' }).waitFor();
    // The heading alone may be drawn before the case arrives: wait for its state and trace, which every case has,
    // before reading the letters and trace below (evaluateAll and allTextContents do not wait).
    await page.locator('#case-state').waitFor();
    await page.locator('ol.trace li').first().waitFor();
    await screenshot(page, shot);
    const letters = await page
      .locator('section[aria-labelledby="h-letters"] tbody tr')
      .evaluateAll((rows) => rows.map((r) => ({ name: r.children[0]?.textContent?.trim() ?? '', docNumber: r.children[1]?.textContent?.trim() ?? '' })));
    const trace = await page.locator('ol.trace li').allTextContents();
    const box = page.locator('section[aria-labelledby="h-correction"]');
    return {
      state: (await page.locator('#case-state').textContent())!.trim(),
      letters,
      trace: trace.map((t) => t.trim()),
      correctionBox: (await box.count()) ? await box.textContent() : null,
      body: (await page.locator('main').textContent()) ?? '',
    };
  }

  /** No line of the applicant's page claims a notice that was not released: each 告知 names a released letter. */
  function claimsOnlyReleased(l: Lookup) {
    const released = l.letters.map((x) => x.docNumber);
    for (const line of l.trace.filter((t) => t.includes('告知申请人'))) {
      expect(
        released.some((n) => line.includes(`（${n}）`)),
        `trace line claims an unreleased notice: ${line}`,
      ).toBe(true);
    }
    if (l.correctionBox)
      expect(
        released.some((n) => l.correctionBox!.includes(`（${n}）`)),
        'the correction box names its released notice',
      ).toBe(true);
  }

  it('correction and extension each put a released notice on the lookup page; nothing is claimed before the head releases it', async () => {
    const ctx = e2e.server.testApp.ctx;
    const cal = builtinCalendar();
    const today = beijingToday();
    const registered = await svc.registerApplication(ctx, await principalOf(ctx.db, 'xfj.clerk'), {
      channel: 'in_person',
      application: { ...PERSON, description: '请公开2025年度本机关信访事项按月统计数据' },
    });
    const { trackingCode: code, secret } = registered;
    const caseUrl = `${e2e.server.url}/admin/#/cases/${registered.id}`;

    // ---- 1. The clerk asks for a correction: the 补正告知书 is drafted with it, waiting for signature.
    const clerk = await newPage();
    await signIn(clerk, 'xfj.clerk');
    await clerk.goto(caseUrl);
    await stateIs(clerk, '已收到');
    await caseAction(clerk, '告知补正', async (d) => {
      await d.getByLabel('补正事项').fill('请写明所需统计数据的具体范围（如按月或按类别）。');
      const input = d.getByLabel('补正期限');
      await input.fill(cal.addWorkingDays(today, 10));
      await input.press('Enter');
    });
    await stateIs(clerk, '待申请人补正');
    await clerk.getByText('补正告知书尚未签发', { exact: false }).first().waitFor();
    await clerk.getByRole('tab', { name: '文书' }).click();
    await clerk.getByRole('row').filter({ hasText: '补正告知书' }).filter({ hasText: '待签发' }).waitFor();
    await screenshot(clerk, 'notices-01-correction-drafted');

    // ---- 2. The applicant sees no correction and no claim of notice yet.
    const citizen = await newPage();
    let l = await lookup(citizen, code, secret, 'notices-02-lookup-before-release');
    expect(l.state).toBe('待申请人补正');
    expect(l.letters).toEqual([]);
    expect(l.correctionBox).toBeNull();
    expect(l.body).not.toContain('告知申请人');
    expect(l.trace.join('\n')).toContain('补正告知书正在审核签发');

    // ---- 3. The office head releases it: the notice, its number and the correction box are on the lookup page.
    const head = await newPage();
    await signIn(head, 'xfj.head');
    await head.goto(caseUrl);
    await stateIs(head, '待申请人补正');
    const correctionNo = await release(head, '补正告知书');
    expect(correctionNo).toMatch(/^枣信访依申告〔\d{4}〕\d+号$/);
    await screenshot(head, 'notices-03-correction-released');
    l = await lookup(citizen, code, secret, 'notices-04-lookup-correction-notice');
    expect(l.letters).toEqual([{ name: '补正告知书', docNumber: correctionNo }]);
    expect(l.correctionBox).toContain(`以补正告知书（${correctionNo}）告知`);
    expect(l.trace.filter((t) => t.includes('告知申请人'))).toHaveLength(1);
    claimsOnlyReleased(l);

    // ---- 4. The applicant corrects; the clerk asks for the extension (its notice is drafted, not yet released).
    await citizen.getByLabel('补正内容').fill('需要2025年1月至12月按月统计的信访事项受理、办结件数。');
    await citizen.getByRole('button', { name: '提交补正' }).click();
    await citizen.getByText('补正已提交').waitFor();
    await clerk.reload();
    await stateIs(clerk, '办理中');
    await caseAction(clerk, '提请延期', async (d) => {
      await d.getByLabel(/延期理由/).fill('所需数据需由各科室汇总核对，20个工作日内难以完成');
    });
    await clerk.getByText('提请延期答复，等待公开工作机构负责人批准').waitFor();
    await clerk.getByRole('tab', { name: '文书' }).click();
    await clerk.getByRole('row').filter({ hasText: '延期答复告知书' }).filter({ hasText: '待签发' }).waitFor();
    l = await lookup(citizen, code, secret, 'notices-05-lookup-extension-requested');
    expect(l.letters.map((x) => x.name)).toEqual(['补正告知书']);
    expect(l.trace.filter((t) => t.includes('延期') || t.includes('延长'))).toEqual([]);
    claimsOnlyReleased(l);

    // ---- 5. The head approves the extension: the same step releases the 延期答复告知书.
    await head.goto(caseUrl);
    await head.reload();
    await head.getByText('提请延期答复，等待公开工作机构负责人批准').waitFor();
    await caseAction(head, '延期答复', async (d) => {
      expect(await d.getByLabel('延期理由').inputValue()).toBe('所需数据需由各科室汇总核对，20个工作日内难以完成');
    });
    await stateIs(head, '已延期');
    await head.getByRole('tab', { name: '文书' }).click();
    const extRow = head.getByRole('row').filter({ hasText: '延期答复告知书' }).filter({ hasText: '已签发' });
    await extRow.waitFor();
    const extensionNo = (await extRow.locator('td').nth(1).textContent())!.trim();
    await screenshot(head, 'notices-06-extension-released');
    l = await lookup(citizen, code, secret, 'notices-07-lookup-extension-notice');
    expect(l.state).toBe('已延期');
    expect(l.letters).toEqual([
      { name: '补正告知书', docNumber: correctionNo },
      { name: '延期答复告知书', docNumber: extensionNo },
    ]);
    const ext = l.trace.filter((t) => t.includes('延期答复告知书'));
    expect(ext).toHaveLength(1);
    expect(ext[0]).toContain(`以延期答复告知书（${extensionNo}）告知申请人`);
    claimsOnlyReleased(l);
    // The released notice downloads from the lookup page.
    const button = citizen.locator('section[aria-labelledby="h-letters"] tbody tr').filter({ hasText: extensionNo }).getByRole('button');
    expect(await button.count()).toBe(1);
    const [dl] = await Promise.all([citizen.waitForEvent('download', { timeout: 30_000 }), button.click()]);
    expect(dl.suggestedFilename()).toBe(`${extensionNo}.docx`);

    for (const p of [citizen, clerk, head]) expect(p.problems).toEqual([]);
  }, 240_000);
});
