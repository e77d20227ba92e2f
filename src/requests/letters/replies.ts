/**
 * Reply letters (答复书), one per closed-case outcome of rules/outcomes.ts. Each states the facts, cites the
 * articles of the Regulation it rests on (summarising their wording), says what is provided and how, and
 * the composer appends the remedies paragraph.
 */
import type { Block } from '../../platform/documents/model.js';
import { outcome, type OutcomeKey } from '../../rules/outcomes.js';
import type { LetterContext, Provision, ReplyFields, WithheldOutcomeKey } from './context.js';
import { clause, date, FEE_MEASURES_NAME, receivedSentence, sentence, you, type Citer, type Issues } from './phrases.js';
import { p, type LetterBody, type LetterTemplate } from './template.js';
import { spanText } from '../../rules/citations.js';

/** What each exemption article says, summarised from the statute (条例第十四条至第十六条、第三十六条第（七）项). */
export const WITHHELD_BASIS: Record<WithheldOutcomeKey, { articles: string[]; text: string }> = {
  withheld_state_secret: { articles: ['art14'], text: '依法确定为国家秘密的政府信息，不予公开' },
  withheld_prohibited: { articles: ['art14'], text: '法律、行政法规禁止公开的政府信息，不予公开' },
  withheld_security_stability: {
    articles: ['art14'],
    text: '公开后可能危及国家安全、公共安全、经济安全、社会稳定的政府信息，不予公开',
  },
  withheld_third_party: {
    articles: ['art15'],
    text: '涉及商业秘密、个人隐私等公开会对第三方合法权益造成损害的政府信息，行政机关不得公开；但是，第三方同意公开或者行政机关认为不公开会对公共利益造成重大影响的，予以公开',
  },
  withheld_internal_affairs: {
    articles: ['art16.1'],
    text: '行政机关的内部事务信息，包括人事管理、后勤管理、内部工作流程等方面的信息，可以不予公开',
  },
  withheld_process_info: {
    articles: ['art16.2'],
    text: '行政机关在履行行政管理职能过程中形成的讨论记录、过程稿、磋商信函、请示报告等过程性信息，可以不予公开；法律、法规、规章规定上述信息应当公开的，从其规定',
  },
  withheld_enforcement_files: {
    articles: ['art16.2'],
    text: '行政机关在履行行政管理职能过程中形成的行政执法案卷信息，可以不予公开；法律、法规、规章规定上述信息应当公开的，从其规定',
  },
  withheld_query_matter: {
    articles: ['art36.7'],
    text: '所申请公开信息属于工商、不动产登记资料等信息，有关法律、行政法规对信息的获取有特别规定的，告知申请人依照有关法律、行政法规的规定办理',
  },
};

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
function caseDate(ctx: LetterContext, issues: Issues, field: string, value: string | undefined, label: string, required: boolean): boolean {
  const ok = required ? issues.date(field, value, label) : issues.optionalDate(field, value, label);
  if (ok && (value! < ctx.case.receivedDate || value! > ctx.letter.date)) {
    issues.add(field, `${label}应当在收到申请之日和本文书日期之间`);
    return false;
  }
  return ok;
}

function hasText(value: string | undefined): value is string {
  return typeof value === 'string' && value.trim() !== '';
}

const FORM_LABEL = { paper: '纸质', electronic: '电子数据' } as const;

function validateProvision(issues: Issues, prov: Provision | undefined, items: string[] | undefined, law: string): void {
  if (!prov) {
    issues.add('reply.provision', `必须写明提供政府信息的形式和方式（${law}）`);
    return;
  }
  if (!['paper', 'electronic', 'inspection'].includes(prov.form)) {
    issues.add('reply.provision.form', '提供形式应为纸质、电子数据或者查阅、抄录（条例第四十条）');
    return;
  }
  if (prov.form === 'inspection') {
    issues.text('reply.provision.detail', prov.detail, '安排查阅、抄录的，必须写明查阅的时间');
    return;
  }
  if (!prov.delivery || !['with_letter', 'post', 'email', 'online', 'pickup'].includes(prov.delivery)) {
    issues.add('reply.provision.delivery', '必须写明提供方式：随答复书提供、邮寄、电子邮件、网上下载或者领取');
    return;
  }
  if (prov.delivery === 'with_letter' && !(items ?? []).some(hasText)) {
    issues.add('reply.items', '随答复书提供政府信息的，必须列明附件名称');
  }
  if (prov.delivery === 'pickup') issues.text('reply.provision.detail', prov.detail, '领取政府信息的，必须写明领取的时间');
  if (prov.delivery === 'email') issues.text('reply.provision.detail', prov.detail, '以电子邮件提供的，必须写明电子邮箱地址');
}

