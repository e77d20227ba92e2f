/**
 * The working-day calendar (工作日), built from yearly schedules.
 *
 * A day is a working day when it is a make-up working day (调休上班日) of a published schedule, or when it
 * is Monday–Friday and not a day off (放假日) of a published schedule. For a year without a published
 * schedule the calendar falls back to Monday–Friday and reports such dates as `provisional`: the
 * State Council publishes each year's arrangement only in the autumn before it, so a deadline that runs
 * into an unpublished year may still move.
 *
 * Speed: for the span of published years the calendar keeps, per day, the number of working days before
 * it (a prefix count) and, per working day, its day number (the inverse). `addWorkingDays` and
 * `countWorkingDays` are then a handful of array reads; outside the table the Monday–Friday count has a
 * closed form. With pause intervals (time not counted, 条例第三十三条第三款) the cost grows with the number
 * of pauses, never with the number of days. The day-by-day versions (`addWorkingDaysNaive`,
 * `countWorkingDaysNaive`) are kept as the benchmark baseline and as the test oracle.
 */

import { RuleInputError, formatDate, isWeekend, parseDate, tryParseDate, weekdayName, yearOf, yearStart, type IsoDate } from './dates.js';
import { estimateYearSchedule } from './estimate.js';
import { LUNAR_FIRST_YEAR, LUNAR_LAST_YEAR } from './lunar.js';
import { ScheduleError, parseYearSchedule, type YearSchedule } from './schedule.js';

/** How a day is classified. */
export type DayKind = 'workday' | 'weekend' | 'holiday' | 'makeup_workday';

export interface DayInfo {
  date: IsoDate;
  kind: DayKind;
  working: boolean;
  /** The holiday the day belongs to (for `holiday` and `makeup_workday`), when the data names it. */
  name?: string;
  /** 「星期一」… */
  weekday: string;
  /** The year's schedule is not published: the classification is Monday–Friday only. */
  provisional: boolean;
}

/** An inclusive date interval in the API. */
export interface DateInterval {
  from: IsoDate;
  to: IsoDate;
}

/** An inclusive interval of day numbers. */
export interface DayInterval {
  from: number;
  to: number;
}

/** A run of consecutive days off that contains at least one public holiday (weekends next to it included). */
export interface HolidaySpan {
  from: IsoDate;
  to: IsoDate;
  /** Distinct holiday names in the run, in date order (empty when the data has no names). */
  names: string[];
}

export interface MakeupDay {
  date: IsoDate;
  name?: string;
}

const KIND_WORKDAY = 0;
const KIND_WEEKEND = 1;
const KIND_HOLIDAY = 2;
const KIND_MAKEUP = 3;
const KIND_NAMES: DayKind[] = ['workday', 'weekend', 'holiday', 'makeup_workday'];

/** Monday–Friday days in [1970-01-05, x) (negative before it): a non-decreasing step function. */
function weekdaysBefore(x: number): number {
  const t = x - 4; // day 4 = 1970-01-05, a Monday
  const w = Math.floor(t / 7);
  const r = t - 7 * w;
  return 5 * w + (r < 5 ? r : 5);
}

/** The Monday–Friday day whose `weekdaysBefore` is j. */
function weekdayWithIndex(j: number): number {
  const w = Math.floor(j / 5);
  return 4 + 7 * w + (j - 5 * w);
}

/** Sort and merge intervals (overlapping or adjacent intervals become one), so that no day counts twice. */
export function mergeIntervals(intervals: readonly DayInterval[]): DayInterval[] {
  const sorted = intervals.filter((p) => p.to >= p.from).map((p) => ({ from: p.from, to: p.to }));
  sorted.sort((a, b) => a.from - b.from);
  const out: DayInterval[] = [];
  for (const p of sorted) {
    const last = out[out.length - 1];
    if (last !== undefined && p.from <= last.to + 1) {
      if (p.to > last.to) last.to = p.to;
    } else {
      out.push(p);
    }
  }
  return out;
}

