/** Templates of the procedural letters: receipt, correction, extension, consultations, fee notice, Art. 35. */
import type { Block } from '../../platform/documents/model.js';
import type { ConsultedParty, LetterContext } from './context.js';
import type { StepKind } from './kinds.js';
import { clause, date, FEE_MEASURES_NAME, politeYou, receivedSentence, requestedInformation, sentence, you, yuan, type Issues } from './phrases.js';
import { p, type LetterTemplate } from './template.js';
import { spanText } from '../../rules/citations.js';

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

function officeAddress(ctx: LetterContext): string {
  return `本机关${ctx.agency.officeName}（地址：${ctx.agency.address}）`;
}

/** The tear-off reply form of a consultation letter. */
function opinionForm(information: string, signer: string): Block[] {
  return [
    { type: 'paragraph', text: '意见回执', align: 'center' },
    {
      type: 'table',
      widths: [1, 3],
      rows: [
        ['所涉政府信息', information],
        ['意见', '□同意公开　　□不同意公开'],
        ['理由', '\n\n'],
        [signer, ''],
        ['日期', '　　　　年　　月　　日'],
      ],
    },
  ];
}

function laterThanLetter(issues: Issues, ctx: LetterContext, field: string, value: string, message: string): void {
  if (value <= ctx.letter.date) issues.add(field, message);
}

