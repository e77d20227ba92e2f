import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { BUILTIN_SCHEDULES, builtinCalendar } from './builtin.js';
import { addWorkingDaysNaive, countWorkingDaysNaive, createCalendar, mergeIntervals, parseIntervals } from './calendar.js';
import { RuleInputError, formatDate, parseDate } from './dates.js';
import { ScheduleError } from './schedule.js';

const cal = builtinCalendar();

describe('Calendar basics', () => {
  it('classifies days', () => {
    expect(cal.classify('2024-10-01')).toEqual({ date: '2024-10-01', kind: 'holiday', working: false, name: '国庆节', weekday: '星期二', provisional: false });
    expect(cal.classify('2024-10-12')).toMatchObject({ kind: 'makeup_workday', working: true, name: '国庆节', weekday: '星期六' });
    expect(cal.classify('2024-10-13')).toMatchObject({ kind: 'weekend', working: false });
    expect(cal.classify('2024-10-14')).toMatchObject({ kind: 'workday', working: true });
    expect(cal.isWorkingDay('2024-06-10')).toBe(false); // 端午节
    expect(cal.isWorkingDay('2024-04-07')).toBe(true); // 清明节调休上班（星期日）
  });

  it('adds working days, not counting the start day', () => {
    expect(cal.addWorkingDays('2024-09-27', 20)).toBe('2024-10-30');
    expect(cal.addWorkingDays('2024-09-27', 0)).toBe('2024-09-27');
    expect(cal.addWorkingDays('2024-09-27', 1)).toBe('2024-09-29'); // the make-up Sunday
    expect(cal.addWorkingDays('2024-09-30', 1)).toBe('2024-10-08');
    expect(cal.addWorkingDays('2024-10-03', 1)).toBe('2024-10-08'); // from inside the holiday
    expect(cal.addWorkingDays('2024-10-08', -1)).toBe('2024-09-30');
    expect(cal.addWorkingDays('2024-10-30', -20)).toBe('2024-09-27');
  });

  it('counts working days inclusively', () => {
    expect(cal.countWorkingDays('2024-09-28', '2024-10-30')).toBe(20);
    expect(cal.countWorkingDays('2024-10-01', '2024-10-07')).toBe(0);
    expect(cal.countWorkingDays('2024-10-08', '2024-10-08')).toBe(1);
    expect(cal.countWorkingDays('2024-10-09', '2024-10-08')).toBe(0);
  });

  it('skips working days inside pauses, counting overlapping pauses once', () => {
    const pauses = [
      { from: '2024-10-08', to: '2024-10-10' },
      { from: '2024-10-09', to: '2024-10-11' },
    ];
    // 8–11 Oct = 4 working days paused: due moves from 30 Oct to 5 Nov (31 Oct, 1, 4, 5 Nov).
    expect(cal.addWorkingDays('2024-09-27', 20, pauses)).toBe('2024-11-05');
    expect(cal.countWorkingDays('2024-09-28', '2024-11-05', pauses)).toBe(20);
    expect(() => cal.addWorkingDays('2024-09-27', 20, [{ from: '2024-10-10', to: '2024-10-08' }])).toThrow(/起始日期2024-10-10晚于结束日期2024-10-08/);
    expect(() => cal.addWorkingDays('2024-09-27', -2, pauses)).toThrow(RuleInputError);
  });

  it('gives next and previous working days', () => {
    expect(cal.nextWorkingDay('2024-09-30')).toBe('2024-10-08');
    expect(cal.nextWorkingDay('2024-10-11')).toBe('2024-10-12');
    expect(cal.previousWorkingDay('2024-10-08')).toBe('2024-09-30');
  });

  it('lists holiday runs with names and make-up days', () => {
    expect(cal.holidaySpans('2024-06-01', '2024-06-30')).toEqual([{ from: '2024-06-08', to: '2024-06-10', names: ['端午节'] }]);
    expect(cal.holidaySpans('2025-09-20', '2025-10-20')).toEqual([{ from: '2025-10-01', to: '2025-10-08', names: ['国庆节', '中秋节'] }]);
    expect(cal.holidaySpans('2024-10-05', '2024-10-05')).toEqual([{ from: '2024-10-01', to: '2024-10-07', names: ['国庆节'] }]);
    expect(cal.makeupDays('2024-09-01', '2024-10-31')).toEqual([
      { date: '2024-09-14', name: '中秋节' },
      { date: '2024-09-29', name: '国庆节' },
      { date: '2024-10-12', name: '国庆节' },
    ]);
  });

  it('rejects invalid dates and non-integer counts in Chinese', () => {
    expect(() => cal.addWorkingDays('2024-02-30', 1)).toThrow(/「2024-02-30」无效/);
    expect(() => cal.addWorkingDays('2024-02-01', 1.5)).toThrow(/应为整数/);
  });
});