/** Parse API intervals to merged day intervals; Chinese error when a date is invalid or from > to. */
export function parseIntervals(intervals: readonly DateInterval[] | undefined, label = '暂停期间'): DayInterval[] {
  if (intervals === undefined || intervals.length === 0) return [];
  const days: DayInterval[] = [];
  for (const p of intervals) {
    const from = tryParseDate(p.from) ?? parseDate(p.from, `${label}起始日期`);
    const to = tryParseDate(p.to) ?? parseDate(p.to, `${label}结束日期`);
    if (from > to) {
      throw new RuleInputError('interval_reversed', `${label}的起始日期${p.from}晚于结束日期${p.to}`);
    }
    days.push({ from, to });
  }
  return days.length === 1 ? days : mergeIntervals(days);
}

/** A working-day calendar. Build it with `createCalendar`. */
export class Calendar {
  /** The schedules in force, one per year, sorted by year. */
  readonly schedules: readonly YearSchedule[];
  /** Years with a published schedule, ascending. */
  readonly publishedYears: readonly number[];
  /** Unpublished years whose holidays are estimated from the 放假办法 (provisional all the same), ascending. */
  readonly estimatedYears: readonly number[];
  /** The estimated schedules (./estimate.ts). */
  readonly estimates: readonly YearSchedule[];
  private readonly estimated: Set<number>;

  private readonly published: Set<number>;
  // Per-date lookups straight from the schedules: names, and the date strings for the naive oracle.
  private readonly holidayNames = new Map<number, string | undefined>();
  private readonly makeupNames = new Map<number, string | undefined>();
  private readonly holidayDates = new Set<string>();
  private readonly makeupDates = new Set<string>();
  // The table over [t0, t0 + len): every year from the first to the last published one.
  private readonly t0: number;
  private readonly len: number;
  private readonly kinds: Uint8Array;
  /** prefix[i] = working days in [t0, t0 + i). */
  private readonly prefix: Int32Array;
  /** nth[k] = offset from t0 of the working day with ordinal k (0-based) in the table. */
  private readonly nth: Int32Array;
  private readonly total: number;
  private readonly f0: number;
  private readonly f1: number;
  /** 'YYYY-MM-DD' of every day of the table. */
  private readonly formatted: string[];
  /** Public-holiday days of the table, ascending, and the index (into `spans`) of the run each belongs to. */
  private readonly holidayDays: Int32Array;
  private readonly holidaySpanOf: Int32Array;
  /** Runs of days off containing a public holiday, computed once (see `holidaySpansN`). */
  private readonly spans: readonly Readonly<{ from: number; to: number; names: string[] }>[];
  /** Make-up working days of the table, ascending. */
  private readonly makeups: readonly Readonly<{ date: number; name?: string }>[];
  /** holidaysBefore[i] / makeupsBefore[i] = public-holiday / make-up days in [t0, t0 + i): indexes into the two lists. */
  private readonly holidaysBefore: Int32Array;
  private readonly makeupsBefore: Int32Array;