/** How the information reaches the applicant (条例第三十六条第（二）项: 方式、途径和时间; 第四十条: form). */
function provisionBlocks(ctx: LetterContext, c: Citer, prov: Provision, items: string[]): { blocks: Block[]; attachments?: string[] } {
  const y = you(ctx.applicant.isOrganization);
  const a = ctx.agency;
  const blocks: Block[] = [];
  if (hasText(prov.formChangedReason)) {
    const how = prov.form === 'inspection' ? '安排查阅、抄录' : `以${FORM_LABEL[prov.form]}形式提供`;
    blocks.push(p(`按照${y}要求的形式提供，${clause(prov.formChangedReason)}。根据${c.cite('art40')}的规定，本机关${how}。`));
  }
  const detail = prov.detail?.trim();
  if (prov.form === 'inspection') {
    blocks.push(p(`请${y}于${clause(detail ?? '')}携带身份证明到${a.address}查阅、抄录相关政府信息。`));
  } else {
    const form = FORM_LABEL[prov.form];
    switch (prov.delivery) {
      case 'with_letter':
        blocks.push(p(`现将相关政府信息以${form}形式随本答复书一并提供（见附件）。`));
        return { blocks, attachments: items };
      case 'post':
        blocks.push(p(`本机关将相关政府信息以${form}形式邮寄至${y}提供的地址${detail ? `（${detail}）` : ''}。`));
        break;
      case 'email':
        blocks.push(p(`相关政府信息以电子文档形式随本答复书一并发送至${y}提供的电子邮箱（${detail}）。`));
        break;
      case 'online':
        blocks.push(p(`${y}可以凭查询码${ctx.case.trackingCode}在${detail || a.website || '本机关政府信息公开申请平台'}下载相关政府信息。`));
        break;
      case 'pickup':
        blocks.push(p(`请${y}于${clause(detail ?? '')}携带身份证明到${a.address}领取相关政府信息（${form}）。`));
        break;
    }
  }
  if (items.length) blocks.push(p('提供的政府信息包括：'), { type: 'list', ordered: true, items });
  return { blocks };
}

type ReplyBuilder = (ctx: LetterContext, c: Citer, r: ReplyFields) => Omit<LetterBody, 'recipient' | 'closing'> & { closing?: string };
type ReplyValidator = (ctx: LetterContext, issues: Issues, r: ReplyFields) => void;

function withheld(key: Exclude<WithheldOutcomeKey, 'withheld_query_matter'>): { validate?: ReplyValidator; build: ReplyBuilder } {
  return {
    build(ctx, c, r) {
      const y = you(ctx.applicant.isOrganization);
      const basis = WITHHELD_BASIS[key];
      let consulted = '';
      if (key === 'withheld_third_party' && r.thirdPartyOpinion) {
        consulted =
          r.thirdPartyOpinion === 'objected'
            ? `本机关依照${c.cite('art32')}的规定书面征求了第三方的意见，第三方不同意公开且有合理理由。`
            : `本机关依照${c.cite('art32')}的规定书面征求了第三方的意见，第三方逾期未提出意见，本机关依照${c.reg()}的规定决定是否公开。`;
      }
      return {
        blocks: [
          p(`${c.cite(...basis.articles)}规定，${basis.text}。`),
          p(`经审查，${y}申请公开的政府信息属于上述情形。${consulted}理由如下：${sentence(r.reason!)}`),
          p(`根据${c.cite('art36.3')}的规定，本机关决定不予公开。`),
        ],
      };
    },
  };
}

