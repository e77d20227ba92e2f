import { describe, expect, it } from 'vitest';
import { ENGINES } from '../helpers/db.js';
import { Client, type TestApp } from '../helpers/app.js';
import { withStaffApp } from '../helpers/service.js';
import * as svc from '../../src/requests/cases.service.js';
import * as letters from '../../src/requests/letters.service.js';
import * as appeals from '../../src/requests/appeals.service.js';
import { appealAnswerDeadline } from '../../src/rules/remedies.js';
import { loadCalendar } from '../../src/requests/calendar.service.js';
import { todayInChina } from '../../src/platform/time.js';
import type { Principal } from '../../src/platform/auth/permissions.js';
import { rejects } from '../helpers/rejects.js';
import { formatChineseDate, parseDate } from '../../src/rules/calendar/index.js';
import { PERSON, principalOf } from './helpers.js';

/**
 * Issue 9, notices issued with their step (条例第三十条、第三十三条第二款): the correction request drafts its
 * 补正告知书 in the same transaction; a clerk's extension request drafts the 延期答复告知书 that the office head
 * releases together with the extension; the applicant's trace and lookup say 告知申请人 only for released
 * notices; the reply recites both notices.
 */

const today = todayInChina();
const cn = (d: string) => formatChineseDate(parseDate(d));

const claims = <T extends { note: string }>(trace: T[]) => trace.filter((s) => s.note.includes('告知申请人'));

