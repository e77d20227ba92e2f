import { canonicalJson, sm3Hex } from '../platform/crypto.js';
import type { Role } from '../platform/db/tables.js';
import type { PubItemTable, PubReviewTable } from './publishing.tables.js';

/**
 * The review chain (三审): configurable levels, default 办公室主任 → 分管领导 → 主要负责人 as in the seed agency.
 * Each approval is bound to the SM3 hash of the exact version reviewed; editing afterwards changes the hash,
 * so earlier approvals no longer count ("先审查、后公开").
 */

/** 保密审查 checklist: every item must be confirmed to approve. */
export const CONFIDENTIALITY_CHECKLIST = [
  { key: 'no_state_secret', label: '不涉及国家秘密' },
  { key: 'no_work_secret', label: '不涉及工作秘密，不属于内部事务信息或过程性信息' },
  { key: 'no_personal_privacy', label: '不涉及个人隐私，或已作去标识化处理' },
  { key: 'no_trade_secret', label: '不涉及商业秘密' },
  { key: 'no_security_risk', label: '公开后不危及国家安全、公共安全、经济安全和社会稳定' },
  { key: 'accurate_consistent', label: '内容准确，与已公开的相关信息一致' },
] as const;

export type ChecklistKey = (typeof CONFIDENTIALITY_CHECKLIST)[number]['key'];

/** Keys of the checklist left unconfirmed. */
export function missingChecks(checklist: Record<string, unknown> | undefined): string[] {
  return CONFIDENTIALITY_CHECKLIST.filter((c) => checklist?.[c.key] !== true).map((c) => c.label);
}

export const REVIEW_ROLE_LABELS: Partial<Record<Role, string>> = {
  office_head: '办公室主任（初审）',
  deputy_leader: '分管领导（复审）',
  principal: '主要负责人（终审）',
};

/** The fields a reviewer approves: any change to them is a new version. */
export type ReviewedContent = Pick<
  PubItemTable,
  | 'title'
  | 'summary'
  | 'body_html'
  | 'doc_number'
  | 'created_on'
  | 'changed_on'
  | 'validity'
  | 'attribute'
  | 'withheld_reason'
  | 'column_code'
  | 'kind'
  | 'policy_id'
  | 'comment_opens'
  | 'comment_closes'
  | 'publisher'
> & { attachments: string[] };

/** SM3 of the reviewed content (attachments by their SHA-256). */
export function contentHash(c: ReviewedContent): string {
  const {
    title,
    summary,
    body_html,
    doc_number,
    created_on,
    changed_on,
    validity,
    attribute,
    withheld_reason,
    column_code,
    kind,
    policy_id,
    comment_opens,
    comment_closes,
    publisher,
  } = c;
  return sm3Hex(
    canonicalJson({
      title,
      summary,
      body_html,
      doc_number,
      created_on,
      changed_on,
      validity,
      attribute,
      withheld_reason,
      column_code,
      kind,
      policy_id,
      comment_opens,
      comment_closes,
      publisher,
      attachments: [...c.attachments].sort(),
    }),
  );
}

/**
 * How many levels the current version has passed: approvals count only when they are for this hash, not
 * voided, and given in order (level 0, 1, …) by the role each level requires.
 */
export function approvedLevels(
  levels: readonly string[],
  reviews: Pick<PubReviewTable, 'level' | 'role' | 'decision' | 'content_hash' | 'voided'>[],
  hash: string,
): number {
  let n = 0;
  while (n < levels.length && reviews.some((r) => !r.voided && r.decision === 'approved' && r.content_hash === hash && r.level === n && r.role === levels[n]))
    n++;
  return n;
}

/** Whether every level has approved this exact version. */
export const fullyApproved = (levels: readonly string[], reviews: Parameters<typeof approvedLevels>[1], hash: string) =>
  approvedLevels(levels, reviews, hash) === levels.length;
