/**
 * Processing fees (信息处理费) under 《政府信息公开信息处理费管理办法》 (国办函〔2020〕109号), which implements
 * 条例第四十二条: providing information is free unless the number or frequency of applications clearly
 * exceeds a reasonable range. Two methods, both progressive (超额累进: each tier's rate applies only to
 * the part inside that tier), and for each application the agency uses ONE of them (never both):
 *
 * - 按件计收 (`per_application`): applications of the same applicant to the same agency, counted
 *   cumulatively within one calendar month (自然月): 1–10 free; 11–30 100元/件; from the 31st on, blocks of
 *   10 applications, each block 100元/件 more than the previous one (31–40 200元, 41–50 300元, …).
 *   Counting per agency is our reading (regulations.md §2.3 [D/U]): each agency charges for what it receives.
 * - 按量计收 (`per_page`): pages of one application: 1–30 free; 31–100 10元/页; 101–200 20元/页;
 *   from 201 on 40元/页.
 *
 * Worked examples: 45 applications in a month → 10×0 + 20×100 + 10×200 + 5×300 = 5500元;
 * 250 pages → 70×10 + 100×20 + 50×40 = 4700元. Amounts are whole yuan.
 */

import { RuleInputError, parseDate, partsFromDayNumber, type IsoDate } from './calendar/index.js';

export type FeeMethod = 'per_application' | 'per_page';

export const FEE_BASIS = '国办函〔2020〕109号';

/** Per-application fee for applications `priorApplications + 1` … `priorApplications + applications` of the month. */
export interface PerApplicationFeeInput {
  method: 'per_application';
  /** Applications charged now (usually 1). */
  applications: number;
  /** Applications the same applicant already made to the same agency earlier in the same calendar month. */
  priorApplications?: number;
}

/** Per-page fee of one application. */
export interface PerPageFeeInput {
  method: 'per_page';
  pages: number;
}

export type FeeInput = PerApplicationFeeInput | PerPageFeeInput;

/** One tier of the breakdown. */
export interface FeeLine {
  /** First and last application / page of the tier (1-based, within the month or the application). */
  from: number;
  to: number;
  count: number;
  /** Yuan per application / page (0 = free). */
  unitPrice: number;
  /** Yuan. */
  subtotal: number;
  /** Chinese, e.g. 「第11至30件：20件 × 100元/件 = 2000元」. */
  text: string;
}

export interface FeeResult {
  method: FeeMethod;
  /** Total in yuan. */
  amount: number;
  lines: FeeLine[];
  /** The breakdown as Chinese lines, ending with the total. */
  breakdown: string[];
}

const MAX_QUANTITY = 1_000_000;
const FREE_APPLICATIONS = 10;
const FIRST_PAID_TIER_END = 30;
const BLOCK = 10;
const STEP = 100;

/** Yuan charged for the k-th application (k ≥ 1) of the same applicant to the same agency in a calendar month. */
export function applicationUnitPrice(k: number): number {
  checkCount(k, '申请序号', 1);
  if (k <= FREE_APPLICATIONS) return 0;
  if (k <= FIRST_PAID_TIER_END) return STEP;
  return STEP * (2 + Math.floor((k - FIRST_PAID_TIER_END - 1) / BLOCK));
}

/** Yuan per page for the p-th page (p ≥ 1) of one application. */
export function pageUnitPrice(p: number): number {
  checkCount(p, '页码', 1);
  if (p <= 30) return 0;
  if (p <= 100) return 10;
  if (p <= 200) return 20;
  return 40;
}

function checkCount(n: number, label: string, min: number): void {
  if (!Number.isInteger(n) || n < min || n > MAX_QUANTITY) {
    throw new RuleInputError('invalid_fee_quantity', `${label}应为${min}至${MAX_QUANTITY}之间的整数，收到「${String(n)}」`);
  }
}

