import { describe, expect, it } from 'vitest';
import {
  RuleInputError,
  dayNumberFromParts,
  formatChineseDateWithWeekday,
  formatChineseSpan,
  formatDate,
  isValidDate,
  parseDate,
  partsFromDayNumber,
  tryParseDate,
  weekdayName,
  weekdayOf,
  yearOf,
} from './dates.js';

describe('day numbers', () => {
  it('has 1970-01-01 as day 0, a Thursday', () => {
    expect(parseDate('1970-01-01')).toBe(0);
    expect(weekdayOf(0)).toBe(4);
  });

  it('round-trips every day from 1899 to 2101', () => {
    for (let dn = parseDate('1899-01-01'); dn <= parseDate('2101-12-31'); dn++) {
      const { year, month, day } = partsFromDayNumber(dn);
      expect(dayNumberFromParts(year, month, day)).toBe(dn);
      expect(parseDate(formatDate(dn))).toBe(dn);
    }
  });

  it('agrees with Date.UTC on sample dates', () => {
    for (const s of ['2000-02-29', '2019-01-01', '2020-02-02', '2024-09-27', '2027-01-12', '1900-03-01']) {
      expect(parseDate(s)).toBe(Date.UTC(+s.slice(0, 4), +s.slice(5, 7) - 1, +s.slice(8, 10)) / 86_400_000);
    }
  });

  it('knows the weekdays', () => {
    expect(weekdayName(parseDate('2024-09-27'))).toBe('星期五');
    expect(weekdayName(parseDate('2020-02-01'))).toBe('星期六');
    expect(weekdayName(parseDate('2026-11-25'))).toBe('星期三');
    expect(yearOf(parseDate('2026-12-31'))).toBe(2026);
    expect(yearOf(parseDate('2027-01-01'))).toBe(2027);
  });
});

describe('parsing', () => {
  it('rejects dates that do not exist and malformed text', () => {
    for (const bad of [
      '2024-02-30',
      '2023-02-29',
      '2100-02-29',
      '2024-13-01',
      '2024-00-10',
      '2024-04-31',
      '2024-1-01',
      '20240101',
      '2024/01/01',
      ' 2024-01-01',
      '',
      'abcd-ef-gh',
    ]) {
      expect(tryParseDate(bad), bad).toBeUndefined();
      expect(isValidDate(bad)).toBe(false);
    }
    expect(tryParseDate(20240101)).toBeUndefined();
    expect(isValidDate('2024-02-29')).toBe(true);
    expect(isValidDate('2000-02-29')).toBe(true);
  });

  it('throws a Chinese message naming the field', () => {
    expect(() => parseDate('2024-02-30', '收到申请日期')).toThrow(RuleInputError);
    expect(() => parseDate('2024-02-30', '收到申请日期')).toThrow(/收到申请日期「2024-02-30」无效/);
    expect(() => parseDate(undefined, '签收日期')).toThrow(/签收日期（未填写）无效/);
  });
});

describe('Chinese formatting', () => {
  it('formats dates and spans', () => {
    expect(formatChineseDateWithWeekday(parseDate('2024-10-08'))).toBe('2024年10月8日（星期二）');
    expect(formatChineseSpan(parseDate('2024-10-01'), parseDate('2024-10-07'))).toBe('2024年10月1日至7日');
    expect(formatChineseSpan(parseDate('2023-09-29'), parseDate('2023-10-06'))).toBe('2023年9月29日至10月6日');
    expect(formatChineseSpan(parseDate('2022-12-31'), parseDate('2023-01-02'))).toBe('2022年12月31日至2023年1月2日');
    expect(formatChineseSpan(parseDate('2024-06-10'), parseDate('2024-06-10'))).toBe('2024年6月10日');
  });
});

describe('Beijing dates of instants', () => {
  it('agrees with Date arithmetic on every hour boundary around midnight Beijing time, 1999–2101', async () => {
    const { beijingDate } = await import('./dates.js');
    for (let t = Date.UTC(1999, 0, 1); t < Date.UTC(2101, 0, 1); t += 86_400_000 * 7 + 3_600_000 * 5 + 61_000) {
      for (const dt of [-1, 0, 1]) {
        const at = t + dt;
        expect(beijingDate(new Date(at).toISOString())).toBe(new Date(at + 8 * 3_600_000).toISOString().slice(0, 10));
      }
    }
    expect(beijingDate('2026-11-30T15:59:59.999Z')).toBe('2026-11-30');
    expect(beijingDate('2026-11-30T16:00:00.000Z')).toBe('2026-12-01');
    expect(beijingDate('2026-12-01')).toBe('2026-12-01');
    expect(beijingDate('not a date')).toBe('');
  });
});
