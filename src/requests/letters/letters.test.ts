import JSZip from 'jszip';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { renderDocx, renderHtml, renderText } from '../../platform/documents/index.js';
import { OUTCOMES, outcome, type OutcomeKey } from '../../rules/outcomes.js';
import { reconsiderationBodyOf, type RemedyAgency } from '../../rules/remedies.js';
import {
  articleLabel,
  composeLetter,
  draftLetter,
  LETTER_KINDS,
  LetterValidationError,
  replyKind,
  STEP_KINDS,
  validateLetter,
  type LetterContext,
  type LetterKind,
  type ReplyFields,
} from './index.js';

const base: LetterContext = {
  agency: {
    name: '枣庄市信访局',
    officeName: '枣庄市信访局办公室',
    address: '枣庄市市中区光明路1号',
    postcode: '277100',
    phone: '0632-3311234',
    email: 'xfj@example.gov.cn',
    website: 'https://xfj.example.gov.cn',
    reconsiderationBody: '枣庄市人民政府',
    court: '枣庄市市中区人民法院',
  },
  applicant: { name: '张三', isOrganization: false },
  case: { trackingCode: 'ZZXF-2026-0012', receivedDate: '2026-11-03', description: '2025年度信访工作经费预算执行情况', channel: 'online' },
  letter: { docNumber: '枣信访依申复〔2026〕12号', date: '2026-11-25' },
};

/** Complete reply fields for each outcome. */
const REPLY_FIELDS: Record<OutcomeKey, ReplyFields> = {
  disclosed: { provision: { form: 'paper', delivery: 'with_letter' }, items: ['枣庄市信访局2025年部门预算'] },
  partly_disclosed: {
    provision: { form: 'electronic', delivery: 'email', detail: 'zhangsan@example.com' },
    withheldParts: '附件3中的个人身份证号码和住址',
    withheldBasis: 'withheld_third_party',
    reason: '该部分属于个人隐私，公开会对第三方合法权益造成损害',
    items: ['关于某事项的处理意见'],
  },
  withheld_state_secret: { reason: '该文件已依法确定为秘密级国家秘密' },
  withheld_prohibited: { reason: '《中华人民共和国档案法》有关规定禁止公开' },
  withheld_security_stability: { reason: '公开后可能危及社会稳定' },
  withheld_third_party: { reason: '该信息涉及第三方的商业秘密', thirdPartyOpinion: 'objected' },
  withheld_internal_affairs: { reason: '该信息属于本机关人事管理方面的内部事务信息' },
  withheld_process_info: { reason: '该信息属于内部讨论记录' },
  withheld_enforcement_files: { reason: '该信息属于行政执法案卷' },
  withheld_query_matter: { reason: '不动产登记资料，应当依照《不动产登记暂行条例》的规定向不动产登记机构申请查询' },
  unable_not_held: { searchDescription: '对本机关档案室和各科室的文件进行了检索' },
  unable_needs_creation: { reason: '需要对多年的来信来访数据重新统计' },
  unable_unclear_after_correction: { correctionNoticeDate: '2026-11-06', correctionReceivedDate: '2026-11-12' },
  not_processed_petition: { alternativeChannel: '信访渠道' },
  not_processed_repeat: { previousReply: { date: '2026-10-10', docNumber: '枣信访依申复〔2026〕8号' } },
  not_processed_publication: { publicationSource: '该公报可以在枣庄市人民政府门户网站“政府公报”栏目查阅' },
  not_processed_mass_repeat: { reasonsRequestedDate: '2026-11-10', reason: '申请人未说明理由' },
  not_processed_confirm_reissue: { alternativeChannel: '档案查询渠道' },
  other_no_correction: { correctionNoticeDate: '2026-11-06', correctionDeadline: '2026-11-20' },
  other_fee_unpaid: { feeNoticeDate: '2026-11-05' },
  other_misc: { reason: '申请人撤回了申请，本机关终止办理' },
};

