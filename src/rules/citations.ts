/**
 * The one table of the law's articles, periods and phrases that Gongkai cites: the clock trace, the
 * letters, the portal, the CLI and the console all read their numbers and article labels from here, so a
 * period or a paragraph number is written once.
 *
 * Sources (checked for this table):
 * - 《中华人民共和国政府信息公开条例》 (国务院令第711号, in force 2019-05-15). 第三十三条 has three
 *   paragraphs: 第一款 answer on the spot when possible; 第二款 otherwise within 20 working days of receipt,
 *   extension by at most 20 working days with the consent of the head of the disclosure office, applicant
 *   informed; 第三款 the time of consulting third parties and other agencies is not counted. 第三十条:
 *   correction request within 7 working days of receipt. 第三十二条、第三十四条: the consulted party answers
 *   within 15 working days. 第二十六条: proactive disclosure within 20 working days.
 * - 《政府信息公开信息处理费管理办法》 (国办函〔2020〕109号): the fee is paid within 20 working days.
 * - 《中华人民共和国行政复议法》 (revised 2023-09-01, in force 2024-01-01): 第二十条 60 days to apply;
 *   第二十二条 an agency that delivers its decision online provides an online channel to file 复议;
 *   第二十三条第一款第（四）项 and 第二款 复议 first when a disclosure application is refused, and the agency
 *   says so; 第二十四条 the government above a department / managed organisation is the 复议机关;
 *   第二十七条 vertically led agencies (customs, finance, foreign exchange, tax, state security): the upper
 *   department; 第四十八条 the respondent answers within 10 days of receiving the application copy;
 *   第五十三条第一款第（四）项、第五十四条 simplified procedure (disclosure cases qualify): 5 days;
 *   第八十八条第二款 the 3/5/7/10-day periods of the law are working days.
 * - 《中华人民共和国行政诉讼法》 第四十五条 (15 days after the 复议 decision), 第四十六条 (6 months).
 */

/** The Regulation's full name and its short form in letters. */
export const REGULATION_NAME = '《中华人民共和国政府信息公开条例》';
export const REGULATION_SHORT = '《条例》';
export const RECONSIDERATION_LAW_NAME = '《中华人民共和国行政复议法》';
export const LITIGATION_LAW_NAME = '《中华人民共和国行政诉讼法》';
export const FEE_MEASURES_NAME = '《政府信息公开信息处理费管理办法》（国办函〔2020〕109号）';

/** Article keys of the Regulation → their Chinese label (第三十六条第（三）项). */
export const ARTICLE_LABELS: Readonly<Record<string, string>> = Object.freeze({
  art14: '第十四条',
  art15: '第十五条',
  'art16.1': '第十六条第一款',
  'art16.2': '第十六条第二款',
  art26: '第二十六条',
  'art29.2': '第二十九条第二款',
  art30: '第三十条',
  art31: '第三十一条',
  art32: '第三十二条',
  art33: '第三十三条',
  'art33.1': '第三十三条第一款',
  'art33.2': '第三十三条第二款',
  'art33.3': '第三十三条第三款',
  art34: '第三十四条',
  art35: '第三十五条',
  'art36.1': '第三十六条第（一）项',
  'art36.2': '第三十六条第（二）项',
  'art36.3': '第三十六条第（三）项',
  'art36.4': '第三十六条第（四）项',
  'art36.5': '第三十六条第（五）项',
  'art36.6': '第三十六条第（六）项',
  'art36.7': '第三十六条第（七）项',
  art37: '第三十七条',
  art38: '第三十八条',
  art39: '第三十九条',
  'art39.1': '第三十九条第一款',
  'art39.2': '第三十九条第二款',
  art40: '第四十条',
  art42: '第四十二条',
  'art42.1': '第四十二条第一款',
  art51: '第五十一条',
});

/** The Chinese label of a Regulation article key; throws on an unknown key (a programming error). */
export function articleLabel(key: string): string {
  const label = Object.hasOwn(ARTICLE_LABELS, key) ? ARTICLE_LABELS[key] : undefined;
  if (label === undefined) throw new Error(`no label for article ${key}`);
  return label;
}

/** 「条例第三十三条第二款」: an article as cited in short notes (trace, messages). */
export function cite(key: string): string {
  let text = CITED.get(key);
  if (text === undefined) {
    text = `条例${articleLabel(key)}`;
    CITED.set(key, text);
  }
  return text;
}

const CITED = new Map<string, string>();

export type PeriodUnit = 'working_days' | 'days' | 'months';

export interface Period {
  /** The number of units. */
  count: number;
  unit: PeriodUnit;
  /** Where the period is written (a Chinese citation, e.g. 「条例第三十三条第二款」). */
  source: string;
}

function period(count: number, unit: PeriodUnit, source: string): Period {
  return Object.freeze({ count, unit, source });
}

