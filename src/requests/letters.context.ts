/** The facts a letter is composed from: the case, its ledger and agency, plus the fields the clerk adds. */
import { reconsiderationBodyFor } from '../platform/org/agencies.service.js';
import type { AppContext } from '../platform/context.js';
import type { DbOrTx } from '../platform/db/index.js';
import { nowIso } from '../platform/time.js';
import type { Calendar } from '../rules/calendar/index.js';
import type { ApplicantData } from './application.js';
import * as store from './cases.store.js';
import type { Fields } from './letters.core.js';
import { outcomeOfKind, type LetterContext, type LetterKind } from './letters/index.js';
import { projectCase, toLedger, type CaseEventData } from './projection.js';

const CHANNEL_FOR_LETTER = { online: 'online', in_person: 'in_person', post_signed: 'post', post_ordinary: 'post', fax: 'fax' } as const;

/** Builds the letter context from the case and its ledger; `extra` (staff input) fills or overrides kind fields. */
export async function contextFor(
  ctx: AppContext,
  db: DbOrTx,
  row: store.CaseRow,
  kind: LetterKind,
  extra: Fields,
  date: string,
  calendar: Calendar,
): Promise<LetterContext> {
  // `calendar` is loaded by the caller before any transaction: on SQLite a query on ctx.db inside one would wait forever.
  const agency = await db.selectFrom('agencies').selectAll().where('id', '=', row.agency_id).executeTakeFirstOrThrow();
  const applicant = JSON.parse(ctx.cipher.decrypt(row.applicant_enc)) as ApplicantData;
  const events = toLedger(await store.loadEvents(db, row.id));
  const proj = projectCase(events, calendar);
  const find = <T extends CaseEventData['type']>(t: T) =>
    [...events].reverse().find((e) => e.data.type === t)?.data as Extract<CaseEventData, { type: T }> | undefined;
  const c: LetterContext = {
    agency: {
      name: agency.name,
      officeName: agency.office_name,
      address: agency.office_address,
      phone: agency.office_phone,
      fax: agency.office_fax,
      email: agency.office_email,
      postcode: agency.office_postcode,
      website: agency.website,
      reconsiderationBody: (await reconsiderationBodyFor(db, agency)).name,
      reconsiderationOnline: agency.reconsideration_online,
      court: agency.court,
    },
    applicant: { name: applicant.name, isOrganization: applicant.kind === 'organization' },
    case: {
      trackingCode: row.tracking_code,
      receivedDate: proj.receivedDate ?? date,
      description: row.description,
      ...(row.doc_number_requested ? { documentNumberRequested: row.doc_number_requested } : {}),
      channel: CHANNEL_FOR_LETTER[row.channel],
      ordinaryMail: row.channel === 'post_ordinary',
    },
    letter: { date },
  };
  const cr = find('correction_requested');
  const ext = find('extended');
  const fee = find('fee_notified');
  const consult = find('consultation_started');
  switch (kind) {
    case 'receipt':
      c.receipt = { dueDate: proj.dueDate ?? '' };
      break;
    case 'correction_notice':
      c.correction = {
        items: cr
          ? cr.items
              .split(/\n+/)
              .map((s) => s.trim())
              .filter(Boolean)
          : [],
        deadline: cr?.deadline ?? '',
      };
      break;
    case 'extension_notice': {
      // Drafted with the request, before the approval: the due dates as they will be once extended.
      const asked = find('extension_requested');
      const last = events.length ? events[events.length - 1].seq : 0;
      const after = proj.extended
        ? proj
        : projectCase([...events, { seq: last + 1, at: nowIso(), actor: '', data: { type: 'extended', date, approvedBy: '', reason: '' } }], calendar);
      const reason = ext?.reason || asked?.reason;
      c.extension = {
        newDueDate: after.dueDate ?? '',
        ...(after.clock ? { originalDueDate: after.clock.firstDue } : {}),
        workingDays: 20,
        ...(reason ? { reason } : {}),
      };
      break;
    }
    case 'third_party_consultation':
      c.thirdPartyConsultation = {
        thirdParty: { name: consult?.party ?? '', isOrganization: true },
        ...(proj.consultations[0] ? { replyBy: proj.consultations[0].limit } : {}),
      };
      break;
    case 'agency_consultation':
      c.agencyConsultation = { otherAgency: consult?.party ?? '', ...(proj.consultations[0] ? { replyBy: proj.consultations[0].limit } : {}) };
      break;
    case 'fee_notice':
      c.fee = {
        method: (fee?.method as 'per_application' | 'per_page') ?? 'per_application',
        quantity: 1,
        amount: fee?.amount ?? 0,
        paymentMethod: '',
        ...(proj.partyDeadline ? { payBy: proj.partyDeadline } : {}),
      };
      break;
    default: {
      const key = outcomeOfKind(kind);
      if (key) {
        const closed = find('closed');
        // The reply recites the notices the applicant was actually given: the released 补正告知书 (for cases
        // from before notices were drafted with their step, the request's date) and 延期答复告知书.
        const cn = proj.correctionNotice;
        const legacyCorrection = cr && !cr.letterId ? { correctionNoticeDate: cr.date } : {};
        c.reply = {
          ...(closed?.reason ? { reason: closed.reason } : {}),
          ...(cr
            ? { correctionDeadline: cr.deadline, ...(cn ? { correctionNoticeDate: cn.date, correctionNoticeNumber: cn.docNumber } : legacyCorrection) }
            : {}),
          ...(proj.extended && proj.extensionNotice && proj.clock
            ? {
                extensionNoticeDate: proj.extensionNotice.date,
                extensionNoticeNumber: proj.extensionNotice.docNumber,
                extendedDueDate: proj.clock.statutoryDue,
              }
            : {}),
          ...(fee ? { feeNoticeDate: fee.date } : {}),
          ...(find('corrected') ? { correctionReceivedDate: find('corrected')!.date } : {}),
        };
      }
    }
  }
  // Staff-supplied fields: letter meta and the kind's own section.
  const section = Object.keys(extra).filter((k) => k !== 'letter');
  for (const k of section) {
    const cur = (c as unknown as Record<string, unknown>)[k];
    const val = extra[k];
    if (val && typeof val === 'object' && !Array.isArray(val))
      (c as unknown as Record<string, unknown>)[k] = { ...((cur as object) ?? {}), ...(val as object) };
  }
  if (extra.letter && typeof extra.letter === 'object') c.letter = { ...c.letter, ...(extra.letter as object), date };
  return c;
}