describe('unpublished years and run-time schedules', () => {
  it('counts Monday–Friday in unpublished years and flags them', () => {
    expect(cal.isProvisional('2027-03-01')).toBe(true);
    expect(cal.unpublishedYearsBetween('2026-12-01', '2028-01-05')).toEqual([2027, 2028]);
    expect(cal.unpublishedYearsBetween('2018-12-01', '2019-01-05')).toEqual([2018]);
    // 2027-01-01 is a Friday: 元旦, estimated from the 放假办法 (provisional), so the next working day is Monday.
    expect(cal.addWorkingDays('2026-12-31', 1)).toBe('2027-01-04');
    expect(cal.isEstimatedYear(2027)).toBe(true);
    expect(cal.classify('2027-01-01')).toMatchObject({ kind: 'holiday', name: '元旦', provisional: true });
    // Built from published schedules only, the same year counts Monday–Friday.
    expect(createCalendar(BUILTIN_SCHEDULES).addWorkingDays('2026-12-31', 1)).toBe('2027-01-01');
    expect(cal.addWorkingDays('2018-12-28', 1)).toBe('2018-12-31');
  });

  it('takes an administrator-published 2027 into account', () => {
    const cal2027 = createCalendar([...BUILTIN_SCHEDULES, { year: 2027, holidays: [{ date: '2027-01-01', name: '元旦' }], workdays: [], source: '示例通知' }]);
    expect(cal2027.isProvisional('2027-03-01')).toBe(false);
    expect(cal2027.addWorkingDays('2026-12-31', 1)).toBe('2027-01-04');
    expect(cal2027.publishedYears).toEqual([2019, 2020, 2021, 2022, 2023, 2024, 2025, 2026, 2027]);
  });

  it('lets a later schedule for the same year replace the earlier one', () => {
    const replaced = createCalendar([...BUILTIN_SCHEDULES, { year: 2026, holidays: ['2026-01-01'], workdays: [], source: '更正' }]);
    expect(replaced.isWorkingDay('2026-10-08')).toBe(true);
    expect(replaced.isWorkingDay('2026-10-01')).toBe(true);
    expect(replaced.isWorkingDay('2026-01-01')).toBe(false);
  });

  it('works with gaps between published years and with no schedule at all', () => {
    const gap = createCalendar([BUILTIN_SCHEDULES[0], BUILTIN_SCHEDULES[7]]); // 2019 and 2026 only
    expect(gap.isProvisional('2022-05-01')).toBe(true);
    expect(gap.isWorkingDay('2022-10-03')).toBe(true); // Monday, National Day unknown without the 2022 data
    expect(gap.isWorkingDay('2026-10-05')).toBe(false);
    const none = createCalendar([]);
    expect(none.addWorkingDays('2024-09-27', 20)).toBe('2024-10-25');
    expect(none.countWorkingDays('2024-09-28', '2024-10-25')).toBe(20);
  });

  it('rejects an invalid schedule, naming the year', () => {
    expect(() => createCalendar([{ year: 2027, holidays: ['2027-02-30'], source: 'x' }])).toThrow(ScheduleError);
    expect(() => createCalendar([{ year: 2027, holidays: ['2027-02-30'], source: 'x' }])).toThrow(/2027年：holidays/);
  });
});

describe('intervals', () => {
  it('merges overlapping and adjacent intervals', () => {
    expect(
      mergeIntervals([
        { from: 10, to: 12 },
        { from: 1, to: 3 },
        { from: 4, to: 5 },
        { from: 11, to: 20 },
      ]),
    ).toEqual([
      { from: 1, to: 5 },
      { from: 10, to: 20 },
    ]);
    expect(parseIntervals(undefined)).toEqual([]);
  });
});

// ------------------------------------------------------------------ property tests: fast = naive