/** The articles each reply must cite with the fields above (partly_disclosed adds its withheld part's basis, Art. 15). */
const EXPECTED_ARTICLES: Record<OutcomeKey, string[]> = {
  disclosed: ['art36.2'],
  partly_disclosed: ['art37', 'art15', 'art36.3'],
  withheld_state_secret: ['art14', 'art36.3'],
  withheld_prohibited: ['art14', 'art36.3'],
  withheld_security_stability: ['art14', 'art36.3'],
  withheld_third_party: ['art15', 'art32', 'art36.3'],
  withheld_internal_affairs: ['art16.1', 'art36.3'],
  withheld_process_info: ['art16.2', 'art36.3'],
  withheld_enforcement_files: ['art16.2', 'art36.3'],
  withheld_query_matter: ['art36.7'],
  unable_not_held: ['art36.4'],
  unable_needs_creation: ['art38'],
  unable_unclear_after_correction: ['art30'],
  not_processed_petition: ['art39.1'],
  not_processed_repeat: ['art36.6'],
  not_processed_publication: ['art39.2'],
  not_processed_mass_repeat: ['art35'],
  not_processed_confirm_reissue: ['art39'],
  other_no_correction: ['art30'],
  other_fee_unpaid: ['art42'],
  other_misc: [],
};

const STEP_FIELDS: Record<(typeof STEP_KINDS)[number], Partial<LetterContext>> = {
  receipt: { receipt: { dueDate: '2026-12-01' } },
  correction_notice: {
    correction: { items: ['请写明所需文件的名称或者文号', '请提供身份证明复印件'], deadline: '2026-12-10', guidance: '可以写明文件的制作机关和大致时间' },
  },
  extension_notice: { extension: { newDueDate: '2026-12-29', originalDueDate: '2026-12-01', workingDays: 20, reason: '申请公开的信息数量较多，需要调取档案' } },
  third_party_consultation: {
    thirdPartyConsultation: { thirdParty: { name: '枣庄某建筑有限公司', isOrganization: true }, interest: '商业秘密', replyBy: '2026-12-16' },
  },
  agency_consultation: { agencyConsultation: { otherAgency: '枣庄市财政局', replyBy: '2026-12-16' } },
  third_party_disclosure_notice: {
    thirdPartyDisclosure: {
      thirdParty: { name: '枣庄某建筑有限公司', isOrganization: true },
      information: '该公司承建的安置房项目质量检测报告',
      reason: '该信息涉及众多安置群众的居住安全',
      objectionDate: '2026-11-20',
    },
  },
  fee_notice: {
    fee: {
      method: 'per_application',
      quantity: 45,
      amount: 300,
      paymentMethod: '通过非税收入缴款码缴纳',
      payBy: '2026-12-24',
      breakdown: [{ range: '第41—50件', quantity: 1, unitPrice: 300, subtotal: 300 }],
    },
  },
  reasons_request: { reasonsRequest: { facts: '本月已向本机关提出申请45件', replyBy: '2026-12-05' } },
  deferral_notice: { deferral: { newDueDate: '2027-01-29', reason: '申请涉及的信息数量巨大' } },
};

function contextFor(kind: LetterKind): LetterContext {
  const key = kind.startsWith('reply:') ? (kind.slice(6) as OutcomeKey) : undefined;
  if (key) return { ...base, reply: REPLY_FIELDS[key] };
  return { ...base, ...STEP_FIELDS[kind as keyof typeof STEP_FIELDS] };
}

/** All text of a composed document, one paragraph a line. */
function textOf(kind: LetterKind, ctx = contextFor(kind)): string {
  return renderText(composeLetter(kind, ctx));
}

/** The remedies paragraph by the 2023 行政复议法, written out by hand for the base agency (枣庄市人民政府, 市中区法院). */
const FIRST =
  '依照《中华人民共和国行政复议法》第二十三条第一款第（四）项的规定，应当先自收到本答复之日起60日内向枣庄市人民政府申请行政复议；' +
  '对行政复议决定不服的，可以自收到行政复议决定书之日起15日内依法向枣庄市市中区人民法院提起行政诉讼。';
const CHOICE = '可以自收到本答复之日起60日内向枣庄市人民政府申请行政复议，也可以自收到本答复之日起6个月内依法向枣庄市市中区人民法院提起行政诉讼。';
function expectedRemedies(key: OutcomeKey): string {
  const group = outcome(key).group;
  if (group === 'withheld') return `如对本答复不服，${FIRST}`;
  if (group === 'partly_disclosed') return `如对本答复中不予公开的部分不服，${FIRST}如对本答复的其他内容不服，${CHOICE}`;
  return `如对本答复不服，${CHOICE}`;
}

