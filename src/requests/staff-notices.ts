import { staffRecipients } from '../platform/auth/staff-contacts.js';
import type { AppContext } from '../platform/context.js';
import type { Tx } from '../platform/db/index.js';
import { notifyStaff, type StaffNotice } from '../inbox/staff-messages.js';
import type { CaseEventData } from './projection.js';

/**
 * Staff notices written in the transaction of the case event that causes them (the morning reminder repeats
 * what still waits; the same key per day keeps it to one message): an extension request reaches the heads of
 * the disclosure office (cases.approve), a draft letter to sign likewise, a returned letter its drafter.
 */

async function agencyOf(tx: Tx, id: string) {
  return { id, name: (await tx.selectFrom('agencies').select('name').where('id', '=', id).executeTakeFirst())?.name ?? '' };
}

/** For the events just written to a case: who must act on them now. */
export async function notifyStaffOfCaseEvents(
  ctx: AppContext,
  tx: Tx,
  row: { id: string; agency_id: string; tracking_code: string; due_date?: string | null },
  events: CaseEventData[],
  dueDate: string | null,
): Promise<number> {
  let n = 0;
  for (const e of events) {
    if (e.type !== 'extension_requested') continue;
    const heads = await staffRecipients(tx, ctx.cipher, { agencyId: row.agency_id, permission: 'cases.approve' });
    const letterId = (e as { letterId?: string }).letterId;
    const notice: StaffNotice = {
      kind: 'extension_to_approve',
      caseId: row.id,
      ...(letterId ? { letterId } : {}),
      trackingCode: row.tracking_code,
      title: '延期答复',
      when: dueDate,
    };
    n += await notifyStaff(ctx, tx, heads, notice, await agencyOf(tx, row.agency_id));
  }
  return n;
}

/** A draft letter waiting for the head's signature. */
export async function notifyLetterToSign(
  ctx: AppContext,
  tx: Tx,
  l: { id: string; case_id: string; agency_id: string; name: string; created_at: string },
  trackingCode: string,
): Promise<number> {
  const heads = await staffRecipients(tx, ctx.cipher, { agencyId: l.agency_id, permission: 'cases.approve' });
  return notifyStaff(
    ctx,
    tx,
    heads,
    { kind: 'letter_to_sign', caseId: l.case_id, letterId: l.id, trackingCode, title: l.name, when: l.created_at.slice(0, 10) },
    await agencyOf(tx, l.agency_id),
  );
}

/** A letter returned to the clerk who drafted it (matched by name, as the inbox does: `drafted_by` holds the name). */
export async function notifyLetterReturned(
  ctx: AppContext,
  tx: Tx,
  l: { id: string; case_id: string; agency_id: string; name: string; drafted_by: string },
  trackingCode: string,
): Promise<number> {
  const drafters = (await staffRecipients(tx, ctx.cipher, { agencyId: l.agency_id, permission: 'cases.write' })).filter(
    (r) => r.principal.displayName === l.drafted_by,
  );
  return notifyStaff(
    ctx,
    tx,
    drafters,
    { kind: 'letter_returned', caseId: l.case_id, letterId: l.id, trackingCode, title: l.name, when: ctx.clock.today() },
    await agencyOf(tx, l.agency_id),
  );
}
