import { OUTCOME_KEYS } from '../../rules/outcomes.js';
import { OTHER_SUB_ROW_KEYS, requestRow } from '../../rules/report/format.js';
import type { RequestRowKey } from '../../rules/report/types.js';
import { norm, type Token } from './document.js';

export type ValueToken = Extract<Token, { kind: 'value' | 'blank' }>;

export const HEADER = 'header' as const;
export type RowMatch = RequestRowKey | typeof HEADER | null;

export const MAX_LABEL = 64;
export const ENUM_START = /^(?:\([一二三四五六七八九十]{1,2}\)|\d{1,2}[.、]|[一二三四五六][、])/;

export interface MatchContext {
  /** The row read last. */
  previous?: RequestRowKey | null;
  sawOutcome: boolean;
  sawOtherSub: boolean;
  has: (k: RequestRowKey) => boolean;
  nextIsValue: boolean;
}

/** Which table-3 row a label (normalised) opens, a group heading, or nothing. */
export function matchRequestLabel(label: string, ctx: MatchContext): RowMatch {
  const t = label.replace(/[“”"「」『』]/g, '');
  if (!t || t.length > MAX_LABEL || /[。]/.test(t)) return null;
  const body = t.replace(ENUM_START, '');
  if (/\(七\)|^七[、.]?总计/.test(t)) return 'total';
  if (/^总计$|^合计$/.test(body)) return ctx.sawOutcome && !ctx.has('total') && ctx.nextIsValue ? 'total' : null;
  if (/本年新收|新收.{0,12}申请/.test(t)) return 'new';
  if (/上一?年度?结转|上年度?转入/.test(t)) return 'carried_in';
  if (/结转下一?年|下一?年度继续|转入下一?年/.test(t)) return 'carried_out';
  if (/逾期不补|不补正/.test(t)) return 'other_no_correction';
  if (/收费通知|缴纳费用|未按收费|逾期未缴|逾期未按/.test(t)) return 'other_fee_unpaid';
  if (/^其他$/.test(body) && /^\d/.test(t) && ctx.sawOtherSub) return 'other_misc';
  if (/^其他$/.test(t) && ctx.sawOtherSub && ctx.nextIsValue && !ctx.has('other_misc')) return 'other_misc';
  if (/部分公开/.test(t)) return 'partly_disclosed';
  if (/予以公开/.test(t)) return 'disclosed';
  if (/国家秘密/.test(t)) return 'withheld_state_secret';
  if (/禁止公开|法律行政.{0,3}止公开|其他法律行政/.test(t)) return 'withheld_prohibited';
  if (/三安全|一稳定|危及/.test(t)) return 'withheld_security_stability';
  if (/第三方/.test(t)) return 'withheld_third_party';
  if (/内部事务/.test(t)) return 'withheld_internal_affairs';
  if (/过程性/.test(t)) return 'withheld_process_info';
  if (/执法案卷/.test(t)) return 'withheld_enforcement_files';
  if (/查询事项/.test(t)) return 'withheld_query_matter';
  if (/不掌握/.test(t)) return 'unable_not_held';
  if (/另行制作|现成信息/.test(t)) return 'unable_needs_creation';
  if (/仍不明确|补正后/.test(t)) return 'unable_unclear_after_correction';
  if (/信访|举报|投诉/.test(t)) return 'not_processed_petition';
  if (/大量反复|反复申请/.test(t)) return 'not_processed_mass_repeat';
  if (/重复申请/.test(t)) return 'not_processed_repeat';
  if (/出版物/.test(t)) return 'not_processed_publication';
  if (/确认或重新|重新出具|已获取信息/.test(t)) return 'not_processed_confirm_reissue';
  if (/^\(六\)|^六、|其他处理/.test(t)) return ctx.sawOtherSub ? HEADER : 'other';
  // 「（一）予以」「（二）部分」 are rows whose label wrapped, not group headings.
  if (/^\([一二]\)/.test(t)) return null;
  if (/^\([一二三四五]\)|本年度办理结果|办理结果$|^不予公开$|^无法提供$|^不予处理$/.test(t)) return HEADER;
  return ctx.nextIsValue ? (fuzzyRequestLabel(body) ?? nextInSequence(t, ctx)) : null;
}

/** Table 3's rows in the format's order (the outcome rows as src/rules/outcomes.ts lists them). */
const SEQUENCE: RequestRowKey[] = ['new', 'carried_in', ...OUTCOME_KEYS, 'total', 'carried_out'];

/**
 * A numbered label that no pattern recognises (misspelt beyond recognition) but that follows a row of the same
 * group: by the format's row sequence it is the next row of that group (「2.重夏申请」 after 「1.信访举报投诉类申请」).
 */
function nextInSequence(t: string, ctx: MatchContext): RequestRowKey | null {
  const m = t.match(/^(\d)[.、]/);
  if (!m || !ctx.previous) return null;
  const prev = ctx.previous;
  const i = SEQUENCE.indexOf(prev);
  const next = SEQUENCE[i + 1];
  if (!next || ctx.has(next)) return null;
  const group = (k: RequestRowKey) => ((OTHER_SUB_ROW_KEYS as readonly string[]).includes(k) ? 'other' : requestRow(k).group);
  if (group(next) !== group(prev) || group(prev) === undefined) return null;
  // The number printed must be the next row's number within its group.
  const firstOfGroup = SEQUENCE.findIndex((k) => group(k) === group(next));
  return Number(m[1]) === SEQUENCE.indexOf(next) - firstOfGroup + 1 ? next : null;
}

/** The official row labels (without numbering), for labels misspelt by OCR. */
const OFFICIAL_LABELS: [RequestRowKey, string][] = (
  ['new', 'carried_in', ...OUTCOME_KEYS.filter((k) => k !== 'other_misc'), 'carried_out'] as RequestRowKey[]
).map((k) => [k, norm(requestRow(k).label).replace(/\(区分处理的.*$/, '')]);

function bigrams(s: string): Set<string> {
  const out = new Set<string>();
  for (let i = 0; i + 1 < s.length; i++) out.add(s.slice(i, i + 2));
  return out;
}

const OFFICIAL_BIGRAMS = OFFICIAL_LABELS.map(([k, l]) => [k, bigrams(l)] as const);

/**
 * A label no pattern recognised, matched to the official label it shares most two-character pieces with (Dice
 * coefficient at least 0.6, and clearly better than the next): 「本机关不拿握相关政府信息」 is 不掌握.
 */
function fuzzyRequestLabel(body: string): RequestRowKey | null {
  if (body.length < 4 || body.length > 40) return null;
  const b = bigrams(body);
  let best: RequestRowKey | null = null;
  let bestScore = 0;
  let second = 0;
  for (const [k, l] of OFFICIAL_BIGRAMS) {
    let common = 0;
    for (const x of b) if (l.has(x)) common++;
    const score = (2 * common) / (b.size + l.size);
    if (score > bestScore) {
      second = bestScore;
      bestScore = score;
      best = k;
    } else if (score > second) second = score;
  }
  return bestScore >= 0.6 && bestScore - second >= 0.15 ? best : null;
}
