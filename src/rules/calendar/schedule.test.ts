import { describe, expect, it } from 'vitest';
import { BUILTIN_SCHEDULES } from './builtin.js';
import { ScheduleError, parseYearSchedule, validateYearSchedule } from './schedule.js';

const sample2027 = {
  year: 2027,
  holidays: [{ date: '2027-01-01', name: '元旦' }, '2027-02-06', '2027-02-07'],
  workdays: [{ date: '2027-02-13', name: '春节' }],
  source: '国务院办公厅关于2027年部分节假日安排的通知（示例）',
};

function problemsOf(value: unknown): string[] {
  try {
    parseYearSchedule(value);
  } catch (e) {
    if (e instanceof ScheduleError) return e.problems;
    throw e;
  }
  return [];
}

describe('parseYearSchedule', () => {
  it('accepts a schedule as an object or JSON text, dates as strings or {date, name}', () => {
    const s = parseYearSchedule(JSON.stringify(sample2027));
    expect(s.year).toBe(2027);
    expect(s.holidays).toEqual([{ date: '2027-01-01', name: '元旦' }, { date: '2027-02-06' }, { date: '2027-02-07' }]);
    expect(s.workdays).toEqual([{ date: '2027-02-13', name: '春节' }]);
    expect(parseYearSchedule(sample2027)).toEqual(s);
  });

  it('sorts dates and allows a missing workdays list', () => {
    const s = parseYearSchedule({ year: 2027, holidays: ['2027-10-02', '2027-01-01'], source: 'x' });
    expect(s.holidays.map((d) => d.date)).toEqual(['2027-01-01', '2027-10-02']);
    expect(s.workdays).toEqual([]);
  });

  it('rejects broken JSON and non-objects in Chinese', () => {
    expect(() => parseYearSchedule('{year: 2027')).toThrow(/不是有效的JSON/);
    expect(() => parseYearSchedule('[1,2]')).toThrow(/应为一个JSON对象/);
    expect(() => parseYearSchedule(null)).toThrow(ScheduleError);
  });

  it('lists every problem', () => {
    const problems = problemsOf({
      year: 2027,
      holidays: ['2027-02-30', '2026-12-31', '2027-01-01', '2027-01-01', { date: '2027-05-01', extra: 1 }, '2027-01-02'],
      workdays: ['2027-02-08', '2027-01-02'],
      source: '',
      holiday: [],
    });
    expect(problems).toEqual(
      expect.arrayContaining([
        expect.stringMatching(/无法识别的字段「holiday」/),
        expect.stringMatching(/holidays（放假日期）第1项「2027-02-30」不是有效日期/),
        expect.stringMatching(/第2项「2026-12-31」不属于2027年/),
        expect.stringMatching(/第4项「2027-01-01」重复出现/),
        expect.stringMatching(/第5项含有无法识别的字段「extra」/),
        expect.stringMatching(/workdays（调休上班日期）第1项「2027-02-08」是星期一/),
        expect.stringMatching(/「2027-01-02」同时出现在放假日期和调休上班日期中/),
        expect.stringMatching(/source（数据依据）不能为空/),
      ]),
    );
  });

  it('checks the year and the list types', () => {
    expect(problemsOf({ year: '2027', holidays: ['2027-01-01'], source: 's' })).toEqual([expect.stringMatching(/year（年份）应为/)]);
    expect(problemsOf({ year: 2027.5, holidays: [], source: 's' })).toEqual(
      expect.arrayContaining([expect.stringMatching(/year/), expect.stringMatching(/不能为空/)]),
    );
    expect(problemsOf({ year: 2027, holidays: '2027-01-01', source: 's' })).toEqual([expect.stringMatching(/应为日期数组/)]);
    expect(problemsOf({ year: 2027, holidays: [{ date: '2027-01-01', name: '' }], source: 's' })).toEqual([
      expect.stringMatching(/名称应为不超过30个字的文字/),
    ]);
    expect(validateYearSchedule(sample2027)).toEqual([]);
  });

  it('accepts every built-in schedule unchanged', () => {
    for (const s of BUILTIN_SCHEDULES) expect(parseYearSchedule(s)).toEqual(s);
    expect(BUILTIN_SCHEDULES.map((s) => s.year)).toEqual([2019, 2020, 2021, 2022, 2023, 2024, 2025, 2026]);
    for (const s of BUILTIN_SCHEDULES) expect(s.source).toMatch(/国办发明电〔\d{4}〕\d+号/);
  });
});
