/** Complete letter contexts for every kind and the remedies paragraphs written out by hand, shared by the letter tests. */
import { renderText } from '../../platform/documents/index.js';
import { outcome, type OutcomeKey } from '../../rules/outcomes.js';
import { composeLetter, type LetterContext, type LetterKind, type ReplyFields, type STEP_KINDS } from './index.js';

export const base: LetterContext = {
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
export const REPLY_FIELDS: Record<OutcomeKey, ReplyFields> = {
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

export const STEP_FIELDS: Record<(typeof STEP_KINDS)[number], Partial<LetterContext>> = {
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

export function contextFor(kind: LetterKind): LetterContext {
  const key = kind.startsWith('reply:') ? (kind.slice(6) as OutcomeKey) : undefined;
  if (key) return { ...base, reply: REPLY_FIELDS[key] };
  return { ...base, ...STEP_FIELDS[kind as keyof typeof STEP_FIELDS] };
}

/** All text of a composed document, one paragraph a line. */
export function textOf(kind: LetterKind, ctx = contextFor(kind)): string {
  return renderText(composeLetter(kind, ctx));
}

/** The remedies paragraph by the 2023 行政复议法, written out by hand for the base agency (枣庄市人民政府, 市中区法院). */
const FIRST =
  '依照《中华人民共和国行政复议法》第二十三条第一款第（四）项的规定，应当先自收到本答复之日起60日内向枣庄市人民政府申请行政复议；' +
  '对行政复议决定不服的，可以自收到行政复议决定书之日起15日内依法向枣庄市市中区人民法院提起行政诉讼。';
export const CHOICE = '可以自收到本答复之日起60日内向枣庄市人民政府申请行政复议，也可以自收到本答复之日起6个月内依法向枣庄市市中区人民法院提起行政诉讼。';
export function expectedRemedies(key: OutcomeKey): string {
  const group = outcome(key).group;
  if (group === 'withheld') return `如对本答复不服，${FIRST}`;
  if (group === 'partly_disclosed') return `如对本答复中不予公开的部分不服，${FIRST}如对本答复的其他内容不服，${CHOICE}`;
  return `如对本答复不服，${CHOICE}`;
}
