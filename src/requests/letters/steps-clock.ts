/** The notices of the reply clock: receipt (Art. 31, 33), correction (Art. 30), extension (Art. 33(2)). */
import type { Block } from '../../platform/documents/model.js';
import { spanText } from '../../rules/citations.js';
import type { LetterContext } from './context.js';
import { clause, date, requestedInformation, sentence, you } from './phrases.js';
import { applicantNotice, officeAddress, requiredDateAfterLetter } from './steps-common.js';
import { p, type LetterTemplate } from './template.js';

const CHANNEL_NAME = { in_person: '当面提交', post: '邮寄', online: '互联网', fax: '传真' } as const;

/** 条例第三十一条: which day counts as received, for the applicant's channel. */
function receivedBasis(ctx: LetterContext): string {
  const y = you(ctx.applicant.isOrganization);
  switch (ctx.case.channel) {
    case 'in_person':
      return `${y}当面提交申请，以提交之日为收到申请之日`;
    case 'post':
      return ctx.case.ordinaryMail
        ? `${y}以平常信函等无需签收的邮寄方式提交申请，以本机关与${y}确认之日为收到申请之日`
        : `${y}以邮寄方式提交申请，以本机关签收之日为收到申请之日`;
    case 'online':
      return `${y}通过互联网渠道提交申请，以双方确认之日为收到申请之日`;
    case 'fax':
      return `${y}通过本机关政府信息公开工作机构的传真提交申请，以双方确认之日为收到申请之日`;
  }
}

export const receipt: LetterTemplate = {
  validate(ctx, issues) {
    const r = ctx.receipt;
    if (issues.date('receipt.dueDate', r?.dueDate, '答复期限（截止日期）') && r && r.dueDate <= ctx.case.receivedDate) {
      issues.add('receipt.dueDate', '答复期限必须晚于收到申请之日（条例第三十三条第二款）');
    }
  },
  build(ctx, c) {
    const r = ctx.receipt!;
    const y = you(ctx.applicant.isOrganization);
    const a = ctx.agency;
    const lookup = a.website
      ? `${y}可以凭查询码${ctx.case.trackingCode}登录${a.website}查询办理进度，也可以拨打${a.phone}咨询。`
      : `${y}可以凭查询码${ctx.case.trackingCode}拨打${a.phone}查询办理进度。`;
    return {
      recipient: ctx.applicant.name,
      blocks: [
        p(`本机关已收到${y}提交的政府信息公开申请，现将有关事项告知如下：`),
        {
          type: 'table',
          widths: [1, 3],
          rows: [
            ['查询码', ctx.case.trackingCode],
            ['申请人', ctx.applicant.name],
            ['申请获取的信息', requestedInformation(ctx, false)],
            ['提交方式', CHANNEL_NAME[ctx.case.channel]],
            ['收到申请之日', date(ctx.case.receivedDate)],
            ['答复期限', `${date(r.dueDate)}前`],
          ],
        },
        p(`根据${c.cite('art31')}的规定，${receivedBasis(ctx)}，本机关收到申请之日为${date(ctx.case.receivedDate)}。`),
        p(
          `根据${c.cite('art33.2')}的规定，本机关将自收到申请之日起${spanText('reply')}内，即于${date(r.dueDate)}前作出答复；` +
            `需要延长答复期限的，经政府信息公开工作机构负责人同意并告知${y}，延长的期限最长不超过${spanText('extension')}。` +
            `根据${c.cite('art33.3')}的规定，本机关征求第三方和其他机关意见所需时间不计算在上述期限内。`,
        ),
        p(
          `根据${c.cite('art30')}的规定，申请内容不明确的，本机关将自收到申请之日起${spanText('correctionRequest')}内一次性告知${y}作出补正，` +
            '答复期限自本机关收到补正的申请之日起计算。',
        ),
        p(lookup),
      ],
      closing: '特此告知。',
    };
  },
};

export const correctionNotice: LetterTemplate = {
  validate(ctx, issues) {
    const k = ctx.correction;
    const items = (k?.items ?? []).filter((i) => i.trim());
    if (items.length === 0) issues.add('correction.items', '补正告知书必须一次性列明需要补正的全部事项（条例第三十条）');
    requiredDateAfterLetter(issues, ctx, 'correction.deadline', k?.deadline, '补正期限', '补正期限必须晚于告知书日期（条例第三十条：合理的补正期限）');
  },
  build(ctx, c) {
    const k = ctx.correction!;
    const y = you(ctx.applicant.isOrganization);
    const blocks: Block[] = [
      p(
        `经审查，${y}的申请内容不明确，本机关无法据此确定${y}所申请公开的政府信息。根据${c.cite('art29.2')}的规定，` +
          '政府信息公开申请应当包括申请人的姓名或者名称、身份证明、联系方式，申请公开的政府信息的名称、文号或者便于行政机关查询的其他特征性描述，' +
          '以及申请公开的政府信息的形式要求，包括获取信息的方式、途径。',
      ),
    ];
    if (k.guidance?.trim()) blocks.push(p(sentence(k.guidance)));
    blocks.push(
      p(`根据${c.cite('art30')}的规定，现一次性告知${y}需要补正的全部事项如下：`),
      { type: 'list', ordered: true, items: k.items.filter((i) => i.trim()).map(sentence) },
      p(
        `请${y}于${date(k.deadline)}前，${k.submitTo?.trim() ? clause(k.submitTo) : `向${officeAddress(ctx)}`}提交补正后的申请。` +
          '答复期限自本机关收到补正的申请之日起计算。',
      ),
      p(`${y}无正当理由逾期不补正的，视为放弃申请，本机关不再处理该政府信息公开申请。`),
    );
    return applicantNotice(ctx, blocks);
  },
};

export const extensionNotice: LetterTemplate = {
  validate(ctx, issues) {
    const e = ctx.extension;
    const okNew = issues.date('extension.newDueDate', e?.newDueDate, '延长后的答复期限');
    const okOld = issues.optionalDate('extension.originalDueDate', e?.originalDueDate, '原答复期限');
    if (e && okNew && e.newDueDate <= ctx.letter.date) issues.add('extension.newDueDate', '延长后的答复期限必须晚于告知书日期');
    if (e && okNew && okOld && e.newDueDate <= e.originalDueDate!) {
      issues.add('extension.newDueDate', '延长后的答复期限必须晚于原答复期限');
    }
    const n = e?.workingDays;
    if (n !== undefined && !(Number.isInteger(n) && n >= 1 && n <= 20)) {
      issues.add('extension.workingDays', `延长的期限最长不得超过${spanText('extension')}（条例第三十三条第二款）`);
    }
  },
  build(ctx, c) {
    const e = ctx.extension!;
    const because = e.reason?.trim() ? `因${clause(e.reason)}，` : '';
    const until = e.originalDueDate ? `在${date(e.originalDueDate)}前` : '在规定期限内';
    const extended = e.workingDays ? `答复期限延长${e.workingDays}个工作日` : '延长答复期限';
    return applicantNotice(ctx, [
      p(
        `${because}本机关不能${until}作出答复。根据${c.cite('art33.2')}的规定，经本机关政府信息公开工作机构负责人同意，` +
          `${extended}（延长的期限最长不超过${spanText('extension')}），本机关将于${date(e.newDueDate)}前作出答复。`,
      ),
    ]);
  },
};