describe('LETTER_KINDS', () => {
  it('has a template for every step and every one of the 21 outcomes, with unique Chinese names', () => {
    expect(OUTCOMES).toHaveLength(21);
    const replies = LETTER_KINDS.filter((k) => k.category === 'reply');
    expect(replies.map((k) => k.outcome)).toEqual(OUTCOMES.map((o) => o.key));
    expect(LETTER_KINDS.filter((k) => k.category === 'step').map((k) => k.kind)).toEqual([...STEP_KINDS]);
    const names = LETTER_KINDS.map((k) => k.name);
    expect(new Set(names).size).toBe(names.length);
    for (const n of names) expect(n).toMatch(/[\u4e00-\u9fff]/);
    for (const k of ['受理回执', '补正告知书', '延期答复告知书', '征求第三方意见函', '征求其他机关意见函', '收费通知书']) {
      expect(names).toContain(k);
    }
    expect(names).toContain('不再处理告知书（逾期不补正）');
    expect(names).toContain('不再处理告知书（逾期未缴费）');
  });

  it('composes every kind from a complete context', () => {
    for (const def of LETTER_KINDS) {
      const issues = validateLetter(def.kind, contextFor(def.kind));
      expect(issues, def.kind).toEqual([]);
      const doc = composeLetter(def.kind, contextFor(def.kind));
      expect(doc.title).toBe(def.title);
      expect(doc.issuer).toBe('枣庄市信访局');
      expect(doc.signature).toEqual({ agency: '枣庄市信访局', date: '2026-11-25' });
      expect(doc.note).toContain('0632-3311234');
    }
  });
});