  constructor(schedules: readonly YearSchedule[], opts: CalendarOptions = {}) {
    const byYear = new Map<number, YearSchedule>();
    for (const s of schedules) byYear.set(s.year, s); // a later schedule for the same year replaces an earlier one
    this.schedules = [...byYear.values()].sort((a, b) => a.year - b.year);
    this.publishedYears = this.schedules.map((s) => s.year);
    this.published = new Set(this.publishedYears);
    // Unpublished years of the lunar table get the holidays of the 放假办法 (./estimate.ts): still provisional.
    const estimates: YearSchedule[] = [];
    if (opts.estimate === true) {
      for (let y = LUNAR_FIRST_YEAR; y <= LUNAR_LAST_YEAR; y++) {
        if (this.published.has(y)) continue;
        const e = estimateYearSchedule(y);
        if (e !== undefined) estimates.push(e);
      }
    }
    this.estimates = estimates;
    this.estimatedYears = estimates.map((e) => e.year);
    this.estimated = new Set(this.estimatedYears);
    for (const s of [...this.schedules, ...estimates]) {
      for (const d of s.holidays) {
        this.holidayNames.set(parseDate(d.date), d.name);
        this.holidayDates.add(d.date);
      }
      for (const d of s.workdays) {
        this.makeupNames.set(parseDate(d.date), d.name);
        this.makeupDates.add(d.date);
      }
    }

    const tableYears = [...this.publishedYears, ...this.estimatedYears];
    if (tableYears.length === 0) {
      this.t0 = 0;
      this.len = 0;
    } else {
      this.t0 = yearStart(Math.min(...tableYears));
      this.len = yearStart(Math.max(...tableYears) + 1) - this.t0;
    }
    this.kinds = new Uint8Array(this.len);
    this.prefix = new Int32Array(this.len + 1);
    const nth: number[] = [];
    for (let i = 0; i < this.len; i++) {
      const dn = this.t0 + i;
      let kind: number;
      if (this.makeupNames.has(dn)) kind = KIND_MAKEUP;
      else if (this.holidayNames.has(dn)) kind = KIND_HOLIDAY;
      else kind = isWeekend(dn) ? KIND_WEEKEND : KIND_WORKDAY;
      this.kinds[i] = kind;
      const working = kind === KIND_WORKDAY || kind === KIND_MAKEUP;
      if (working) nth.push(i);
      this.prefix[i + 1] = this.prefix[i] + (working ? 1 : 0);
    }
    this.nth = Int32Array.from(nth);
    this.total = nth.length;
    this.f0 = weekdaysBefore(this.t0);
    this.f1 = weekdaysBefore(this.t0 + this.len);
    this.formatted = [];
    for (let i = 0; i < this.len; i++) this.formatted.push(formatDate(this.t0 + i));

    // Holiday runs and make-up days, once, so that the clock's trace costs an array read or a binary search, not a day walk.
    const holidayDays: number[] = [];
    const spanOf: number[] = [];
    const spans: { from: number; to: number; names: string[] }[] = [];
    const makeups: { date: number; name?: string }[] = [];
    for (let i = 0; i < this.len; i++) {
      const dn = this.t0 + i;
      const kind = this.kinds[i];
      if (kind === KIND_MAKEUP) {
        const name = this.makeupNames.get(dn);
        makeups.push(Object.freeze(name === undefined ? { date: dn } : { date: dn, name }));
      }
      if (kind !== KIND_HOLIDAY) continue;
      const last = spans[spans.length - 1];
      if (last === undefined || dn > last.to) spans.push(this.spanAround(dn));
      holidayDays.push(dn);
      spanOf.push(spans.length - 1);
    }
    this.holidayDays = Int32Array.from(holidayDays);
    this.holidaySpanOf = Int32Array.from(spanOf);
    this.spans = spans.map((sp) => Object.freeze({ from: sp.from, to: sp.to, names: Object.freeze(sp.names) as string[] }));
    this.makeups = makeups;
    this.holidaysBefore = new Int32Array(this.len + 1);
    this.makeupsBefore = new Int32Array(this.len + 1);
    for (let i = 0; i < this.len; i++) {
      this.holidaysBefore[i + 1] = this.holidaysBefore[i] + (this.kinds[i] === KIND_HOLIDAY ? 1 : 0);
      this.makeupsBefore[i + 1] = this.makeupsBefore[i] + (this.kinds[i] === KIND_MAKEUP ? 1 : 0);
    }
  }

  /** The run of consecutive days off around the holiday `dn` (weekends next to it included), with its names. */
  private spanAround(dn: number): { from: number; to: number; names: string[] } {
    let a = dn;
    while (!this.isWorkingDayNumber(a - 1) && dn - a < 40) a--;
    let b = dn;
    while (!this.isWorkingDayNumber(b + 1) && b - dn < 40) b++;
    const names: string[] = [];
    for (let x = a; x <= b; x++) {
      const name = this.kindOf(x) === KIND_HOLIDAY ? this.holidayNames.get(x) : undefined;
      if (name !== undefined) {
        for (const part of name.split('、')) if (!names.includes(part)) names.push(part);
      }
    }
    return { from: a, to: b, names };
  }

  // ---------------------------------------------------------------- day-number API (fast)

  /** Working days in [t0, x) — negative before the table; a non-decreasing step function of x. */
  private cum(x: number): number {
    const i = x - this.t0;
    if (i <= 0) return weekdaysBefore(x) - this.f0;
    if (i >= this.len) return this.total + weekdaysBefore(x) - this.f1;
    return this.prefix[i];
  }

  /** The working day with ordinal k (k = number of working days in [t0, that day)). */
  private dayOfOrdinal(k: number): number {
    if (k < 0) return weekdayWithIndex(k + this.f0);
    if (k >= this.total) return weekdayWithIndex(k - this.total + this.f1);
    return this.t0 + this.nth[k];
  }

