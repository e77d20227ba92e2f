import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ENGINES } from '../helpers/db.js';
import { createTestApp, type TestApp } from '../helpers/app.js';
import * as svc from '../../src/requests/cases.service.js';
import { loadCalendar } from '../../src/requests/calendar.service.js';
import { releaseLetter } from '../../src/requests/letters.service.js';
import { todayInChina } from '../../src/platform/time.js';
import type { Principal } from '../../src/platform/auth/permissions.js';
import { AppError } from '../../src/platform/errors.js';
import { rejects } from '../helpers/rejects.js';
import { ORG, PERSON, principalOf } from './helpers.js';

const today = todayInChina();

describe.each(ENGINES)('cases service on %s', (engine) => {
  let t: TestApp;
  let clerk: Principal, clerk2: Principal, head: Principal, czj: Principal, gkb: Principal;
  beforeAll(async () => {
    t = await createTestApp(engine);
    [clerk, clerk2, head, czj, gkb] = await Promise.all(['xfj.clerk', 'xfj.clerk2', 'xfj.head', 'czj.clerk', 'gkb'].map((u) => principalOf(t.ctx.db, u)));
  }, 60_000);
  afterAll(async () => t?.close());

  const online = (over: Record<string, unknown> = {}, token = `tok-${Math.random().toString(36).slice(2)}-xxxxxxxxxxxx`) =>
    svc.submitOnline(t.ctx, { agencyId: t.demo.xfj.id, application: { ...PERSON, ...over }, formToken: token });

  it('online submission is idempotent per form token', async () => {
    const token = 'double-click-token-0001';
    const a = await online({}, token);
    const b = await online({}, token);
    expect(b.id).toBe(a.id);
    expect(b.duplicate).toBe(true);
    expect(b.secret).toBe(a.secret);
    const n = await t.ctx.db
      .selectFrom('cases')
      .where('form_token', '=', `web:${token}`)
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .executeTakeFirstOrThrow();
    expect(Number(n.n)).toBe(1);
    // concurrent retries also give one case
    const token2 = 'concurrent-token-00002';
    const res = await Promise.all([online({}, token2), online({}, token2), online({}, token2)]);
    expect(new Set(res.map((r) => r.id)).size).toBe(1);
  });

  it('refuses invalid applications with field messages and writes nothing', async () => {
    const before = await t.ctx.db
      .selectFrom('cases')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .executeTakeFirstOrThrow();
    const e1 = await rejects(online({ idNumber: '110105194912310021' }), 400, /校验位/);
    expect((e1.details as { fields: Record<string, string> }).fields.idNumber).toMatch(/校验位/);
    const e2 = await rejects(
      svc.submitOnline(t.ctx, { agencyId: t.demo.xfj.id, application: { ...ORG, creditCode: '91350100M000100Y44' }, formToken: 'org-token-bad-0000001' }),
      400,
    );
    expect((e2.details as { fields: Record<string, string> }).fields.creditCode).toMatch(/校验位/);
    const e3 = await rejects(online({ name: '', description: '' }), 400);
    expect(Object.keys((e3.details as { fields: object }).fields)).toEqual(expect.arrayContaining(['name', 'description']));
    await rejects(
      svc.submitOnline(t.ctx, {
        agencyId: t.demo.xfj.id,
        application: PERSON,
        formToken: 'upload-token-000000001',
        identityProof: { bytes: Buffer.from('MZ\x90\x00 this is an exe'), filename: 'id.pdf' },
      }),
      400,
      /PDF、JPEG 或 PNG/,
    );
    await rejects(
      svc.submitOnline(t.ctx, {
        agencyId: t.demo.xfj.id,
        application: PERSON,
        formToken: 'upload-token-000000002',
        identityProof: { bytes: Buffer.from('<html><script>alert(1)</script>'), filename: 'id.png' },
      }),
      400,
      /PDF、JPEG 或 PNG/,
    );
    await rejects(
      svc.submitOnline(t.ctx, {
        agencyId: t.demo.xfj.id,
        application: PERSON,
        formToken: 'upload-token-000000003',
        identityProof: { bytes: Buffer.concat([Buffer.from('%PDF-1.7\n'), Buffer.alloc(10 * 1024 * 1024)]), filename: 'id.pdf' },
      }),
      400,
      /10 MB/,
    );
    const after = await t.ctx.db
      .selectFrom('cases')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .executeTakeFirstOrThrow();
    expect(Number(after.n)).toBe(Number(before.n));
  });

  it('scopes staff to their agency (404, not 403) and lets the supervisor read but not write', async () => {
    const a = await online();
    await rejects(svc.getCaseDetail(t.ctx, czj, a.id), 404);
    await rejects(svc.confirmReceipt(t.ctx, czj, a.id, { version: 1 }), 404);
    const list = await svc.listCasesFor(t.ctx, czj, {});
    expect(list.items.some((i) => i.id === a.id)).toBe(false);
    const seen = await svc.getCaseDetail(t.ctx, gkb, a.id);
    expect(seen.trackingCode).toBe(a.trackingCode);
    expect(seen.allowedActions).toEqual([]);
    expect(seen.applicant.idNumber).toBe('110***********002X');
    expect(seen.applicant.name).toBe('李**');
    expect((await svc.getCaseDetail(t.ctx, clerk, a.id)).applicant.idNumber).toBe('11010519491231002X');
    await rejects(svc.confirmReceipt(t.ctx, gkb, a.id, { version: 1 }), 403);
    const mine = await svc.listCasesFor(t.ctx, clerk, { pageSize: 100 });
    const item = mine.items.find((i) => i.id === a.id)!;
    expect(item.applicant).toBe('李**');
    expect(JSON.stringify(mine)).not.toContain('11010519491231002X');
  });

  it('runs the clock: confirm, correct (restart), consult (pause), extend (+20), close partly disclosed', async () => {
    const a = await online();
    const cal = await loadCalendar(t.ctx.db);
    let r = await svc.confirmReceipt(t.ctx, clerk, a.id, { version: 1 });
    expect(r.state).toBe('received');
    expect(r.dueDate).toBe(cal.addWorkingDays(today, 20));
    r = await svc.acceptCase(t.ctx, clerk, a.id, { version: r.version });
    r = await svc.requestCorrection(t.ctx, clerk, a.id, {
      version: r.version,
      items: '请写明所需统计数据的年份和范围',
      deadline: cal.addWorkingDays(today, 10),
    });
    expect(r.state).toBe('awaiting_correction');
    expect(r.dueDate).toBeNull();
    await rejects(
      svc.requestCorrection(t.ctx, clerk, a.id, { version: r.version, items: '再补一次', deadline: cal.addWorkingDays(today, 10) }),
      409,
      /只能要求一次/,
    );
    await rejects(svc.closeCase(t.ctx, clerk, a.id, { version: r.version, outcome: 'disclosed' }), 409, /等待补正/);
    const corrected = await svc.submitCorrectionByApplicant(t.ctx, a.trackingCode, a.secret, { text: '所需为2025年全年的统计数据' });
    expect(corrected.state).toBe('in_progress');
    expect(corrected.dueDate).toBe(cal.addWorkingDays(today, 20));
    r = await svc.startConsultation(t.ctx, clerk, a.id, { version: corrected.version, kind: 'agency', party: '枣庄市财政局' });
    expect(r.state).toBe('consulting');
    const detail = await svc.getCaseDetail(t.ctx, clerk, a.id);
    const k = detail.consultations[0];
    // an open consultation pauses through its 15-working-day limit
    expect(r.dueDate).toBe(cal.addWorkingDays(today, 20, [{ from: today, to: k.limit }]));
    r = await svc.answerConsultation(t.ctx, clerk, a.id, { version: r.version, consultationId: k.id, opinion: '同意公开' });
    // answered the same day: that day is paused
    expect(r.dueDate).toBe(cal.addWorkingDays(today, 20, [{ from: today, to: today }]));
    await rejects(svc.extendCase(t.ctx, clerk, a.id, { version: r.version, reason: '数据量大' }), 403, /负责人/);
    const first = r.dueDate!;
    r = await svc.extendCase(t.ctx, head, a.id, { version: r.version, reason: '涉及数据量大，需要汇总' });
    expect(r.state).toBe('extended');
    expect(r.dueDate).toBe(cal.addWorkingDays(first, 20));
    await rejects(svc.extendCase(t.ctx, head, a.id, { version: r.version, reason: '再延一次' }), 409, /只能延长一次/);
    await rejects(svc.closeCase(t.ctx, clerk, a.id, { version: r.version }), 400, /须选择一个办理结果/);
    await rejects(svc.closeCase(t.ctx, clerk, a.id, { version: r.version, outcome: 'partly_disclosed' }), 400, /理由/);
    await rejects(svc.closeCase(t.ctx, clerk, a.id, { version: r.version, outcome: 'no_such_outcome' }), 400);
    r = await svc.closeCase(t.ctx, clerk, a.id, { version: r.version, outcome: 'partly_disclosed', reason: '其中涉及个人隐私的部分依照条例第十五条不予公开' });
    expect(r.state).toBe('closed');
    const row = await t.ctx.db.selectFrom('cases').selectAll().where('id', '=', a.id).executeTakeFirstOrThrow();
    expect(row).toMatchObject({ state: 'closed', outcome: 'partly_disclosed', closed_date: today, received_date: today });
    const events = await t.ctx.db.selectFrom('case_events').select(['type']).where('case_id', '=', a.id).orderBy('seq').execute();
    // The extension is released with its 延期答复告知书 (audited on the letter); accepting also assigns the clerk.
    expect(events.map((e) => e.type)).toEqual([
      'submitted',
      'received',
      'accepted',
      'assigned',
      'correction_requested',
      'corrected',
      'consultation_started',
      'consultation_answered',
      'extended',
      'letter_released',
      'closed',
    ]);
    const audits = await t.ctx.db.selectFrom('audit_log').select('action').where('entity_id', '=', a.id).execute();
    expect(audits.length).toBe(events.length - 2); // registration + one per action; the release is audited on the letter, accept+assign is one record
  });

  it('two clerks saving the same case: one wins, the other gets 409 and nothing is lost', async () => {
    const a = await online();
    const res = await Promise.allSettled([
      svc.addNote(t.ctx, clerk, a.id, { version: 1, text: '王晓燕的备注' }),
      svc.addNote(t.ctx, clerk2, a.id, { version: 1, text: '李明的备注' }),
    ]);
    const ok = res.filter((x) => x.status === 'fulfilled');
    const failed = res.filter((x) => x.status === 'rejected') as PromiseRejectedResult[];
    expect(ok.length).toBe(1);
    expect(failed.length).toBe(1);
    expect((failed[0].reason as AppError).status).toBe(409);
    expect((failed[0].reason as AppError).message).toBe('该申请已被他人修改，请刷新后再操作。');
    const notes = await t.ctx.db.selectFrom('case_events').select('data').where('case_id', '=', a.id).where('type', '=', 'note').execute();
    expect(notes.length).toBe(1);
    const row = await t.ctx.db.selectFrom('cases').select('version').where('id', '=', a.id).executeTakeFirstOrThrow();
    expect(row.version).toBe(2);
    // the loser refreshes and saves again: both notes are kept
    await svc.addNote(t.ctx, (failed[0].reason as AppError) && (ok[0] as PromiseFulfilledResult<svc.ActResult>).value ? clerk2 : clerk, a.id, {
      version: 2,
      text: '刷新后再保存',
    });
    expect((await t.ctx.db.selectFrom('case_events').select('id').where('case_id', '=', a.id).where('type', '=', 'note').execute()).length).toBe(2);
  });

  it('refuses a forged tracking secret with the same message as an unknown code', async () => {
    const a = await online();
    const e1 = await rejects(svc.lookupCase(t.ctx, a.trackingCode, 'AAAAAAAAAA'), 403);
    const e2 = await rejects(svc.lookupCase(t.ctx, '2026-AAAA-AAAA', a.secret), 403);
    expect(e1.message).toBe(e2.message);
    const ok = await svc.lookupCase(t.ctx, a.trackingCode, a.secret.toLowerCase());
    expect(ok.state).toBe('submitted');
  });

  it('staff register in person (received at once) and ordinary post (awaits confirmation); transfer creates a case at the other agency', async () => {
    const inPerson = await svc.registerApplication(t.ctx, clerk, { channel: 'in_person', application: ORG, idempotencyKey: 'reg-1' });
    const again = await svc.registerApplication(t.ctx, clerk, { channel: 'in_person', application: ORG, idempotencyKey: 'reg-1' });
    expect(again.id).toBe(inPerson.id);
    const row = await t.ctx.db.selectFrom('cases').selectAll().where('id', '=', inPerson.id).executeTakeFirstOrThrow();
    expect(row).toMatchObject({ state: 'received', received_date: today, applicant_type: 'legal_service', channel: 'in_person' });
    const post = await svc.registerApplication(t.ctx, clerk, {
      channel: 'post_ordinary',
      application: PERSON,
      scan: { bytes: Buffer.from([0xff, 0xd8, 0xff, 0xe0, 1, 2, 3]), filename: 'scan.jpg' },
    });
    const prow = await t.ctx.db.selectFrom('cases').selectAll().where('id', '=', post.id).executeTakeFirstOrThrow();
    expect(prow).toMatchObject({ state: 'submitted', received_date: null });
    const tr = await svc.transferCase(t.ctx, clerk, post.id, { version: 1, toAgencyId: t.demo.agencies.czj.id, reason: '所需信息由市财政局制作' });
    expect(tr.state).toBe('transferred');
    const moved = await svc.getCaseDetail(t.ctx, czj, tr.newCaseId);
    expect(moved.state).toBe('submitted');
    expect(moved.applicant.name).toBe(PERSON.name);
    const old = await t.ctx.db.selectFrom('cases').selectAll().where('id', '=', post.id).executeTakeFirstOrThrow();
    expect(old.outcome).toBeNull(); // never received here: not counted in this agency's report
  });

  it("fee notice counts the applicant's applications per agency per month", async () => {
    const app = { ...PERSON, idNumber: '370402199001011234'.slice(0, 17) };
    const { residentIdCheckChar } = await import('../../src/rules/identity.js');
    app.idNumber += residentIdCheckChar(app.idNumber);
    const ids: svc.NewCaseResult[] = [];
    for (let i = 0; i < 11; i++)
      ids.push(await svc.registerApplication(t.ctx, clerk, { channel: 'in_person', application: { ...app, description: `第${i + 1}件：请公开某项统计数据` } }));
    await rejects(svc.notifyFee(t.ctx, clerk, ids[0].id, { version: 1, method: 'per_application' }), 409, /无需收费/);
    const r = await svc.notifyFee(t.ctx, clerk, ids[10].id, { version: 1, method: 'per_application' });
    expect(r.state).toBe('awaiting_fee');
    const d = await svc.getCaseDetail(t.ctx, clerk, ids[10].id);
    expect(d.timeline.at(-1)!.data).toMatchObject({ type: 'fee_notified', amount: 100, method: 'per_application' });
    expect(d.partyDeadline).toBe((await loadCalendar(t.ctx.db)).addWorkingDays(today, 20));
    // the same person at another agency starts at 1 again
    const other = await svc.registerApplication(t.ctx, czj, { channel: 'in_person', application: app });
    await rejects(svc.notifyFee(t.ctx, czj, other.id, { version: 1, method: 'per_application' }), 409, /无需收费/);
    const paged = await svc.notifyFee(t.ctx, czj, other.id, { version: 1, method: 'per_page', pages: 250 });
    expect(paged.state).toBe('awaiting_fee');
    await rejects(svc.notifyFee(t.ctx, czj, other.id, { version: paged.version, method: 'per_application' }), 409, /只能选择一种/);
    const paid = await svc.recordFeePaid(t.ctx, czj, other.id, { version: paged.version });
    expect(paid.state).toBe('received');
  });

  it('auto-closes when the correction deadline lapses (other_no_correction), dated the day after', async () => {
    const a = await svc.registerApplication(t.ctx, clerk, { channel: 'in_person', application: PERSON });
    const cal = await loadCalendar(t.ctx.db);
    const deadline = cal.addWorkingDays(today, 5);
    const asked = await svc.requestCorrection(t.ctx, clerk, a.id, { version: 1, items: '请写明所需信息的名称', deadline });
    // Not told yet (the 补正告知书 is a draft): nothing lapses.
    expect(await svc.sweepLapsed(t.ctx, cal.addWorkingDays(deadline, 1), [t.demo.xfj.id])).toBe(0);
    const letter = await t.ctx.db
      .selectFrom('case_letters')
      .select(['id', 'version'])
      .where('case_id', '=', a.id)
      .where('kind', '=', 'correction_notice')
      .executeTakeFirstOrThrow();
    await releaseLetter(t.ctx, head, letter.id, { version: letter.version });
    expect(asked.state).toBe('awaiting_correction');
    expect(await svc.sweepLapsed(t.ctx, deadline)).toBe(0);
    const after = cal.addWorkingDays(deadline, 1);
    expect(await svc.sweepLapsed(t.ctx, after)).toBeGreaterThanOrEqual(1);
    const row = await t.ctx.db.selectFrom('cases').selectAll().where('id', '=', a.id).executeTakeFirstOrThrow();
    expect(row.state).toBe('closed');
    expect(row.outcome).toBe('other_no_correction');
    const { formatDate, parseDate } = await import('../../src/rules/calendar/index.js');
    expect(row.closed_date).toBe(formatDate(parseDate(deadline) + 1));
  });

  it('flags a likely repeat of the same applicant for staff (Art. 36(6)), not an unrelated request', async () => {
    const app = { ...ORG, creditCode: '91110000802100433B', name: '某研究院（测试）', orgType: 'research', docNumber: '' };
    await svc.registerApplication(t.ctx, clerk, { channel: 'in_person', application: { ...app, description: '请公开2024年度信访事项办理情况统计数据' } });
    const other = await svc.registerApplication(t.ctx, clerk, {
      channel: 'in_person',
      application: { ...app, description: '请公开市人民来访接待中心的办公地址和接待时间' },
    });
    const again = await svc.registerApplication(t.ctx, clerk, {
      channel: 'in_person',
      application: { ...app, description: '申请公开2024年度信访事项办理情况的统计数据。' },
    });
    const d = await svc.getCaseDetail(t.ctx, clerk, again.id);
    expect(d.warnings.some((w) => w.code === 'likely_repeat')).toBe(true);
    expect(d.possibleRepeats.filter((r) => r.likely)).toHaveLength(1);
    const list = await svc.listCasesFor(t.ctx, clerk, { pageSize: 100, applicantType: 'research' });
    expect(list.items.find((x) => x.id === again.id)!.likelyRepeat).toBe(true);
    expect(list.items.find((x) => x.id === other.id)!.likelyRepeat).toBe(false);
  });
});