/** Tiers [from, to, unitPrice] of the per-application scale that cover 1 … upTo. */
function applicationTiers(upTo: number): [number, number, number][] {
  const tiers: [number, number, number][] = [
    [1, FREE_APPLICATIONS, 0],
    [FREE_APPLICATIONS + 1, FIRST_PAID_TIER_END, STEP],
  ];
  for (let from = FIRST_PAID_TIER_END + 1; from <= upTo; from += BLOCK) {
    tiers.push([from, from + BLOCK - 1, applicationUnitPrice(from)]);
  }
  return tiers;
}

const PAGE_TIERS: [number, number, number][] = [
  [1, 30, 0],
  [31, 100, 10],
  [101, 200, 20],
  [201, Number.POSITIVE_INFINITY, 40],
];

function progressive(tiers: [number, number, number][], first: number, last: number, unit: '件' | '页'): FeeLine[] {
  const lines: FeeLine[] = [];
  for (const [a, b, price] of tiers) {
    const from = Math.max(a, first);
    const to = Math.min(b, last);
    if (from > to) continue;
    const count = to - from + 1;
    const subtotal = count * price;
    const range = from === to ? `第${from}${unit}` : `第${from}至${to}${unit}`;
    const text = price === 0 ? `${range}：${count}${unit}，免费` : `${range}：${count}${unit} × ${price}元/${unit} = ${subtotal}元`;
    lines.push({ from, to, count, unitPrice: price, subtotal, text });
  }
  return lines;
}

/**
 * The processing fee of an application by the method the agency chose (one method per application).
 * Throws RuleInputError (Chinese) for quantities that are not whole numbers ≥ 0.
 */
export function computeFee(input: FeeInput): FeeResult {
  if (input.method === 'per_application') {
    const prior = input.priorApplications ?? 0;
    checkCount(input.applications, '计费申请件数', 0);
    checkCount(prior, '本月此前申请件数', 0);
    const first = prior + 1;
    const last = prior + input.applications;
    const lines = input.applications === 0 ? [] : progressive(applicationTiers(last), first, last, '件');
    const amount = lines.reduce((sum, l) => sum + l.subtotal, 0);
    const breakdown: string[] = [];
    if (prior > 0) breakdown.push(`同一申请人本自然月内此前已向本机关提出${prior}件申请，本次计第${first}${last > first ? `至${last}` : ''}件`);
    breakdown.push(...lines.map((l) => l.text));
    breakdown.push(`合计：${amount}元（按件计收，同一申请人一个自然月内累计申请件数超额累进，${FEE_BASIS}）`);
    return { method: 'per_application', amount, lines, breakdown };
  }
  if (input.method === 'per_page') {
    checkCount(input.pages, '页数', 0);
    const lines = input.pages === 0 ? [] : progressive(PAGE_TIERS, 1, input.pages, '页');
    const amount = lines.reduce((sum, l) => sum + l.subtotal, 0);
    const breakdown = [...lines.map((l) => l.text), `合计：${amount}元（按量计收，按页数超额累进，${FEE_BASIS}）`];
    return { method: 'per_page', amount, lines, breakdown };
  }
  throw new RuleInputError('invalid_fee_method', `收费方式「${String((input as { method: unknown }).method)}」无法识别，应为按件计收或按量计收`);
}

/** Total per-application fee for `applications` applications made in one calendar month (from the first). */
export function perApplicationFee(applications: number): number {
  return computeFee({ method: 'per_application', applications }).amount;
}

/** Per-page fee of one application of `pages` pages. */
export function perPageFee(pages: number): number {
  return computeFee({ method: 'per_page', pages }).amount;
}

/** The calendar month ('YYYY-MM') an application counts in for the per-application tiers (自然月). */
export function feeMonth(date: IsoDate): string {
  const { year, month } = partsFromDayNumber(parseDate(date, '申请日期'));
  return `${year}-${month < 10 ? `0${month}` : month}`;
}