const receipt: LetterTemplate = {
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

const correctionNotice: LetterTemplate = {
  validate(ctx, issues) {
    const k = ctx.correction;
    const items = (k?.items ?? []).filter((i) => i.trim());
    if (items.length === 0) issues.add('correction.items', '补正告知书必须一次性列明需要补正的全部事项（条例第三十条）');
    if (issues.date('correction.deadline', k?.deadline, '补正期限') && k) {
      laterThanLetter(issues, ctx, 'correction.deadline', k.deadline, '补正期限必须晚于告知书日期（条例第三十条：合理的补正期限）');
    }
  },
  build(ctx, c) {
    const k = ctx.correction!;
    const y = you(ctx.applicant.isOrganization);
    const blocks: Block[] = [
      p(receivedSentence(ctx)),
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
    return { recipient: ctx.applicant.name, blocks, closing: '特此告知。' };
  },
};

const extensionNotice: LetterTemplate = {
  validate(ctx, issues) {
    const e = ctx.extension;
    const okNew = issues.date('extension.newDueDate', e?.newDueDate, '延长后的答复期限');
    const okOld = issues.optionalDate('extension.originalDueDate', e?.originalDueDate, '原答复期限');
    if (e && okNew) laterThanLetter(issues, ctx, 'extension.newDueDate', e.newDueDate, '延长后的答复期限必须晚于告知书日期');
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
    const y = you(ctx.applicant.isOrganization);
    const because = e.reason?.trim() ? `因${clause(e.reason)}，` : '';
    const until = e.originalDueDate ? `在${date(e.originalDueDate)}前` : '在规定期限内';
    const extended = e.workingDays ? `答复期限延长${e.workingDays}个工作日` : '延长答复期限';
    return {
      recipient: ctx.applicant.name,
      blocks: [
        p(receivedSentence(ctx)),
        p(
          `${because}本机关不能${until}作出答复。根据${c.cite('art33.2')}的规定，经本机关政府信息公开工作机构负责人同意，` +
            `${extended}（延长的期限最长不超过${spanText('extension')}），本机关将于${date(e.newDueDate)}前作出答复。`,
        ),
      ],
      closing: '特此告知。',
    };
  },
};

function partyIssues(issues: Issues, field: string, party: ConsultedParty | undefined): void {
  issues.text(`${field}.name`, party?.name, '缺少被征求意见的第三方名称');
}

const thirdPartyConsultation: LetterTemplate = {
  validate(ctx, issues) {
    const t = ctx.thirdPartyConsultation;
    partyIssues(issues, 'thirdPartyConsultation.thirdParty', t?.thirdParty);
    if (issues.optionalDate('thirdPartyConsultation.replyBy', t?.replyBy, '提出意见的期限') && t?.replyBy) {
      laterThanLetter(
        issues,
        ctx,
        'thirdPartyConsultation.replyBy',
        t.replyBy,
        `提出意见的期限必须晚于意见函日期（条例第三十二条：${spanText('thirdPartyConsultation')}）`,
      );
    }
  },
  build(ctx, c) {
    const t = ctx.thirdPartyConsultation!;
    const py = politeYou(t.thirdParty.isOrganization);
    const info = clause(t.information?.trim() || ctx.case.description);
    const harm = t.interest?.trim() ? `涉及${py}的${clause(t.interest)}，公开可能损害${py}的合法权益` : `公开可能损害${py}的合法权益`;
    const by = t.replyBy ? `（即${date(t.replyBy)}前）` : '';
    // The applicant's identity and tracking code stay out of a letter to a third party.
    return {
      recipient: t.thirdParty.name,
      blocks: [
        p(
          `本机关于${date(ctx.case.receivedDate)}收到一件政府信息公开申请，申请公开“${info}”。经审查，该政府信息${harm}。根据${c.cite('art32')}的规定，现书面征求${py}的意见。`,
        ),
        p(
          `请${py}自收到本意见函之日起${spanText('thirdPartyConsultation')}内${by}提出书面意见，写明是否同意公开；不同意公开的，请说明理由并提供相关证明材料。` +
            `意见请${t.replyTo?.trim() ? clause(t.replyTo) : `送至${officeAddress(ctx)}`}。`,
        ),
        p(
          `${py}逾期未提出意见的，由本机关依照${c.reg()}的规定决定是否公开。${py}不同意公开且有合理理由的，本机关不予公开；` +
            `本机关认为不公开可能对公共利益造成重大影响的，可以决定予以公开，并将决定公开的政府信息内容和理由书面告知${py}。`,
        ),
        ...opinionForm(info, t.thirdParty.isOrganization ? '单位名称（盖章）' : '签名'),
      ],
      closing: '特此函告。',
    };
  },
};

const agencyConsultation: LetterTemplate = {
  validate(ctx, issues) {
    const a = ctx.agencyConsultation;
    issues.text('agencyConsultation.otherAgency', a?.otherAgency, '缺少被征求意见的行政机关名称');
    if (issues.optionalDate('agencyConsultation.replyBy', a?.replyBy, '提出意见的期限') && a?.replyBy) {
      laterThanLetter(
        issues,
        ctx,
        'agencyConsultation.replyBy',
        a.replyBy,
        `提出意见的期限必须晚于意见函日期（条例第三十四条：${spanText('agencyConsultation')}）`,
      );
    }
  },
  build(ctx, c) {
    const a = ctx.agencyConsultation!;
    const info = clause(a.information?.trim() || ctx.case.description);
    const by = a.replyBy ? `（即${date(a.replyBy)}前）` : '';
    return {
      recipient: a.otherAgency,
      blocks: [
        p(
          `本机关于${date(ctx.case.receivedDate)}收到一件政府信息公开申请，申请公开“${info}”。该政府信息由本机关牵头、与贵机关共同制作。` +
            `根据${c.cite('art34')}的规定，现征求贵机关的意见。`,
        ),
        p(
          `请贵机关自收到本意见函之日起${spanText('agencyConsultation')}内${by}提出是否同意公开的意见；不同意公开的，请说明理由和依据。` +
            `意见请${a.replyTo?.trim() ? clause(a.replyTo) : `送至${officeAddress(ctx)}`}。逾期未提出意见的，视为同意公开。`,
        ),
        ...opinionForm(info, '机关名称（盖章）'),
      ],
      closing: '特此函告。',
    };
  },
};

const thirdPartyDisclosureNotice: LetterTemplate = {
  validate(ctx, issues) {
    const t = ctx.thirdPartyDisclosure;
    partyIssues(issues, 'thirdPartyDisclosure.thirdParty', t?.thirdParty);
    issues.text('thirdPartyDisclosure.information', t?.information, '必须写明决定公开的政府信息内容（条例第三十二条）');
    issues.text('thirdPartyDisclosure.reason', t?.reason, '必须写明决定公开的理由（条例第三十二条）');
    issues.optionalDate('thirdPartyDisclosure.objectionDate', t?.objectionDate, '第三方提出意见的日期');
  },
  build(ctx, c) {
    const t = ctx.thirdPartyDisclosure!;
    const py = politeYou(t.thirdParty.isOrganization);
    const objected = t.objectionDate ? `，${py}于${date(t.objectionDate)}提出不同意公开的意见` : '';
    return {
      recipient: t.thirdParty.name,
      blocks: [
        p(
          `本机关就一件政府信息公开申请所涉政府信息的公开书面征求了${py}的意见${objected}。经审查，本机关认为不公开可能对公共利益造成重大影响。` +
            `根据${c.cite('art15', 'art32')}的规定，本机关决定予以公开。现将决定公开的政府信息内容和理由告知如下：`,
        ),
        p(`决定公开的政府信息内容：${sentence(t.information)}`),
        p(`决定公开的理由：${sentence(t.reason)}`),
      ],
      closing: '特此告知。',
      remedies: true,
      remediesNoun: '决定',
    };
  },
};

const FEE_STANDARD = {
  per_application:
    '按件计收，同一申请人一个自然月内累计申请10件以下（含10件）的，不收费；累计申请11—30件（含30件）的部分，100元/件；' +
    '累计申请31件以上的部分，以10件为一档，每增加一档，收费标准提高100元/件。',
  per_page: '按量计收，30页以下（含30页）的，不收费；31—100页（含100页）的部分，10元/页；101—200页（含200页）的部分，20元/页；' + '201页以上的部分，40元/页。',
} as const;

/** The free allowance of each method (国办函〔2020〕109号 第四条、第五条): a notice below it charges nothing. */
const FREE_UP_TO = { per_application: 10, per_page: 30 } as const;

const feeNotice: LetterTemplate = {
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
    if (issues.optionalDate('fee.payBy', f?.payBy, '缴费期限') && f?.payBy) {
      laterThanLetter(issues, ctx, 'fee.payBy', f.payBy, `缴费期限必须晚于通知日期（自收到通知次日起${spanText('feePayment')}）`);
    }
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
      p(receivedSentence(ctx)),
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
    return { recipient: ctx.applicant.name, blocks, closing: '特此通知。' };
  },
};

const reasonsRequest: LetterTemplate = {
  validate(ctx, issues) {
    const r = ctx.reasonsRequest;
    issues.text('reasonsRequest.facts', r?.facts, '必须写明申请数量、频次明显超过合理范围的具体情况（条例第三十五条）');
    if (issues.date('reasonsRequest.replyBy', r?.replyBy, '说明理由的期限') && r) {
      laterThanLetter(issues, ctx, 'reasonsRequest.replyBy', r.replyBy, '说明理由的期限必须晚于告知书日期');
    }
  },
  build(ctx, c) {
    const r = ctx.reasonsRequest!;
    const y = you(ctx.applicant.isOrganization);
    return {
      recipient: ctx.applicant.name,
      blocks: [
        p(receivedSentence(ctx)),
        p(
          `经审查，${y}申请公开政府信息的数量、频次明显超过合理范围：${sentence(r.facts)}根据${c.cite('art35')}的规定，请${y}于${date(r.replyBy)}前向本机关说明申请理由。`,
        ),
        p(
          `本机关认为申请理由不合理的，将告知${y}不予处理；认为申请理由合理，但是无法在${c.reg()}第三十三条规定的期限内答复的，` +
            `可以确定延迟答复的合理期限并告知${y}。`,
        ),
      ],
      closing: '特此告知。',
    };
  },
};

const deferralNotice: LetterTemplate = {
  validate(ctx, issues) {
    const d = ctx.deferral;
    if (issues.date('deferral.newDueDate', d?.newDueDate, '延迟答复的期限') && d) {
      laterThanLetter(issues, ctx, 'deferral.newDueDate', d.newDueDate, '延迟答复的期限必须晚于告知书日期');
    }
  },
  build(ctx, c) {
    const d = ctx.deferral!;
    const y = you(ctx.applicant.isOrganization);
    return {
      recipient: ctx.applicant.name,
      blocks: [
        p(receivedSentence(ctx)),
        p(
          `${y}申请公开政府信息的数量、频次明显超过合理范围。经审查，本机关认为${y}的申请理由合理，` +
            `但是无法在${c.reg()}第三十三条规定的期限内答复。${d.reason?.trim() ? sentence(d.reason) : ''}` +
            `根据${c.cite('art35')}的规定，本机关确定延迟答复的合理期限，将于${date(d.newDueDate)}前作出答复。`,
        ),
      ],
      closing: '特此告知。',
    };
  },
};

export const STEP_TEMPLATES: Record<StepKind, LetterTemplate> = {
  receipt,
  correction_notice: correctionNotice,
  extension_notice: extensionNotice,
  third_party_consultation: thirdPartyConsultation,
  agency_consultation: agencyConsultation,
  third_party_disclosure_notice: thirdPartyDisclosureNotice,
  fee_notice: feeNotice,
  reasons_request: reasonsRequest,
  deferral_notice: deferralNotice,
};