  private kindOf(dn: number): number {
    const i = dn - this.t0;
    if (i >= 0 && i < this.len) return this.kinds[i];
    return isWeekend(dn) ? KIND_WEEKEND : KIND_WORKDAY;
  }

  isWorkingDayNumber(dn: number): boolean {
    const k = this.kindOf(dn);
    return k === KIND_WORKDAY || k === KIND_MAKEUP;
  }

  /**
   * The n-th working day after `dn` (the day itself is not counted; 民法典第二百零一条). n = 0 returns `dn`;
   * a negative n counts backwards (the |n|-th working day before `dn`). Working days inside `pauses`
   * (merged day intervals, see `mergeIntervals`) are skipped; pauses need n ≥ 0.
   */
  addWorkingDaysN(dn: number, n: number, pauses?: readonly DayInterval[]): number {
    if (!Number.isInteger(n)) throw new RuleInputError('invalid_count', `工作日天数应为整数，收到「${n}」`);
    if (n === 0) return dn;
    if (n < 0) {
      if (pauses !== undefined && pauses.length > 0) {
        throw new RuleInputError('invalid_count', '有暂停期间时不能向前倒推工作日');
      }
      return this.dayOfOrdinal(this.cum(dn) + n);
    }
    if (pauses === undefined || pauses.length === 0) return this.dayOfOrdinal(this.cum(dn + 1) + n - 1);
    let cur = dn;
    let rem = n;
    for (const p of pauses) {
      if (p.to <= cur) continue;
      const lo = p.from > cur + 1 ? p.from : cur + 1;
      const available = this.cum(lo) - this.cum(cur + 1); // working days in (cur, lo)
      if (available >= rem) break;
      rem -= available;
      cur = p.to;
    }
    return this.dayOfOrdinal(this.cum(cur + 1) + rem - 1);
  }

  /** Working days in [from, to], both included (0 when from > to), not counting days inside `pauses`. */
  countWorkingDaysN(from: number, to: number, pauses?: readonly DayInterval[]): number {
    if (to < from) return 0;
    let count = this.cum(to + 1) - this.cum(from);
    if (pauses !== undefined) {
      for (const p of pauses) {
        const a = p.from > from ? p.from : from;
        const b = p.to < to ? p.to : to;
        if (a <= b) count -= this.cum(b + 1) - this.cum(a);
      }
    }
    return count;
  }

  /** First working day strictly after `dn`. */
  nextWorkingDayN(dn: number): number {
    return this.dayOfOrdinal(this.cum(dn + 1));
  }

  /** Last working day strictly before `dn`. */
  previousWorkingDayN(dn: number): number {
    return this.dayOfOrdinal(this.cum(dn) - 1);
  }

  /** The year of `dn` has no published schedule. */
  isProvisionalN(dn: number): boolean {
    return !this.published.has(yearOf(dn));
  }

  /** Years in [from, to] without a published schedule, ascending. */
  unpublishedYearsN(from: number, to: number): number[] {
    const out: number[] = [];
    if (to < from) return out;
    for (let y = yearOf(from), last = yearOf(to); y <= last; y++) if (!this.published.has(y)) out.push(y);
    return out;
  }

  /** Name of the holiday or make-up day `dn` belongs to, when the data has one. */
  holidayNameN(dn: number): string | undefined {
    return this.holidayNames.get(dn) ?? this.makeupNames.get(dn);
  }

  /** Format a day number (precomputed inside the table). */
  format(dn: number): IsoDate {
    const i = dn - this.t0;
    if (i >= 0 && i < this.len) return this.formatted[i];
    return formatDate(dn);
  }

  /**
   * Reference classification straight from the schedules' date lists (no tables): the day-by-day
   * oracle. Same answer as `isWorkingDayNumber`, only slower.
   */
  isWorkingDayBySchedule(dn: number, date: IsoDate = formatDate(dn)): boolean {
    if (this.makeupDates.has(date)) return true;
    if (this.holidayDates.has(date)) return false;
    return !isWeekend(dn);
  }

  // ---------------------------------------------------------------- 'YYYY-MM-DD' API