describe.each(ENGINES)('notices issued with their step on %s', (engine) => {
  let t: TestApp;
  let clerk: Principal, head: Principal;
  withStaffApp(engine, ['xfj.clerk', 'xfj.head'], (app, staff) => ([t, [clerk, head]] = [app, staff]));

  const lettersOf = (caseId: string) => t.ctx.db.selectFrom('case_letters').selectAll().where('case_id', '=', caseId).orderBy('created_at').execute();
  const eventsOf = async (caseId: string) =>
    (await t.ctx.db.selectFrom('case_events').select(['type', 'data']).where('case_id', '=', caseId).orderBy('seq').execute()).map((e) => ({
      type: e.type,
      ...JSON.parse(e.data),
    }));

  it('a correction request drafts its 补正告知书 with it; the lookup tells the applicant only once the head releases it', async () => {
    const a = await svc.submitOnline(t.ctx, {
      agencyId: t.demo.xfj.id,
      application: PERSON,
      formToken: `notice-corr-${Math.random().toString(36).slice(2)}-xxxxxx`,
    });
    const cal = await loadCalendar(t.ctx.db);
    let r = await svc.confirmReceipt(t.ctx, clerk, a.id, { version: 1 });
    const deadline = cal.addWorkingDays(today, 10);
    r = await svc.requestCorrection(t.ctx, clerk, a.id, { version: r.version, items: '请写明所需统计数据的年份\n请写明统计的范围', deadline });
    expect(r.state).toBe('awaiting_correction');

    // Same transaction: the event names the drafted letter.
    const [draft] = await lettersOf(a.id);
    expect(draft).toMatchObject({ kind: 'correction_notice', status: 'draft', drafted_by: clerk.displayName });
    const asked = (await eventsOf(a.id)).find((e) => e.type === 'correction_requested');
    expect(asked.letterId).toBe(draft.id);
    const content = JSON.parse(draft.content) as { context: { correction: { items: string[]; deadline: string }; letter: { date: string } } };
    expect(content.context.correction).toMatchObject({ items: ['请写明所需统计数据的年份', '请写明统计的范围'], deadline });
    expect(content.context.letter.date).toBe(today);

    // Not released: nothing claims the applicant was told, no correction deadline runs against them.
    let look = await svc.lookupCase(t.ctx, a.trackingCode, a.secret);
    expect(look.correction).toBeNull();
    expect(look.correctionPending).toBe(true);
    expect(look.letters).toEqual([]);
    expect(claims(look.trace)).toEqual([]);
    let page = await lookupPage(a.trackingCode, a.secret);
    expect(page.body).not.toContain('告知申请人');
    expect(page.body).not.toContain('需要您补正');
    const detail = await svc.getCaseDetail(t.ctx, clerk, a.id);
    expect(detail.warnings.map((w) => w.code)).toContain('correction_notice_unreleased');

    // Released by the office head: on the lookup page with its number, dated the release; the trace says so.
    await rejects(letters.releaseLetter(t.ctx, clerk, draft.id, { version: draft.version }), 403);
    const rel = await letters.releaseLetter(t.ctx, head, draft.id, { version: draft.version });
    look = await svc.lookupCase(t.ctx, a.trackingCode, a.secret);
    expect(look.correction).toMatchObject({ date: today, docNumber: rel.docNumber, deadline });
    expect(look.correctionPending).toBe(false);
    expect(look.letters.map((l) => [l.kind, l.docNumber])).toEqual([['correction_notice', rel.docNumber]]);
    expect(claims(look.trace).map((s) => s.date)).toEqual([today]);
    expect(claims(look.trace)[0].note).toContain(`以补正告知书（${rel.docNumber}）一次性告知申请人补正`);
    page = await lookupPage(a.trackingCode, a.secret);
    expect(page.body).toContain(`以补正告知书（${rel.docNumber}）告知`);
    expect(page.body).toContain('需要您补正');
  });

  it('a request whose notice cannot be composed is refused and nothing is written', async () => {
    const a = await svc.registerApplication(t.ctx, clerk, { channel: 'in_person', application: PERSON });
    const cal = await loadCalendar(t.ctx.db);
    const agency = await t.ctx.db.selectFrom('agencies').select(['office_address']).where('id', '=', t.demo.xfj.id).executeTakeFirstOrThrow();
    await t.ctx.db.updateTable('agencies').set({ office_address: '' }).where('id', '=', t.demo.xfj.id).execute();
    try {
      await rejects(
        svc.requestCorrection(t.ctx, clerk, a.id, { version: 1, items: '请写明所需信息的名称', deadline: cal.addWorkingDays(today, 10) }),
        400,
        /地址/,
      );
    } finally {
      await t.ctx.db.updateTable('agencies').set({ office_address: agency.office_address }).where('id', '=', t.demo.xfj.id).execute();
    }
    expect((await eventsOf(a.id)).map((e) => e.type)).toEqual(['submitted', 'received']);
    expect(await lettersOf(a.id)).toEqual([]);
    const row = await t.ctx.db.selectFrom('cases').select(['version', 'state']).where('id', '=', a.id).executeTakeFirstOrThrow();
    expect(row).toEqual({ version: 1, state: 'received' });
  });

  it('a clerk asks for the extension with its notice; the head approves and releases both at once; the reply recites correction and extension', async () => {
    const a = await svc.registerApplication(t.ctx, clerk, { channel: 'in_person', application: PERSON });
    const cal = await loadCalendar(t.ctx.db);
    let r = await svc.requestCorrection(t.ctx, clerk, a.id, { version: 1, items: '请写明所需统计数据的年份', deadline: cal.addWorkingDays(today, 10) });
    const [cDraft] = await lettersOf(a.id);
    const cRel = await letters.releaseLetter(t.ctx, head, cDraft.id, { version: cDraft.version });
    r = await svc.recordCorrection(t.ctx, clerk, a.id, { version: r.version + 1, text: '2025年度' });
    const firstDue = r.dueDate!;

    // The clerk cannot extend; they ask, and the request drafts the 延期答复告知书 with the new due date.
    expect((await svc.getCaseDetail(t.ctx, clerk, a.id)).allowedActions).toContain('request_extension');
    await rejects(svc.extendCase(t.ctx, clerk, a.id, { version: r.version, reason: '数据量大' }), 403);
    r = await svc.requestExtension(t.ctx, clerk, a.id, { version: r.version, reason: '需汇总多个年度的数据' });
    expect(r.state).toBe('in_progress');
    expect(r.dueDate).toBe(firstDue);
    await rejects(svc.requestExtension(t.ctx, clerk, a.id, { version: r.version, reason: '再提一次' }), 409, /等待/);
    const detail = await svc.getCaseDetail(t.ctx, clerk, a.id);
    expect(detail.allowedActions).not.toContain('request_extension');
    expect(detail.extensionRequest).toMatchObject({ reason: '需汇总多个年度的数据', requestedBy: clerk.displayName });
    const eDraft = (await lettersOf(a.id)).find((l) => l.kind === 'extension_notice')!;
    expect(eDraft.status).toBe('draft');
    const ectx = (JSON.parse(eDraft.content) as { context: { extension: { newDueDate: string; originalDueDate: string; reason: string } } }).context.extension;
    expect(ectx).toMatchObject({ newDueDate: cal.addWorkingDays(firstDue, 20), originalDueDate: firstDue, reason: '需汇总多个年度的数据' });
    let look = await svc.lookupCase(t.ctx, a.trackingCode, a.secret);
    expect(claims(look.trace).map((s) => s.kind)).toEqual(['correction']);
    expect(look.letters.map((l) => l.kind)).toEqual(['correction_notice']);

    // The head approves: the extension and the release of the clerk's notice in one step.
    r = await svc.extendCase(t.ctx, head, a.id, { version: r.version });
    expect(r.state).toBe('extended');
    expect(r.dueDate).toBe(cal.addWorkingDays(firstDue, 20));
    const eRel = (await lettersOf(a.id)).find((l) => l.id === eDraft.id)!;
    expect(eRel).toMatchObject({ status: 'released', signed_by: head.displayName });
    const evs = await eventsOf(a.id);
    expect(evs.slice(-2).map((e) => e.type)).toEqual(['extended', 'letter_released']);
    expect(evs[evs.length - 2]).toMatchObject({ reason: '需汇总多个年度的数据', letterId: eDraft.id, approvedBy: head.displayName });
    look = await svc.lookupCase(t.ctx, a.trackingCode, a.secret);
    expect(look.letters.map((l) => [l.kind, l.docNumber])).toEqual([
      ['correction_notice', cRel.docNumber],
      ['extension_notice', eRel.doc_number],
    ]);
    const ext = claims(look.trace).find((s) => s.kind === 'extension')!;
    expect(ext.note).toContain(`${cn(today)}以延期答复告知书（${eRel.doc_number}）告知申请人`);

    // The reply recites both notices (dates and numbers) and the extended due date.
    r = await svc.closeCase(t.ctx, clerk, a.id, { version: r.version, outcome: 'disclosed' });
    const reply = await letters.draftCaseLetter(t.ctx, clerk, a.id, {
      kind: 'reply',
      fields: { reply: { provision: { form: 'electronic', delivery: 'email', detail: 'lcm@example.cn' }, items: ['统计表'] } },
    });
    const opening = (reply.preview.blocks[0] as { text: string }).text;
    expect(opening).toContain(
      `本机关于${cn(today)}依照《中华人民共和国政府信息公开条例》（以下简称《条例》）第三十条的规定向您发出补正告知书（${cRel.docNumber}）`,
    );
    expect(opening).toContain(`您于${cn(today)}提交了补正后的申请`);
    expect(opening).toContain(
      `于${cn(today)}依照《条例》第三十三条第二款的规定向您发出延期答复告知书（${eRel.doc_number}），答复期限延长至${cn(cal.addWorkingDays(firstDue, 20))}`,
    );
    expect(opening).toMatch(/现答复如下：$/);
  });

  it('signing the drafted 延期答复告知书 is the approval; a head who extends directly releases a notice drafted then', async () => {
    const a = await svc.registerApplication(t.ctx, clerk, { channel: 'in_person', application: PERSON });
    const asked = await svc.requestExtension(t.ctx, clerk, a.id, { version: 1, reason: '需征求多个部门意见' });
    const draft = (await lettersOf(a.id))[0];
    await letters.releaseLetter(t.ctx, head, draft.id, { version: draft.version });
    const row = await t.ctx.db.selectFrom('cases').select(['state', 'version']).where('id', '=', a.id).executeTakeFirstOrThrow();
    expect(row.state).toBe('extended');
    expect(row.version).toBe(asked.version + 2);
    expect((await eventsOf(a.id)).slice(-2).map((e) => e.type)).toEqual(['extended', 'letter_released']);

    const b = await svc.registerApplication(t.ctx, clerk, { channel: 'in_person', application: PERSON });
    const r = await svc.extendCase(t.ctx, head, b.id, { version: 1, reason: '涉及数据量大' });
    expect(r.state).toBe('extended');
    const ls = await lettersOf(b.id);
    expect(ls.map((l) => [l.kind, l.status, l.drafted_by, l.signed_by])).toEqual([['extension_notice', 'released', head.displayName, head.displayName]]);
    const look = await svc.lookupCase(t.ctx, b.trackingCode, b.secret);
    expect(claims(look.trace).map((s) => s.kind)).toEqual(['extension']);
  });

  it('the workbench reminds of 复议 answers owed (10 or 5 working days) and of holiday schedules still to import', async () => {
    const a = await svc.registerApplication(t.ctx, clerk, { channel: 'in_person', application: PERSON });
    await svc.closeCase(t.ctx, clerk, a.id, { version: 1, outcome: 'withheld_internal_affairs', reason: '属于内部人事管理信息（条例第十六条第一款）' });
    const cal = await loadCalendar(t.ctx.db);
    const notice = cal.addWorkingDays(today, -3);
    const normal = await appeals.createAppeal(t.ctx, clerk, a.id, {
      kind: 'reconsideration',
      filedDate: notice,
      answerNoticeDate: notice,
      body: '枣庄市人民政府',
    });
    const simple = await appeals.createAppeal(t.ctx, clerk, a.id, { kind: 'reconsideration', filedDate: notice, answerNoticeDate: notice, simplified: true });
    let wb = await svc.workbench(t.ctx, clerk);
    const owed = wb.appealAnswers.filter((x) => x.caseId === a.id);
    // Soonest first: the simplified procedure's 5 working days, then the 10.
    expect(owed.map((x) => [x.id, x.answerDue])).toEqual([
      [simple.id, appealAnswerDeadline(notice, true, cal)],
      [normal.id, appealAnswerDeadline(notice, false, cal)],
    ]);
    expect(owed[0]).toMatchObject({ trackingCode: a.trackingCode, simplified: true, overdue: false, dueSoon: true });
    expect(owed[1]).toMatchObject({ overdue: false, dueSoon: false });
    await appeals.updateAppeal(t.ctx, clerk, simple.id, { version: simple.version, answeredDate: today });
    wb = await svc.workbench(t.ctx, clerk);
    expect(wb.appealAnswers.filter((x) => x.caseId === a.id).map((x) => x.id)).toEqual([normal.id]);
    // Another agency's staff do not see it.
    const czj = await principalOf(t.ctx.db, 'czj.clerk');
    expect((await svc.workbench(t.ctx, czj)).appealAnswers.some((x) => x.caseId === a.id)).toBe(false);

    // Holiday schedules: the current year, and next year from October, when not published.
    const year = Number(today.slice(0, 4));
    const watched = Number(today.slice(5, 7)) >= 10 ? [year, year + 1] : [year];
    expect(wb.missingSchedules.map((m) => m.year)).toEqual(watched.filter((y) => !cal.publishedYears.includes(y)));
    for (const m of wb.missingSchedules) expect(m.estimated).toBe(true);
  });

  async function lookupPage(code: string, secret: string) {
    const c = new Client(t.app);
    const form = await c.request('GET', '/lookup');
    const csrf = /name="_csrf" value="([^"]+)"/.exec(form.body)?.[1] ?? '';
    const res = await c.request('POST', '/lookup', {
      payload: new URLSearchParams({ _csrf: csrf, code, secret }).toString(),
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
    });
    expect(res.statusCode).toBe(200);
    return res;
  }
});
