import { timingSafeEqual } from 'node:crypto';
import type { AppContext } from '../platform/context.js';
import { AppError } from '../platform/errors.js';
import { outcome } from '../rules/outcomes.js';
import { loadCalendar } from './calendar.service.js';
import { hashSecret, load } from './cases.core.js';
import { STATE_LABELS } from './cases.labels.js';
import * as store from './cases.store.js';

// ------------------------------------------------------------------------------------------ the applicant's lookup

/** Checks tracking code + secret in constant time; the same refusal for an unknown code and a wrong secret. */
export async function authenticateLookup(ctx: AppContext, code: string, secret: string): Promise<store.CaseRow> {
  const refusal = new AppError(403, '查询码或查询密码不正确。请核对回执上的查询码和查询密码（区分大小写）。', 'lookup_refused');
  const c = String(code ?? '')
    .trim()
    .toUpperCase();
  const s = String(secret ?? '')
    .trim()
    .toUpperCase();
  if (!/^\d{4}-[A-Z0-9]{4}-[A-Z0-9]{4}$/.test(c) || !/^[A-Z0-9]{6,20}$/.test(s)) throw refusal;
  const row = await store.findCaseByTrackingCode(ctx.db, c);
  const given = Buffer.from(hashSecret(s), 'hex');
  const expected = Buffer.from(row?.secret_hash ?? hashSecret('-'), 'hex');
  if (!row || !timingSafeEqual(given, expected)) throw refusal;
  return row;
}

/** What the applicant sees: state, due date and how it was computed, what is asked of them, released letters. */
export async function lookupCase(ctx: AppContext, code: string, secret: string) {
  const row = await authenticateLookup(ctx, code, secret);
  const fresh = row;
  const calendar = await loadCalendar(ctx.db);
  const c = await load(ctx.db, fresh, calendar);
  const agency = await store.getAgency(ctx.db, fresh.agency_id);
  const letters = await store.releasedLettersOf(ctx.db, fresh.id);
  // What to correct is shown once the 补正告知书 is released (the applicant is told by the notice, dated its release).
  const asked =
    c.proj.state === 'awaiting_correction'
      ? (c.events.find((e) => e.data.type === 'correction_requested')?.data as { items: string; deadline: string; date: string; letterId?: string })
      : null;
  const notice = c.proj.correctionNotice ?? (asked && !asked.letterId ? { date: asked.date, docNumber: '' } : null);
  const correction = asked && notice ? { ...asked, date: notice.date, docNumber: notice.docNumber } : null;
  const fee =
    c.proj.state === 'awaiting_fee' ? (c.events.find((e) => e.data.type === 'fee_notified')?.data as { amount: number; detail: string; date: string }) : null;
  const transferred = c.events.find((e) => e.data.type === 'transferred')?.data as { toAgencyName: string } | undefined;
  return {
    id: fresh.id,
    trackingCode: fresh.tracking_code,
    agencyName: agency.name,
    agencyPhone: agency.office_phone,
    agencyOffice: agency.office_name,
    state: c.proj.state,
    stateLabel: STATE_LABELS[c.proj.state],
    submittedAt: fresh.submitted_at,
    receivedDate: c.proj.receivedDate,
    dueDate: c.proj.dueDate,
    dueProvisional: c.proj.dueProvisional,
    closedDate: c.proj.closedDate,
    outcomeLabel: c.proj.outcome ? outcome(c.proj.outcome).short : null,
    trace: c.proj.trace,
    description: fresh.description,
    correction: correction ? { items: correction.items, deadline: correction.deadline, date: correction.date, docNumber: correction.docNumber } : null,
    correctionPending: !!asked && !correction,
    fee: fee ? { amount: fee.amount, detail: fee.detail, date: fee.date, payBy: c.proj.partyDeadline } : null,
    transferredTo: transferred?.toAgencyName ?? null,
    letters: letters.map((l) => ({ id: l.id, kind: l.kind, docNumber: l.doc_number, releasedAt: l.released_at })),
  };
}
