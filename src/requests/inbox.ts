import { can, visibleAgency, type Principal } from '../platform/auth/permissions.js';
import type { AppContext } from '../platform/context.js';
import { workbench } from './cases.queries.js';
import { isLetterKind, letterKind } from './letters/index.js';

/**
 * What 依申请公开 puts in a person's inbox (待我处理), asked by the inbox capability through this function (it
 * never reads these tables itself). For the head of the disclosure office (cases.approve): extension requests
 * to approve and letters to sign, for the whole agency. For a clerk: the letters returned to them, and the
 * deadlines of the cases they hold (经办人); the head sees the deadlines of every case of the agency.
 */

/** The prefix of the clerk's note that asks the head to approve an extension (the console writes it). */
export const EXTENSION_REQUEST_PREFIX = '【提请延期答复】';

export type RequestsInboxKind = 'extension_to_approve' | 'letter_to_sign' | 'letter_returned' | 'correction_window' | 'due_soon' | 'overdue';

export interface RequestsInboxItem {
  kind: RequestsInboxKind;
  /** The case, and the letter for letter items. */
  caseId: string;
  letterId?: string;
  /** For an extension request: the case's current draft reply (答复书草稿), if one exists, shown beside the notice. */
  replyLetterId?: string | null;
  trackingCode: string;
  title: string;
  /** What to do and by when, one Chinese sentence. */
  detail: string;
  /** The date the item is due (YYYY-MM-DD) or the instant it arrived. */
  when: string | null;
  by?: string;
  version?: number;
  /** Deadline kinds: the case's 经办人 (null: nobody holds it yet) — the reminders go to them. */
  assigneeId?: string | null;
}

