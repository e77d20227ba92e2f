import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Page } from 'playwright-core';
import { sql } from 'kysely';
import { consoleAxeProblems, hasChromium, screenshot, SKIP_NOTE, type RunningServer } from '../helpers/browser.js';
import { e2eSuite } from '../helpers/e2e-suite.js';
import { emptyReport } from '../../src/rules/report/build.js';
import { insertCases } from '../reports/ledger.js';
import {
  cellId,
  deadlineOf,
  figureCatalogue,
  locate,
  paragraphSegments,
  proseKindLabel,
  punctuality,
  requestsLayout,
  summaryCsv,
} from '../../web/admin/src/views/reports/report-view.js';

/**
 * The annual-report pages of the staff console (issue 4) in Chromium: the checker page finds the seed report's
 * prose/table contradiction; the 枣庄市信访局 2020 report shows its tables in the national layout (4 new
 * applications), its text with bound figures, validation with jumps to cells and chapters, and downloads; a
 * draft goes through the review chain to publication. Pure helpers of the pages are tested first.
 */

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
const SEED_TEXT = resolve(ROOT, 'test/fixtures/reports/seed_zaozhuang_xinfang_2020.txt');

describe('reports console helpers (pure)', () => {
  it('lays out table 3 as the national formats print it', () => {
    const r2019 = requestsLayout('2019');
    expect(r2019.map((r) => r.key)).toEqual([
      'new',
      'carried_in',
      'disclosed',
      'partly_disclosed',
      'withheld_state_secret',
      'withheld_prohibited',
      'withheld_security_stability',
      'withheld_third_party',
      'withheld_internal_affairs',
      'withheld_process_info',
      'withheld_enforcement_files',
      'withheld_query_matter',
      'unable_not_held',
      'unable_needs_creation',
      'unable_unclear_after_correction',
      'not_processed_petition',
      'not_processed_repeat',
      'not_processed_publication',
      'not_processed_mass_repeat',
      'not_processed_confirm_reissue',
      'other',
      'total',
      'carried_out',
    ]);
    expect(r2019[0]!.label).toBe('一、本年新收政府信息公开申请数量');
    expect(r2019[2]!.resultsSpan).toBe(20);
    expect(r2019.find((r) => r.key === 'withheld_state_secret')).toMatchObject({
      label: '1.属于国家秘密',
      kind: 'sub',
      group: { label: '（三）不予公开', span: 8 },
    });
    expect(r2019.find((r) => r.key === 'other')).toMatchObject({ label: '（六）其他处理', kind: 'result' });
    const r2021 = requestsLayout('2021');
    expect(r2021).toHaveLength(25);
    expect(r2021.find((r) => r.key === 'other_no_correction')).toMatchObject({ kind: 'sub', group: { label: '（六）其他处理', span: 3 } });
    expect(r2021.find((r) => r.key === 'other_misc')!.label).toBe('3.其他');
  });

  it('says where a finding points, in Chinese, and which cell to open', () => {
    expect(locate('requests.total.natural_person', '2019')).toEqual({
      tab: 'tables',
      table: 'requests',
      anchor: cellId('requests.total.natural_person'),
      label: '表三“三、（七）办理结果总计”行“自然人”列',
    });
    expect(locate('appeals.litigation_direct.total', '2021')).toMatchObject({
      tab: 'tables',
      anchor: 'rc-appeals-litigation_direct-total',
      label: '表四“行政诉讼·未经复议直接起诉”“总计”',
    });
    expect(locate('proactive.fees.amount_10k_yuan', '2021')).toMatchObject({ tab: 'tables', label: '表二“行政事业性收费”“本年收费金额（单位：万元）”' });
    expect(locate('chapters.problems', '2021')).toEqual({ tab: 'narrative', chapter: 'problems', label: '文字：五、存在的主要问题及改进情况' });
    expect(locate('requests.withheld.total', '2019').label).toBe('表三“（三）不予公开”行“总计”列');
    expect(locate('year', '2019')).toEqual({ tab: null, label: '报告年度' });
  });

  it('judges publication by 31 January (31 March for a government with its departments), by the Beijing date', () => {
    expect(deadlineOf(2020, 'agency')).toBe('2021-01-31');
    expect(deadlineOf(2020, 'subtree')).toBe('2021-03-31');
    // 2021-01-31 23:30 in Beijing is still on time; 2021-02-01 00:30 in Beijing is late although 31 January in UTC.
    expect(punctuality({ year: 2020, scope: 'agency', firstPublishedAt: '2021-01-31T15:30:00Z' }, '2026-11-25').kind).toBe('on_time');
    expect(punctuality({ year: 2020, scope: 'agency', firstPublishedAt: '2021-01-31T16:30:00Z' }, '2026-11-25')).toMatchObject({
      kind: 'late',
      label: '逾期 1 天发布',
    });
    expect(punctuality({ year: 2025, scope: 'agency', firstPublishedAt: null }, '2026-01-21')).toMatchObject({
      kind: 'pending',
      label: '距期限 10 天',
      type: 'warning',
    });
    expect(punctuality({ year: 2024, scope: 'agency', firstPublishedAt: null }, '2025-02-03')).toMatchObject({ kind: 'overdue', label: '已逾期 3 天' });
  });

  it('previews a template with its bound figures and marks the holes', () => {
    const report = emptyReport('枣庄市信访局', 2020);
    report.tables.requests.new.total = 4;
    const [p] = paragraphSegments('{{year}}年共收到申请{{requests.new.total}}件，{{requests.nope.total}}', report);
    expect(p).toEqual([
      { kind: 'figure', path: 'year', value: '2020', problem: null },
      { kind: 'text', text: '年共收到申请' },
      { kind: 'figure', path: 'requests.new.total', value: '4', problem: null },
      { kind: 'text', text: '件，' },
      { kind: 'figure', path: 'requests.nope.total', value: null, problem: 'unknown' },
    ]);
    // Every placeholder the editor offers binds on a report of its format.
    for (const format of ['2019', '2021'] as const) {
      const r = emptyReport('x', format === '2019' ? 2020 : 2024);
      for (const g of figureCatalogue(format))
        for (const o of g.options) {
          const [[seg]] = paragraphSegments(`{{${o.path}}}`, r);
          expect(seg, `${format} ${o.path}`).toMatchObject({ kind: 'figure', problem: null });
        }
    }
  });

  it('exports the checker summary as CSV for Excel', () => {
    const csv = summaryCsv([
      { file: 'a,b.txt', agency: '枣庄市信访局', year: 2020, format: '2019', result: 'errors', errors: 1, warnings: 0, note: '文字说"3件"' },
    ]);
    expect(csv.startsWith('\uFEFF文件,机关,年度,报告格式,检查结果,错误数,提示数,说明\r\n')).toBe(true);
    expect(csv).toContain('"a,b.txt",枣庄市信访局,2020,2019年试行格式,有错误,1,0,"文字说""3件"""');
    expect(proseKindLabel('requests.new.total')).toBe('本年新收申请');
    expect(proseKindLabel('appeals.reconsideration.corrected')).toBe('行政复议·结果纠正');
  });
});

