/**
 * The processing fee of one application (国办函〔2020〕109号) as the case service needs it: the tiers come from
 * rules/fees.ts; here only the case's facts go in — the applicant's ordinal among their applications to this
 * agency in the calendar month (counted by the store via the blind index), or the page count.
 */

import { computeFee, type FeeMethod } from '../rules/fees.js';

export type { FeeMethod };

export interface FeeQuote {
  method: FeeMethod;
  amount: number;
  detail: string;
}

export function quoteFee(method: FeeMethod, input: { ordinalInMonth?: number; pages?: number; month?: string }): FeeQuote {
  const result =
    method === 'per_application'
      ? computeFee({ method, applications: 1, priorApplications: Math.max(0, (input.ordinalInMonth ?? 1) - 1) })
      : computeFee({ method, pages: input.pages ?? 0 });
  const month = input.month ? `${input.month.slice(0, 4)}年${Number(input.month.slice(5, 7))}月：` : '';
  return { method, amount: result.amount, detail: `${method === 'per_application' ? month : ''}${result.breakdown.join('；')}` };
}
