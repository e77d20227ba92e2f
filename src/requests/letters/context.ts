/**
 * What a letter needs to know: the agency, the applicant, the case, the letter's own number and date, and
 * the fields of its kind. Dates are YYYY-MM-DD strings; due dates are computed by the reply clock
 * (rules/) and passed in, so the letters stay pure text composition.
 */
import type { OutcomeKey } from '../../rules/outcomes.js';

/** How the application reached the agency (条例第三十一条). */
export type ApplicationChannel = 'in_person' | 'post' | 'online' | 'fax';

export interface LetterAgency {
  /** 行政机关全称, e.g. 枣庄市信访局: the issuer and the signature. */
  name: string;
  /** 政府信息公开工作机构, e.g. 枣庄市信访局办公室. */
  officeName: string;
  address: string;
  phone: string;
  fax?: string;
  email?: string;
  postcode?: string;
  /** Where applicants follow their case with the tracking code. */
  website?: string;
  /** 行政复议机关, e.g. 枣庄市人民政府: set per agency, printed in every reply's remedies paragraph. */
  reconsiderationBody: string;
  /** The 复议机关's online filing address (行政复议法第二十二条), printed in the remedies when present. */
  reconsiderationOnline?: string;
  /** 管辖法院, e.g. 枣庄市市中区人民法院. */
  court: string;
}

export interface LetterApplicant {
  /** 姓名或者名称. */
  name: string;
  /** 法人或者其他组织 (addressed as 你单位) rather than a natural person (您). */
  isOrganization: boolean;
}

export interface LetterCase {
  /** 查询码. */
  trackingCode: string;
  /** 收到申请之日 (条例第三十一条), YYYY-MM-DD. */
  receivedDate: string;
  /** The information requested, as the applicant described it. */
  description: string;
  /** 文号 of the requested document, when the applicant gave one. */
  documentNumberRequested?: string;
  channel: ApplicationChannel;
  /** Posted as an ordinary letter that needs no signature (平常信函): received on the day of confirmation. */
  ordinaryMail?: boolean;
}

export interface LetterMeta {
  /** 发文字号, e.g. 枣信访依申复〔2026〕12号. */
  docNumber?: string;
  /** 成文日期, YYYY-MM-DD. */
  date: string;
  /** Sealed (加盖印章); default true. */
  seal?: boolean;
  /** 发文机关署名 when not the agency's name (e.g. a 政府信息公开专用章 in the office's name). */
  signatory?: string;
  /** 抄送. */
  cc?: string[];
}

/** 受理回执. */
export interface ReceiptFields {
  /** The reply due date computed by the clock (20 working days, 条例第三十三条第二款). */
  dueDate: string;
}

/** 补正告知书 (条例第三十条). */
export interface CorrectionFields {
  /** Everything the applicant must correct, told once (一次性告知). */
  items: string[];
  /** The reasonable correction deadline the agency sets (合理的补正期限). */
  deadline: string;
  /** 指导和释明: how to describe the information so that it can be found. */
  guidance?: string;
  /** Where and how to submit the corrected application; defaults to the disclosure office. */
  submitTo?: string;
}

/** 延期答复告知书 (条例第三十三条第二款). */
export interface ExtensionFields {
  /** The new due date. */
  newDueDate: string;
  /** The due date before the extension. */
  originalDueDate?: string;
  /** Working days added (at most 20). */
  workingDays?: number;
  /** Why the reply cannot be given in time. */
  reason?: string;
}

export interface ConsultedParty {
  name: string;
  isOrganization: boolean;
}

/** 征求第三方意见函 (条例第三十二条). */
export interface ThirdPartyConsultationFields {
  thirdParty: ConsultedParty;
  /** The information that may be disclosed; defaults to the case description. */
  information?: string;
  /** Which interest of the third party is concerned, e.g. 商业秘密 / 个人隐私. */
  interest?: string;
  /** 15 working days after the third party receives the letter, when known. */
  replyBy?: string;
  /** How to send the opinion back; defaults to the disclosure office's address. */
  replyTo?: string;
}

/** 征求其他机关意见函 (条例第三十四条). */
export interface AgencyConsultationFields {
  otherAgency: string;
  information?: string;
  replyBy?: string;
  replyTo?: string;
}

/** 第三方公开决定告知书: disclosure despite the third party's objection, in the public interest (条例第十五条、第三十二条). */
export interface ThirdPartyDisclosureFields {
  thirdParty: ConsultedParty;
  /** The content that will be disclosed (决定公开的政府信息内容). */
  information: string;
  /** Why not disclosing would seriously affect the public interest. */
  reason: string;
  /** When the third party objected, if it answered. */
  objectionDate?: string;
}