describe('replies', () => {
  for (const o of OUTCOMES) {
    it(`${o.key} cites ${EXPECTED_ARTICLES[o.key].join(', ') || 'no article'} and ends with the remedies`, () => {
      const kind = replyKind(o.key);
      const { doc, articles } = draftLetter(kind, contextFor(kind));
      const text = renderText(doc);
      // the expected articles are cited, in the letter and in the record, and belong to the taxonomy
      expect([...articles].sort()).toEqual([...EXPECTED_ARTICLES[o.key]].sort());
      for (const a of articles) {
        expect(text).toContain(articleLabel(a));
        // every citation is one the taxonomy lists for the outcome, or the withheld part's basis of a partial reply
        expect([...outcome(o.key).articles, ...(o.key === 'partly_disclosed' ? ['art15'] : [])]).toContain(a);
      }
      if (articles.length) expect(text).toContain('《中华人民共和国政府信息公开条例》（以下简称《条例》）');
      expect(text.match(/以下简称《条例》/g)?.length ?? 0).toBeLessThanOrEqual(1);
      // remedies always, right before the closing line
      const paragraphs = doc.blocks.filter((b) => b.type === 'paragraph').map((b) => (b.type === 'paragraph' ? b.text : ''));
      expect(paragraphs.at(-2)).toBe(expectedRemedies(o.key));
      expect(paragraphs.at(-1)).toMatch(/^特此(答复|告知)。$/);
      expect(doc.recipient).toBe('张三');
      expect(text).toContain('ZZXF-2026-0012');
    });
  }

  it('summarises the statute correctly for the key outcomes', () => {
    expect(textOf(replyKind('disclosed'))).toContain('（以下简称《条例》）第三十六条第（二）项的规定，本机关向您提供该政府信息');
    expect(textOf(replyKind('withheld_state_secret'))).toContain('第十四条规定，依法确定为国家秘密的政府信息，不予公开');
    expect(textOf(replyKind('withheld_state_secret'))).toContain('根据《条例》第三十六条第（三）项的规定，本机关决定不予公开');
    expect(textOf(replyKind('withheld_internal_affairs'))).toContain(
      '第十六条第一款规定，行政机关的内部事务信息，包括人事管理、后勤管理、内部工作流程等方面的信息，可以不予公开',
    );
    expect(textOf(replyKind('withheld_process_info'))).toContain('讨论记录、过程稿、磋商信函、请示报告等过程性信息');
    expect(textOf(replyKind('withheld_third_party'))).toContain('第三方不同意公开且有合理理由');
    const partly = textOf(replyKind('partly_disclosed'));
    expect(partly).toContain('能够作区分处理');
    expect(partly).toContain('对附件3中的个人身份证号码和住址不予公开的理由如下：该部分属于个人隐私');
    expect(partly).toContain('该部分属于个人隐私');
    expect(partly).toContain('第十五条规定'); // the withheld part's basis
    expect(partly).toContain('zhangsan@example.com');
    expect(textOf(replyKind('unable_not_held'))).toContain('告知您该政府信息不存在');
    expect(textOf(replyKind('unable_needs_creation'))).toContain('加工、分析');
    expect(textOf(replyKind('not_processed_repeat'))).toContain('2026年10月10日');
    expect(textOf(replyKind('not_processed_repeat'))).toContain('不予重复处理');
    expect(textOf(replyKind('not_processed_petition'))).toContain('信访、投诉、举报等活动');
    expect(textOf(replyKind('not_processed_petition'))).toContain('不作为政府信息公开申请处理');
    expect(textOf(replyKind('not_processed_publication'))).toContain('政府公报、报刊、书籍等公开出版物');
    expect(textOf(replyKind('not_processed_mass_repeat'))).toContain('数量、频次明显超过合理范围');
    expect(textOf(replyKind('withheld_query_matter'))).toContain('依照有关法律、行政法规的规定办理');
    const noCorrection = textOf(replyKind('other_no_correction'));
    expect(noCorrection).toContain('不再处理告知书');
    expect(noCorrection).toContain('无正当理由逾期未补正');
    expect(noCorrection).toContain('视为放弃');
    const feeUnpaid = textOf(replyKind('other_fee_unpaid'));
    expect(feeUnpaid).toContain('国办函〔2020〕109号');
    expect(feeUnpaid).toContain('视为放弃');
    expect(feeUnpaid).toContain('现告知如下：');
    const early = validateLetter(replyKind('other_fee_unpaid'), { ...base, reply: { feeNoticeDate: '2026-10-20' } });
    expect(early.map((i) => i.message)).toContain('收费通知书日期应当在收到申请之日和本文书日期之间');
    const tooSoon = validateLetter(replyKind('other_no_correction'), {
      ...base,
      reply: { correctionNoticeDate: '2026-11-06', correctionDeadline: '2026-11-30' },
    });
    expect(tooSoon.map((i) => i.message)).toContain('补正期限届满后才能告知不再处理（条例第三十条）');
  });

  it('supports the Art. 36(1) and 36(5) variants', () => {
    const kindD = replyKind('disclosed');
    const pub = draftLetter(kindD, { ...base, reply: { disclosure: 'already_public', publishedAt: '本机关门户网站“政府信息公开”专栏' } });
    expect(pub.articles).toEqual(['art36.1']);
    expect(renderText(pub.doc)).toContain('已经主动公开');
    expect(validateLetter(kindD, { ...base, reply: { disclosure: 'already_public' } }).map((i) => i.message)).toContain(
      '已主动公开的信息必须告知获取的方式、途径（条例第三十六条第（一）项）',
    );

    const kindN = replyKind('unable_not_held');
    const other = draftLetter(kindN, {
      ...base,
      reply: { notHeld: 'not_responsible', reason: '该信息由枣庄市财政局制作', responsibleAgency: { name: '枣庄市财政局', contact: '0632-3310000' } },
    });
    expect(other.articles).toEqual(['art36.5']);
    const text = renderText(other.doc);
    expect(text).toContain('枣庄市财政局');
    expect(text).toContain('0632-3310000');
    const noContact = validateLetter(kindN, { ...base, reply: { notHeld: 'not_responsible', reason: 'x', responsibleAgency: { name: '枣庄市财政局' } } });
    expect(noContact.map((i) => i.field)).toContain('reply.responsibleAgency.contact');
    expect(validateLetter(kindN, { ...base, reply: { notHeld: 'not_responsible' } }).map((i) => i.message)).toContain(
      '非本机关负责公开的答复必须说明理由（条例第三十六条第（五）项）',
    );
  });

  it('describes each way of providing information', () => {
    const kind = replyKind('disclosed');
    const withLetter = composeLetter(kind, contextFor(kind));
    expect(withLetter.attachments).toEqual(['枣庄市信访局2025年部门预算']);
    expect(renderText(withLetter)).toContain('随本答复书一并提供（见附件）');
    const cases: [ReplyFields['provision'], string][] = [
      [{ form: 'paper', delivery: 'post', detail: '枣庄市薛城区某路2号' }, '以纸质形式邮寄至您提供的地址（枣庄市薛城区某路2号）'],
      [{ form: 'electronic', delivery: 'email', detail: 'a@example.com' }, '电子邮箱（a@example.com）'],
      [{ form: 'electronic', delivery: 'online' }, '凭查询码ZZXF-2026-0012在https://xfj.example.gov.cn下载'],
      [{ form: 'paper', delivery: 'pickup', detail: '2026年12月1日上午' }, '请您于2026年12月1日上午携带身份证明到枣庄市市中区光明路1号领取'],
      [{ form: 'inspection', detail: '2026年12月1日上午' }, '查阅、抄录相关政府信息'],
      [{ form: 'electronic', delivery: 'post', formChangedReason: '可能危及政府信息载体安全' }, '根据《条例》第四十条的规定，本机关以电子数据形式提供'],
    ];
    for (const [provision, expected] of cases) {
      expect(textOf(kind, { ...base, reply: { provision } })).toContain(expected);
    }
    const issues = validateLetter(kind, { ...base, reply: {} }).map((i) => i.message);
    expect(issues).toContain('必须写明提供政府信息的形式和方式（条例第三十六条第（二）项）');
    expect(validateLetter(kind, { ...base, reply: { provision: { form: 'paper', delivery: 'with_letter' } } }).map((i) => i.field)).toContain('reply.items');
    expect(validateLetter(kind, { ...base, reply: { provision: { form: 'inspection' } } }).map((i) => i.field)).toContain('reply.provision.detail');
  });

  it('addresses an organisation as 你单位', () => {
    const kind = replyKind('unable_not_held');
    const text = textOf(kind, { ...contextFor(kind), applicant: { name: '某律师事务所', isOrganization: true } });
    expect(text).toContain('某律师事务所：');
    expect(text).toContain('收到你单位通过互联网渠道提交');
    expect(text).not.toContain('您');
  });
});