const REPLIES: Record<OutcomeKey, { validate?: ReplyValidator; build: ReplyBuilder }> = {
  disclosed: {
    validate(_ctx, issues, r) {
      if (r.disclosure === 'already_public') {
        issues.text('reply.publishedAt', r.publishedAt, '已主动公开的信息必须告知获取的方式、途径（条例第三十六条第（一）项）');
      } else {
        validateProvision(issues, r.provision, r.items, '条例第三十六条第（二）项');
      }
    },
    build(ctx, c, r) {
      const y = you(ctx.applicant.isOrganization);
      if (r.disclosure === 'already_public') {
        return {
          blocks: [
            p(
              `经审查，${y}申请获取的政府信息本机关已经主动公开。根据${c.cite('art36.1')}的规定，告知${y}获取该政府信息的方式、途径：` +
                sentence(r.publishedAt!),
            ),
          ],
        };
      }
      const prov = provisionBlocks(ctx, c, r.provision!, (r.items ?? []).filter(hasText));
      return {
        blocks: [p(`经审查，${y}申请获取的政府信息属于可以公开的政府信息。根据${c.cite('art36.2')}的规定，本机关向${y}提供该政府信息。`), ...prov.blocks],
        attachments: prov.attachments,
      };
    },
  },
  partly_disclosed: {
    validate(_ctx, issues, r) {
      validateProvision(issues, r.provision, r.items, '条例第三十六条第（二）项');
      if (r.withheldBasis && !(r.withheldBasis in WITHHELD_BASIS)) issues.add('reply.withheldBasis', '不予公开部分的依据无效');
    },
    build(ctx, c, r) {
      const y = you(ctx.applicant.isOrganization);
      const parts = hasText(r.withheldParts) ? clause(r.withheldParts) : '其中不应当公开或者不属于政府信息的内容';
      const basis = r.withheldBasis ? WITHHELD_BASIS[r.withheldBasis] : undefined;
      const prov = provisionBlocks(ctx, c, r.provision!, (r.items ?? []).filter(hasText));
      return {
        blocks: [
          p(
            `经审查，${y}申请获取的政府信息中含有不应当公开或者不属于政府信息的内容，但是能够作区分处理。根据${c.cite('art37')}的规定，` +
              `本机关向${y}提供可以公开的政府信息内容，并对不予公开的内容说明理由。`,
          ),
          p(
            `对${parts}不予公开的理由如下：${sentence(r.reason!)}${basis ? `${c.cite(...basis.articles)}规定，${basis.text}。` : ''}` +
              `根据${c.cite('art36.3')}的规定，本机关决定对该部分内容不予公开。`,
          ),
          ...prov.blocks,
        ],
        attachments: prov.attachments,
      };
    },
  },
  withheld_state_secret: withheld('withheld_state_secret'),
  withheld_prohibited: withheld('withheld_prohibited'),
  withheld_security_stability: withheld('withheld_security_stability'),
  withheld_third_party: withheld('withheld_third_party'),
  withheld_internal_affairs: withheld('withheld_internal_affairs'),
  withheld_process_info: withheld('withheld_process_info'),
  withheld_enforcement_files: withheld('withheld_enforcement_files'),
  withheld_query_matter: {
    build(ctx, c, r) {
      const y = you(ctx.applicant.isOrganization);
      return {
        blocks: [
          p(`经审查，${y}所申请公开的信息属于有关法律、行政法规对信息的获取有特别规定的信息：${sentence(r.reason!)}`),
          p(`根据${c.cite('art36.7')}的规定，请${y}依照有关法律、行政法规的规定办理。`),
        ],
      };
    },
  },
  unable_not_held: {
    validate(_ctx, issues, r) {
      if (r.notHeld === 'not_responsible') {
        issues.text('reply.reason', r.reason, '非本机关负责公开的答复必须说明理由（条例第三十六条第（五）项）');
        if (r.responsibleAgency && hasText(r.responsibleAgency.name) && !hasText(r.responsibleAgency.contact)) {
          issues.add('reply.responsibleAgency.contact', '能够确定负责公开的行政机关的，必须告知其名称和联系方式（条例第三十六条第（五）项）');
        }
      }
    },
    build(ctx, c, r) {
      const y = you(ctx.applicant.isOrganization);
      if (r.notHeld === 'not_responsible') {
        const ra = r.responsibleAgency;
        const known = ra && hasText(ra.name);
        return {
          blocks: [
            p(`经审查，${y}所申请公开的信息不属于本机关负责公开。${sentence(r.reason!)}`),
            p(
              `根据${c.cite('art36.5')}的规定，` +
                (known
                  ? `告知${y}负责公开该政府信息的行政机关为${ra.name.trim()}，联系方式：${clause(ra.contact!)}。${y}可以向该机关提出申请。`
                  : `告知${y}本机关不负责公开该政府信息。`),
            ),
          ],
        };
      }
      const searched = hasText(r.searchDescription) ? clause(r.searchDescription) : '对本机关制作或者获取的政府信息进行了检索';
      return {
        blocks: [p(`本机关收到申请后，${searched}，没有检索到${y}所申请公开的政府信息。根据${c.cite('art36.4')}的规定，告知${y}该政府信息不存在。`)],
      };
    },
  },
  unable_needs_creation: {
    build(ctx, c, r) {
      const y = you(ctx.applicant.isOrganization);
      const why = hasText(r.reason) ? `（${clause(r.reason)}）` : '';
      return {
        blocks: [
          p(`经审查，本机关没有${y}所申请的现成信息，需要对现有政府信息进行加工、分析${why}。`),
          p(
            `根据${c.cite('art38')}的规定，行政机关向申请人提供的信息，应当是已制作或者获取的政府信息；除能够作区分处理的外，` +
              '需要行政机关对现有政府信息进行加工、分析的，行政机关可以不予提供。因此，本机关不予提供。',
          ),
        ],
      };
    },
  },
  unable_unclear_after_correction: {
    validate(ctx, issues, r) {
      caseDate(ctx, issues, 'reply.correctionNoticeDate', r.correctionNoticeDate, '补正告知书日期', false);
      caseDate(ctx, issues, 'reply.correctionReceivedDate', r.correctionReceivedDate, '收到补正申请的日期', false);
    },
    build(ctx, c, r) {
      const y = you(ctx.applicant.isOrganization);
      const when = r.correctionNoticeDate ? `于${date(r.correctionNoticeDate)}` : '已';
      const no = hasText(r.correctionNoticeNumber) ? `（${r.correctionNoticeNumber.trim()}）` : '';
      const got = r.correctionReceivedDate ? `于${date(r.correctionReceivedDate)}` : '';
      return {
        blocks: [
          p(
            `本机关${when}依照${c.cite('art30')}的规定向${y}发出补正告知书${no}，给予指导和释明，并一次性告知需要补正的事项。` +
              `${y}${got}提交了补正后的申请，但补正后申请内容仍不明确，本机关无法确定${y}所申请公开的政府信息，无法提供。` +
              (hasText(r.reason) ? sentence(r.reason) : ''),
          ),
          p(`${y}可以在明确所需政府信息的名称、文号或者其他特征性描述后，重新提出申请。`),
        ],
      };
    },
  },
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
      const no = hasText(prev.docNumber) ? `（${prev.docNumber.trim()}）` : '';
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
      const no = hasText(r.correctionNoticeNumber) ? `（${r.correctionNoticeNumber.trim()}）` : '';
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
      const no = hasText(r.feeNoticeNumber) ? `（${r.feeNoticeNumber.trim()}）` : '';
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
    build(ctx, _c, r) {
      return { blocks: [p(`经审查，${sentence(r.reason!)}`)] };
    },
  },
};

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
    const no = hasText(r.correctionNoticeNumber) ? `（${r.correctionNoticeNumber.trim()}）` : '';
    const got = r.correctionReceivedDate ? `${y}于${date(r.correctionReceivedDate)}提交了补正后的申请，答复期限自该日起重新计算。` : '';
    out.push(`本机关于${date(r.correctionNoticeDate)}依照${c.cite('art30')}的规定向${y}发出补正告知书${no}，一次性告知需要补正的事项。${got}`);
  }
  if (r.extensionNoticeDate) {
    const no = hasText(r.extensionNoticeNumber) ? `（${r.extensionNoticeNumber.trim()}）` : '';
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
