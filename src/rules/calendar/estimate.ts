/**
 * A year's holidays estimated from the 全国年节及纪念日放假办法 alone, for years whose State Council
 * arrangement (国务院办公厅关于某年部分节假日安排的通知) is not published yet.
 *
 * The 放假办法 fixes the statutory holidays (第二条):
 * - as revised in 2024 (国务院关于修改《全国年节及纪念日放假办法》的决定, 2024-11-10, in force 2025-01-01):
 *   元旦 1 day (1 January); 春节 4 days (农历除夕、正月初一至初三); 清明节 1 day (农历清明当日); 劳动节 2 days
 *   (1 and 2 May); 端午节 1 day (农历端午当日); 中秋节 1 day (农历中秋当日); 国庆节 3 days (1 to 3 October);
 * - as revised in 2013 (in force 2014-01-01 to 2024-12-31): 春节 3 days (正月初一至初三), 劳动节 1 day (1 May),
 *   the others as above;
 * and 第六条: a holiday that falls on a Saturday or Sunday is made up on a working day (应当在工作日补假).
 *
 * What the estimate cannot know: the State Council's bridging (调休) — the long spans with make-up
 * Saturdays and Sundays — so a make-up working day (调休上班日) is never estimated. A weekend holiday is
 * made up on the first weekday(s) after the holiday that are not already off (the practice of the yearly
 * notices when they add a day: 2021 元旦, 2023 元旦); a holiday day that coincides with another holiday
 * (中秋 inside 国庆) is made up the same way, after the later holiday.
 */

import { formatDate, isWeekend, parseDate, type IsoDate } from './dates.js';
import { lunarDates } from './lunar.js';
import type { ScheduleDay, YearSchedule } from './schedule.js';

/** The first year the 2024 revision applies (元旦 2025). */
export const HOLIDAY_MEASURES_2024_FROM = 2025;

interface Festival {
  name: string;
  /** The statutory days, ascending. */
  days: number[];
}

function span(first: IsoDate, n: number): number[] {
  const d = parseDate(first);
  return Array.from({ length: n }, (_, i) => d + i);
}

/** The statutory holiday days of a year by the 放假办法 in force that year (undefined outside the lunar table). */
export function statutoryHolidays(year: number): Festival[] | undefined {
  const lunar = lunarDates(year);
  if (lunar === undefined) return undefined;
  const revised2024 = year >= HOLIDAY_MEASURES_2024_FROM;
  const y = String(year);
  return [
    { name: '元旦', days: span(`${y}-01-01`, 1) },
    { name: '春节', days: revised2024 ? span(lunar.newYearsEve, 4) : span(lunar.springFestival, 3) },
    { name: '清明节', days: span(lunar.qingming, 1) },
    { name: '劳动节', days: span(`${y}-05-01`, revised2024 ? 2 : 1) },
    { name: '端午节', days: span(lunar.dragonBoat, 1) },
    { name: '中秋节', days: span(lunar.midAutumn, 1) },
    { name: '国庆节', days: span(`${y}-10-01`, 3) },
  ].sort((a, b) => a.days[0] - b.days[0] || a.days.length - b.days.length);
}

/** The source line of an estimated schedule (shown wherever the schedule is named). */
export function estimateSource(year: number): string {
  return `按《全国年节及纪念日放假办法》${year >= HOLIDAY_MEASURES_2024_FROM ? '（2024年修订）' : '（2013年修订）'}推算的${year}年法定节假日（国务院办公厅尚未公布${year}年节假日安排）`;
}

/**
 * The estimated schedule of a year: the statutory days plus the weekday make-up days (补假) of 第六条, with
 * no make-up working days. Undefined for a year outside the lunar table (2019–2050).
 */
export function estimateYearSchedule(year: number): YearSchedule | undefined {
  const festivals = statutoryHolidays(year);
  if (festivals === undefined) return undefined;
  const off = new Map<number, string>();
  for (const f of festivals) {
    let lost = 0;
    for (const d of f.days) {
      if (isWeekend(d) || off.has(d)) lost++;
      if (!off.has(d)) off.set(d, f.name);
    }
    let d = f.days[f.days.length - 1];
    while (lost > 0) {
      d++;
      if (isWeekend(d) || off.has(d)) continue;
      off.set(d, `${f.name}（补假）`);
      lost--;
    }
  }
  const holidays: ScheduleDay[] = [...off.entries()]
    .filter(([d]) => formatDate(d).startsWith(`${year}-`))
    .sort((a, b) => a[0] - b[0])
    .map(([d, name]) => ({ date: formatDate(d), name }));
  return {
    year,
    holidays,
    workdays: [],
    source: estimateSource(year),
    note: '推算值：只含法定节假日及其逢周末的补假，不含国务院调休安排（调休上班日无法预知）；国务院公布当年安排后，请以“calendar import”导入，替代推算。',
  };
}

/**
 * The first month in which next year's schedule matters: from October a reply period (20 working days, 40 with
 * the extension, plus pauses) can run into January. The State Council usually publishes the schedule in
 * October–December.
 */
export const NEXT_YEAR_WATCH_MONTH = 10;

/**
 * Years whose State Council holiday schedule staff should import now (the console's banner): the current year,
 * and from October the next one, when not published. Their dates are estimated from the 放假办法 until then.
 */
export function missingScheduleYears(today: string, publishedYears: readonly number[]): number[] {
  const year = Number(today.slice(0, 4));
  const month = Number(today.slice(5, 7));
  const watch = month >= NEXT_YEAR_WATCH_MONTH ? [year, year + 1] : [year];
  return watch.filter((y) => !publishedYears.includes(y));
}