describe('validation', () => {
  it('refuses a withheld reply without reasons, with the Chinese message', () => {
    for (const o of OUTCOMES.filter((x) => x.group === 'withheld' && x.key !== 'withheld_query_matter')) {
      const kind = replyKind(o.key);
      const ctx = { ...base, reply: { ...REPLY_FIELDS[o.key], reason: '  ' } };
      expect(validateLetter(kind, ctx)).toContainEqual({ field: 'reply.reason', message: '不予公开答复必须写明理由（条例第三十六条第（三）项）' });
      expect(() => composeLetter(kind, ctx)).toThrow(LetterValidationError);
    }
  });

  it('refuses every outcome that needs reasons when none is given', () => {
    for (const o of OUTCOMES.filter((x) => x.needsReason)) {
      const kind = replyKind(o.key);
      const { reason: _omit, ...rest } = REPLY_FIELDS[o.key];
      const issues = validateLetter(kind, { ...base, reply: rest });
      expect(
        issues.some((i) => i.field === 'reply.reason'),
        o.key,
      ).toBe(true);
    }
    try {
      composeLetter(replyKind('partly_disclosed'), { ...base, reply: { ...REPLY_FIELDS.partly_disclosed, reason: undefined } });
      expect.unreachable();
    } catch (e) {
      expect(e).toBeInstanceOf(LetterValidationError);
      expect((e as Error).message).toContain('部分公开答复必须对不予公开的内容说明理由（条例第三十七条）');
    }
  });

  it('requires the remedies bodies for replies, not for steps', () => {
    const ctx = { ...base, agency: { ...base.agency, reconsiderationBody: '', court: '' }, reply: REPLY_FIELDS.withheld_state_secret };
    const fields = validateLetter(replyKind('withheld_state_secret'), ctx).map((i) => i.field);
    expect(fields).toEqual(expect.arrayContaining(['agency.reconsiderationBody', 'agency.court']));
    expect(validateLetter('receipt', { ...ctx, ...STEP_FIELDS.receipt })).toEqual([]);
  });

  it('checks the common fields and dates', () => {
    const bad = { ...base, applicant: { name: '', isOrganization: false }, letter: { date: '2026-11-01' }, receipt: { dueDate: '2026-12-01' } };
    const messages = validateLetter('receipt', bad).map((i) => i.message);
    expect(messages).toContain('缺少申请人姓名或者名称');
    expect(messages).toContain('落款日期不得早于收到申请之日');
    expect(validateLetter('receipt', { ...base, letter: { date: '2026-11-31' } }).map((i) => i.message)).toContain('落款日期不是有效日期（应为YYYY-MM-DD）');
  });

  it('prints the agency’s 复议机关, court and online filing address in the remedies', () => {
    const ctx = {
      ...contextFor(replyKind('disclosed')),
      agency: { ...base.agency, reconsiderationBody: '山东省人民政府', court: '济南铁路运输法院', reconsiderationOnline: 'https://fy.example.gov.cn' },
    };
    const text = textOf(replyKind('disclosed'), ctx);
    expect(text).toContain(
      '可以自收到本答复之日起60日内向山东省人民政府申请行政复议（可以通过https://fy.example.gov.cn在线提交行政复议申请），也可以自收到本答复之日起6个月内依法向济南铁路运输法院提起行政诉讼。',
    );
  });

  it('a reply dated before 2024-01-01 kept the old choice (the 2023 law was not yet in force)', () => {
    const ctx = { ...contextFor(replyKind('withheld_state_secret')), case: { ...base.case, receivedDate: '2023-11-01' }, letter: { date: '2023-11-20' } };
    expect(textOf(replyKind('withheld_state_secret'), ctx)).toContain(`如对本答复不服，${CHOICE}`);
  });
});

