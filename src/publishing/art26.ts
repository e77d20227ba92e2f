import { builtinCalendar, type Calendar } from '../rules/calendar/index.js';
import { spanText } from '../rules/citations.js';

/**
 * 条例第二十六条: proactively disclosed information is published within 20 working days of the day it was
 * formed or changed. Staff are warned when five or fewer working days remain, and told when it has lapsed.
 */

export const ART26_WORKING_DAYS = 20;
export const ART26_WARN_DAYS = 5;

export interface Art26Status {
  /** The last day to publish. */
  due: string;
  /** Working days left after today (0 on the due day; negative when late). */
  remaining: number;
  /** 'invalid': the stored date cannot be counted (outside the calendar's range): the row is flagged, not a 500. */
  level: 'ok' | 'warning' | 'overdue' | 'invalid';
  message: string;
}

export function art26Status(formedOrChanged: string, today: string, calendar: Calendar = builtinCalendar()): Art26Status {
  try {
    return countArt26(formedOrChanged, today, calendar);
  } catch {
    // A bad date stored before the edge refused it: the list still renders, the row says what to correct.
    return {
      due: '',
      remaining: 0,
      level: 'invalid',
      message: `生成或变更日期「${String(formedOrChanged).slice(0, 20)}」无效或超出可计算范围，无法计算条例第二十六条的公开时限，请更正日期。`,
    };
  }
}

function countArt26(formedOrChanged: string, today: string, calendar: Calendar): Art26Status {
  const due = calendar.addWorkingDays(formedOrChanged, ART26_WORKING_DAYS);
  const remaining =
    today <= due ? calendar.countWorkingDays(today, due) - (calendar.isWorkingDay(today) ? 1 : 0) : -(calendar.countWorkingDays(due, today) - 1);
  const level = remaining < 0 ? 'overdue' : remaining <= ART26_WARN_DAYS ? 'warning' : 'ok';
  const message =
    level === 'overdue'
      ? `已超过条例第二十六条规定的${spanText('proactive')}公开时限（应于${due}前公开），请尽快发布并说明原因。`
      : level === 'warning'
        ? `距条例第二十六条规定的公开时限（${due}）仅剩${remaining}个工作日，请抓紧审核发布。`
        : `应于${due}前公开（条例第二十六条：形成或者变更之日起${spanText('proactive')}内）。`;
  return { due, remaining, level, message };
}
