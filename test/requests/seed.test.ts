import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ENGINES } from '../helpers/db.js';
import { createTestApp, type TestApp } from '../helpers/app.js';
import * as svc from '../../src/requests/cases.service.js';
import { reportRow } from '../../src/rules/outcomes.js';
import { isValidResidentId } from '../../src/rules/identity.js';
import type { ApplicantData } from '../../src/requests/application.js';
import { principalOf } from './helpers.js';

describe.each(ENGINES)('requests demo data on %s', (engine) => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp(engine);
  }, 60_000);
  afterAll(async () => t?.close());

  it('reproduces 枣庄市信访局 2020: 4 new natural persons, 3 disclosed, 1 other, nothing carried over, no appeals', async () => {
    const rows = await t.ctx.db
      .selectFrom('cases')
      .selectAll()
      .where('agency_id', '=', t.demo.xfj.id)
      .where('received_date', '>=', '2020-01-01')
      .where('received_date', '<=', '2020-12-31')
      .execute();
    expect(rows).toHaveLength(4);
    expect(rows.every((r) => r.applicant_type === 'natural_person')).toBe(true);
    expect(rows.every((r) => r.closed_date && r.closed_date <= '2020-12-31')).toBe(true);
    const byRow = rows.map((r) => reportRow(r.outcome as never, '2019')).sort();
    expect(byRow).toEqual(['disclosed', 'disclosed', 'disclosed', 'other']);
    const appeals = await t.ctx.db
      .selectFrom('appeals')
      .select('id')
      .where('agency_id', '=', t.demo.xfj.id)
      .where('filed_date', '>=', '2020-01-01')
      .where('filed_date', '<=', '2020-12-31')
      .execute();
    expect(appeals).toHaveLength(0);
    for (const r of rows) {
      const a = JSON.parse(t.ctx.cipher.decrypt(r.applicant_enc)) as ApplicantData;
      expect(isValidResidentId(a.idNumber!, '2026-11-25')).toBe(true);
    }
  });

  it('fills every workbench list of 枣庄市信访局 and keeps others out', async () => {
    const clerk = await principalOf(t.ctx.db, 'xfj.clerk');
    const wb = await svc.workbench(t.ctx, clerk);
    expect(wb.overdue.length).toBeGreaterThanOrEqual(1);
    expect(wb.dueSoon.length).toBeGreaterThanOrEqual(2);
    expect(wb.awaitingCorrection.length).toBeGreaterThanOrEqual(1);
    expect(wb.consulting.length).toBeGreaterThanOrEqual(1);
    expect(wb.awaitingReceipt.length).toBeGreaterThanOrEqual(1);
    expect(wb.correctionWindowClosing.map((x) => x.description)).toContain('请公开关于信访事项的相关材料');
    expect(wb.correctionWindowClosing.every((x) => x.correctionNoticeBy! >= wb.today)).toBe(true);
    expect(wb.counts.byState.extended).toBeGreaterThanOrEqual(1);
    const czj = await principalOf(t.ctx.db, 'czj.clerk');
    const other = await svc.workbench(t.ctx, czj);
    expect(other.awaitingFee.length).toBe(1);
    const all = [...other.overdue, ...other.dueSoon, ...other.awaitingCorrection, ...other.consulting, ...other.awaitingReceipt];
    const xfjIds = new Set((await t.ctx.db.selectFrom('cases').select('id').where('agency_id', '=', t.demo.xfj.id).execute()).map((r) => r.id));
    expect(all.some((x) => xfjIds.has(x.id))).toBe(false);
    const gkb = await principalOf(t.ctx.db, 'gkb');
    const sup = await svc.workbench(t.ctx, gkb);
    expect(sup.counts.overdue).toBeGreaterThanOrEqual(wb.counts.overdue);
  });

  it('a seeded case can be looked up with its demo secret', async () => {
    const r = await svc.lookupCase(t.ctx, '2020-DEMO-0001', 'DEMO000001');
    expect(r.stateLabel).toBe('已办结');
    expect(r.trace.some((s) => s.kind === 'due')).toBe(true);
  });
});