describe('steps', () => {
  it('受理回执: received date (Art. 31), due date, tracking code and how to look it up', () => {
    const text = textOf('receipt');
    expect(text).toContain('第三十一条');
    expect(text).toContain('以双方确认之日为收到申请之日');
    expect(text).toContain('2026年11月3日');
    expect(text).toContain('即于2026年12月1日前作出答复');
    expect(text).toContain('20个工作日');
    expect(text).toContain('凭查询码ZZXF-2026-0012登录https://xfj.example.gov.cn查询办理进度');
    const mail = textOf('receipt', { ...contextFor('receipt'), case: { ...base.case, channel: 'post', ordinaryMail: true } });
    expect(mail).toContain('以本机关与您确认之日为收到申请之日');
    expect(validateLetter('receipt', { ...base, receipt: { dueDate: '2026-11-01' } }).map((i) => i.field)).toContain('receipt.dueDate');
  });

  it('补正告知书: one-time list, deadline, 视为放弃 (Art. 30)', () => {
    const { doc, articles } = draftLetter('correction_notice', contextFor('correction_notice'));
    const text = renderText(doc);
    expect(articles).toContain('art30');
    expect(text).toContain('一次性告知您需要补正的全部事项');
    expect(text).toContain('1.请写明所需文件的名称或者文号。');
    expect(text).toContain('2.请提供身份证明复印件。');
    expect(text).toContain('请您于2026年12月10日前');
    expect(text).toContain('答复期限自本机关收到补正的申请之日起计算');
    expect(text).toContain('无正当理由逾期不补正的，视为放弃申请，本机关不再处理该政府信息公开申请');
    expect(validateLetter('correction_notice', { ...base, correction: { items: [], deadline: '2026-11-20' } }).map((i) => i.message)).toEqual([
      '补正告知书必须一次性列明需要补正的全部事项（条例第三十条）',
      '补正期限必须晚于告知书日期（条例第三十条：合理的补正期限）',
    ]);
  });

  it('延期答复告知书: office head consent, at most 20 working days (Art. 33(2))', () => {
    const text = textOf('extension_notice');
    expect(text).toContain('第三十三条第二款');
    expect(text).toContain('经本机关政府信息公开工作机构负责人同意');
    expect(text).toContain('答复期限延长20个工作日');
    expect(text).toContain('将于2026年12月29日前作出答复');
    const over = validateLetter('extension_notice', { ...base, extension: { newDueDate: '2026-12-29', workingDays: 21 } });
    expect(over.map((i) => i.message)).toContain('延长的期限最长不得超过20个工作日（条例第三十三条第二款）');
  });

  it('征求第三方意见函: 15 working days, silence → the agency decides; the applicant stays anonymous', () => {
    const { doc, articles } = draftLetter('third_party_consultation', contextFor('third_party_consultation'));
    const text = renderText(doc);
    expect(articles).toEqual(['art32']);
    expect(doc.recipient).toBe('枣庄某建筑有限公司');
    expect(text).toContain('15个工作日内（即2026年12月16日前）');
    expect(text).toContain('逾期未提出意见的，由本机关依照《条例》的规定决定是否公开');
    expect(text).toContain('涉及贵单位的商业秘密');
    expect(text).toContain('意见回执');
    expect(text).not.toContain('张三');
    expect(text).not.toContain('ZZXF-2026-0012');
  });

  it('征求其他机关意见函: 15 working days, silence = consent (Art. 34)', () => {
    const { doc, articles } = draftLetter('agency_consultation', contextFor('agency_consultation'));
    const text = renderText(doc);
    expect(articles).toEqual(['art34']);
    expect(doc.recipient).toBe('枣庄市财政局');
    expect(text).toContain('15个工作日');
    expect(text).toContain('逾期未提出意见的，视为同意公开');
    expect(text).not.toContain('张三');
  });

  it('第三方公开决定告知书: content and reasons, with remedies (Arts. 15, 32)', () => {
    const { doc, articles } = draftLetter('third_party_disclosure_notice', contextFor('third_party_disclosure_notice'));
    const text = renderText(doc);
    expect(articles).toEqual(['art15', 'art32']);
    expect(text).toContain('决定公开的政府信息内容：该公司承建的安置房项目质量检测报告。');
    expect(text).toContain('如对本决定不服，可以自收到本决定之日起60日内向枣庄市人民政府申请行政复议');
  });

  it('收费通知书: basis, standard, amount, payment, 20 working days, 视为放弃, no separate appeal', () => {
    const { doc, articles } = draftLetter('fee_notice', contextFor('fee_notice'));
    const text = renderText(doc);
    expect(articles).toEqual(['art42.1']);
    expect(text).toContain('国办函〔2020〕109号');
    expect(text).toContain('按件计收');
    expect(text).toContain('11—30件（含30件）的部分，100元/件');
    expect(text).toContain('累计提出政府信息公开申请45件');
    expect(text).toContain('应缴纳信息处理费300元');
    expect(text).toContain('缴纳方式：通过非税收入缴款码缴纳。');
    expect(text).toContain('自收到本通知次日起20个工作日内（即2026年12月24日前）缴纳');
    expect(text).toContain('逾期未缴纳的，视为放弃申请');
    expect(text).toContain('不能单独就收费决定申请行政复议或者提起行政诉讼');
    expect(text).toContain('| 合计');
    const perPage = textOf('fee_notice', { ...base, fee: { method: 'per_page', quantity: 250, amount: 4700, paymentMethod: '银行转账' } });
    expect(perPage).toContain('按量计收');
    expect(perPage).toContain('共计250页');
    const free = validateLetter('fee_notice', { ...base, fee: { method: 'per_application', quantity: 10, amount: 100, paymentMethod: 'x' } });
    expect(free.map((i) => i.message)).toContain('同一申请人一个自然月内累计申请10件以下（含10件）的，不收费');
    const mismatch = validateLetter('fee_notice', {
      ...base,
      fee: { method: 'per_page', quantity: 40, amount: 100, paymentMethod: 'x', breakdown: [{ range: '31—40页', quantity: 10, unitPrice: 10, subtotal: 90 }] },
    });
    expect(mismatch.map((i) => i.field)).toContain('fee.breakdown');
  });

  it('Art. 35 letters: asking for reasons and deferring the reply', () => {
    const ask = textOf('reasons_request');
    expect(ask).toContain('第三十五条');
    expect(ask).toContain('请您于2026年12月5日前向本机关说明申请理由');
    const defer = textOf('deferral_notice');
    expect(defer).toContain('确定延迟答复的合理期限，将于2027年1月29日前作出答复');
    expect(defer).toContain('无法在《中华人民共和国政府信息公开条例》（以下简称《条例》）第三十三条规定的期限内答复');
  });

  it('steps other than the third-party decision carry no remedies paragraph', () => {
    for (const k of STEP_KINDS.filter((s) => s !== 'third_party_disclosure_notice')) {
      expect(textOf(k)).not.toContain('申请行政复议，或者在六个月内');
    }
  });
});