/**
 * The seed report's ledger: 4 applications from natural persons in 2020, 3 disclosed and 1 other (the demo of
 * the requests capability records them). Until that demo carries them, this writes the same four cases, and drops
 * a 2020 report the demo built from the empty ledger, so the page shows what the records say.
 */
async function ensureSeedLedger(server: RunningServer) {
  const db = server.testApp.ctx.db;
  const xfj = await db.selectFrom('agencies').select('id').where('name', '=', '枣庄市信访局').executeTakeFirstOrThrow();
  const { n } = (
    await sql<{
      n: number | string;
    }>`select count(*) as n from cases where agency_id = ${xfj.id} and received_date between '2020-01-01' and '2020-12-31'`.execute(db)
  ).rows[0]!;
  if (Number(n) > 0) return;
  const c = (received: string, closed: string, outcome: string) => ({
    agency_id: xfj.id,
    applicant_type: 'natural_person',
    received_date: received,
    closed_date: closed,
    outcome,
  });
  await insertCases(db, [
    c('2020-03-09', '2020-03-27', 'disclosed'),
    c('2020-06-15', '2020-07-06', 'disclosed'),
    c('2020-09-01', '2020-09-18', 'disclosed'),
    c('2020-11-10', '2020-11-30', 'other_misc'),
  ]);
  const stale = await db.selectFrom('annual_reports').select('id').where('agency_id', '=', xfj.id).where('year', '=', 2020).execute();
  for (const { id } of stale) {
    for (const t of ['annual_report_acks', 'annual_report_signoffs', 'annual_report_versions'] as const)
      await db.deleteFrom(t).where('report_id', '=', id).execute();
    await db.deleteFrom('annual_reports').where('id', '=', id).execute();
  }
}

