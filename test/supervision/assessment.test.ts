import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { assessCommand } from '../../src/supervision/assess.command.js';
import { openContext } from '../../src/capabilities.js';
import { assess, issueOrder, recordFinding, saveScheme, getScheme } from '../../src/supervision/supervision.service.js';
import { DEFAULT_SCHEME, type AssessmentScheme } from '../../src/rules/assessment/index.js';
import type { Agency } from '../../src/platform/org/agencies.service.js';
import { createTestContext, ENGINES, type TestContext } from '../helpers/db.js';
import { agency, appeal, cases, column, officer, publishedReport, release, sqliteFile } from './ledger.js';

/**
 * Must-show 2: a hand-built ledger for three agencies, scored by hand under the default scheme and an edited
 * one; `gongkai assess --json` gives the same numbers.
 */

describe.each(ENGINES)('assessment of a hand-built ledger (%s)', (engine) => {
  let ctx: TestContext;
  let gov: Agency, a: Agency, b: Agency, c: Agency;

  beforeAll(async () => {
    ctx = await createTestContext(engine, engine === 'sqlite' ? { database: { engine: 'sqlite', path: sqliteFile() } } : {});
    const db = ctx.db;
    gov = await agency(db, '某市人民政府', 'gov', undefined, 'government');
    a = await agency(db, '某市甲局', 'jia', gov);
    b = await agency(db, '某市乙局', 'yi', gov);
    c = await agency(db, '某市丙局', 'bing', gov);
    // 甲局: two replies after the due date, one on time; one reconsideration lost (纠错); one blank column; no 2024 report.
    const [late1] = await cases(db, [
      { agency: a, received: '2025-02-10', due: '2025-03-10', closed: '2025-03-20' },
      { agency: a, received: '2025-02-11', due: '2025-03-11', closed: '2025-03-21' },
      { agency: a, received: '2025-04-01', due: '2025-04-29', closed: '2025-04-20' },
    ]);
    await appeal(db, a, late1!, '2025-05-06', 'corrected');
    await column(db, a, 'zcwj', '政策文件');
    // 乙局: one application still open and past due at year end; five releases later than 20 working days and one on
    // time; its 2024 report published on 10 February 2025 (due 31 January).
    await cases(db, [{ agency: b, received: '2025-11-03', due: '2025-12-01' }]);
    for (let i = 0; i < 5; i++) await release(db, b, '2025-03-03', '2025-06-03T02:00:00.000Z', `乙局通知${i}`);
    await release(db, b, '2025-06-02', '2025-06-03T02:00:00.000Z', '乙局及时发布的通知');
    await publishedReport(
      db,
      b,
      2024,
      '2025-02-10T02:00:00.000Z',
      '乙局二〇二四年认真落实条例规定，依法受理政府信息公开申请，办理质量稳步提升，重点领域信息公开持续深化。',
    );
    // 丙局: report on time; three privacy leaks recorded by the office; one 督办 not answered by its due date.
    await publishedReport(
      db,
      c,
      2024,
      '2025-01-20T02:00:00.000Z',
      '丙局围绕群众关切推进政务公开，新建惠民政策专栏，开展政府开放日活动，征求意见采纳情况逐条反馈。',
    );
    const gkb = officer(gov);
    for (let i = 1; i <= 3; i++)
      await recordFinding(ctx, gkb, {
        agencyId: c.id,
        year: 2025,
        indicator: 'privacy_leak',
        label: `丙局网页${i}`,
        detail: '公开的名单含有完整身份证号码',
        foundOn: '2025-08-01',
      });
    await issueOrder(ctx, gkb, { agencyId: c.id, subjectKind: 'agency', what: '请整改网站上公开的身份证号码', dueDate: '2025-06-10' }, '2025-06-01');
  }, 120_000);
  afterAll(async () => ctx?.cleanup());

  const scores = (r: Awaited<ReturnType<typeof assess>>) => Object.fromEntries(r.agencies.map((x) => [x.agencyName, x.score]));
  const cli = async (name: string) => {
    const res = await assessCommand(['--agency', name, '--year', '2025', '--json'], { config: () => ctx.config, open: (o) => openContext(ctx.config, o) });
    expect(res.stderr).toBe('');
    expect(res.exitCode).toBe(0);
    return JSON.parse(res.stdout) as Awaited<ReturnType<typeof assess>>;
  };

  it('scores the default scheme as computed by hand, with the evidence of every deduction', async () => {
    const r = await assess(ctx, officer(gov), 2025, {}, '2026-03-01');
    // 甲局 100 − 2×3 (overdue) − 1×3 (纠错) − 1×2 (blank column) − 20 (no report) = 69
    // 乙局 100 − 1×3 (overdue) − 5×2 (late releases) − 5 (late report) = 82
    // 丙局 100 − min(3×5, 10) (privacy) − 1×2 (督办 overdue) = 88
    expect(scores(r)).toEqual({ 某市人民政府: expect.any(Number), 某市甲局: 69, 某市乙局: 82, 某市丙局: 88 });
    const byName = new Map(r.agencies.map((x) => [x.agencyName, x]));
    expect(byName.get('某市丙局')!.rank).toBeLessThan(byName.get('某市乙局')!.rank);
    expect(byName.get('某市乙局')!.rank).toBeLessThan(byName.get('某市甲局')!.rank);
    const jia = byName.get('某市甲局')!;
    expect(jia.deductions.map((d) => [d.indicator, d.count, d.points])).toEqual([
      ['overdue_reply', 2, 6],
      ['appeal_corrected', 1, 3],
      ['column_blank', 1, 2],
      ['report_missing', 1, 20],
    ]);
    expect(jia.deductions[0]!.evidence.map((e) => e.detail)).toEqual(['应于2025-03-10前答复，2025-03-20才办结', '应于2025-03-11前答复，2025-03-21才办结']);
    const yi = byName.get('某市乙局')!;
    expect(yi.deductions.find((d) => d.indicator === 'overdue_reply')!.evidence[0]!.detail).toBe('答复期限2025-12-01已过，至今未答复');
    expect(yi.deductions.find((d) => d.indicator === 'release_late')!.evidence).toHaveLength(5);
    expect(yi.deductions.find((d) => d.indicator === 'report_late')!.evidence[0]!.detail).toBe('应于2025-01-31前公布，2025-02-10才公布');
    const bing = byName.get('某市丙局')!;
    expect(bing.deductions.map((d) => [d.indicator, d.count, d.points, d.capped])).toEqual([
      ['privacy_leak', 3, 10, true],
      ['supervision_overdue', 1, 2, false],
    ]);
    // The same records give the same numbers.
    expect(await assess(ctx, officer(gov), 2025, {}, '2026-03-01')).toEqual(r);
    // The CLI gives the same.
    const fromCli = await cli('某市甲局');
    expect(fromCli.agencies.map((x) => [x.agencyName, x.score, x.deductions.map((d) => d.points)])).toEqual([['某市甲局', 69, [6, 3, 2, 20]]]);
    expect((await cli('某市乙局')).agencies[0]!.score).toBe(82);
    expect((await cli('某市丙局')).agencies[0]!.score).toBe(88);
  });

  it("scores an edited scheme as computed by hand, and the CLI uses the office's saved scheme", async () => {
    const edited: AssessmentScheme = structuredClone(DEFAULT_SCHEME);
    edited.name = '某市2025年度考核细则';
    const set = (key: string, patch: object) => Object.assign(edited.indicators.find((i) => i.key === key)!, patch);
    set('overdue_reply', { points: 5, cap: 8 });
    set('release_late', { points: 1 });
    set('report_missing', { points: 10 });
    set('privacy_leak', { cap: 20 });
    edited.sections.find((s) => s.key === 'security')!.max = 20;
    edited.sections.find((s) => s.key === 'proactive')!.max = 20;
    const gkb = officer(gov);
    await saveScheme(ctx.db, gkb, { scheme: edited, version: (await getScheme(ctx.db, gkb)).version });
    const r = await assess(ctx, gkb, 2025, {}, '2026-03-01');
    // 甲局 100 − min(2×5, 8) − 3 − 2 − 10 = 77; 乙局 100 − 5 − 5×1 − 5 = 85; 丙局 100 − 3×5 − 2 = 83
    expect(scores(r)).toEqual({ 某市人民政府: expect.any(Number), 某市甲局: 77, 某市乙局: 85, 某市丙局: 83 });
    expect(r.agencies.filter((x) => x.agencyName !== '某市人民政府').map((x) => x.agencyName)).toEqual(['某市乙局', '某市丙局', '某市甲局']);
    for (const [name, score] of [
      ['某市甲局', 77],
      ['某市乙局', 85],
      ['某市丙局', 83],
    ] as const) {
      const fromCli = await cli(name);
      expect(fromCli.scheme.name).toBe('某市2025年度考核细则');
      expect(fromCli.agencies[0]!.score).toBe(score);
      expect(fromCli.agencies[0]!.deductions).toEqual(r.agencies.find((x) => x.agencyName === name)!.deductions);
    }
  });

  it('refuses a broken scheme whole, in Chinese, and keeps the saved one', async () => {
    const gkb = officer(gov);
    const before = await getScheme(ctx.db, gkb);
    const bad = { ...before.scheme, total: 50 };
    await expect(saveScheme(ctx.db, gkb, { scheme: bad, version: before.version })).rejects.toMatchObject({
      status: 400,
      message: expect.stringContaining('超过了总分'),
    });
    expect((await getScheme(ctx.db, gkb)).scheme).toEqual(before.scheme);
  });
});
