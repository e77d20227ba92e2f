import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { OUTCOMES } from '../../src/rules/outcomes.js';
import { outcomeOptionLabel, reasonFieldFor } from '../../web/admin/src/views/cases/case-labels.js';
import { dialogProblem, specOf } from '../../web/admin/src/views/cases/action-specs.js';
import { reviewerLabel } from '../../web/admin/src/views/publishing/labels.js';
import { countdownWaitingText, defaultNewReportYear } from '../../web/admin/src/views/reports/report-view.js';
import { auditObject } from '../../web/admin/src/utils/audit-labels.js';
import { dueLine } from '../../src/requests/portal.routes.js';
import { createTestApp, signedIn, type TestApp } from '../helpers/app.js';

/**
 * The console's rough edges (issue 14), each kept fixed: the 办结 dialog's texts, the closed case's deadline,
 * creating a report for a year that exists, the countdown sentence, audit records by name, the demo's sign-off
 * dates. The holiday calendar form has its own test (calendar-form.test.ts).
 */

describe('the 办结 dialog', () => {
  const def = (key: string) => OUTCOMES.find((o) => o.key === key)!;

  it('names each outcome once: a group of one shows its short name under the group heading', () => {
    expect(outcomeOptionLabel(def('disclosed'))).toBe('予以公开');
    expect(outcomeOptionLabel(def('partly_disclosed'))).toBe('部分公开');
    expect(outcomeOptionLabel(def('withheld_state_secret'))).toBe('1. 属于国家秘密');
    for (const o of OUTCOMES) expect(outcomeOptionLabel(o), o.key).not.toMatch(/^（[一二三四五六]）/);
  });

  it('asks for 不予公开 reasons only where they apply', () => {
    const disclosed = reasonFieldFor('disclosed');
    expect(disclosed.required).toBe(false);
    expect(disclosed.label + disclosed.placeholder).not.toContain('不予公开');
    expect(reasonFieldFor('partly_disclosed')).toMatchObject({ required: true, label: '不予公开部分的理由和依据' });
    expect(reasonFieldFor('withheld_state_secret').label).toBe('不予公开的理由和依据');
    expect(reasonFieldFor('unable_not_held').label).toBe('无法提供的理由（可选）');
    // The dialog's check agrees with the text box: required exactly when the label says so.
    const close = specOf('close')!;
    for (const o of OUTCOMES) {
      const problem = dialogProblem(close, { outcome: o.key, date: '2026-11-20', reason: '' }, (k) => OUTCOMES.find((x) => x.key === k)!.needsReason);
      expect(problem !== null, o.key).toBe(reasonFieldFor(o.key).required);
    }
  });

  it('review records name the role once', () => {
    expect(reviewerLabel('张建国（办公室主任）', 'office_head')).toBe('张建国（办公室主任） · 初审');
    expect(reviewerLabel('李明', 'office_head')).toBe('李明（办公室主任 · 初审）');
    expect(reviewerLabel('王芳（主要负责人）', 'principal')).toBe('王芳（主要负责人） · 终审');
    expect(reviewerLabel('张建国（办公室主任）', 'office_head').match(/办公室主任/g)).toHaveLength(1);
  });
});

describe('a closed case', () => {
  it('shows its deadline as settled, never as running or 暂定', () => {
    const closed = dueLine({ dueDate: '2027-01-20', dueProvisional: true, closedDate: '2026-12-01' });
    expect(closed).toBe('已于2026年12月1日办结（答复期限为2027年1月20日）');
    expect(closed).not.toContain('暂定');
    expect(dueLine({ dueDate: '2027-01-20', dueProvisional: true, closedDate: null })).toContain('暂定');
  });
});

describe('annual reports', () => {
  it('a new report defaults to the latest past year without one', () => {
    expect(defaultNewReportYear(2026, [2020, 2025])).toBe(2024);
    expect(defaultNewReportYear(2026, [])).toBe(2025);
    expect(defaultNewReportYear(2027, [2020, 2025])).toBe(2026);
  });

  it('the countdown before 1 January says it is counting already and when the period opens', () => {
    const text = countdownWaitingText({ reportYear: 2026, opensOn: '2027-01-01', deadline: '2027-01-31', daysLeft: 61 });
    expect(text).toContain('还有 61 天');
    expect(text).toContain('2027年1月1日起进入编制和公布期');
    expect(text).not.toContain('起在此倒计时');
  });
});

describe('audit records by name', () => {
  it('falls back to the type and a short id only when nothing is known', () => {
    expect(auditObject({ entity_type: 'case', entity_id: '1ac20131-aaaa', entity_label: '2020-ABCD-EFGH' })).toBe('申请 · 2020-ABCD-EFGH');
    expect(auditObject({ entity_type: 'case', entity_id: '1ac20131-aaaa', entity_label: null })).toBe('申请 · 1ac20131');
  });
});

describe('over HTTP, on the demo data', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp('sqlite');
  }, 60_000);
  afterAll(async () => t?.close());

  it('the audit log names cases by tracking code, items by title, reports and users by name', async () => {
    const admin = await signedIn(t.app, 'gkb');
    const rows = (await admin.request('GET', '/api/audit?limit=500')).json() as { entity_type: string; entity_id: string; entity_label: string | null }[];
    const codes = new Set((await t.ctx.db.selectFrom('cases').select('tracking_code').execute()).map((c) => c.tracking_code));
    const cases = rows.filter((r) => r.entity_type === 'case');
    expect(cases.length).toBeGreaterThan(0);
    for (const r of cases) expect(codes.has(r.entity_label!), r.entity_id).toBe(true);
    const report = rows.find((r) => r.entity_type === 'annual_report');
    expect(report?.entity_label).toMatch(/^枣庄市信访局20\d\d年度报告$/);
    const item = rows.find((r) => r.entity_type === 'pub_item');
    if (item)
      expect(item.entity_label).toBe((await t.ctx.db.selectFrom('pub_items').select('title').where('id', '=', item.entity_id).executeTakeFirstOrThrow()).title);
    const user = rows.find((r) => r.entity_type === 'user');
    if (user) expect(user.entity_label).toMatch(/（[\w.]+）$/);
  });

  it('the demo 2020 report was signed off in January 2021, when it was published', async () => {
    const r = await t.ctx.db.selectFrom('annual_reports').select(['id', 'first_published_at']).where('year', '=', 2020).executeTakeFirstOrThrow();
    const signoffs = await t.ctx.db.selectFrom('annual_report_signoffs').select('signed_at').where('report_id', '=', r.id).execute();
    expect(signoffs).toHaveLength(3);
    for (const s of signoffs) {
      expect(s.signed_at.slice(0, 10)).toBe(r.first_published_at!.slice(0, 10));
      expect(s.signed_at < r.first_published_at!).toBe(true);
    }
    expect(r.first_published_at!.slice(0, 7)).toBe('2021-01');
  });

  it('creating a report for a year that exists answers 409 with the report to open', async () => {
    const clerk = await signedIn(t.app, 'xfj.clerk');
    const res = await clerk.request('POST', '/api/reports', { json: { year: 2020 } });
    expect(res.statusCode).toBe(409);
    const body = res.json() as { message: string; details?: { id?: string } };
    expect(body.message).toMatch(/已/);
    expect(body.details?.id).toBeTruthy();
  });
});