/** 收费通知书 (条例第四十二条, 国办函〔2020〕109号). */
export interface FeeFields {
  /** 按件计收 (per application in a natural month) or 按量计收 (per page). */
  method: 'per_application' | 'per_page';
  /** Applications counted this natural month including this one, or the pages provided. */
  quantity: number;
  /** The fee in yuan. */
  amount: number;
  /** How to pay (缴纳方式): account, QR code, counter … */
  paymentMethod: string;
  /** 20 working days from the day after the applicant receives the notice, when known. */
  payBy?: string;
  /** The progressive calculation, shown as a table; the subtotals must add up to `amount`. */
  breakdown?: { range: string; quantity: number; unitPrice: number; subtotal: number }[];
}

/** 说明理由告知书: the applicant is asked to explain a clearly excessive number or frequency (条例第三十五条). */
export interface ReasonsRequestFields {
  /** What makes the number or frequency excessive, e.g. 本月已提出申请45件. */
  facts: string;
  replyBy: string;
}

/** 延迟答复告知书: reasons accepted but the Art. 33 period cannot be met (条例第三十五条). */
export interface DeferralFields {
  newDueDate: string;
  reason?: string;
}

/** How information is provided (条例第三十六条第（二）项、第四十条). */
export interface Provision {
  form: 'paper' | 'electronic' | 'inspection';
  /**
   * with_letter: enclosed with the reply; post / email / online: sent; pickup: collected at the office.
   * Ignored for `inspection` (查阅、抄录 at the office).
   */
  delivery?: 'with_letter' | 'post' | 'email' | 'online' | 'pickup';
  /** Address, e-mail, download place, or date and time of pick-up or inspection. */
  detail?: string;
  /** Why the form differs from what the applicant asked for (条例第四十条). */
  formChangedReason?: string;
}

export type WithheldOutcomeKey = Extract<OutcomeKey, `withheld_${string}`>;

/** Fields of a reply (答复书); which ones are needed depends on the outcome. */
export interface ReplyFields {
  /** Staff-written reasons: required for withholding, partial disclosure, 大量反复申请, 其他处理 and Art. 36(5)/(7). */
  reason?: string;
  /** disclosed: provided now (第三十六条第（二）项, default) or already proactively disclosed (第（一）项). */
  disclosure?: 'provided' | 'already_public';
  /** disclosed (already_public): where it was published. */
  publishedAt?: string;
  provision?: Provision;
  /** Names of the documents provided; enclosed ones become the 附件 list. */
  items?: string[];
  /** partly_disclosed: which parts are withheld. */
  withheldParts?: string;
  /** partly_disclosed: the exemption the withheld parts fall under, adding its article to the reasons. */
  withheldBasis?: WithheldOutcomeKey;
  /** withheld_third_party: the third party objected, or did not answer within 15 working days (第三十二条). */
  thirdPartyOpinion?: 'objected' | 'no_reply';
  /** unable_not_held: does not exist (第三十六条第（四）项, default) or another agency is responsible (第（五）项). */
  notHeld?: 'not_exist' | 'not_responsible';
  /** unable_not_held (not_exist): how the agency searched. */
  searchDescription?: string;
  /** unable_not_held (not_responsible): the responsible agency, when it can be identified. */
  responsibleAgency?: { name: string; contact?: string };
  /** not_processed_repeat: the earlier reply. */
  previousReply?: { date: string; docNumber?: string };
  /** not_processed_petition / confirm_reissue: the proper channel. */
  alternativeChannel?: string;
  /** not_processed_publication: where to obtain the publication. */
  publicationSource?: string;
  /** not_processed_mass_repeat: when the applicant was asked for reasons. */
  reasonsRequestedDate?: string;
  /**
   * The correction notice: recited by every reply when there was one (unable_unclear_after_correction and
   * other_no_correction rest on it), with the day the corrected application arrived.
   */
  correctionNoticeDate?: string;
  correctionNoticeNumber?: string;
  correctionDeadline?: string;
  /** unable_unclear_after_correction: when the corrected application arrived. */
  correctionReceivedDate?: string;
  /**
   * The 延期答复告知书 the applicant was given (条例第三十三条第二款): every reply recites it, with the extended
   * due date. Filled from the case's ledger (released notices only).
   */
  extensionNoticeDate?: string;
  extensionNoticeNumber?: string;
  extendedDueDate?: string;
  /** other_fee_unpaid: the fee notice. */
  feeNoticeDate?: string;
  feeNoticeNumber?: string;
}

export interface LetterContext {
  agency: LetterAgency;
  applicant: LetterApplicant;
  case: LetterCase;
  letter: LetterMeta;
  receipt?: ReceiptFields;
  correction?: CorrectionFields;
  extension?: ExtensionFields;
  thirdPartyConsultation?: ThirdPartyConsultationFields;
  agencyConsultation?: AgencyConsultationFields;
  thirdPartyDisclosure?: ThirdPartyDisclosureFields;
  fee?: FeeFields;
  reasonsRequest?: ReasonsRequestFields;
  deferral?: DeferralFields;
  reply?: ReplyFields;
}

/** A problem that stops a letter from being composed; `message` is Chinese, for staff. */
export interface LetterIssue {
  /** Dotted path of the field, e.g. `reply.reason`. */
  field: string;
  message: string;
}
