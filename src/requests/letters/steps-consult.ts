/** Consultations: the letters to a third party (Art. 32) and to another agency (Art. 34), and the decision to disclose. */
import type { Block } from '../../platform/documents/model.js';
import { spanText } from '../../rules/citations.js';
import type { ConsultedParty, LetterContext } from './context.js';
import { clause, date, politeYou, sentence, type Issues } from './phrases.js';
import { officeAddress, optionalDateAfterLetter } from './steps-common.js';
import { p, type LetterTemplate } from './template.js';

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

/** The date a consulted party is asked to answer by, when the letter states one: after the letter (the article's period). */
function replyByIssues(
  issues: Issues,
  ctx: LetterContext,
  section: 'thirdPartyConsultation' | 'agencyConsultation',
  replyBy: string | undefined,
  article: string,
): void {
  optionalDateAfterLetter(issues, ctx, `${section}.replyBy`, replyBy, '提出意见的期限', `提出意见的期限必须晚于意见函日期（${article}：${spanText(section)}）`);
}

function partyIssues(issues: Issues, field: string, party: ConsultedParty | undefined): void {
  issues.text(`${field}.name`, party?.name, '缺少被征求意见的第三方名称');
}

export const thirdPartyConsultation: LetterTemplate = {
  validate(ctx, issues) {
    const t = ctx.thirdPartyConsultation;
    partyIssues(issues, 'thirdPartyConsultation.thirdParty', t?.thirdParty);
    replyByIssues(issues, ctx, 'thirdPartyConsultation', t?.replyBy, '条例第三十二条');
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

export const agencyConsultation: LetterTemplate = {
  validate(ctx, issues) {
    const a = ctx.agencyConsultation;
    issues.text('agencyConsultation.otherAgency', a?.otherAgency, '缺少被征求意见的行政机关名称');
    replyByIssues(issues, ctx, 'agencyConsultation', a?.replyBy, '条例第三十四条');
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

export const thirdPartyDisclosureNotice: LetterTemplate = {
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