/** Every period Gongkai counts, with its source. */
export const PERIODS = Object.freeze({
  /** 条例第三十三条第二款: reply within 20 working days of receipt. */
  reply: period(20, 'working_days', cite('art33.2')),
  /** 条例第三十三条第二款: one extension of at most 20 working days. */
  extension: period(20, 'working_days', cite('art33.2')),
  /** 条例第三十条: correction request within 7 working days of receipt. */
  correctionRequest: period(7, 'working_days', cite('art30')),
  /** 条例第三十二条: a third party answers within 15 working days. */
  thirdPartyConsultation: period(15, 'working_days', cite('art32')),
  /** 条例第三十四条: another agency answers within 15 working days (silence = consent). */
  agencyConsultation: period(15, 'working_days', cite('art34')),
  /** 国办函〔2020〕109号: the fee is paid within 20 working days of the notice. */
  feePayment: period(20, 'working_days', '国办函〔2020〕109号'),
  /** 条例第二十六条: proactive disclosure within 20 working days of forming or changing. */
  proactive: period(20, 'working_days', cite('art26')),
  /** 行政复议法第二十条: 复议 within 60 days of knowing the decision. */
  reconsiderationApplication: period(60, 'days', '《行政复议法》第二十条'),
  /** 行政诉讼法第四十六条: direct litigation within 6 months. */
  litigationDirect: period(6, 'months', '《行政诉讼法》第四十六条'),
  /** 行政诉讼法第四十五条: litigation within 15 days of receiving the 复议 decision. */
  litigationAfterReconsideration: period(15, 'days', '《行政诉讼法》第四十五条'),
  /** 行政复议法第四十八条 (with 第八十八条第二款: working days): the respondent's written answer. */
  appealAnswer: period(10, 'working_days', '《行政复议法》第四十八条'),
  /** 行政复议法第五十四条: the answer under the simplified procedure (第五十三条). */
  appealAnswerSimplified: period(5, 'working_days', '《行政复议法》第五十四条'),
});

export type PeriodKey = keyof typeof PERIODS;

const UNIT_TEXT: Record<PeriodUnit, string> = { working_days: '个工作日', days: '日', months: '个月' };

/** 「20个工作日」「60日」「6个月」. */
export function spanText(key: PeriodKey): string {
  const p = PERIODS[key];
  return `${p.count}${UNIT_TEXT[p.unit]}`;
}

/** The periods in working days as plain numbers (the clock counts with them). */
export const REPLY_WORKING_DAYS = PERIODS.reply.count;
export const EXTENSION_WORKING_DAYS = PERIODS.extension.count;
export const CORRECTION_REQUEST_WORKING_DAYS = PERIODS.correctionRequest.count;
export const CONSULTATION_WORKING_DAYS = PERIODS.thirdPartyConsultation.count;
export const FEE_PAYMENT_WORKING_DAYS = PERIODS.feePayment.count;
export const PROACTIVE_WORKING_DAYS = PERIODS.proactive.count;
export const APPEAL_ANSWER_WORKING_DAYS = PERIODS.appealAnswer.count;
export const APPEAL_ANSWER_SIMPLIFIED_WORKING_DAYS = PERIODS.appealAnswerSimplified.count;
/** Staff are warned this many working days before a deadline (correction request; a Gongkai choice). */
export const WARNING_WORKING_DAYS_BEFORE = 2;

/**
 * Sentences about the periods, as shown to applicants and staff (portal guide, forms, console hints).
 * Each one names its period through `spanText` and its article through `cite`.
 */
export const PHRASES = Object.freeze({
  /** The reply period. */
  reply: `自收到申请之日起${spanText('reply')}内予以答复（${cite('art33.2')}）`,
  /** The reply period counted from the confirmed receipt. */
  replyFromNextDay: `答复期限自收到申请的次日起计算${spanText('reply')}（${cite('art33.2')}）`,
  /** The reply period restarting after a correction. */
  replyRestartsAfterCorrection: `自收到补正申请之日起重新计算${spanText('reply')}（${cite('art30')}）`,
  /** The extension. */
  extension: `经政府信息公开工作机构负责人同意并告知申请人，可以延长答复期限，延长的期限最长不得超过${spanText('extension')}（${cite('art33.2')}）`,
  /** Only one extension. */
  extensionOnce: `答复期限只能延长一次，最长不超过${spanText('extension')}（${cite('art33.2')}）`,
  /** The correction request window. */
  correctionRequest: `申请内容不明确的，应当自收到申请之日起${spanText('correctionRequest')}内一次性告知申请人作出补正（${cite('art30')}）`,
  /** Consultations are not counted. */
  consultationNotCounted: `征求第三方和其他机关意见所需时间不计算在答复期限内（${cite('art33.3')}）`,
  /** The consulted party's period. */
  consultation: `被征求意见的第三方或者机关应当自收到征求意见书之日起${spanText('thirdPartyConsultation')}内提出意见（${cite('art32')}、${cite('art34')}）`,
  /** The fee payment period. */
  feePayment: `申请人应当自收到收费通知次日起${spanText('feePayment')}内缴纳信息处理费（国办函〔2020〕109号）`,
  /** Proactive disclosure. */
  proactive: `属于主动公开范围的政府信息，应当自该信息形成或者变更之日起${spanText('proactive')}内予以公开（${cite('art26')}）`,
});