/** The latest year (2021 format) for which 枣庄市信访局 has no report yet, so a test can create one. */
async function freeYear(server: RunningServer): Promise<number> {
  const db = server.testApp.ctx.db;
  const rows = await db
    .selectFrom('annual_reports')
    .innerJoin('agencies', 'agencies.id', 'annual_reports.agency_id')
    .select('annual_reports.year')
    .where('agencies.name', '=', '枣庄市信访局')
    .execute();
  const taken = new Set(rows.map((r) => Number(r.year)));
  const thisYear = Number(new Date(Date.now() + 8 * 3600_000).toISOString().slice(0, 4));
  for (let y = thisYear - 1; y >= 2021; y--) if (!taken.has(y)) return y;
  throw new Error('no free report year left for 枣庄市信访局');
}

/** A screenshot of the whole page: the console scrolls inside its main area, so the viewport grows to fit it first. */
async function shot(page: Page, name: string) {
  const height = await page.evaluate(() =>
    Math.max(...[...document.querySelectorAll('main, .el-main, .body, #app')].map((e) => (e as HTMLElement).scrollHeight), document.body.scrollHeight),
  );
  const vp = page.viewportSize()!;
  await page.setViewportSize({ width: vp.width, height: Math.min(Math.max(height + 80, vp.height), 6000) });
  await page.evaluate(() => document.querySelectorAll('main, .el-main, .body').forEach((e) => ((e as HTMLElement).scrollTop = 0)));
  await page.waitForTimeout(250);
  await screenshot(page, name);
  await page.setViewportSize(vp);
}

