import { describe, expect, it } from 'vitest';
import { BUILTIN_SCHEDULES } from './builtin.js';
import { createCalendar } from './calendar.js';
import { formatDate, parseDate } from './dates.js';
import { estimateYearSchedule, missingScheduleYears, statutoryHolidays } from './estimate.js';
import { LUNAR_FIRST_YEAR, LUNAR_LAST_YEAR, lunarDates } from './lunar.js';

const REAL_YEARS = [2019, 2020, 2021, 2022, 2023, 2024, 2025, 2026];
const real = (year: number) => BUILTIN_SCHEDULES.find((s) => s.year === year)!;
const offDays = (year: number) => new Map(real(year).holidays.map((h) => [h.date, h.name ?? '']));

describe('the lunar table (春节, 除夕, 清明, 端午, 中秋) against the real schedules 2019–2026', () => {
  it('covers every year 2019–2050', () => {
    expect(LUNAR_FIRST_YEAR).toBe(2019);
    expect(LUNAR_LAST_YEAR).toBe(2050);
    for (let y = 2019; y <= 2050; y++) {
      const l = lunarDates(y)!;
      // 春节 falls between 21 January and 20 February; 清明 on 4–6 April; 端午 late May–late June; 中秋 September–early October.
      expect(l.springFestival >= `${y}-01-21` && l.springFestival <= `${y}-02-20`, `${y}`).toBe(true);
      expect(l.qingming >= `${y}-04-04` && l.qingming <= `${y}-04-06`, `${y}`).toBe(true);
      expect(l.dragonBoat >= `${y}-05-26` && l.dragonBoat <= `${y}-06-25`, `${y}`).toBe(true);
      expect(l.midAutumn >= `${y}-09-07` && l.midAutumn <= `${y}-10-07`, `${y}`).toBe(true);
      expect(parseDate(l.springFestival) - parseDate(l.newYearsEve)).toBe(1);
    }
    expect(lunarDates(2018)).toBeUndefined();
    expect(lunarDates(2051)).toBeUndefined();
  });

  it('each festival day is a day off of that festival in the State Council schedule', () => {
    for (const y of REAL_YEARS) {
      const off = offDays(y);
      const l = lunarDates(y)!;
      expect(off.get(l.springFestival), `${y} 春节`).toMatch(/春节/);
      expect(off.get(l.qingming), `${y} 清明`).toMatch(/清明/);
      expect(off.get(l.dragonBoat), `${y} 端午`).toMatch(/端午/);
      expect(off.get(l.midAutumn), `${y} 中秋`).toMatch(/中秋/);
      // The 2024 revision adds 除夕 (from 2025); the real schedules of every year had it off anyway except where noted.
      if (y >= 2025) expect(off.get(l.newYearsEve), `${y} 除夕`).toMatch(/春节/);
    }
  });

  it('every statutory day of the 放假办法 is a day off in the real schedule (2020–2026)', () => {
    for (const y of REAL_YEARS) {
      const off = offDays(y);
      for (const f of statutoryHolidays(y)!) for (const d of f.days) expect(off.has(formatDate(d)), `${y} ${f.name} ${formatDate(d)}`).toBe(true);
    }
  });

  it('counts the days of each revision: 11 until 2024, 13 from 2025; weekend holidays are made up on the next weekdays', () => {
    expect(statutoryHolidays(2024)!.flatMap((f) => f.days)).toHaveLength(11);
    expect(statutoryHolidays(2027)!.flatMap((f) => f.days)).toHaveLength(13);
    const e2027 = estimateYearSchedule(2027)!;
    expect(e2027.workdays).toEqual([]);
    expect(e2027.holidays.map((h) => h.date)).toContain('2027-01-01'); // a Friday
    // 2027: 除夕 2027-02-05 (Fri), 初一–初三 6–8 Feb (Sat–Mon): Sat and Sun are made up on Tue 9 and Wed 10 Feb.
    expect(e2027.holidays.filter((h) => h.name?.startsWith('春节')).map((h) => h.date)).toEqual([
      '2027-02-05',
      '2027-02-06',
      '2027-02-07',
      '2027-02-08',
      '2027-02-09',
      '2027-02-10',
    ]);
    // 2028: 元旦 is a Saturday → Monday 3 January off.
    expect(estimateYearSchedule(2028)!.holidays.slice(0, 2)).toEqual([
      { date: '2028-01-01', name: '元旦' },
      { date: '2028-01-03', name: '元旦（补假）' },
    ]);
    // 2031: 中秋 on 1 October coincides with 国庆: the lost day is made up after 国庆 (1–4 October off, and the weekend).
    const oct2031 = estimateYearSchedule(2031)!.holidays.filter((h) => h.date.startsWith('2031-10'));
    expect(oct2031.map((h) => h.date)).toEqual(['2031-10-01', '2031-10-02', '2031-10-03', '2031-10-06']);
  });
});

