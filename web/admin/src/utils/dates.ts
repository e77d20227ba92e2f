/**
 * Dates as a Chinese government office reads them: Beijing time, 2026年11月25日 星期三. Pure functions (no DOM)
 * so the tests can check them.
 */

const TZ = 'Asia/Shanghai';
const WEEKDAYS = ['星期日', '星期一', '星期二', '星期三', '星期四', '星期五', '星期六'];

/** The calendar date in Beijing of an instant: { year, month (1–12), day, weekday (0 = Sunday) }. */
export function beijingDate(at: Date = new Date()): { year: number; month: number; day: number; weekday: number } {
  const shifted = new Date(at.getTime() + 8 * 3600_000);
  return { year: shifted.getUTCFullYear(), month: shifted.getUTCMonth() + 1, day: shifted.getUTCDate(), weekday: shifted.getUTCDay() };
}

/** 2026年11月25日 星期三 */
export function formatToday(at: Date = new Date()): string {
  const d = beijingDate(at);
  return `${d.year}年${d.month}月${d.day}日 ${WEEKDAYS[d.weekday]}`;
}

/** An ISO instant as 2026-11-25 14:03 (Beijing time); '—' when empty. */
export function formatInstant(iso: string | null | undefined, withSeconds = false): string {
  if (!iso) return '—';
  const t = Date.parse(iso);
  if (Number.isNaN(t)) return iso;
  const s = new Date(t + 8 * 3600_000).toISOString();
  return `${s.slice(0, 10)} ${s.slice(11, withSeconds ? 19 : 16)}`;
}

export interface ReportDeadline {
  /** The year the report covers (the previous calendar year). */
  reportYear: number;
  /** 'YYYY-01-31' */
  deadline: string;
  /** Calendar days from today (Beijing) to the deadline; 0 on the day itself. */
  daysLeft: number;
  /** True from 1 to 31 January: the console shows a countdown. */
  active: boolean;
}

/**
 * The annual-report deadline: 县级以上人民政府部门 publish the previous year's report by 31 January
 * (条例第四十九条第一款). From 1 January the console counts down to it; the rest of the year it names the next one.
 */
export function reportDeadline(at: Date = new Date()): ReportDeadline {
  const d = beijingDate(at);
  const active = d.month === 1;
  const deadlineYear = active ? d.year : d.year + 1;
  const today = Date.UTC(d.year, d.month - 1, d.day);
  const end = Date.UTC(deadlineYear, 0, 31);
  return { reportYear: deadlineYear - 1, deadline: `${deadlineYear}-01-31`, daysLeft: Math.round((end - today) / 86_400_000), active };
}