/** `dueWithinDays`: "due soon" means within this many working days (the inbox: 3; reminders: the user's setting). */
export async function requestsInbox(ctx: AppContext, p: Principal, limit = 100, opts: { dueWithinDays?: number } = {}): Promise<RequestsInboxItem[]> {
  if (!can(p, 'cases.write')) return [];
  const head = can(p, 'cases.approve');
  const out: RequestsInboxItem[] = [];
  const own = (eb: Parameters<typeof visibleAgency>[0]) => visibleAgency(eb, 'cases.agency_id', p);

  if (head) {
    // Extension requests (条例第三十三条第二款): the clerk's request on a case not extended since; signing its
    // 延期答复告知书 (letterId) is the approval. The older console convention, a note with the prefix, still counts.
    const reqs = await ctx.db
      .selectFrom('case_events')
      .innerJoin('cases', 'cases.id', 'case_events.case_id')
      .select([
        'cases.id',
        'cases.tracking_code',
        'cases.description',
        'cases.due_date',
        'cases.version',
        'case_events.actor',
        'case_events.at',
        'case_events.data',
        'case_events.type',
      ])
      .where(own)
      .where('cases.agency_id', '=', p.agencyId)
      .where('cases.state', 'in', ['received', 'in_progress', 'consulting', 'awaiting_fee'])
      .where((eb) =>
        eb.or([
          eb('case_events.type', '=', 'extension_requested'),
          eb.and([eb('case_events.type', '=', 'note'), eb('case_events.data', 'like', `%${EXTENSION_REQUEST_PREFIX}%`)]),
        ]),
      )
      .where((eb) =>
        eb.not(eb.exists(eb.selectFrom('case_events as x').select('x.id').whereRef('x.case_id', '=', 'cases.id').where('x.type', '=', 'extended'))),
      )
      .orderBy('case_events.at')
      .limit(limit)
      .execute();
    const seen = new Set<string>();
    for (const r of reqs.reverse()) {
      if (seen.has(r.id)) continue;
      const d = JSON.parse(r.data) as { text?: string; reason?: string; requestedBy?: string; letterId?: string };
      const reason =
        r.type === 'extension_requested'
          ? String(d.reason ?? '')
          : String(d.text ?? '').startsWith(EXTENSION_REQUEST_PREFIX)
            ? String(d.text).slice(EXTENSION_REQUEST_PREFIX.length).trim()
            : null;
      if (reason === null) continue;
      seen.add(r.id);
      const by = d.requestedBy ?? r.actor;
      out.push({
        kind: 'extension_to_approve',
        caseId: r.id,
        ...(d.letterId ? { letterId: d.letterId } : {}),
        trackingCode: r.tracking_code,
        title: r.description.slice(0, 60),
        detail: `${by}提请延期答复：${reason.slice(0, 200)}（现答复期限 ${r.due_date ?? '—'}）`,
        when: r.due_date,
        by,
        version: r.version,
      });
    }
    // The head reads the notice and the case's current draft reply together: the newest reply (kind reply:…) still
    // in draft, or null — the page then says there is none yet.
    const extCases = out.filter((o) => o.kind === 'extension_to_approve').map((o) => o.caseId);
    if (extCases.length) {
      const replies = await ctx.db
        .selectFrom('case_letters')
        .select(['id', 'case_id', 'created_at'])
        .where('case_id', 'in', extCases)
        .where('status', '=', 'draft')
        .where('kind', 'like', 'reply:%')
        .orderBy('created_at', 'desc')
        .execute();
      for (const o of out) if (o.kind === 'extension_to_approve') o.replyLetterId = replies.find((r) => r.case_id === o.caseId)?.id ?? null;
    }
    const pendingNotices = new Set(out.filter((o) => o.kind === 'extension_to_approve' && o.letterId).map((o) => o.letterId!));
    const drafts = await ctx.db
      .selectFrom('case_letters')
      .innerJoin('cases', 'cases.id', 'case_letters.case_id')
      .select([
        'case_letters.id',
        'case_letters.kind',
        'case_letters.drafted_by',
        'case_letters.created_at',
        'case_letters.version',
        'cases.id as case_id',
        'cases.tracking_code',
        'cases.description',
      ])
      .where(own)
      .where('cases.agency_id', '=', p.agencyId)
      .where('case_letters.status', '=', 'draft')
      .orderBy('case_letters.created_at')
      .limit(limit)
      .execute();
    for (const d of drafts) {
      if (pendingNotices.has(d.id)) continue; // listed with its extension request
      out.push({
        kind: 'letter_to_sign',
        caseId: d.case_id,
        letterId: d.id,
        trackingCode: d.tracking_code,
        title: isLetterKind(d.kind) ? letterKind(d.kind).name : d.kind,
        detail: `${d.drafted_by}起草，待审核签发。申请内容：${d.description.slice(0, 60)}`,
        when: d.created_at,
        by: d.drafted_by,
        version: d.version,
      });
    }
  }

  // Letters returned to the clerk who drafted them (not yet redrafted: no newer letter of the same kind).
  const returned = await ctx.db
    .selectFrom('case_letters')
    .innerJoin('cases', 'cases.id', 'case_letters.case_id')
    .select([
      'case_letters.id',
      'case_letters.kind',
      'case_letters.return_comment',
      'case_letters.returned_by',
      'case_letters.returned_at',
      'cases.id as case_id',
      'cases.tracking_code',
    ])
    .where(own)
    .where('case_letters.status', '=', 'returned')
    .where('case_letters.drafted_by', '=', p.displayName)
    .where((eb) =>
      eb.not(
        eb.exists(
          eb
            .selectFrom('case_letters as n')
            .select('n.id')
            .whereRef('n.case_id', '=', 'case_letters.case_id')
            .whereRef('n.kind', '=', 'case_letters.kind')
            .whereRef('n.created_at', '>', 'case_letters.created_at'),
        ),
      ),
    )
    .orderBy('case_letters.returned_at', 'desc')
    .limit(limit)
    .execute();
  for (const r of returned) {
    out.push({
      kind: 'letter_returned',
      caseId: r.case_id,
      letterId: r.id,
      trackingCode: r.tracking_code,
      title: isLetterKind(r.kind) ? letterKind(r.kind).name : r.kind,
      detail: `${r.returned_by ?? '负责人'}退回修改：${r.return_comment ?? ''}`,
      when: r.returned_at ?? null,
      by: r.returned_by ?? undefined,
    });
  }

  const n = opts.dueWithinDays ?? 3;
  const w = await workbench(ctx, p, { limit, dueWithinDays: n, ...(head ? {} : { assigneeId: p.userId }) });
  const mine = (r: { assigneeId: string | null }) => head || r.assigneeId === p.userId || r.assigneeId === null;
  for (const r of w.correctionWindowClosing.filter(mine)) {
    out.push({
      kind: 'correction_window',
      caseId: r.id,
      trackingCode: r.trackingCode,
      title: r.description,
      detail: `如需补正，应在 ${r.correctionNoticeBy ?? '—'} 前一次性告知申请人（条例第三十条）。`,
      when: r.correctionNoticeBy,
      version: r.version,
      assigneeId: r.assigneeId,
    });
  }
  for (const r of w.dueSoon)
    out.push({
      kind: 'due_soon',
      caseId: r.id,
      trackingCode: r.trackingCode,
      title: r.description,
      detail: `答复期限 ${r.dueDate}（${n}个工作日内到期）。`,
      when: r.dueDate,
      version: r.version,
      assigneeId: r.assigneeId,
    });
  for (const r of w.overdue)
    out.push({
      kind: 'overdue',
      caseId: r.id,
      trackingCode: r.trackingCode,
      title: r.description,
      detail: `答复期限 ${r.dueDate} 已届满，已逾期。`,
      when: r.dueDate,
      version: r.version,
      assigneeId: r.assigneeId,
    });
  return out;
}
