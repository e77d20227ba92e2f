/**
 * Calendar dates as integer day numbers.
 *
 * The API speaks 'YYYY-MM-DD' strings; inside the rules every date is an integer day number
 * (days since 1970-01-01, proleptic Gregorian calendar). No `Date` objects and no time zones are
 * involved, so a date can never shift by a day because of the server's or the browser's zone.
 * The conversion is the usual civil-calendar arithmetic (era of 400 years = 146097 days).
 */

/** A date in the API: 'YYYY-MM-DD'. */
export type IsoDate = string;

/** Thrown for any invalid input to the rules; the message is Chinese and shown to users as is. */
export class RuleInputError extends Error {
  /** A stable machine-readable code (English), e.g. `invalid_date`. */
  readonly code: string;
  constructor(code: string, message: string) {
    super(message);
    this.name = 'RuleInputError';
    this.code = code;
  }
}

const DAYS_IN_MONTH = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];

export function isLeapYear(year: number): boolean {
  return (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
}

export function daysInMonth(year: number, month: number): number {
  return month === 2 && isLeapYear(year) ? 29 : DAYS_IN_MONTH[month - 1];
}

/** Day number of a (valid) civil date. */
export function dayNumberFromParts(year: number, month: number, day: number): number {
  // Shift the year so that it starts on 1 March; the leap day is then the last day of the year.
  const y = month <= 2 ? year - 1 : year;
  const era = Math.floor(y / 400);
  const yoe = y - era * 400; // [0, 399]
  const mp = month > 2 ? month - 3 : month + 9; // March = 0 … February = 11
  const doy = Math.floor((153 * mp + 2) / 5) + day - 1; // [0, 365]
  const doe = yoe * 365 + Math.floor(yoe / 4) - Math.floor(yoe / 100) + doy; // [0, 146096]
  return era * 146097 + doe - 719468; // 719468 = days from 0000-03-01 to 1970-01-01
}

/** Civil date parts of a day number. */
export function partsFromDayNumber(dn: number): { year: number; month: number; day: number } {
  const z = dn + 719468;
  const era = Math.floor(z / 146097);
  const doe = z - era * 146097;
  const yoe = Math.floor((doe - Math.floor(doe / 1460) + Math.floor(doe / 36524) - Math.floor(doe / 146096)) / 365);
  const doy = doe - (365 * yoe + Math.floor(yoe / 4) - Math.floor(yoe / 100));
  const mp = Math.floor((5 * doy + 2) / 153);
  const day = doy - Math.floor((153 * mp + 2) / 5) + 1;
  const month = mp < 10 ? mp + 3 : mp - 9;
  const year = yoe + era * 400 + (month <= 2 ? 1 : 0);
  return { year, month, day };
}

/** The calendar year a day number falls in. */
export function yearOf(dn: number): number {
  // Inside the lookup table: a guess from the mean year length, corrected by at most one year.
  const guess = Math.floor((dn + 0.5) / 365.2425) + 1970 - TABLE_FIRST_YEAR;
  if (guess > 0 && guess < TABLE_YEARS - 1) {
    if (dn < YEAR_START_TABLE[guess]) return guess - 1 + TABLE_FIRST_YEAR;
    if (dn >= YEAR_START_TABLE[guess + 1]) return guess + 1 + TABLE_FIRST_YEAR;
    return guess + TABLE_FIRST_YEAR;
  }
  return partsFromDayNumber(dn).year;
}

/** Day number of 1 January of `year`. */
export function yearStart(year: number): number {
  return dayNumberFromParts(year, 1, 1);
}

/** Day of the week: 0 = Sunday, 1 = Monday … 6 = Saturday (1970-01-01 was a Thursday). */
export function weekdayOf(dn: number): number {
  return (((dn + 4) % 7) + 7) % 7;
}

/** Saturday or Sunday. */
export function isWeekend(dn: number): boolean {
  const w = weekdayOf(dn);
  return w === 0 || w === 6;
}

const WEEKDAY_NAMES = ['星期日', '星期一', '星期二', '星期三', '星期四', '星期五', '星期六'];

/** 「星期一」… for a day number. */
export function weekdayName(dn: number): string {
  return WEEKDAY_NAMES[weekdayOf(dn)];
}

// Lookup tables for the years 1900–2199, so that parsing a date is a few array reads.
const TABLE_FIRST_YEAR = 1900;
const TABLE_YEARS = 300;
const YEAR_START_TABLE = new Int32Array(TABLE_YEARS);
const LEAP_TABLE = new Uint8Array(TABLE_YEARS);
/** MONTH_OFFSET[leap * 13 + m - 1] = days from 1 January to the 1st of month m. */
const MONTH_OFFSET = new Int32Array(26);
/** MONTH_LENGTH[leap * 12 + m - 1] */
const MONTH_LENGTH = new Int32Array(24);
for (let leap = 0; leap < 2; leap++) {
  let acc = 0;
  for (let m = 1; m <= 12; m++) {
    const len = m === 2 && leap === 1 ? 29 : DAYS_IN_MONTH[m - 1];
    MONTH_OFFSET[leap * 13 + m - 1] = acc;
    MONTH_LENGTH[leap * 12 + m - 1] = len;
    acc += len;
  }
  MONTH_OFFSET[leap * 13 + 12] = acc;
}
for (let i = 0; i < TABLE_YEARS; i++) {
  YEAR_START_TABLE[i] = dayNumberFromParts(TABLE_FIRST_YEAR + i, 1, 1);
  LEAP_TABLE[i] = isLeapYear(TABLE_FIRST_YEAR + i) ? 1 : 0;
}

/** Parse 'YYYY-MM-DD' to a day number, or return undefined when the text is not a real date. */
export function tryParseDate(text: unknown): number | undefined {
  if (typeof text !== 'string' || text.length !== 10) return undefined;
  if (text.charCodeAt(4) !== 45 || text.charCodeAt(7) !== 45) return undefined; // '-'
  const y0 = text.charCodeAt(0) - 48;
  const y1 = text.charCodeAt(1) - 48;
  const y2 = text.charCodeAt(2) - 48;
  const y3 = text.charCodeAt(3) - 48;
  const m1 = text.charCodeAt(5) - 48;
  const m2 = text.charCodeAt(6) - 48;
  const d1 = text.charCodeAt(8) - 48;
  const d2 = text.charCodeAt(9) - 48;
  // `>>> 0` turns a negative value into a huge one, so one comparison checks 0–9.
  if (y0 >>> 0 > 9 || y1 >>> 0 > 9 || y2 >>> 0 > 9 || y3 >>> 0 > 9) return undefined;
  if (m1 >>> 0 > 9 || m2 >>> 0 > 9 || d1 >>> 0 > 9 || d2 >>> 0 > 9) return undefined;
  const year = y0 * 1000 + y1 * 100 + y2 * 10 + y3;
  const month = m1 * 10 + m2;
  const day = d1 * 10 + d2;
  if (month < 1 || month > 12 || day < 1) return undefined;
  const yi = year - TABLE_FIRST_YEAR;
  if (yi >= 0 && yi < TABLE_YEARS) {
    const leap = LEAP_TABLE[yi];
    if (day > MONTH_LENGTH[leap * 12 + month - 1]) return undefined;
    return YEAR_START_TABLE[yi] + MONTH_OFFSET[leap * 13 + month - 1] + day - 1;
  }
  if (year < 1 || day > daysInMonth(year, month)) return undefined;
  return dayNumberFromParts(year, month, day);
}

/**
 * Parse 'YYYY-MM-DD' to a day number; throws a RuleInputError with a Chinese message otherwise.
 * `label` names the field in the message, e.g. 「收到申请日期」.
 */
export function parseDate(text: unknown, label = '日期'): number {
  const dn = tryParseDate(text);
  if (dn === undefined) {
    const shown = typeof text === 'string' ? `「${text}」` : '（未填写）';
    throw new RuleInputError('invalid_date', `${label}${shown}无效，应为真实存在的日期，格式为YYYY-MM-DD（如2024-09-27）`);
  }
  return dn;
}

/** True when the text is a real date in 'YYYY-MM-DD' form. */
export function isValidDate(text: unknown): text is IsoDate {
  return tryParseDate(text) !== undefined;
}

function pad2(n: number): string {
  return n < 10 ? `0${n}` : `${n}`;
}

/** Format a day number as 'YYYY-MM-DD'. */
export function formatDate(dn: number): IsoDate {
  const { year, month, day } = partsFromDayNumber(dn);
  const y = year >= 1000 ? `${year}` : `${year}`.padStart(4, '0');
  return `${y}-${pad2(month)}-${pad2(day)}`;
}

// 「2024年10月8日」 of the days of the lookup table, filled on first use (the trace formats the same days often).
const CHINESE_DATE_CACHE = new Map<number, string>();

/** 「2024年10月8日」 */
export function formatChineseDate(dn: number): string {
  const hit = CHINESE_DATE_CACHE.get(dn);
  if (hit !== undefined) return hit;
  const { year, month, day } = partsFromDayNumber(dn);
  const text = `${year}年${month}月${day}日`;
  if (dn >= YEAR_START_TABLE[0] && dn < YEAR_START_TABLE[TABLE_YEARS - 1]) CHINESE_DATE_CACHE.set(dn, text);
  return text;
}

const CHINESE_DATE_WEEKDAY_CACHE = new Map<number, string>();

/** 「2024年10月8日（星期二）」 (memoised like `formatChineseDate`: the due date of every trace is written with it) */
export function formatChineseDateWithWeekday(dn: number): string {
  const hit = CHINESE_DATE_WEEKDAY_CACHE.get(dn);
  if (hit !== undefined) return hit;
  const text = `${formatChineseDate(dn)}（${weekdayName(dn)}）`;
  if (dn >= YEAR_START_TABLE[0] && dn < YEAR_START_TABLE[TABLE_YEARS - 1]) CHINESE_DATE_WEEKDAY_CACHE.set(dn, text);
  return text;
}

/** 「2024年10月1日至7日」, 「2024年9月29日至10月6日」, 「2022年12月31日至2023年1月2日」, or a single day. */
export function formatChineseSpan(from: number, to: number): string {
  if (from === to) return formatChineseDate(from);
  const a = partsFromDayNumber(from);
  const b = partsFromDayNumber(to);
  if (a.year !== b.year) return `${formatChineseDate(from)}至${formatChineseDate(to)}`;
  if (a.month !== b.month) return `${formatChineseDate(from)}至${b.month}月${b.day}日`;
  return `${formatChineseDate(from)}至${b.day}日`;
}

/** Beijing time (UTC+8, no daylight saving since 1991). */
const BEIJING_OFFSET_MS = 8 * 3600_000;

/**
 * THE formatting function for every date a person reads: the Beijing calendar date (YYYY-MM-DD) of an
 * instant (an ISO-8601 string with a zone, or a Date), or the date itself when given a YYYY-MM-DD date.
 * Instants are stored in UTC; an act at 00:30 Beijing time is 16:30 UTC of the day before, so cutting the
 * UTC string (`iso.slice(0, 10)`) would show the wrong day for everything done between 00:00 and 08:00.
 * Returns '' for null, undefined or an unreadable value.
 */
export function beijingDate(value: string | Date | null | undefined): IsoDate {
  if (value === null || value === undefined || value === '') return '';
  if (typeof value !== 'string') return beijingDateOfTime(value.getTime());
  // Pages show the same few timestamps over and over (every list row's dates): each is worked out once.
  let date = beijingDates.get(value);
  if (date === undefined) {
    date = /^\d{4}-\d{2}-\d{2}$/.test(value) ? value : beijingDateOfTime(Date.parse(value));
    if (beijingDates.size >= 10_000) beijingDates.clear();
    beijingDates.set(value, date);
  }
  return date;
}

const beijingDates = new Map<string, IsoDate>();

function beijingDateOfTime(t: number): IsoDate {
  if (Number.isNaN(t)) return '';
  // The day number, formatted by arithmetic: a Date object and toISOString per date was a measurable part of a list page.
  return formatDate(Math.floor((t + BEIJING_OFFSET_MS) / 86_400_000));
}

/** The first instant (UTC ISO string) of a Beijing calendar date: 2026-12-01 → 2026-11-30T16:00:00.000Z. */
export function beijingDayStartUtc(date: IsoDate): string {
  return new Date(Date.parse(`${date}T00:00:00.000Z`) - BEIJING_OFFSET_MS).toISOString();
}
