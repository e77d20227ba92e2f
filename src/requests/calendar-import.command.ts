import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import type { Command } from '../platform/commands.js';
import { AppError } from '../platform/errors.js';
import { publishCalendarYear } from './calendar.service.js';
import { recomputeOpenCases } from './cases.sweep.js';

/**
 * `gongkai calendar import FILE`: publishes one year's holiday schedule (JSON: {year, holidays, workdays,
 * source, note?}, dates as "YYYY-MM-DD" or {date, name}) into the database, audited as the command line,
 * and recomputes the due date of every open application.
 */
export const CALENDAR_IMPORT_USAGE = `用法：gongkai calendar import 文件.json

  发布一个年度的节假日安排（国务院办公厅通知整理成的 JSON：year、holidays、workdays、source），
  并重新计算所有未办结申请的答复期限。格式示例见管理后台“节假日安排”页面。
`;

export const calendarImportCommand: Command = async (args, env) => {
  const file = args[0];
  if (!file || args.length > 1) return { stdout: '', stderr: CALENDAR_IMPORT_USAGE, exitCode: 2 };
  if (file.startsWith('-')) return { stdout: '', stderr: `无法识别的参数：${file}\n${CALENDAR_IMPORT_USAGE}`, exitCode: 2 };
  let data: unknown;
  try {
    data = JSON.parse(readFileSync(resolve(file), 'utf8'));
  } catch (err) {
    const msg = (err as NodeJS.ErrnoException).code === 'ENOENT' ? `文件不存在：${file}` : `无法读取 ${file}：不是有效的 JSON（${(err as Error).message}）`;
    return { stdout: '', stderr: `${msg}\n`, exitCode: 2 };
  }
  const ctx = await env.open({ seed: false });
  try {
    const res = await publishCalendarYear(ctx.db, { id: null, name: '命令行（gongkai calendar import）' }, data, recomputeOpenCases);
    return { stdout: `已发布 ${res.year} 年节假日安排，重新计算了 ${res.recomputed} 件未办结申请的答复期限。\n`, stderr: '', exitCode: 0 };
  } catch (err) {
    if (err instanceof AppError) return { stdout: '', stderr: `${err.message}\n`, exitCode: 1 };
    throw err;
  } finally {
    await ctx.db.destroy();
  }
};