describe('how often the estimate gives the real 20-working-day due date (must show 4)', () => {
  it('prints, per year of receipt 2020–2026, estimate vs weekends-only vs the real schedule, for every receipt day', () => {
    const realCal = createCalendar(BUILTIN_SCHEDULES);
    const estimated = createCalendar([], { estimate: true }); // nothing published: every year from the 放假办法 alone
    const weekends = createCalendar([]);
    const rows: { year: number; days: number; estimate: number; weekendsOnly: number }[] = [];
    for (let year = 2020; year <= 2026; year++) {
      let days = 0;
      let est = 0;
      let wk = 0;
      for (let d = parseDate(`${year}-01-01`); d <= parseDate(`${year}-12-31`); d++) {
        const due = realCal.addWorkingDaysN(d, 20);
        if (due > parseDate('2026-12-31')) continue; // the real due date must lie in a published year
        days++;
        if (estimated.addWorkingDaysN(d, 20) === due) est++;
        if (weekends.addWorkingDaysN(d, 20) === due) wk++;
      }
      rows.push({ year, days, estimate: est, weekendsOnly: wk });
    }
    const pct = (n: number, of: number) => `${((100 * n) / of).toFixed(1)}%`;
    const lines = [
      '| receipt year | receipt days | estimate = real | weekends-only = real |',
      '|---|---|---|---|',
      ...rows.map((r) => `| ${r.year} | ${r.days} | ${r.estimate} (${pct(r.estimate, r.days)}) | ${r.weekendsOnly} (${pct(r.weekendsOnly, r.days)}) |`),
    ];
    const total = rows.reduce((a, r) => ({ days: a.days + r.days, est: a.est + r.estimate, wk: a.wk + r.weekendsOnly }), { days: 0, est: 0, wk: 0 });
    lines.push(`| 2020–2026 | ${total.days} | ${total.est} (${pct(total.est, total.days)}) | ${total.wk} (${pct(total.wk, total.days)}) |`);
    console.log(`\n20-working-day due date from the 放假办法 alone vs weekends-only, against the real schedules:\n${lines.join('\n')}\n`);
    for (const r of rows) expect(r.estimate, String(r.year)).toBeGreaterThan(r.weekendsOnly);
    expect(rows.filter((r) => r.year < 2026).every((r) => r.days >= 365)).toBe(true);
    expect(rows[rows.length - 1].days).toBeGreaterThan(300);
  });
});

describe('missing schedules (the console banner)', () => {
  it('asks for next year from October, and for the current year whenever it is missing', () => {
    const published = [2019, 2020, 2021, 2022, 2023, 2024, 2025, 2026];
    expect(missingScheduleYears('2026-09-30', published)).toEqual([]);
    expect(missingScheduleYears('2026-10-01', published)).toEqual([2027]);
    expect(missingScheduleYears('2026-12-02', published)).toEqual([2027]);
    expect(missingScheduleYears('2026-12-02', [...published, 2027])).toEqual([]);
    expect(missingScheduleYears('2027-01-04', published)).toEqual([2027]);
    expect(missingScheduleYears('2027-11-15', published)).toEqual([2027, 2028]);
  });
});