describe('rendering letters', () => {
  it('renders a .docx for every kind', async () => {
    for (const def of LETTER_KINDS) {
      const buf = await renderDocx(composeLetter(def.kind, contextFor(def.kind)));
      const xml = await (await JSZip.loadAsync(buf)).file('word/document.xml')!.async('string');
      expect(xml, def.kind).toContain(def.title);
      expect(xml).toContain('枣信访依申复〔2026〕12号');
      expect(xml).toContain('2026年11月25日');
      if (def.category === 'reply') expect(xml).toContain('枣庄市市中区人民法院提起行政诉讼');
    }
  });

  it('keeps staff-typed text inert in the HTML preview (property)', () => {
    fc.assert(
      fc.property(fc.string({ minLength: 1 }), (reason) => {
        fc.pre(reason.trim() !== '');
        const kind = replyKind('withheld_process_info');
        const html = renderHtml(composeLetter(kind, { ...base, reply: { reason: `<script>${reason}</script>` } }));
        return !/<script/i.test(html) && html.includes('&lt;script&gt;');
      }),
      { numRuns: 50 },
    );
  });

  it('is a pure function of its context', () => {
    for (const def of LETTER_KINDS) {
      expect(composeLetter(def.kind, contextFor(def.kind))).toEqual(composeLetter(def.kind, contextFor(def.kind)));
    }
  });
});

