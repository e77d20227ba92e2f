import type { CaseAction, CaseDetail } from './cases-api.js';
import { spanText } from '../../../../../src/rules/citations.js';

/**
 * The case page's actions: for each action the server may allow, its button, the dialog's fields and the
 * endpoint it posts to (POST /api/cases/:id/<path>, body = the fields + version). One table, so the page
 * shows exactly the actions `allowedActions` lists and nothing else.
 */

export type FieldKind = 'date' | 'text' | 'textarea' | 'select' | 'outcome' | 'number' | 'staff' | 'agency' | 'consultation';

export interface FieldSpec {
  key: string;
  label: string;
  kind: FieldKind;
  required?: boolean;
  placeholder?: string;
  options?: { value: string; label: string }[];
  /** Shown only when this returns true for the current values. */
  when?: (v: Record<string, unknown>) => boolean;
  hint?: string;
  /** Maximum text length. */
  max?: number;
}

export interface ActionSpec {
  action: CaseAction | string;
  label: string;
  /** Endpoint segment after /api/cases/:id/. */
  path: string;
  title: string;
  /** Explanation at the top of the dialog (the legal basis). */
  intro?: string;
  fields: FieldSpec[];
  primary?: boolean;
  danger?: boolean;
  /** Buttons of the same group sit together. */
  group: 'flow' | 'clock' | 'close' | 'admin';
  success: string;
}

const DATE = (label = '日期', hint?: string): FieldSpec => ({ key: 'date', label, kind: 'date', required: true, hint });

