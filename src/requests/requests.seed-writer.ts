/** Writing demo cases of 依申请公开: applicants with valid ID check digits, and each case with its ledger and appeals. */
import { recordAudit, type Actor } from '../platform/audit/audit.js';
import type { AppContext } from '../platform/context.js';
import type { Tx } from '../platform/db/index.js';
import { createHash } from 'node:crypto';
import { newId } from '../platform/ids.js';
import type { Calendar } from '../rules/calendar/index.js';
import { maskName, residentIdCheckChar } from '../rules/identity.js';
import type { OutcomeKey } from '../rules/outcomes.js';
import { identityKeyOf, type ApplicantData } from './application.js';
import { projectionColumns } from './cases.store.js';
import { projectCase, type CaseEventData } from './projection.js';
import type { ApplicantType, CaseTable, Channel } from './requests.tables.js';

const SEED_ACTOR: Actor = { id: null, name: '演示数据' };

export function person(name: string, area: string, birth: string, seq: string, extra: Partial<ApplicantData> = {}): ApplicantData {
  const body = `${area}${birth}${seq}`;
  return {
    kind: 'person',
    name,
    idType: 'resident_id',
    idNumber: body + residentIdCheckChar(body),
    phone: '13900000000',
    email: '',
    address: '山东省枣庄市（演示地址）',
    postcode: '277100',
    ...extra,
  };
}

export interface SeedCase {
  agencyId: string;
  channel: Channel;
  applicant: ApplicantData;
  applicantType?: ApplicantType;
  description: string;
  docNumber?: string;
  submitted: string;
  events: CaseEventData[];
  assigneeId?: string | null;
  appeals?: {
    kind: 'reconsideration' | 'litigation_direct' | 'litigation_after_reconsideration';
    filed: string;
    result: 'upheld' | 'corrected' | 'other' | 'pending';
    decided?: string;
    body: string;
    answerNotice?: string;
    simplified?: boolean;
    answered?: string;
  }[];
}

/**
 * A writer of demo cases into `tx`: each case gets the next tracking code `YYYY-DEMO-000n` and secret `DEMO00000n`
 * (n counts the cases written by this writer), its ledger, its projection, its appeals and an audit record.
 */
export function caseWriter(tx: Tx, ctx: AppContext, cal: Calendar): (s: SeedCase) => Promise<string> {
  let counter = 0;
  return async (s) => {
    const id = newId();
    counter += 1;
    const year = s.submitted.slice(0, 4);
    const trackingCode = `${year}-DEMO-${String(counter).padStart(4, '0')}`;
    const events: CaseEventData[] = [{ type: 'submitted', channel: s.channel, date: s.submitted }, ...s.events];
    const at = (d: string) => `${d}T02:00:00.000Z`;
    const dateOf = (e: CaseEventData) => ('date' in e && typeof e.date === 'string' ? e.date : s.submitted);
    const ledger = events.map((data, i) => ({ seq: i + 1, at: at(dateOf(data)), actor: SEED_ACTOR.name, data }));
    const proj = projectCase(ledger, cal);
    const a = s.applicant;
    const row: CaseTable = {
      id,
      agency_id: s.agencyId,
      tracking_code: trackingCode,
      // Demo secret of every seeded case: DEMO + counter (shown in the lookup tests and the README of the demo).
      secret_hash: createHash('sha256')
        .update(`gk-case:DEMO${String(counter).padStart(6, '0')}`)
        .digest('hex'),
      channel: s.channel,
      applicant_type: s.applicantType ?? (a.kind === 'person' ? 'natural_person' : 'other'),
      ...projectionColumns(proj),
      assignee_id: s.assigneeId ?? null,
      version: 1,
      created_at: at(s.submitted),
      updated_at: at(dateOf(events[events.length - 1])),
      submitted_at: at(s.submitted),
      applicant_enc: ctx.cipher.encrypt(JSON.stringify(a)),
      applicant_masked: a.kind === 'person' ? maskName(a.name) : a.name,
      applicant_key: ctx.cipher.blindIndex(identityKeyOf(a)),
      applicant_name_key: ctx.cipher.blindIndex(a.name),
      description: s.description,
      doc_number_requested: s.docNumber ?? null,
      form: 'electronic',
      delivery: 'email',
      form_token: null,
      transferred_from_id: null,
      flags: '[]',
    };
    await tx.insertInto('cases').values(row).execute();
    for (const [i, e] of ledger.entries()) {
      const { type, ...data } = e.data;
      await tx
        .insertInto('case_events')
        .values({
          id: newId(),
          case_id: id,
          agency_id: s.agencyId,
          seq: i + 1,
          at: e.at,
          actor: SEED_ACTOR.name,
          actor_id: null,
          type,
          data: JSON.stringify(data),
        })
        .execute();
    }
    for (const ap of s.appeals ?? []) {
      await tx
        .insertInto('appeals')
        .values({
          id: newId(),
          agency_id: s.agencyId,
          case_id: id,
          kind: ap.kind,
          filed_date: ap.filed,
          result: ap.result,
          decided_date: ap.decided ?? null,
          body: ap.body,
          note: '演示数据',
          answer_notice_date: ap.answerNotice ?? null,
          simplified: ap.simplified ? 1 : 0,
          answered_date: ap.answered ?? null,
          version: 1,
          created_at: at(ap.filed),
          updated_at: at(ap.decided ?? ap.filed),
        })
        .execute();
    }
    await recordAudit(tx, SEED_ACTOR, { action: 'case.seeded', entityType: 'case', entityId: id, agencyId: s.agencyId, detail: { trackingCode } });
    return id;
  };
}

export const received = (date: string, how: 'handed_in' | 'signed_for' | 'confirmed' = 'confirmed'): CaseEventData => ({ type: 'received', date, how });
export const accepted: CaseEventData = { type: 'accepted' };
export const closed = (date: string, outcome: OutcomeKey, reason = ''): CaseEventData => ({ type: 'closed', date, outcome, reason });