describe('remedies by the 2023 行政复议法, for every outcome and every kind of agency (must show 1)', () => {
  // A small tree: 枣庄市人民政府 > 枣庄市信访局 > 枣庄市人民来访接待中心; 市中区人民政府 under the city; 枣庄市税务局
  // (vertically led, its upper department outside the tree, set by hand) and its 市中区税务分局 (parent vertically led).
  const city: RemedyAgency = { name: '枣庄市人民政府', kind: 'government', verticallyLed: false, override: '山东省人民政府' };
  const xfj: RemedyAgency = { name: '枣庄市信访局', kind: 'department', verticallyLed: false };
  const unit: RemedyAgency = { name: '枣庄市人民来访接待中心', kind: 'unit', verticallyLed: false };
  const county: RemedyAgency = { name: '枣庄市市中区人民政府', kind: 'government', verticallyLed: false };
  const tax: RemedyAgency = { name: '国家税务总局枣庄市税务局', kind: 'department', verticallyLed: true, override: '国家税务总局山东省税务局' };
  const taxBranch: RemedyAgency = { name: '国家税务总局枣庄市市中区税务局', kind: 'department', verticallyLed: true };
  const cases: { label: string; agency: RemedyAgency; ancestors: RemedyAgency[]; body: string }[] = [
    { label: 'a department', agency: xfj, ancestors: [city], body: '枣庄市人民政府' },
    { label: 'a managed unit (under a department)', agency: unit, ancestors: [xfj, city], body: '枣庄市人民政府' },
    { label: 'a government', agency: county, ancestors: [city], body: '枣庄市人民政府' },
    { label: 'a vertically led agency', agency: taxBranch, ancestors: [tax, city], body: '国家税务总局枣庄市税务局' },
    { label: 'a vertically led agency whose upper department is set by hand', agency: tax, ancestors: [city], body: '国家税务总局山东省税务局' },
  ];

  for (const c of cases) {
    it(`${c.label}: 复议机关 ${c.body}; refusals state 复议 first, other replies keep the choice`, () => {
      const derived = reconsiderationBodyOf(c.agency, c.ancestors);
      expect(derived.name).toBe(c.body);
      expect(derived.basis).toMatch(/行政复议法》第二十[四七]条|由本机关设置/);
      for (const o of OUTCOMES) {
        const ctx = { ...contextFor(replyKind(o.key)), agency: { ...base.agency, name: c.agency.name, reconsiderationBody: derived.name } };
        const doc = composeLetter(replyKind(o.key), ctx);
        const paragraphs = doc.blocks.filter((b) => b.type === 'paragraph').map((b) => (b.type === 'paragraph' ? b.text : ''));
        const remedies = paragraphs.at(-2)!;
        expect(remedies, o.key).toBe(expectedRemedies(o.key).replaceAll('枣庄市人民政府', c.body));
        const refusal = o.group === 'withheld' || o.group === 'partly_disclosed';
        expect(remedies.includes('应当先自收到本答复之日起60日内'), o.key).toBe(refusal);
        expect(remedies.includes('也可以自收到本答复之日起6个月内'), o.key).toBe(!(o.group === 'withheld'));
      }
    });
  }

  it('the old demo error is gone: a unit under 信访局 does not name 信访局, and the root government needs its override', () => {
    expect(reconsiderationBodyOf({ ...unit, override: '' }, [xfj, city]).name).toBe('枣庄市人民政府');
    expect(reconsiderationBodyOf({ ...city, override: '' }, []).source).toBe('missing');
    expect(reconsiderationBodyOf({ ...tax, override: '' }, [city])).toMatchObject({ name: '', source: 'missing' });
  });
});