export const ACTIONS: ActionSpec[] = [
  {
    action: 'confirm',
    label: '确认收到',
    path: 'confirm',
    title: '确认收到申请',
    group: 'flow',
    primary: true,
    success: '已确认收到，答复期限开始计算。',
    intro: '通过互联网、传真或平常信函提交的申请，以双方确认之日为收到申请之日（条例第三十一条）。请在与申请人确认后登记确认日期。',
    fields: [DATE('确认日期')],
  },
  {
    action: 'accept',
    label: '受理',
    path: 'accept',
    title: '受理申请',
    group: 'flow',
    primary: true,
    success: '已受理。',
    intro: '申请内容明确、要素齐全的，予以受理并进入办理。',
    fields: [],
  },
  {
    action: 'request_correction',
    label: '告知补正',
    path: 'correction-request',
    title: '一次性告知补正',
    group: 'flow',
    success: '已告知申请人补正，补正期间不计算答复期限。',
    intro: `申请内容不明确的，应当自收到申请之日起${spanText('correctionRequest')}内一次性告知申请人作出补正，说明需要补正的事项和合理的补正期限。答复期限自收到补正的申请之日起重新计算（条例第三十条）。`,
    fields: [
      {
        key: 'items',
        label: '补正事项',
        kind: 'textarea',
        required: true,
        max: 2000,
        placeholder: '逐项写明需要补正的内容，例如：请明确所需信息的文件名称、文号或形成时间。',
      },
      { key: 'deadline', label: '补正期限', kind: 'date', required: true, hint: '申请人应在此日期前补正；无正当理由逾期不补正的，视为放弃申请。' },
      DATE('告知日期'),
    ],
  },
  {
    action: 'record_correction',
    label: '登记补正',
    path: 'correction',
    title: '登记申请人的补正',
    group: 'flow',
    primary: true,
    success: '已登记补正，答复期限重新计算。',
    intro: `申请人当面、邮寄等方式提交的补正材料在此登记；收到补正之日起重新计算${spanText('reply')}（条例第三十条）。`,
    fields: [DATE('收到补正日期'), { key: 'text', label: '补正内容', kind: 'textarea', max: 4000 }],
  },
  {
    action: 'consult',
    label: '征求意见',
    path: 'consultations',
    title: '征求第三方或其他机关意见',
    group: 'clock',
    success: '已登记征求意见，征求意见期间不计入答复期限。',
    intro: `依申请公开的信息可能损害第三方合法权益的，应当书面征求第三方意见，第三方应自收到之日起${spanText('thirdPartyConsultation')}内提出意见（条例第三十二条）；由两个以上机关共同制作的，可征求相关机关意见，逾期未提出的视为同意（第三十四条）。征求意见所需时间不计算在答复期限内（第三十三条第三款）。`,
    fields: [
      {
        key: 'kind',
        label: '征求对象',
        kind: 'select',
        required: true,
        options: [
          { value: 'third_party', label: '第三方（条例第三十二条）' },
          { value: 'agency', label: '其他机关（条例第三十四条）' },
        ],
      },
      { key: 'party', label: '对象名称', kind: 'text', required: true, max: 200 },
      DATE('发函日期'),
    ],
  },
  {
    action: 'answer_consultation',
    label: '登记意见',
    path: 'consultations/:cid/answer',
    title: '登记收到的意见',
    group: 'clock',
    success: '已登记意见，答复期限恢复计算。',
    fields: [
      { key: 'consultationId', label: '征求意见', kind: 'consultation', required: true },
      { key: 'opinion', label: '意见内容', kind: 'textarea', required: true, max: 4000 },
      DATE('收到意见日期'),
    ],
  },
  {
    action: 'notify_fee',
    label: '收费通知',
    path: 'fee-notice',
    title: '发出收费通知',
    group: 'clock',
    success: '已发出收费通知。',
    intro: `申请人申请公开政府信息的数量、频次明显超过合理范围的，可以收取信息处理费（条例第四十二条、国办函〔2020〕109号）。按件计收或按量计收只能选择一种。申请人应自收到通知次日起${spanText('feePayment')}内缴费，逾期未缴的不再处理。`,
    fields: [
      {
        key: 'method',
        label: '计收方式',
        kind: 'select',
        required: true,
        options: [
          { value: 'per_application', label: '按件计收（同一申请人一个自然月内）' },
          { value: 'per_page', label: '按量计收（按页数）' },
        ],
      },
      { key: 'pages', label: '页数', kind: 'number', required: true, when: (v) => v.method === 'per_page' },
      DATE('通知日期'),
    ],
  },
  {
    action: 'fee_paid',
    label: '登记缴费',
    path: 'fee-paid',
    title: '登记申请人缴费',
    group: 'clock',
    primary: true,
    success: '已登记缴费。',
    fields: [DATE('缴费日期')],
  },
  {
    // The request drafts the 延期答复告知书; the office head's approval releases it with the extension.
    action: 'request_extension',
    label: '提请延期',
    path: 'extension-request',
    title: '提请负责人批准延期答复',
    group: 'clock',
    success: '已提请延期，等待公开工作机构负责人批准。',
    intro: `不能在${spanText('reply')}内答复的，经政府信息公开工作机构负责人同意，可以延长答复期限，延长的期限最长不得超过${spanText('extension')}（条例第三十三条第二款）。`,
    fields: [{ key: 'reason', label: '延期理由（写入延期答复告知书）', kind: 'textarea', required: true, max: 1000 }],
  },
  {
    action: 'extend',
    label: '延期答复',
    path: 'extension',
    title: '批准延期答复并签发告知书',
    group: 'clock',
    success: `已延期，答复期限延长${spanText('extension')}，延期答复告知书已签发。`,
    intro: `不能在${spanText('reply')}内答复的，经政府信息公开工作机构负责人同意并告知申请人，可以延长答复期限，延长的期限最长不得超过${spanText('extension')}（条例第三十三条第二款）。`,
    fields: [{ key: 'reason', label: '延期理由', kind: 'textarea', required: true, max: 1000 }, DATE('批准日期')],
  },
  {
    action: 'later_deadline',
    label: '另行确定期限',
    path: 'later-deadline',
    title: '另行确定答复期限',
    group: 'clock',
    success: '已另行确定答复期限。',
    intro: '申请人申请公开政府信息的数量、频次明显超过合理范围，行政机关可以要求申请人说明理由，或者确定延迟答复的合理期限并告知申请人（条例第三十五条）。',
    fields: [
      { key: 'deadline', label: '答复期限', kind: 'date', required: true },
      { key: 'reason', label: '理由', kind: 'textarea', required: true, max: 1000 },
    ],
  },
  {
    action: 'close',
    label: '办结',
    path: 'close',
    title: '办结申请',
    group: 'close',
    primary: true,
    success: '已办结。',
    intro:
      '每件申请只能选择一种办理结果（与年度报告表三一致）；部分公开的，只计“部分公开”。不予公开、部分公开等结果须写明理由和依据（条例第三十六条、第三十七条）。',
    fields: [
      { key: 'outcome', label: '办理结果', kind: 'outcome', required: true },
      // Label and placeholder follow the chosen outcome (reasonFieldFor in case-labels.ts).
      { key: 'reason', label: '理由和依据', kind: 'textarea', max: 4000 },
      DATE('办结日期'),
    ],
  },
  {
    action: 'transfer',
    label: '转交',
    path: 'transfer',
    title: '转交其他机关办理',
    group: 'admin',
    success: '已转交。',
    intro: '所申请的信息由本系统内其他机关负责公开的，可转交该机关办理，并告知申请人。',
    fields: [
      { key: 'toAgencyId', label: '转交机关', kind: 'agency', required: true },
      { key: 'reason', label: '转交理由', kind: 'textarea', required: true, max: 1000 },
    ],
  },
  {
    action: 'assign',
    label: '分派',
    path: 'assign',
    title: '分派经办人',
    group: 'admin',
    success: '已分派。',
    fields: [
      { key: 'assigneeId', label: '经办人', kind: 'staff' },
      { key: 'reason', label: '改派理由（改派已有经办人的申请时必填）', kind: 'textarea', max: 500 },
    ],
  },
  {
    action: 'note',
    label: '备注',
    path: 'notes',
    title: '添加内部备注',
    group: 'admin',
    success: '已添加备注。',
    intro: '备注仅本机关工作人员可见，不告知申请人。',
    fields: [{ key: 'text', label: '备注', kind: 'textarea', required: true, max: 2000 }],
  },
];

