/**
 * The lunar-calendar dates the 全国年节及纪念日放假办法 needs, for 2019–2050, as data: 春节 (正月初一), the
 * solar term 清明, 端午 (五月初五) and 中秋 (八月十五), each as MM-DD of the Gregorian year (Beijing time).
 * 除夕 is the day before 正月初一 (the last day of the twelfth month, whether it is 廿九 or 三十).
 *
 * Tabulated once (facts, not code) with the open-source `lunar-javascript` 1.7.7 calendar tables; not
 * computed at run time. Checked against the real State Council schedules 2019–2026 of ./schedules/ in
 * estimate.test.ts, and spot-checked against published 春节 dates (2027-02-06, 2030-02-03, 2033-01-31). Years outside the table have no
 * estimate (the calendar then counts Monday–Friday, as before).
 */

/** [year, 春节 (正月初一), 清明, 端午, 中秋]. */
const TABLE: readonly (readonly [number, string, string, string, string])[] = [
  [2019, '02-05', '04-05', '06-07', '09-13'],
  [2020, '01-25', '04-04', '06-25', '10-01'],
  [2021, '02-12', '04-04', '06-14', '09-21'],
  [2022, '02-01', '04-05', '06-03', '09-10'],
  [2023, '01-22', '04-05', '06-22', '09-29'],
  [2024, '02-10', '04-04', '06-10', '09-17'],
  [2025, '01-29', '04-04', '05-31', '10-06'],
  [2026, '02-17', '04-05', '06-19', '09-25'],
  [2027, '02-06', '04-05', '06-09', '09-15'],
  [2028, '01-26', '04-04', '05-28', '10-03'],
  [2029, '02-13', '04-04', '06-16', '09-22'],
  [2030, '02-03', '04-05', '06-05', '09-12'],
  [2031, '01-23', '04-05', '06-24', '10-01'],
  [2032, '02-11', '04-04', '06-12', '09-19'],
  [2033, '01-31', '04-04', '06-01', '09-08'],
  [2034, '02-19', '04-05', '06-20', '09-27'],
  [2035, '02-08', '04-05', '06-10', '09-16'],
  [2036, '01-28', '04-04', '05-30', '10-04'],
  [2037, '02-15', '04-04', '06-18', '09-24'],
  [2038, '02-04', '04-05', '06-07', '09-13'],
  [2039, '01-24', '04-05', '05-27', '10-02'],
  [2040, '02-12', '04-04', '06-14', '09-20'],
  [2041, '02-01', '04-04', '06-03', '09-10'],
  [2042, '01-22', '04-04', '06-22', '09-28'],
  [2043, '02-10', '04-05', '06-11', '09-17'],
  [2044, '01-30', '04-04', '05-31', '10-05'],
  [2045, '02-17', '04-04', '06-19', '09-25'],
  [2046, '02-06', '04-04', '06-08', '09-15'],
  [2047, '01-26', '04-05', '05-29', '10-04'],
  [2048, '02-14', '04-04', '06-15', '09-22'],
  [2049, '02-02', '04-04', '06-04', '09-11'],
  [2050, '01-23', '04-04', '06-23', '09-30'],
];

export interface LunarDates {
  year: number;
  /** 正月初一, YYYY-MM-DD. */
  springFestival: string;
  /** 除夕: the day before 正月初一 (may fall in the same Gregorian year, always January or February). */
  newYearsEve: string;
  qingming: string;
  dragonBoat: string;
  midAutumn: string;
}

export const LUNAR_FIRST_YEAR = TABLE[0][0];
export const LUNAR_LAST_YEAR = TABLE[TABLE.length - 1][0];

function dayBefore(iso: string): string {
  const d = new Date(`${iso}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() - 1);
  return d.toISOString().slice(0, 10);
}

/** The lunar holiday dates of a Gregorian year, or undefined outside 2019–2050. */
export function lunarDates(year: number): LunarDates | undefined {
  const row = TABLE.find((r) => r[0] === year);
  if (row === undefined) return undefined;
  const [, spring, qingming, dragonBoat, midAutumn] = row;
  const springFestival = `${year}-${spring}`;
  return {
    year,
    springFestival,
    newYearsEve: dayBefore(springFestival),
    qingming: `${year}-${qingming}`,
    dragonBoat: `${year}-${dragonBoat}`,
    midAutumn: `${year}-${midAutumn}`,
  };
}