  classify(date: IsoDate): DayInfo {
    const dn = parseDate(date);
    const kind = KIND_NAMES[this.kindOf(dn)];
    const info: DayInfo = {
      date: this.format(dn),
      kind,
      working: kind === 'workday' || kind === 'makeup_workday',
      weekday: weekdayName(dn),
      provisional: this.isProvisionalN(dn),
    };
    const name = kind === 'holiday' ? this.holidayNames.get(dn) : kind === 'makeup_workday' ? this.makeupNames.get(dn) : undefined;
    if (name !== undefined) info.name = name;
    return info;
  }

  isWorkingDay(date: IsoDate): boolean {
    return this.isWorkingDayNumber(parseDate(date));
  }

  /** The year's schedule is not published (Monday–Friday are assumed). */
  isProvisional(date: IsoDate): boolean {
    return this.isProvisionalN(parseDate(date));
  }

  isPublishedYear(year: number): boolean {
    return this.published.has(year);
  }

  /** The year is unpublished and its statutory holidays are estimated from the 放假办法. */
  isEstimatedYear(year: number): boolean {
    return this.estimated.has(year);
  }

  /** Years between the two dates (inclusive) that have no published schedule. */
  unpublishedYearsBetween(from: IsoDate, to: IsoDate): number[] {
    return this.unpublishedYearsN(parseDate(from), parseDate(to));
  }

  /** The n-th working day after `date` (the day itself not counted), skipping working days inside `pauses`. */
  addWorkingDays(date: IsoDate, n: number, pauses?: readonly DateInterval[]): IsoDate {
    const dn = parseDate(date);
    if (pauses === undefined || pauses.length === 0) return this.format(this.addWorkingDaysN(dn, n));
    return this.format(this.addWorkingDaysN(dn, n, parseIntervals(pauses)));
  }

  /** Working days from `from` through `to` (both included), not counting days inside `pauses`. */
  countWorkingDays(from: IsoDate, to: IsoDate, pauses?: readonly DateInterval[]): number {
    const a = parseDate(from);
    const b = parseDate(to);
    if (pauses === undefined || pauses.length === 0) return this.countWorkingDaysN(a, b);
    return this.countWorkingDaysN(a, b, parseIntervals(pauses));
  }

  /** First working day strictly after `date`. */
  nextWorkingDay(date: IsoDate): IsoDate {
    return this.format(this.nextWorkingDayN(parseDate(date)));
  }

  /** Last working day strictly before `date`. */
  previousWorkingDay(date: IsoDate): IsoDate {
    return this.format(this.previousWorkingDayN(parseDate(date)));
  }

  /**
   * Runs of days off containing a public holiday that lies in [from, to] (day numbers), with their full extent.
   * The runs are computed once with the table; the returned objects are shared and frozen.
   */
  holidaySpansN(from: number, to: number): { from: number; to: number; names: string[] }[] {
    const out: { from: number; to: number; names: string[] }[] = [];
    const days = this.holidayDays;
    for (let i = this.holidayIndexN(from); i < days.length && days[i] <= to; i++) {
      const span = this.spans[this.holidaySpanOf[i]];
      if (out[out.length - 1] !== span) out.push(span);
    }
    return out;
  }

  // The same runs and make-up days by index, for a caller that walks them without an array per call (the clock's
  // trace): `holidayIndexN(from)` is the first public-holiday day on or after `from`; `holidayDayAt(i)` is that
  // day's number (Infinity past the last); `holidaySpanOfHolidayAt(i)` is the run it belongs to (shared, frozen).

  /** Index of the first public-holiday day of the table on or after `from` (see `holidayDayAt`). */
  holidayIndexN(from: number): number {
    const i = from - this.t0;
    return i <= 0 ? 0 : i >= this.len ? this.holidayDays.length : this.holidaysBefore[i];
  }

  /** Day number of the i-th public-holiday day of the table, ascending; Infinity past the last. */
  holidayDayAt(i: number): number {
    return i < this.holidayDays.length ? this.holidayDays[i] : Number.POSITIVE_INFINITY;
  }

  /** The run of days off the i-th public-holiday day belongs to (the objects `holidaySpansN` returns). */
  holidaySpanOfHolidayAt(i: number): Readonly<{ from: number; to: number; names: string[] }> {
    return this.spans[this.holidaySpanOf[i]];
  }

  /** Index of the first make-up working day on or after `from` (see `makeupAt`). */
  makeupIndexN(from: number): number {
    const i = from - this.t0;
    return i <= 0 ? 0 : i >= this.len ? this.makeups.length : this.makeupsBefore[i];
  }