export function specOf(action: string): ActionSpec | undefined {
  return ACTIONS.find((a) => a.action === action);
}

/** The actions to show for a case, in a stable order. */
export function actionsFor(c: Pick<CaseDetail, 'allowedActions' | 'state' | 'extended'>): ActionSpec[] {
  const allowed = new Set<string>(c.allowedActions);
  // A clerk cannot extend (条例第三十三条: the office head approves); they ask for it instead.
  if (allowed.has('note') && !allowed.has('extend') && !c.extended && EXTENDABLE.includes(c.state)) allowed.add('request_extension');
  return ACTIONS.filter((a) => allowed.has(a.action));
}

const EXTENDABLE: string[] = ['received', 'in_progress', 'consulting', 'awaiting_fee'];

/** The prefix of the note that asks the office head to approve an extension. */
export const EXTENSION_REQUEST_PREFIX = '【提请延期答复】';

/** The latest extension request still waiting (no extension since), from the case's timeline. */
export function pendingExtensionRequest(c: Pick<CaseDetail, 'timeline' | 'extended'>): { reason: string; by: string; at: string } | null {
  if (c.extended) return null;
  for (let i = c.timeline.length - 1; i >= 0; i--) {
    const e = c.timeline[i];
    if (e.type === 'extended') return null;
    if (e.type === 'extension_requested') return { reason: String(e.data.reason ?? ''), by: e.actor, at: e.at };
    const text = typeof e.data.text === 'string' ? e.data.text : '';
    if (e.type === 'note' && text.startsWith(EXTENSION_REQUEST_PREFIX))
      return { reason: text.slice(EXTENSION_REQUEST_PREFIX.length).trim(), by: e.actor, at: e.at };
  }
  return null;
}

/** Checks a dialog's values; returns the first problem as a Chinese sentence, or null. */
export function dialogProblem(spec: ActionSpec, v: Record<string, unknown>, needsReason: (outcome: string) => boolean): string | null {
  for (const f of spec.fields) {
    if (f.when && !f.when(v)) continue;
    const val = v[f.key];
    const empty = val === undefined || val === null || (typeof val === 'string' && val.trim() === '');
    if (f.required && empty) return f.kind === 'outcome' ? '请选择一种办理结果。' : `请填写${f.label}。`;
    if (f.max && typeof val === 'string' && val.length > f.max) return `${f.label}不能超过 ${f.max} 个字。`;
    if (f.kind === 'number' && !empty && (!Number.isInteger(Number(val)) || Number(val) <= 0)) return `${f.label}应为正整数。`;
  }
  if (spec.action === 'close' && typeof v.outcome === 'string' && needsReason(v.outcome) && !String(v.reason ?? '').trim()) {
    return '该办理结果须写明理由和依据（条例第三十六条、第三十七条）。';
  }
  return null;
}
