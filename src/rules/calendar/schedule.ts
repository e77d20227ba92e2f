/**
 * One year's official holiday arrangement (国务院办公厅关于某年部分节假日安排的通知) as data.
 *
 * The Regulation counts its periods in working days (工作日, 条例第三十条、第三十二条、第三十三条) without
 * defining them; the accepted reading is Monday–Friday, minus the public holidays (放假日) and plus the
 * make-up working days (调休上班日) that the State Council publishes every year. A year without a
 * published schedule is "unpublished": the calendar then counts Monday–Friday provisionally.
 *
 * `parseYearSchedule` validates a schedule that an administrator imports (`gongkai calendar import FILE`);
 * its messages are Chinese because they are shown to that administrator.
 */

import { RuleInputError, isWeekend, tryParseDate, weekdayName, yearOf, type IsoDate } from './dates.js';

/** One date of a schedule with the holiday it belongs to (e.g. 「春节」), when known. */
export interface ScheduleDay {
  date: IsoDate;
  name?: string;
}

/** The official arrangement of one calendar year. */
export interface YearSchedule {
  year: number;
  /** Every day off of the arrangement (放假日), including the weekend days inside a holiday span. */
  holidays: ScheduleDay[];
  /** Make-up working days (调休上班日): Saturdays or Sundays that are working days; `name` = the holiday they make up for. */
  workdays: ScheduleDay[];
  /** The notice(s) the data comes from, e.g. 「国务院办公厅关于2020年部分节假日安排的通知（国办发明电〔2019〕16号）」. */
  source: string;
  /** Free remarks (corrections applied, dates of the notice that fall in another year…). */
  note?: string;
}

/** Thrown by parseYearSchedule; `problems` lists every problem found, one Chinese sentence each. */
export class ScheduleError extends RuleInputError {
  readonly problems: string[];
  constructor(problems: string[]) {
    super('invalid_schedule', `节假日安排数据有误：${problems.join('；')}`);
    this.name = 'ScheduleError';
    this.problems = problems;
  }
}

const MIN_YEAR = 1949;
const MAX_YEAR = 2200;
const KNOWN_KEYS = new Set(['year', 'holidays', 'workdays', 'source', 'note']);
const FIELD_LABEL = { holidays: 'holidays（放假日期）', workdays: 'workdays（调休上班日期）' } as const;

function isPlainObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

function readDays(raw: unknown, field: 'holidays' | 'workdays', year: number | undefined, problems: string[]): ScheduleDay[] {
  const label = FIELD_LABEL[field];
  if (!Array.isArray(raw)) {
    problems.push(`${label}应为日期数组，每项为"YYYY-MM-DD"或{"date":"YYYY-MM-DD","name":"节日名称"}`);
    return [];
  }
  const out: ScheduleDay[] = [];
  const seen = new Set<number>();
  raw.forEach((entry: unknown, i: number) => {
    const where = `${label}第${i + 1}项`;
    let date: unknown;
    let name: unknown;
    if (typeof entry === 'string') {
      date = entry;
    } else if (isPlainObject(entry)) {
      date = entry.date;
      name = entry.name;
      const extra = Object.keys(entry).filter((k) => k !== 'date' && k !== 'name');
      if (extra.length > 0) problems.push(`${where}含有无法识别的字段「${extra.join('、')}」`);
    } else {
      problems.push(`${where}应为"YYYY-MM-DD"形式的日期或{"date":…,"name":…}对象`);
      return;
    }
    const dn = tryParseDate(date);
    if (dn === undefined) {
      problems.push(`${where}「${String(date)}」不是有效日期（格式应为YYYY-MM-DD）`);
      return;
    }
    if (year !== undefined && yearOf(dn) !== year) {
      problems.push(`${where}「${String(date)}」不属于${year}年`);
      return;
    }
    if (seen.has(dn)) {
      problems.push(`${where}「${String(date)}」重复出现`);
      return;
    }
    seen.add(dn);
    if (field === 'workdays' && !isWeekend(dn)) {
      problems.push(`${where}「${String(date)}」是${weekdayName(dn)}，本来就是工作日；调休上班日应为星期六或星期日`);
      return;
    }
    const day: ScheduleDay = { date: date as string };
    if (name !== undefined) {
      if (typeof name !== 'string' || name.trim() === '' || name.trim().length > 30) {
        problems.push(`${where}的名称应为不超过30个字的文字，如「春节」`);
        return;
      }
      day.name = name.trim();
    }
    out.push(day);
  });
  return out.sort((a, b) => (a.date < b.date ? -1 : a.date > b.date ? 1 : 0));
}

/** The problems of a candidate schedule (empty when it is valid), in Chinese. */
export function validateYearSchedule(input: unknown): string[] {
  try {
    parseYearSchedule(input);
    return [];
  } catch (e) {
    if (e instanceof ScheduleError) return e.problems;
    throw e;
  }
}

/**
 * Validate and normalise one year's schedule given as a JSON text or an already parsed value.
 * Dates are sorted; names are trimmed. Throws ScheduleError listing every problem.
 */
export function parseYearSchedule(json: unknown): YearSchedule {
  let value = json;
  if (typeof json === 'string') {
    try {
      value = JSON.parse(json) as unknown;
    } catch {
      throw new ScheduleError(['文件内容不是有效的JSON']);
    }
  }
  if (!isPlainObject(value)) throw new ScheduleError(['内容应为一个JSON对象，包含year、holidays、workdays、source四个字段']);

  const problems: string[] = [];
  const unknown = Object.keys(value).filter((k) => !KNOWN_KEYS.has(k));
  if (unknown.length > 0) problems.push(`无法识别的字段「${unknown.join('、')}」（允许的字段：year、holidays、workdays、source、note）`);

  const rawYear = value.year;
  let year: number | undefined;
  if (typeof rawYear !== 'number' || !Number.isInteger(rawYear) || rawYear < MIN_YEAR || rawYear > MAX_YEAR) {
    problems.push(`year（年份）应为${MIN_YEAR}至${MAX_YEAR}之间的整数，如2027`);
  } else {
    year = rawYear;
  }

  const holidays = readDays(value.holidays, 'holidays', year, problems);
  const workdays = value.workdays === undefined ? [] : readDays(value.workdays, 'workdays', year, problems);
  if (Array.isArray(value.holidays) && value.holidays.length === 0) {
    problems.push('holidays（放假日期）不能为空：每年至少有元旦、春节等法定节假日');
  }
  const holidaySet = new Set(holidays.map((d) => d.date));
  for (const w of workdays) {
    if (holidaySet.has(w.date)) problems.push(`「${w.date}」同时出现在放假日期和调休上班日期中`);
  }

  const source = value.source;
  if (typeof source !== 'string' || source.trim() === '') {
    problems.push('source（数据依据）不能为空，应写明国务院办公厅通知的名称和文号');
  }
  const note = value.note;
  if (note !== undefined && typeof note !== 'string') problems.push('note（备注）应为文字');

  if (problems.length > 0 || year === undefined) throw new ScheduleError(problems);
  const schedule: YearSchedule = { year, holidays, workdays, source: (source as string).trim() };
  if (typeof note === 'string' && note.trim() !== '') schedule.note = note.trim();
  return schedule;
}
