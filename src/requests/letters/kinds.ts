/** The kinds of letter: one per procedural step, one reply per closed-case outcome. */
import { OUTCOMES, isOutcomeKey, type OutcomeKey } from '../../rules/outcomes.js';

export const STEP_KINDS = [
  'receipt',
  'correction_notice',
  'extension_notice',
  'third_party_consultation',
  'agency_consultation',
  'third_party_disclosure_notice',
  'fee_notice',
  'reasons_request',
  'deferral_notice',
] as const;

export type StepKind = (typeof STEP_KINDS)[number];

/** The reply (答复书) closing a case with an outcome of rules/outcomes.ts. */
export type ReplyKind = `reply:${OutcomeKey}`;

export type LetterKind = StepKind | ReplyKind;

export interface LetterKindDef {
  kind: LetterKind;
  /** Chinese name for lists and menus. */
  name: string;
  /** The printed title. */
  title: string;
  category: 'step' | 'reply';
  outcome?: OutcomeKey;
  /** Who receives it. */
  addressee: 'applicant' | 'third_party' | 'agency';
}

const STEP_DEFS: Record<StepKind, Omit<LetterKindDef, 'kind' | 'category'>> = {
  receipt: { name: '受理回执', title: '政府信息公开申请受理回执', addressee: 'applicant' },
  correction_notice: { name: '补正告知书', title: '政府信息公开申请补正告知书', addressee: 'applicant' },
  extension_notice: { name: '延期答复告知书', title: '政府信息公开申请延期答复告知书', addressee: 'applicant' },
  third_party_consultation: { name: '征求第三方意见函', title: '政府信息公开征求第三方意见函', addressee: 'third_party' },
  agency_consultation: { name: '征求其他机关意见函', title: '政府信息公开征求意见函', addressee: 'agency' },
  third_party_disclosure_notice: { name: '第三方公开决定告知书', title: '政府信息公开决定告知书', addressee: 'third_party' },
  fee_notice: { name: '收费通知书', title: '政府信息公开信息处理费收费通知书', addressee: 'applicant' },
  reasons_request: { name: '说明理由告知书', title: '政府信息公开申请说明理由告知书', addressee: 'applicant' },
  deferral_notice: { name: '延迟答复告知书', title: '政府信息公开申请延迟答复告知书', addressee: 'applicant' },
};

/** The two outcomes whose closing letter is a 不再处理告知书 rather than an 答复书. */
const DISCONTINUATION: Partial<Record<OutcomeKey, string>> = {
  other_no_correction: '不再处理告知书（逾期不补正）',
  other_fee_unpaid: '不再处理告知书（逾期未缴费）',
};

export const REPLY_TITLE = '政府信息公开申请答复书';
export const DISCONTINUATION_TITLE = '政府信息公开申请不再处理告知书';

/** Every letter kind with its Chinese name: the steps first, then one reply per outcome in table order. */
export const LETTER_KINDS: readonly LetterKindDef[] = [
  ...STEP_KINDS.map((kind) => ({ kind, category: 'step' as const, ...STEP_DEFS[kind] })),
  ...OUTCOMES.map((o) => ({
    kind: replyKind(o.key),
    name: DISCONTINUATION[o.key] ?? `答复书（${o.short}）`,
    title: DISCONTINUATION[o.key] ? DISCONTINUATION_TITLE : REPLY_TITLE,
    category: 'reply' as const,
    outcome: o.key,
    addressee: 'applicant' as const,
  })),
];

const BY_KIND = new Map<string, LetterKindDef>(LETTER_KINDS.map((d) => [d.kind, d]));

/** The reply kind for an outcome. */
export function replyKind(outcome: OutcomeKey): ReplyKind {
  return `reply:${outcome}`;
}

export function isLetterKind(value: unknown): value is LetterKind {
  return typeof value === 'string' && BY_KIND.has(value);
}

/** The definition of a kind; throws on an unknown kind (a programming error). */
export function letterKind(kind: LetterKind): LetterKindDef {
  const def = BY_KIND.get(kind);
  if (!def) throw new Error(`unknown letter kind ${kind}`);
  return def;
}

/** The outcome a reply kind closes the case with, or undefined for a step. */
export function outcomeOfKind(kind: LetterKind): OutcomeKey | undefined {
  if (!kind.startsWith('reply:')) return undefined;
  const key = kind.slice('reply:'.length);
  return isOutcomeKey(key) ? key : undefined;
}