describe.skipIf(!hasChromium)(`annual-report console in Chromium ${SKIP_NOTE}`, () => {
  const problems: string[] = [];

  // SQLite by default; E2E_ENGINE=postgres (with TEST_DATABASE_URL) runs the same pages on PostgreSQL.
  const e2e = e2eSuite({ console: true, engine: process.env.E2E_ENGINE === 'postgres' ? 'postgres' : 'sqlite', setup: (s) => ensureSeedLedger(s.server) });

  const newPage = (): Promise<Page> => e2e.openPage({ viewport: { width: 1440, height: 900 }, acceptDownloads: true, timeout: 15_000, collect: problems });

  const signIn = (page: Page, username: string) => e2e.signIn(page, username, { wait: 'not-login' });

  /** Opens 枣庄市信访局's 2020 report from the list (creating the draft through the dialog if the demo has none). */
  async function openXfj2020(page: Page) {
    const listed = page.waitForResponse((r) => new URL(r.url()).pathname === '/api/reports' && r.request().method() === 'GET');
    await page.goto(`${e2e.server.url}/admin/#/reports`);
    await page.getByRole('heading', { name: '年度报告', level: 1 }).waitFor();
    await listed;
    await page.waitForTimeout(200);
    const row = page.locator('.el-table__body-wrapper .el-table__row', { hasText: '枣庄市信访局' }).filter({ has: page.locator('td', { hasText: /^2020$/ }) });
    if ((await row.count()) === 0) {
      await page.getByRole('button', { name: '新建年度报告' }).click();
      const dialog = page.getByRole('dialog', { name: '新建年度报告' });
      await dialog.locator('.el-select').first().click();
      await page.getByRole('option', { name: '2020 年度' }).click();
      await dialog.getByRole('button', { name: '生成初稿' }).click();
    } else {
      await row.first().getByRole('button', { name: '打开' }).click();
    }
    await page.waitForURL(/#\/reports\/[^/]+/);
    await page.getByRole('heading', { name: '枣庄市信访局2020年政府信息公开工作年度报告', level: 1 }).waitFor();
  }

  /** Creates a report through the 新建年度报告 dialog and waits for its page; a refusal fails with the server's message. */
  async function createReport(page: Page, year: number) {
    await page.goto(`${e2e.server.url}/admin/#/reports`);
    await page.getByRole('heading', { name: '年度报告', level: 1 }).waitFor();
    await page.getByRole('button', { name: '新建年度报告' }).click();
    const dialog = page.getByRole('dialog', { name: '新建年度报告' });
    await dialog.locator('.el-select').first().click();
    await page.getByRole('option', { name: `${year} 年度` }).click();
    await expect(dialog.locator('.el-select').first().textContent()).resolves.toContain(`${year} 年度`);
    await dialog.getByRole('button', { name: '生成初稿' }).click();
    const alert = dialog.locator('.el-alert--error');
    await Promise.race([page.waitForURL(/#\/reports\/[^/?]+/), alert.waitFor()]);
    if (await alert.isVisible()) throw new Error(`creating the ${year} report was refused: ${await alert.textContent()}`);
    return dialog;
  }

  it('checks the seed report text and shows the prose/table contradiction', async () => {
    const page = await newPage();
    await signIn(page, 'xfj.clerk');
    await page.goto(`${e2e.server.url}/admin/#/reports/check`);
    await page.getByRole('heading', { name: '年报检查', level: 1 }).waitFor();
    await page.locator('#report-files').setInputFiles(SEED_TEXT);
    await page.getByRole('button', { name: /开始检查/ }).click();
    const summary = page.getByRole('region', { name: '检查汇总' });
    await summary.waitFor();
    await expect(summary.locator('.el-table__row').first().textContent()).resolves.toMatch(/有错误/);
    const detail = page.locator('#checked-1');
    await detail.getByText('发现的问题').waitFor();
    const prose = detail.locator('.item.error', { hasText: '文字与表格' });
    // The findings heading can be drawn before the findings: wait for the one read below, then count.
    await prose.first().waitFor();
    expect(await prose.count()).toBeGreaterThan(0);
    const text = await prose.first().textContent();
    expect(text).toMatch(/3/);
    expect(text).toMatch(/4/);
    await expect(detail.textContent()).resolves.toContain('枣庄市信访局');
    // The finding's link opens the tables read from the file at the cell it is about.
    await prose
      .first()
      .getByRole('button', { name: /表三“一、本年新收申请”行“总计”列/ })
      .click();
    const cell = page.locator('#f1-requests-new-total');
    await cell.waitFor({ state: 'visible' });
    await expect(cell.textContent()).resolves.toBe('4');
    expect(await cell.getAttribute('class')).toMatch(/flag-error/);
    await shot(page, 'reports-01-checker-seed');
    await page.close();
  }, 120_000);

  it('checks many published reports at once for the supervising office: per-file findings and a summary table to export', async () => {
    const page = await newPage();
    await signIn(page, 'gkb');
    await page.goto(`${e2e.server.url}/admin/#/reports/check`);
    const files = [
      'seed_zaozhuang_xinfang_2020.txt',
      '07_hongze_district_2023.txt',
      '09_hongze_district_2024.txt',
      '10_huaian_city_2024.txt',
      '10_huaian_city_2024.pdf',
    ];
    await page.locator('#report-files').setInputFiles(files.map((f) => resolve(ROOT, 'test/fixtures/reports', f)));
    // Not a report at all: refused before upload with a reason.
    await page.locator('#report-files').setInputFiles({ name: 'photo.png', mimeType: 'image/png', buffer: Buffer.from([0x89, 0x50, 0x4e, 0x47]) });
    await page.getByText('“photo.png”不是可检查的文件类型').waitFor();
    await page.getByRole('button', { name: '开始检查（5 份）' }).click();
    const summary = page.getByRole('region', { name: '检查汇总' });
    await summary.getByText('已检查').waitFor();
    await page.waitForFunction(() => document.querySelectorAll('.el-collapse-item').length === 5, undefined, { timeout: 60_000 });
    const rowText = async (file: string) => (await summary.locator('.el-table__body-wrapper .el-table__row', { hasText: file }).first().textContent()) ?? '';
    expect(await rowText('07_hongze_district_2023.txt')).toMatch(/有错误/);
    expect(await rowText('09_hongze_district_2024.txt')).toMatch(/有错误/);
    expect(await rowText('10_huaian_city_2024.txt')).toMatch(/未发现错误/);
    expect(await rowText('10_huaian_city_2024.pdf')).toMatch(/未发现错误/);
    // 07: the appeal totals say 0 where the parts give 11 and 5.
    const d07 = page.locator('.el-collapse-item', { hasText: '07_hongze_district_2023.txt' });
    await d07.locator('.el-collapse-item__header').click();
    await expect(d07.locator('.findings').textContent()).resolves.toMatch(/复议诉讼合计/);
    await shot(page, 'reports-09-checker-many');
    const download = page.waitForEvent('download');
    await page.getByRole('button', { name: '导出汇总表（CSV）' }).click();
    const csv = readFileSync(await (await download).path(), 'utf8');
    expect(csv.split('\r\n')[0]).toBe('\uFEFF文件,机关,年度,报告格式,检查结果,错误数,提示数,说明');
    expect(csv).toMatch(/10_huaian_city_2024\.txt,[^,]*,2024,2021年修订格式,未发现错误,0,/);
    await page.close();
  }, 120_000);

  it('shows the supervising office which agencies published their report, and whether on time', async () => {
    const page = await newPage();
    await signIn(page, 'gkb');
    await page.goto(`${e2e.server.url}/admin/#/reports`);
    await page.getByRole('tab', { name: '各机关发布情况' }).click();
    const pane = page.getByRole('tabpanel', { name: '各机关发布情况' });
    await pane.locator('.el-select').first().click();
    await page.getByRole('option', { name: '2020 年度' }).click();
    const xfj = pane.locator('.el-table__body-wrapper .el-table__row', { hasText: '枣庄市信访局' }).first();
    await xfj.waitFor();
    await expect(pane.locator('.totals').textContent()).resolves.toMatch(/所辖机关\s*\d+/);
    const czj = pane.locator('.el-table__body-wrapper .el-table__row', { hasText: '枣庄市财政局' }).first();
    await expect(czj.textContent()).resolves.toMatch(/未编制[\s\S]*已逾期 \d+ 天/);
    await shot(page, 'reports-10-supervisor-summary');
    await page.close();
  }, 120_000);

  it('opens the 枣庄市信访局 2020 report: table 3 in the 2019 layout with 4 new applications, all from natural persons', async () => {
    const page = await newPage();
    await signIn(page, 'xfj.clerk');
    await openXfj2020(page);
    const cell = (where: string) => page.locator(`#${where.replace(/[^\w-]+/g, '-').replace(/^/, 'rc-')}`);
    await expect(cell('requests.new.total').textContent()).resolves.toBe('4');
    await expect(cell('requests.new.natural_person').textContent()).resolves.toBe('4');
    await expect(cell('requests.disclosed.total').textContent()).resolves.toBe('3');
    await expect(cell('requests.other.total').textContent()).resolves.toBe('1');
    await expect(cell('requests.total.total').textContent()).resolves.toBe('4');
    await expect(cell('requests.carried_out.total').textContent()).resolves.toBe('0');
    // Official labels and shape: 7 applicant columns, 15 appeal columns, table 2 of the 2019 format.
    const t3 = page.locator('#table-requests table');
    await expect(t3.locator('thead').textContent()).resolves.toContain('（本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和）');
    expect(await t3.locator('tbody tr').count()).toBe(23);
    expect(await t3.locator('tbody tr').first().locator('td').count()).toBe(7);
    expect(await page.locator('#table-appeals tbody td').count()).toBe(15);
    await expect(page.locator('#table-proactive').textContent()).resolves.toContain('政府集中采购');
    await shot(page, 'reports-02-tables-2020');
    // Downloads: Word, JSON (report-data.md), CSV and text, with the session's cookie.
    await page.getByRole('tab', { name: '下载' }).click();
    const link = (name: RegExp) => page.getByRole('link', { name });
    const get = async (name: RegExp, which = 0) => page.request.get(new URL((await link(name).nth(which).getAttribute('href'))!, e2e.server.url).href);
    const docx = await get(/Word 文档/);
    expect(docx.status()).toBe(200);
    expect(docx.headers()['content-type']).toContain('wordprocessingml');
    expect((await docx.body()).subarray(0, 2).toString()).toBe('PK');
    const json = JSON.parse((await (await get(/表格数据（\.json）/)).body()).toString('utf8'));
    expect(json).toMatchObject({ agency: '枣庄市信访局', year: 2020, format: '2019' });
    expect(json.tables.requests.new.natural_person).toBe(4);
    expect(await (await get(/表格数据（\.csv）/)).text()).toMatch(/requests,new,natural_person,[^\r\n]*,4\r?\n/);
    expect(await (await get(/纯文本/)).text()).toContain('收到和处理政府信息公开申请情况');
    // A published report also offers the files of its current public version.
    if ((await link(/表格数据（\.json）/).count()) === 2) {
      const published = JSON.parse((await (await get(/表格数据（\.json）/, 1)).body()).toString('utf8'));
      expect(published.tables.requests.new.total).toBe(4);
    }
    await page.close();
  }, 120_000);

  it("shows the 2020 report's text with bound figures and a preview, and its validation", async () => {
    const page = await newPage();
    await signIn(page, 'xfj.clerk');
    await openXfj2020(page);
    await page.getByRole('tab', { name: /报告文字/ }).click();
    const overview = page.locator('#chapter-overview');
    await overview.waitFor();
    // The generated draft and the demo text both bind 本年新收申请 to table 3: the preview says 4.
    await expect(overview.locator('.preview').textContent()).resolves.toMatch(/申请\s*4\s*件/);
    await expect(overview.locator('.used').textContent()).resolves.toContain('本年新收申请（总计）4');
    await shot(page, 'reports-03-narrative-2020');
    await page.getByRole('tab', { name: /校验/ }).click();
    await page.getByText(/错误（须改正）/).waitFor();
    await shot(page, 'reports-04-validation-2020');
    await page.close();
  }, 120_000);

  it('takes a draft through validation, the review chain (办公室主任 → 分管领导 → 主要负责人) and publication, then starts a correction', async () => {
    const YEAR = await freeYear(e2e.server);
    const clerk = await newPage();
    await signIn(clerk, 'xfj.clerk');
    await createReport(clerk, YEAR);
    const reportUrl = clerk.url().replace(/\?.*$/, '');
    await clerk.getByRole('heading', { name: `枣庄市信访局${YEAR}年政府信息公开工作年度报告` }).waitFor();
    // 2021 format: （六）其他处理 has three rows.
    expect(await clerk.locator('#table-requests tbody tr').count()).toBe(25);
    const newTotal = Number(await clerk.locator('#rc-requests-new-total').textContent());

    // The ledger changes after the draft was computed: the page says so and 重新计算 brings the table up to date.
    const xfj = await e2e.server.testApp.ctx.db.selectFrom('agencies').select('id').where('name', '=', '枣庄市信访局').executeTakeFirstOrThrow();
    await insertCases(e2e.server.testApp.ctx.db, [
      { agency_id: xfj.id, applicant_type: 'business', received_date: `${YEAR}-05-06`, closed_date: `${YEAR}-05-20`, outcome: 'disclosed' },
    ]);
    await clerk.getByRole('button', { name: '刷新' }).click();
    const staleBanner = clerk.getByText('申请台账在报告计算之后发生了变化', { exact: true });
    await staleBanner.waitFor();
    await clerk.getByRole('button', { name: '重新计算' }).click();
    await clerk.getByText(/已由台账重新计算表格数据/).waitFor();
    await staleBanner.waitFor({ state: 'hidden' });
    await expect(clerk.locator('#rc-requests-new-total').textContent()).resolves.toBe(String(newTotal + 1));
    expect(Number(await clerk.locator('#rc-requests-new-business').textContent())).toBeGreaterThanOrEqual(1);

    // The first draft leaves 【待补充】 for people to write: validation shows errors and jumps to the chapter.
    await clerk.getByRole('tab', { name: /校验/ }).click();
    const firstChapterError = clerk.locator('.item.error', { hasText: '待补充' }).first();
    await firstChapterError.waitFor();
    await firstChapterError.getByRole('button', { name: /文字：/ }).click();
    await clerk.locator('#chapter-overview.flash, #chapter-preamble.flash, #chapter-problems.flash, #chapter-other.flash').first().waitFor();
    expect(await clerk.getByRole('tab', { name: /报告文字/ }).getAttribute('aria-selected')).toBe('true');

    // Write what the draft left open, keeping the bound figures; save.
    for (const key of ['preamble', 'overview', 'proactive', 'requests', 'appeals', 'problems', 'other']) {
      const area = clerk.locator(`#chapter-${key} textarea`);
      const v = await area.inputValue();
      let text = v.replace(/【待补充[：:][^】]*】/g, '本机关按照要求认真做好相关工作');
      // A figure typed by hand instead of bound to a table: a warning a reviewer must acknowledge by name.
      if (key === 'overview') text += '\n通过热线电话答复群众咨询12件。';
      if (text !== v) await area.fill(text);
    }
    await clerk.getByRole('button', { name: '保存文字' }).click();
    await clerk.getByText(/报告文字已保存/).waitFor();
    await clerk.getByRole('tab', { name: /校验/ }).click();
    await clerk.getByText(/暂不能签批：报告还有1处提示未经确认/).waitFor();
    expect(await clerk.locator('.findings .item.error').count()).toBe(0);
    await expect(clerk.locator('.findings .item.warning').first().textContent()).resolves.toMatch(/答复群众咨询12件[\s\S]*尚未确认/);
    // A clerk may not acknowledge: only reviewers see the button.
    expect(await clerk.getByRole('button', { name: '核实并确认' }).count()).toBe(0);
    await shot(clerk, 'reports-05-validation-clean');

    // The review chain: each reviewer acknowledges what needs a named person, then signs.
    for (const [user, button] of [
      ['xfj.head', '审核通过'],
      ['xfj.deputy', '审核通过'],
      ['xfj.principal', '签发'],
    ] as const) {
      const page = await newPage();
      await signIn(page, user);
      await page.goto(`${reportUrl}?tab=validation`);
      await page.getByText(/错误（须改正）/).waitFor();
      if (user === 'xfj.head') await page.getByRole('button', { name: '核实并确认' }).first().waitFor();
      for (;;) {
        const ack = page.getByRole('button', { name: '核实并确认' }).first();
        if ((await ack.count()) === 0) break;
        await ack.click();
        const d = page.getByRole('dialog', { name: '核实并确认提示' });
        await d.getByLabel('核实情况').fill('已核对办理台账，数字无误。');
        await d.getByRole('button', { name: '确认' }).click();
        await page.getByText('已确认该提示。').first().waitFor();
        await d.waitFor({ state: 'hidden' });
      }
      await expect(page.locator('.findings .item.warning').first().textContent()).resolves.toMatch(
        /已由 张建国（办公室主任） 于 .* 确认：已核对办理台账，数字无误。/,
      );
      if (user === 'xfj.head') await shot(page, 'reports-05b-acknowledged');
      await page.getByRole('tab', { name: '审核签发与发布' }).click();
      await page.getByRole('button', { name: button }).click();
      await page
        .getByText(user === 'xfj.principal' ? '主要负责人已签发' : '已签批，报告转下一审核环节')
        .first()
        .waitFor();
      if (user === 'xfj.principal') await shot(page, 'reports-06-approved');
      await page.close();
    }

    // Publication by the clerk; the list then shows it published (late: the deadline, 31 January of the next year, has passed).
    await clerk.goto(`${reportUrl}?tab=review`);
    await clerk.reload();
    await clerk.getByRole('button', { name: '发布报告' }).click();
    await clerk.getByRole('dialog', { name: '发布年度报告' }).getByRole('button', { name: '发布' }).click();
    await clerk.getByText('已发布第 1 版。').waitFor();
    await clerk.getByRole('heading', { name: '已发布', exact: true }).waitFor();
    await shot(clerk, 'reports-07-published');

    // A correction: a note, then the report is a draft again with the note shown, the published version kept.
    await clerk.getByRole('button', { name: '发起更正' }).click();
    const cd = clerk.getByRole('dialog', { name: '发起更正' });
    await cd.getByLabel('更正说明').fill('第五部分文字表述有误，现予更正。');
    await cd.getByRole('button', { name: '发起更正' }).click();
    await clerk.getByText('正在更正已发布的报告').waitFor();
    await expect(clerk.locator('.facts').textContent()).resolves.toMatch(/草稿[\s\S]*更正中[\s\S]*第 1 版/);

    await clerk.goto(`${e2e.server.url}/admin/#/reports`);
    const row = clerk
      .locator('.el-table__body-wrapper .el-table__row')
      .filter({ has: clerk.locator('td', { hasText: new RegExp(`^${YEAR}$`) }) })
      .first();
    await row.waitFor();
    await expect(row.textContent()).resolves.toMatch(/更正中[\s\S]*第 1 版[\s\S]*逾期 \d+ 天发布/);
    await shot(clerk, 'reports-08-list');
    await clerk.close();
  }, 180_000);

  it("shows the server's Chinese message when a report cannot be opened or saved", async () => {
    // Another agency's clerk: the report does not exist for them (scoping), and the page says so in the server's words.
    const page = await newPage();
    await signIn(page, 'xfj.clerk');
    await openXfj2020(page);
    const url = page.url().replace(/\?.*$/, '');
    const other = await newPage();
    await signIn(other, 'czj.clerk');
    await other.goto(url);
    await other.getByText('未找到该年度报告，或您无权查看。').waitFor();
    await other.close();

    // Two people edit the same draft: the second save is refused with the server's sentence, nothing is lost silently.
    await createReport(page, await freeYear(e2e.server));
    const draftUrl = page.url().replace(/\?.*$/, '');
    const second = await newPage();
    await signIn(second, 'xfj.clerk2');
    await second.goto(`${draftUrl}?tab=narrative`);
    await page.goto(`${draftUrl}?tab=narrative`);
    for (const p of [page, second]) await p.locator('#chapter-other textarea').waitFor();
    await page.locator('#chapter-other textarea').fill('本年度未收取信息处理费，无其他需要报告的事项。');
    await page.getByRole('button', { name: '保存文字' }).click();
    await page.getByText(/报告文字已保存/).waitFor();
    await second.locator('#chapter-other textarea').fill('无其他需要报告的事项。');
    await second.getByRole('button', { name: '保存文字' }).click();
    await second.locator('.el-message--error', { hasText: '该年度报告已被他人修改，请刷新后重试。' }).waitFor();
    await second.close();
    await page.close();
  }, 120_000);

  it('has no serious accessibility violations on the report pages (axe-core)', async () => {
    const context = await e2e.context({ locale: 'zh-CN', bypassCSP: true, viewport: { width: 1440, height: 900 } });
    const page = await context.newPage();
    page.setDefaultTimeout(15_000);
    const audit = async (what: string) => {
      const found = await consoleAxeProblems(page);
      expect(found, what).toEqual([]);
    };
    await signIn(page, 'xfj.head');
    await openXfj2020(page);
    await audit('report tables');
    for (const tab of [/报告文字/, /校验/, '审核签发与发布', '下载']) {
      await page.getByRole('tab', { name: tab }).click();
      await audit(`report tab ${tab}`);
    }
    await page.goto(`${e2e.server.url}/admin/#/reports`);
    await page.getByRole('heading', { name: '年度报告', level: 1 }).waitFor();
    await audit('report list');
    await page.goto(`${e2e.server.url}/admin/#/reports/check`);
    await page.locator('#report-files').setInputFiles(SEED_TEXT);
    await page.getByRole('button', { name: /开始检查/ }).click();
    await page.getByRole('region', { name: '检查汇总' }).waitFor();
    await page.locator('#checked-1').getByText('发现的问题').waitFor();
    await audit('checker');
  }, 120_000);

  it('ran without script errors or CSP violations', () => {
    expect(problems).toEqual([]);
  });
});