  /** The i-th make-up working day, ascending (the objects `makeupDaysN` returns); undefined past the last. */
  makeupAt(i: number): Readonly<{ date: number; name?: string }> | undefined {
    return i < this.makeups.length ? this.makeups[i] : undefined;
  }

  /** Holiday runs overlapping [from, to] (see HolidaySpan). */
  holidaySpans(from: IsoDate, to: IsoDate): HolidaySpan[] {
    return this.holidaySpansN(parseDate(from), parseDate(to)).map((s) => ({
      from: this.format(s.from),
      to: this.format(s.to),
      names: s.names,
    }));
  }

  /** Make-up working days (调休上班日) in [from, to] (day numbers); the returned objects are shared and frozen. */
  makeupDaysN(from: number, to: number): { date: number; name?: string }[] {
    const out: { date: number; name?: string }[] = [];
    const all = this.makeups;
    for (let i = this.makeupIndexN(from); i < all.length && all[i].date <= to; i++) out.push(all[i]);
    return out;
  }

  /** Make-up working days (调休上班日) in [from, to]. */
  makeupDays(from: IsoDate, to: IsoDate): MakeupDay[] {
    return this.makeupDaysN(parseDate(from), parseDate(to)).map((m) =>
      m.name === undefined ? { date: this.format(m.date) } : { date: this.format(m.date), name: m.name },
    );
  }
}

/**
 * Build a calendar from yearly schedules. Each schedule is validated (parseYearSchedule); when two
 * schedules have the same year the later one wins, so a schedule published at run time can correct
 * a built-in one. Years without a schedule are provisional (Monday–Friday).
 */
export function createCalendar(schedules: readonly unknown[], opts: CalendarOptions = {}): Calendar {
  const parsed = schedules.map((s, i) => {
    try {
      return parseYearSchedule(s);
    } catch (e) {
      if (e instanceof ScheduleError) {
        const year = typeof s === 'object' && s !== null && 'year' in s ? String((s as { year: unknown }).year) : `第${i + 1}个`;
        throw new ScheduleError(e.problems.map((p) => `${year}年：${p}`));
      }
      throw e;
    }
  });
  return new Calendar(parsed, opts);
}

export interface CalendarOptions {
  /**
   * Estimate the statutory holidays of unpublished years 2019–2050 from the 放假办法 (./estimate.ts) instead
   * of counting them Monday–Friday. The dates stay `provisional` either way.
   */
  estimate?: boolean;
}

function inPause(dn: number, pauses: readonly DayInterval[]): boolean {
  for (const p of pauses) if (dn >= p.from && dn <= p.to) return true;
  return false;
}

/**
 * Day-by-day reference implementation of `Calendar.addWorkingDays` (the benchmark baseline and test
 * oracle): walks one day at a time, writes the date out and looks it up in the schedules' date lists,
 * the way one would do it by hand with the notices on the desk.
 */
export function addWorkingDaysNaive(calendar: Calendar, date: IsoDate, n: number, pauses?: readonly DateInterval[]): IsoDate {
  const start = parseDate(date);
  const paused = (pauses ?? []).map((p) => ({ from: parseDate(p.from), to: parseDate(p.to) }));
  let d = start;
  if (n >= 0) {
    let left = n;
    while (left > 0) {
      d++;
      if (calendar.isWorkingDayBySchedule(d) && !inPause(d, paused)) left--;
    }
  } else {
    let left = -n;
    while (left > 0) {
      d--;
      if (calendar.isWorkingDayBySchedule(d)) left--;
    }
  }
  return formatDate(d);
}

/** Day-by-day reference implementation of `Calendar.countWorkingDays` (inclusive at both ends). */
export function countWorkingDaysNaive(calendar: Calendar, from: IsoDate, to: IsoDate, pauses?: readonly DateInterval[]): number {
  const a = parseDate(from);
  const b = parseDate(to);
  const paused = (pauses ?? []).map((p) => ({ from: parseDate(p.from), to: parseDate(p.to) }));
  let count = 0;
  for (let d = a; d <= b; d++) if (calendar.isWorkingDayBySchedule(d) && !inPause(d, paused)) count++;
  return count;
}
