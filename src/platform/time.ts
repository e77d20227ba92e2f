/** Instants are stored as ISO-8601 UTC strings and dates as YYYY-MM-DD on both engines: portable and sortable. */
export const nowIso = (): string => new Date().toISOString();

import { beijingDate } from '../rules/calendar/dates.js';

/** The one formatting function for dates people read (Beijing date of an instant): see rules/calendar/dates.ts. */
export { beijingDate, beijingDayStartUtc } from '../rules/calendar/dates.js';

/** Today's date in China (UTC+8), as YYYY-MM-DD: deadlines are Chinese calendar days. */
export function todayInChina(now: Date = new Date()): string {
  return beijingDate(now);
}

export function isIsoDate(s: unknown): s is string {
  if (typeof s !== 'string' || !/^\d{4}-\d{2}-\d{2}$/.test(s)) return false;
  const d = new Date(`${s}T00:00:00Z`);
  return !Number.isNaN(d.getTime()) && d.toISOString().slice(0, 10) === s;
}