const DAY_2016 = parseDate('2016-06-01');
const DAY_2029 = parseDate('2029-06-30');
const dateArb = fc.integer({ min: DAY_2016, max: DAY_2029 }).map(formatDate);
const pauseArb = fc
  .tuple(fc.integer({ min: DAY_2016, max: DAY_2029 }), fc.integer({ min: 0, max: 40 }))
  .map(([a, len]) => ({ from: formatDate(a), to: formatDate(a + len) }));

// Random schedules (random days off and random make-up weekend days), with unpublished gaps between years.
const randomScheduleArb = (year: number) =>
  fc
    .tuple(fc.uniqueArray(fc.integer({ min: 0, max: 364 }), { maxLength: 40 }), fc.uniqueArray(fc.integer({ min: 0, max: 364 }), { maxLength: 10 }))
    .map(([off, work]) => {
      const start = parseDate(`${year}-01-01`);
      const workdays = work.map((i) => start + i).filter((d) => [0, 6].includes((((d + 4) % 7) + 7) % 7));
      const workSet = new Set(workdays);
      return {
        year,
        holidays: off.map((i) => formatDate(start + i)).filter((d) => !workSet.has(parseDate(d))),
        workdays: workdays.map(formatDate),
        source: 'random',
      };
    });
const randomCalendarArb = fc
  .tuple(fc.subarray([2017, 2018, 2020, 2021, 2024, 2027, 2028]))
  .chain(([years]) => fc.tuple(...years.map(randomScheduleArb)))
  .map((schedules) => createCalendar(schedules.filter((s) => s.holidays.length > 0)));

describe('fast implementation = day-by-day implementation', () => {
  it('addWorkingDays on the built-in calendar, with and without pauses', () => {
    fc.assert(
      fc.property(dateArb, fc.integer({ min: 0, max: 120 }), fc.array(pauseArb, { maxLength: 4 }), (d, n, pauses) => {
        expect(cal.addWorkingDays(d, n)).toBe(addWorkingDaysNaive(cal, d, n));
        expect(cal.addWorkingDays(d, n, pauses)).toBe(addWorkingDaysNaive(cal, d, n, pauses));
      }),
      { numRuns: 2000 },
    );
  });

  it('addWorkingDays backwards', () => {
    fc.assert(
      fc.property(dateArb, fc.integer({ min: -120, max: 0 }), (d, n) => {
        expect(cal.addWorkingDays(d, n)).toBe(addWorkingDaysNaive(cal, d, n));
      }),
      { numRuns: 1000 },
    );
  });

  it('countWorkingDays, with and without pauses', () => {
    fc.assert(
      fc.property(dateArb, fc.integer({ min: -5, max: 400 }), fc.array(pauseArb, { maxLength: 4 }), (d, len, pauses) => {
        const to = formatDate(parseDate(d) + len);
        expect(cal.countWorkingDays(d, to)).toBe(countWorkingDaysNaive(cal, d, to));
        expect(cal.countWorkingDays(d, to, pauses)).toBe(countWorkingDaysNaive(cal, d, to, pauses));
      }),
      { numRuns: 1000 },
    );
  });

  it('on random calendars with unpublished gaps', () => {
    fc.assert(
      fc.property(randomCalendarArb, dateArb, fc.integer({ min: -60, max: 300 }), fc.array(pauseArb, { maxLength: 3 }), (c, d, n, pauses) => {
        expect(c.addWorkingDays(d, n)).toBe(addWorkingDaysNaive(c, d, n));
        if (n >= 0) expect(c.addWorkingDays(d, n, pauses)).toBe(addWorkingDaysNaive(c, d, n, pauses));
        const to = formatDate(parseDate(d) + Math.abs(n));
        expect(c.countWorkingDays(d, to, pauses)).toBe(countWorkingDaysNaive(c, d, to, pauses));
        expect(c.isWorkingDay(d)).toBe(c.isWorkingDayBySchedule(parseDate(d)));
      }),
      { numRuns: 300 },
    );
  });

  it('the n-th working day after d is a working day, and exactly n working days lie in (d, result]', () => {
    fc.assert(
      fc.property(dateArb, fc.integer({ min: 1, max: 200 }), (d, n) => {
        const r = cal.addWorkingDays(d, n);
        expect(cal.isWorkingDay(r)).toBe(true);
        expect(cal.countWorkingDays(formatDate(parseDate(d) + 1), r)).toBe(n);
      }),
      { numRuns: 1000 },
    );
  });
});
