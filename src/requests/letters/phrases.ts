/** Phrases shared by the letters: citations, addressing, the received-application sentence, remedies. */
import { formatChineseDate, isIsoDate } from '../../platform/documents/model.js';
import { REGULATION_NAME, articleLabel } from '../../rules/citations.js';
import type { OutcomeKey } from '../../rules/outcomes.js';
import { remediesText, remedyRoute } from '../../rules/remedies.js';
import type { LetterAgency, LetterContext, LetterIssue } from './context.js';

export { REGULATION_NAME, FEE_MEASURES_NAME, articleLabel } from '../../rules/citations.js';

/** Stands for the Regulation's name until the letter is assembled (see `nameRegulation`). */
const REG_MARK = '\u{E000}';

/**
 * Cites the Regulation within one letter and records every article cited. The name is written as a mark
 * and resolved by `nameRegulation` once the letter is assembled, so that the full name with
 * 「（以下简称《条例》）」 lands on the first citation in reading order, whatever order the parts were built in.
 */
export class Citer {
  readonly cited: string[] = [];

  /** 「《条例》第三十六条第（二）项」 (the first one in the letter becomes the full name). */
  cite(...keys: string[]): string {
    for (const k of keys) if (!this.cited.includes(k)) this.cited.push(k);
    return `${REG_MARK}${keys.map(articleLabel).join('、')}`;
  }

  /** The Regulation's name alone, e.g. 「依照《条例》的规定」. */
  reg(): string {
    return REG_MARK;
  }
}

/**
 * Resolves the Regulation marks in texts given in reading order: the first becomes
 * 「《中华人民共和国政府信息公开条例》（以下简称《条例》）」, the others 「《条例》」.
 */
export function nameRegulation(texts: string[]): string[] {
  let named = false;
  return texts.map((t) =>
    t.replace(/\u{E000}/gu, () => {
      if (named) return '《条例》';
      named = true;
      return `${REGULATION_NAME}（以下简称《条例》）`;
    }),
  );
}

/** 您 for a person, 你单位 for an organisation. */
export function you(isOrganization: boolean): string {
  return isOrganization ? '你单位' : '您';
}

/** 贵单位 / 您 for a consulted third party. */
export function politeYou(isOrganization: boolean): string {
  return isOrganization ? '贵单位' : '您';
}

export const date = formatChineseDate;

/** Text without a trailing full stop, to embed in a sentence. */
export function clause(text: string): string {
  return text.trim().replace(/[。．.；;，,]+$/, '');
}

/** Text ending in a full stop. */
export function sentence(text: string): string {
  const t = text.trim();
  return /[。！？!?]$/.test(t) ? t : `${clause(t)}。`;
}

const CHANNEL_PHRASE = { in_person: '当面', post: '以邮寄方式', online: '通过互联网渠道', fax: '通过传真' } as const;

/** 「“……”（文号：……）」: the information as the applicant described it (quoted unless `quoted` is false). */
export function requestedInformation(ctx: LetterContext, quoted = true): string {
  const number = ctx.case.documentNumberRequested?.trim();
  const text = clause(ctx.case.description);
  return `${quoted ? `“${text}”` : text}${number ? `（文号：${number}）` : ''}`;
}

/** The opening sentence of letters to the applicant: when and how the application arrived, and what it asks. */
export function receivedSentence(ctx: LetterContext): string {
  const y = you(ctx.applicant.isOrganization);
  return (
    `本机关于${date(ctx.case.receivedDate)}收到${y}${CHANNEL_PHRASE[ctx.case.channel]}提交的政府信息公开申请` +
    `（查询码：${ctx.case.trackingCode}），申请获取${requestedInformation(ctx)}的政府信息。`
  );
}

/**
 * The remedies paragraph of a reply (行政复议法第二十条、第二十二条、第二十三条; 行政诉讼法第四十五条、第四十六条;
 * 条例第五十一条): 复议 first for a refusal (the withheld part of a partial disclosure), the choice otherwise.
 * The rule and its reasoning live in src/rules/remedies.ts.
 */
export function remediesParagraph(
  agency: Pick<LetterAgency, 'reconsiderationBody' | 'court' | 'reconsiderationOnline'>,
  outcome?: OutcomeKey,
  opts: { replyDate?: string; noun?: '答复' | '决定' } = {},
): string {
  const route = outcome === undefined ? 'choice' : remedyRoute(outcome, opts.replyDate);
  return remediesText({ route, body: agency.reconsiderationBody, court: agency.court, online: agency.reconsiderationOnline, noun: opts.noun });
}

/** The 附注 with the disclosure office's contact details. */
export function contactNote(agency: LetterAgency): string {
  const parts = [
    `联系机构：${agency.officeName}`,
    `地址：${agency.address}${agency.postcode ? `（邮编：${agency.postcode}）` : ''}`,
    `联系电话：${agency.phone}`,
  ];
  if (agency.fax) parts.push(`传真：${agency.fax}`);
  if (agency.email) parts.push(`电子邮箱：${agency.email}`);
  return parts.join('；');
}

/** Yuan as written in notices: 5500元, 12.5元. */
export function yuan(amount: number): string {
  return `${Number.isInteger(amount) ? amount : amount.toFixed(2).replace(/0$/, '')}元`;
}

/** Collects validation issues with Chinese messages. */
export class Issues {
  readonly list: LetterIssue[] = [];

  add(field: string, message: string): void {
    this.list.push({ field, message });
  }

  /** A required non-empty text. */
  text(field: string, value: string | undefined, message: string): boolean {
    if (typeof value === 'string' && value.trim()) return true;
    this.add(field, message);
    return false;
  }

  /** A required valid date; `label` names it in the message. */
  date(field: string, value: string | undefined, label: string): boolean {
    if (value === undefined || value === '') {
      this.add(field, `缺少${label}`);
      return false;
    }
    if (!isIsoDate(value)) {
      this.add(field, `${label}不是有效日期（应为YYYY-MM-DD）`);
      return false;
    }
    return true;
  }

  /** An optional date: checked only when present. */
  optionalDate(field: string, value: string | undefined, label: string): boolean {
    return value === undefined || value === '' ? false : this.date(field, value, label);
  }
}
