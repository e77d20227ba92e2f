/**
 * Replies that do not process the application: 不予处理 (条例第三十五条、第三十六条第（六）项、第三十九条), 不再处理
 * after a lapsed correction (第三十条) or an unpaid fee (第四十二条), and 其他处理.
 */
import { spanText } from '../../rules/citations.js';
import type { OutcomeKey } from '../../rules/outcomes.js';
import { clause, date, FEE_MEASURES_NAME, sentence, you } from './phrases.js';
import { caseDate, docNumberNote, hasText, type ReplySpec } from './replies-common.js';
import { p } from './template.js';

/** The replies of the not-processed and other outcomes. */
export const NOT_PROCESSED_REPLIES = {
  not_processed_petition: {
    build(ctx, c, r) {
      const y = you(ctx.applicant.isOrganization);
      const what = hasText(r.reason) ? `：${clause(r.reason)}` : '';
      return {
        blocks: [
          p(
            `经审查，${y}的申请系以政府信息公开申请的形式进行信访、投诉、举报等活动${what}。根据${c.cite('art39.1')}的规定，` +
              `本机关不作为政府信息公开申请处理。${hasText(r.alternativeChannel) ? `${y}可以通过${clause(r.alternativeChannel)}提出。` : ''}`,
          ),
        ],
      };
    },
  },
  not_processed_repeat: {
    validate(ctx, issues, r) {
      if (
        issues.date('reply.previousReply.date', r.previousReply?.date, '此前答复的日期（条例第三十六条第（六）项）') &&
        r.previousReply!.date > ctx.letter.date
      ) {
        issues.add('reply.previousReply.date', '此前答复的日期不得晚于本答复日期');
      }
    },
    build(ctx, c, r) {
      const y = you(ctx.applicant.isOrganization);
      const prev = r.previousReply!;
      const no = docNumberNote(prev.docNumber);
      return {
        blocks: [
          p(
            `本机关已于${date(prev.date)}就${y}提出的政府信息公开申请作出答复${no}。${y}本次申请公开的政府信息与该申请相同，属于重复申请。` +
              `根据${c.cite('art36.6')}的规定，本机关不予重复处理。`,
          ),
        ],
      };
    },
  },
  not_processed_publication: {
    build(ctx, c, r) {
      const y = you(ctx.applicant.isOrganization);
      const where = hasText(r.publicationSource) ? sentence(r.publicationSource) : '该出版物可以通过公开发行渠道获取。';
      return {
        blocks: [p(`经审查，${y}申请获取的信息为政府公报、报刊、书籍等公开出版物。根据${c.cite('art39.2')}的规定，告知${y}获取的途径：${where}`)],
      };
    },
  },
  not_processed_mass_repeat: {
    validate(ctx, issues, r) {
      caseDate(ctx, issues, 'reply.reasonsRequestedDate', r.reasonsRequestedDate, '要求说明理由的日期', false);
    },
    build(ctx, c, r) {
      const y = you(ctx.applicant.isOrganization);
      const asked = r.reasonsRequestedDate ? `，本机关已于${date(r.reasonsRequestedDate)}要求${y}说明理由` : '';
      return {
        blocks: [
          p(
            `${y}申请公开政府信息的数量、频次明显超过合理范围${asked}。经审查，本机关认为${y}的申请理由不合理：${sentence(r.reason!)}` +
              `根据${c.cite('art35')}的规定，告知${y}本机关不予处理。`,
          ),
        ],
      };
    },
  },
  not_processed_confirm_reissue: {
    build(ctx, c, r) {
      const y = you(ctx.applicant.isOrganization);
      return {
        blocks: [
          p(
            `经审查，${y}的申请系要求本机关对${y}已获取的信息予以确认或者重新出具，不属于申请获取政府信息。` +
              `参照${c.cite('art39')}的规定，本机关不作为政府信息公开申请处理。` +
              (hasText(r.reason) ? sentence(r.reason) : '') +
              (hasText(r.alternativeChannel) ? `${y}可以通过${clause(r.alternativeChannel)}办理。` : ''),
          ),
        ],
      };
    },
  },
  other_no_correction: {
    validate(ctx, issues, r) {
      const okNotice = caseDate(ctx, issues, 'reply.correctionNoticeDate', r.correctionNoticeDate, '补正告知书日期', true);
      if (issues.date('reply.correctionDeadline', r.correctionDeadline, '补正期限')) {
        if (r.correctionDeadline! >= ctx.letter.date) issues.add('reply.correctionDeadline', '补正期限届满后才能告知不再处理（条例第三十条）');
        else if (okNotice && r.correctionDeadline! <= r.correctionNoticeDate!) issues.add('reply.correctionDeadline', '补正期限必须晚于补正告知书日期');
      }
    },
    build(ctx, c, r) {
      const y = you(ctx.applicant.isOrganization);
      const no = docNumberNote(r.correctionNoticeNumber);
      return {
        blocks: [
          p(
            `本机关于${date(r.correctionNoticeDate!)}向${y}发出补正告知书${no}，一次性告知需要补正的事项，并告知${y}于${date(r.correctionDeadline!)}前作出补正。` +
              `${y}无正当理由逾期未补正。`,
          ),
          p(`根据${c.cite('art30')}的规定，${y}的申请视为放弃，本机关不再处理该政府信息公开申请。`),
        ],
        closing: '特此告知。',
      };
    },
  },
  other_fee_unpaid: {
    validate(ctx, issues, r) {
      caseDate(ctx, issues, 'reply.feeNoticeDate', r.feeNoticeDate, '收费通知书日期', true);
    },
    build(ctx, c, r) {
      const y = you(ctx.applicant.isOrganization);
      const no = docNumberNote(r.feeNoticeNumber);
      return {
        blocks: [
          p(
            `本机关于${date(r.feeNoticeDate!)}向${y}发出收费通知书${no}，告知${y}自收到通知次日起${spanText('feePayment')}内缴纳信息处理费。` +
              `${y}逾期未缴纳。`,
          ),
          p(`根据${c.cite('art42')}和${FEE_MEASURES_NAME}的规定，${y}的申请视为放弃，本机关不再处理该政府信息公开申请。`),
        ],
        closing: '特此告知。',
      };
    },
  },
  other_misc: {
    build(_ctx, _c, r) {
      return { blocks: [p(`经审查，${sentence(r.reason!)}`)] };
    },
  },
} satisfies Partial<Record<OutcomeKey, ReplySpec>>;
