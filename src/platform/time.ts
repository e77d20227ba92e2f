/** Instants are stored as ISO-8601 UTC strings and dates as YYYY-MM-DD on both engines: portable and sortable. */
export const nowIso = (): string => new Date().toISOString();

import { beijingDate } from '../rules/calendar/dates.js';

/** The one formatting function for dates people read (Beijing date of an instant): see rules/calendar/dates.ts. */
export { beijingDate, beijingDayStartUtc } from '../rules/calendar/dates.js';

/** Today's date in China (UTC+8), as YYYY-MM-DD: deadlines are Chinese calendar days. */
export function todayInChina(now: Date = new Date()): string {
  return beijingDate(now);
}

/**
 * The dates the product can serve: from the founding of the People's Republic to the end of the working-day
 * calendar's estimates. A date outside cannot be counted in working days (a far-future date made every page of its
 * agency's publishing answer 500), so input is refused at the edge.
 */
export const DATE_MIN = '1949-10-01';
export const DATE_MAX = '2099-12-31';
/** DATE_MIN..DATE_MAX as a JSON-schema pattern (the calendar check of the day is isIsoDate's). */
export const DATE_PATTERN = '^(?:1949-1[0-2]|19[5-9]\\d-(?:0[1-9]|1[0-2])|20\\d\\d-(?:0[1-9]|1[0-2]))-(?:0[1-9]|[12]\\d|3[01])$';
/** The message for a date outside the range (or not a date). */
export const DATE_RANGE_MESSAGE = `日期须为${DATE_MIN}至${DATE_MAX}之间的有效日期（格式YYYY-MM-DD）`;

/** A real calendar date written YYYY-MM-DD, within DATE_MIN..DATE_MAX. */
export function isIsoDate(s: unknown): s is string {
  if (typeof s !== 'string' || !/^\d{4}-\d{2}-\d{2}$/.test(s)) return false;
  if (s < DATE_MIN || s > DATE_MAX) return false;
  const d = new Date(`${s}T00:00:00Z`);
  return !Number.isNaN(d.getTime()) && d.toISOString().slice(0, 10) === s;
}
