/**
 * The holiday schedule form (节假日安排): the administrator types each holiday's name and first and last day
 * off, and the make-up working days, as the State Council's notice lists them; this turns the form into the
 * schedule the server validates (one entry per day). Pure, so the console and the tests share it.
 */

export interface HolidayRow {
  name: string;
  from: string;
  to: string;
  workdays: string;
}
export interface ScheduleForm {
  year: number;
  source: string;
  rows: HolidayRow[];
}

const DAY = 86_400_000;
const iso = (ms: number) => new Date(ms).toISOString().slice(0, 10);
const ms = (d: string) => Date.parse(`${d}T00:00:00Z`);

/** The schedule JSON of the form, or the problems (Chinese sentences) that stop it. */
export function scheduleFromForm(f: ScheduleForm): {
  schedule?: { year: number; source: string; holidays: { date: string; name: string }[]; workdays: { date: string; name: string }[] };
  problems: string[];
} {
  const problems: string[] = [];
  const holidays: { date: string; name: string }[] = [];
  const workdays: { date: string; name: string }[] = [];
  if (!f.source.trim()) problems.push('请填写依据（国务院办公厅通知的名称和文号）。');
  f.rows.forEach((r, i) => {
    const name = r.name.trim() || `第 ${i + 1} 行`;
    if (!/^\d{4}-\d{2}-\d{2}$/.test(r.from) || !/^\d{4}-\d{2}-\d{2}$/.test(r.to)) return void problems.push(`${name}：请填写放假的起止日期。`);
    if (r.from > r.to) return void problems.push(`${name}：放假起始日期晚于结束日期。`);
    if ((ms(r.to) - ms(r.from)) / DAY > 30) return void problems.push(`${name}：放假超过 31 天，请检查日期。`);
    for (let t = ms(r.from); t <= ms(r.to); t += DAY) holidays.push({ date: iso(t), name: r.name.trim() });
    for (const w of r.workdays.split(/[\s,，、;；]+/).filter(Boolean)) {
      if (!/^\d{4}-\d{2}-\d{2}$/.test(w)) problems.push(`${name}：调休上班日“${w}”应为 YYYY-MM-DD。`);
      else workdays.push({ date: w, name: r.name.trim() });
    }
  });
  if (!holidays.length && !problems.length) problems.push('请至少填写一个节日的放假日期。');
  if (problems.length) return { problems };
  return { schedule: { year: f.year, source: f.source.trim(), holidays, workdays }, problems };
}
