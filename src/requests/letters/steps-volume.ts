/**
 * Applications beyond a reasonable number and frequency: the fee notice (条例第四十二条, 国办函〔2020〕109号) and the
 * Art. 35 letters asking for reasons and deferring the reply.
 */
import type { Block } from '../../platform/documents/model.js';
import { spanText } from '../../rules/citations.js';
import { date, FEE_MEASURES_NAME, sentence, you, yuan } from './phrases.js';
import { applicantNotice, optionalDateAfterLetter, requiredDateAfterLetter } from './steps-common.js';
import { p, type LetterTemplate } from './template.js';

const FEE_STANDARD = {
  per_application:
    '按件计收，同一申请人一个自然月内累计申请10件以下（含10件）的，不收费；累计申请11—30件（含30件）的部分，100元/件；' +
    '累计申请31件以上的部分，以10件为一档，每增加一档，收费标准提高100元/件。',
  per_page: '按量计收，30页以下（含30页）的，不收费；31—100页（含100页）的部分，10元/页；101—200页（含200页）的部分，20元/页；' + '201页以上的部分，40元/页。',
} as const;

/** The free allowance of each method (国办函〔2020〕109号 第四条、第五条): a notice below it charges nothing. */
const FREE_UP_TO = { per_application: 10, per_page: 30 } as const;

export const feeNotice: LetterTemplate = {
  validate(ctx, issues) {
    const f = ctx.fee;
    if (!f || (f.method !== 'per_application' && f.method !== 'per_page')) {
      issues.add('fee.method', '必须选择计收方式：按件计收或者按量计收（国办函〔2020〕109号第三条）');
    }
    if (!f || !(Number.isInteger(f.quantity) && f.quantity > 0)) {
      issues.add('fee.quantity', '必须写明累计申请件数或者页数');
    } else if (f.method in FREE_UP_TO && f.quantity <= FREE_UP_TO[f.method]) {
      issues.add(
        'fee.quantity',
        f.method === 'per_application' ? '同一申请人一个自然月内累计申请10件以下（含10件）的，不收费' : '30页以下（含30页）的，不收费',
      );
    }
    if (!f || !(Number.isFinite(f.amount) && f.amount > 0 && Math.round(f.amount * 100) === f.amount * 100)) {
      issues.add('fee.amount', '必须写明收费数额（元，最多两位小数）');
    }
    issues.text('fee.paymentMethod', f?.paymentMethod, '必须写明缴纳方式（国办函〔2020〕109号）');
    optionalDateAfterLetter(issues, ctx, 'fee.payBy', f?.payBy, '缴费期限', `缴费期限必须晚于通知日期（自收到通知次日起${spanText('feePayment')}）`);
    if (f?.breakdown?.length && Number.isFinite(f.amount)) {
      const sum = f.breakdown.reduce((s, b) => s + Math.round(b.subtotal * 100), 0);
      if (sum !== Math.round(f.amount * 100)) issues.add('fee.breakdown', '分段计费金额合计与收费数额不一致');
    }
  },
  build(ctx, c) {
    const f = ctx.fee!;
    const y = you(ctx.applicant.isOrganization);
    const method = f.method === 'per_application' ? '按件计收' : '按量计收';
    const counted =
      f.method === 'per_application'
        ? `截至本件申请，${y}本自然月内向本机关累计提出政府信息公开申请${f.quantity}件。`
        : `本机关拟向${y}提供的政府信息共计${f.quantity}页。`;
    const blocks: Block[] = [
      p(
        `根据${c.cite('art42.1')}的规定，申请人申请公开政府信息的数量、频次明显超过合理范围的，行政机关可以收取信息处理费。` +
          `依据${FEE_MEASURES_NAME}，本机关决定对${y}的本件申请${method}信息处理费。`,
      ),
      p(`收费标准：${FEE_STANDARD[f.method]}`),
      p(`${counted}按照上述标准，本件申请应缴纳信息处理费${yuan(f.amount)}。`),
    ];
    if (f.breakdown?.length) {
      const unit = f.method === 'per_application' ? '件' : '页';
      blocks.push({
        type: 'table',
        widths: [2, 1, 1, 1],
        header: [['计费区间', `数量（${unit}）`, `单价（元/${unit}）`, '金额（元）']],
        rows: [
          ...f.breakdown.map((b) => [b.range, String(b.quantity), String(b.unitPrice), String(b.subtotal)]),
          [{ text: '合计', colSpan: 3, align: 'center' as const }, String(f.amount)],
        ],
      });
    }
    const by = f.payBy ? `（即${date(f.payBy)}前）` : '';
    blocks.push(
      p(`缴纳方式：${sentence(f.paymentMethod)}请${y}自收到本通知次日起${spanText('feePayment')}内${by}缴纳。本机关确认收到费用后，将继续办理${y}的申请。`),
      p(`${y}逾期未缴纳的，视为放弃申请，本机关不再处理该政府信息公开申请。`),
      p(`${y}对收费决定有异议的，不能单独就收费决定申请行政复议或者提起行政诉讼，` + `可以对本机关就本件申请作出的处理决定依法申请行政复议或者提起行政诉讼。`),
    );
    return applicantNotice(ctx, blocks, '特此通知。');
  },
};

export const reasonsRequest: LetterTemplate = {
  validate(ctx, issues) {
    const r = ctx.reasonsRequest;
    issues.text('reasonsRequest.facts', r?.facts, '必须写明申请数量、频次明显超过合理范围的具体情况（条例第三十五条）');
    requiredDateAfterLetter(issues, ctx, 'reasonsRequest.replyBy', r?.replyBy, '说明理由的期限', '说明理由的期限必须晚于告知书日期');
  },
  build(ctx, c) {
    const r = ctx.reasonsRequest!;
    const y = you(ctx.applicant.isOrganization);
    return applicantNotice(ctx, [
      p(
        `经审查，${y}申请公开政府信息的数量、频次明显超过合理范围：${sentence(r.facts)}根据${c.cite('art35')}的规定，请${y}于${date(r.replyBy)}前向本机关说明申请理由。`,
      ),
      p(
        `本机关认为申请理由不合理的，将告知${y}不予处理；认为申请理由合理，但是无法在${c.reg()}第三十三条规定的期限内答复的，` +
          `可以确定延迟答复的合理期限并告知${y}。`,
      ),
    ]);
  },
};

export const deferralNotice: LetterTemplate = {
  validate(ctx, issues) {
    const d = ctx.deferral;
    requiredDateAfterLetter(issues, ctx, 'deferral.newDueDate', d?.newDueDate, '延迟答复的期限', '延迟答复的期限必须晚于告知书日期');
  },
  build(ctx, c) {
    const d = ctx.deferral!;
    const y = you(ctx.applicant.isOrganization);
    return applicantNotice(ctx, [
      p(
        `${y}申请公开政府信息的数量、频次明显超过合理范围。经审查，本机关认为${y}的申请理由合理，` +
          `但是无法在${c.reg()}第三十三条规定的期限内答复。${d.reason?.trim() ? sentence(d.reason) : ''}` +
          `根据${c.cite('art35')}的规定，本机关确定延迟答复的合理期限，将于${date(d.newDueDate)}前作出答复。`,
      ),
    ]);
  },
};
