/**
 * The built-in data checked against the State Council notices, typed in here by hand from the notices
 * themselves (days off as stated in 「X月X日至X日放假」, make-up working days as stated in 「X月X日上班」),
 * independently of the generated files.
 */
import { describe, expect, it } from 'vitest';
import { builtinCalendar } from './builtin.js';
import { formatDate, isWeekend, parseDate } from './dates.js';

interface Notice {
  off: string[]; // 'MM-DD' or 'MM-DD..MM-DD'
  work: string[];
}

const NOTICES: Record<number, Notice> = {
  // 国办发明电〔2018〕15号 + 〔2019〕3号 (Labour Day changed to 1–4 May, 28 Apr and 5 May working)
  2019: {
    off: ['01-01', '02-04..02-10', '04-05', '05-01..05-04', '06-07', '09-13', '10-01..10-07'],
    work: ['02-02', '02-03', '04-28', '05-05', '09-29', '10-12'],
  },
  // 国办发明电〔2019〕16号 + 〔2020〕1号 (Spring Festival extended to 2 Feb; 1 Feb no longer a working Saturday)
  2020: {
    off: ['01-01', '01-24..02-02', '04-04..04-06', '05-01..05-05', '06-25..06-27', '10-01..10-08'],
    work: ['01-19', '04-26', '05-09', '06-28', '09-27', '10-10'],
  },
  // 国办发明电〔2020〕27号
  2021: {
    off: ['01-01..01-03', '02-11..02-17', '04-03..04-05', '05-01..05-05', '06-12..06-14', '09-19..09-21', '10-01..10-07'],
    work: ['02-07', '02-20', '04-25', '05-08', '09-18', '09-26', '10-09'],
  },
  // 国办发明电〔2021〕11号; 31 Dec from 〔2022〕16号
  2022: {
    off: ['01-01..01-03', '01-31..02-06', '04-03..04-05', '04-30..05-04', '06-03..06-05', '09-10..09-12', '10-01..10-07', '12-31'],
    work: ['01-29', '01-30', '04-02', '04-24', '05-07', '10-08', '10-09'],
  },
  // 国办发明电〔2022〕16号
  2023: {
    off: ['01-01..01-02', '01-21..01-27', '04-05', '04-29..05-03', '06-22..06-24', '09-29..10-06'],
    work: ['01-28', '01-29', '04-23', '05-06', '06-25', '10-07', '10-08'],
  },
  // 国办发明电〔2023〕7号
  2024: {
    off: ['01-01', '02-10..02-17', '04-04..04-06', '05-01..05-05', '06-10', '09-15..09-17', '10-01..10-07'],
    work: ['02-04', '02-18', '04-07', '04-28', '05-11', '09-14', '09-29', '10-12'],
  },
  // 国办发明电〔2024〕12号
  2025: { off: ['01-01', '01-28..02-04', '04-04..04-06', '05-01..05-05', '05-31..06-02', '10-01..10-08'], work: ['01-26', '02-08', '04-27', '09-28', '10-11'] },
  // 国办发明电〔2025〕7号
  2026: {
    off: ['01-01..01-03', '02-15..02-23', '04-04..04-06', '05-01..05-05', '06-19..06-21', '09-25..09-27', '10-01..10-07'],
    work: ['01-04', '02-14', '02-28', '05-09', '09-20', '10-10'],
  },
};

function expand(year: number, items: string[]): Set<number> {
  const out = new Set<number>();
  for (const item of items) {
    const [a, b = a] = item.split('..');
    for (let d = parseDate(`${year}-${a}`); d <= parseDate(`${year}-${b}`); d++) out.add(d);
  }
  return out;
}

describe('built-in calendar data = the State Council notices', () => {
  const cal = builtinCalendar();
  for (const [y, notice] of Object.entries(NOTICES)) {
    const year = Number(y);
    it(`classifies every day of ${year} as the notice says`, () => {
      const off = expand(year, notice.off);
      const work = expand(year, notice.work);
      const wrong: string[] = [];
      for (let d = parseDate(`${year}-01-01`); d <= parseDate(`${year}-12-31`); d++) {
        const expected = work.has(d) || (!isWeekend(d) && !off.has(d));
        if (cal.isWorkingDayNumber(d) !== expected) wrong.push(formatDate(d));
      }
      expect(wrong).toEqual([]);
      expect(cal.isPublishedYear(year)).toBe(true);
    });
  }

  it('has the extended 2020 Spring Festival (国办发明电〔2020〕1号)', () => {
    expect(cal.classify('2020-01-31')).toMatchObject({ kind: 'holiday', name: '春节', working: false });
    expect(cal.classify('2020-02-01')).toMatchObject({ kind: 'holiday', name: '春节', working: false, weekday: '星期六' });
    expect(cal.classify('2020-02-02')).toMatchObject({ kind: 'holiday', working: false });
    expect(cal.classify('2020-02-03')).toMatchObject({ kind: 'workday', working: true });
    expect(cal.makeupDays('2020-01-01', '2020-02-29').map((d) => d.date)).toEqual(['2020-01-19']);
  });

  it('has the expected number of working days per year', () => {
    // Counted from the notices above: 365/366 days − weekends − weekday holidays + make-up days.
    for (const [y, notice] of Object.entries(NOTICES)) {
      const year = Number(y);
      const off = expand(year, notice.off);
      const work = expand(year, notice.work);
      let expected = 0;
      for (let d = parseDate(`${year}-01-01`); d <= parseDate(`${year}-12-31`); d++) if (!isWeekend(d) && !off.has(d)) expected++;
      expected += work.size;
      expect(cal.countWorkingDays(`${year}-01-01`, `${year}-12-31`), String(year)).toBe(expected);
    }
    // Counted by hand: 2024 = 262 weekdays − 19 weekday holidays + 8 make-up days = 251;
    // 2020 = 262 − 19 (incl. 31 Jan of the extension) + 6 = 249; 2025 = 261 − 18 + 5 = 248.
    expect(cal.countWorkingDays('2024-01-01', '2024-12-31')).toBe(251);
    expect(cal.countWorkingDays('2020-01-01', '2020-12-31')).toBe(249);
    expect(cal.countWorkingDays('2025-01-01', '2025-12-31')).toBe(248);
  });

  it('treats 2018 and 2027 as unpublished', () => {
    expect(cal.isPublishedYear(2018)).toBe(false);
    expect(cal.isPublishedYear(2027)).toBe(false);
    expect(cal.classify('2027-01-01')).toMatchObject({ kind: 'holiday', working: false, provisional: true }); // estimated 元旦
    expect(cal.classify('2027-01-04')).toMatchObject({ kind: 'workday', working: true, provisional: true });
    expect(cal.classify('2026-12-31')).toMatchObject({ provisional: false });
  });
});
