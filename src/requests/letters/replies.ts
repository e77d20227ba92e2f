/**
 * Reply letters (答复书), one per closed-case outcome of rules/outcomes.ts. Each states the facts, cites the
 * articles of the Regulation it rests on (summarising their wording), says what is provided and how, and
 * the composer appends the remedies paragraph.
 */
import { outcome, type OutcomeKey } from '../../rules/outcomes.js';
import type { LetterContext, ReplyFields } from './context.js';
import { date, receivedSentence, you, type Citer, type Issues } from './phrases.js';
import { caseDate, docNumberNote, type ReplySpec } from './replies-common.js';
import { NOT_PROCESSED_REPLIES } from './replies-not-processed.js';
import { PROVIDED_REPLIES } from './replies-provided.js';
import { UNABLE_REPLIES } from './replies-unable.js';
import { WITHHELD_REPLIES } from './replies-withheld.js';
import { p, type LetterTemplate } from './template.js';

export { WITHHELD_BASIS } from './replies-withheld.js';

/** The Chinese message when an outcome that needs reasons has none (the outcome's needsReason flag decides). */
const MISSING_REASON: Partial<Record<OutcomeKey, string>> = {
  partly_disclosed: '部分公开答复必须对不予公开的内容说明理由（条例第三十七条）',
  withheld_query_matter: '行政查询事项答复必须写明应当依照的法律、行政法规及办理途径（条例第三十六条第（七）项）',
  not_processed_mass_repeat: '不予处理大量反复申请必须写明认为申请理由不合理的理由（条例第三十五条）',
  other_misc: '其他处理答复必须写明处理情况和理由',
};
const WITHHELD_MISSING_REASON = '不予公开答复必须写明理由（条例第三十六条第（三）项）';

function missingReasonMessage(key: OutcomeKey): string {
  return MISSING_REASON[key] ?? WITHHELD_MISSING_REASON;
}

/** A date of an event of this case: present, valid, between the received date and the letter's date. */
const REPLIES: Record<OutcomeKey, ReplySpec> = { ...PROVIDED_REPLIES, ...WITHHELD_REPLIES, ...UNABLE_REPLIES, ...NOT_PROCESSED_REPLIES };

/** Outcomes whose own text already recites the correction notice. */
const RECITES_CORRECTION: readonly OutcomeKey[] = ['unable_unclear_after_correction', 'other_no_correction'];

/**
 * The procedure the applicant was told of, recited by every reply: the 补正告知书 and the corrected application
 * (条例第三十条), the 延期答复告知书 and the extended due date (第三十三条第二款). Only notices that were issued
 * are passed in (the service fills these fields from released letters).
 */
function procedureText(ctx: LetterContext, c: Citer, key: OutcomeKey, r: ReplyFields): string {
  const y = you(ctx.applicant.isOrganization);
  const out: string[] = [];
  if (r.correctionNoticeDate && !RECITES_CORRECTION.includes(key)) {
    const no = docNumberNote(r.correctionNoticeNumber);
    const got = r.correctionReceivedDate ? `${y}于${date(r.correctionReceivedDate)}提交了补正后的申请，答复期限自该日起重新计算。` : '';
    out.push(`本机关于${date(r.correctionNoticeDate)}依照${c.cite('art30')}的规定向${y}发出补正告知书${no}，一次性告知需要补正的事项。${got}`);
  }
  if (r.extensionNoticeDate) {
    const no = docNumberNote(r.extensionNoticeNumber);
    const until = r.extendedDueDate ? `，答复期限延长至${date(r.extendedDueDate)}` : '';
    out.push(
      `经本机关政府信息公开工作机构负责人同意，本机关于${date(r.extensionNoticeDate)}依照${c.cite('art33.2')}的规定向${y}发出延期答复告知书${no}${until}。`,
    );
  }
  return out.join('');
}

function validateProcedure(ctx: LetterContext, issues: Issues, r: ReplyFields): void {
  caseDate(ctx, issues, 'reply.extensionNoticeDate', r.extensionNoticeDate, '延期答复告知书日期', false);
  if (r.extendedDueDate !== undefined) issues.optionalDate('reply.extendedDueDate', r.extendedDueDate, '延长后的答复期限');
}

/** The template of the reply closing a case with `key`. */
export function replyTemplate(key: OutcomeKey): LetterTemplate {
  const def = outcome(key);
  const spec = REPLIES[key];
  return {
    validate(ctx, issues) {
      const r = ctx.reply ?? {};
      if (def.needsReason) issues.text('reply.reason', r.reason, missingReasonMessage(key));
      spec.validate?.(ctx, issues, r);
      validateProcedure(ctx, issues, r);
    },
    build(ctx, c) {
      const r = ctx.reply ?? {};
      const body = spec.build(ctx, c, r);
      return {
        recipient: ctx.applicant.name,
        blocks: [
          p(`${receivedSentence(ctx)}${procedureText(ctx, c, key, r)}${body.closing === '特此告知。' ? '现告知如下：' : '现答复如下：'}`),
          ...body.blocks,
        ],
        attachments: body.attachments,
        closing: body.closing ?? '特此答复。',
        remedies: true,
      };
    },
  };
}
