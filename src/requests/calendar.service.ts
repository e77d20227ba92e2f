import { recordAudit, type Actor } from '../platform/audit/audit.js';
import { actorOf } from '../platform/auth/accounts.service.js';
import { assertCan, type Principal } from '../platform/auth/permissions.js';
import type { Db, DbOrTx } from '../platform/db/index.js';
import { badRequest } from '../platform/errors.js';
import { nowIso } from '../platform/time.js';
import { BUILTIN_SCHEDULES, createCalendar, parseYearSchedule, RuleInputError, type Calendar, type YearSchedule } from '../rules/calendar/index.js';
import type { CalendarYearView } from './requests.api.js';
import './requests.tables.js';

/**
 * The calendar in force: the built-in State Council schedules (2019–2026) overlaid with the years an
 * administrator published (`calendar_years`). Cached per database; publishing a year clears the cache and
 * recomputes the deadline of every open case.
 */

const cache = new WeakMap<object, { calendar: Calendar; at: number }>();
const TTL_MS = 60_000;

export async function loadCalendar(db: DbOrTx, fresh = false): Promise<Calendar> {
  const hit = cache.get(db);
  if (!fresh && hit && Date.now() - hit.at < TTL_MS) return hit.calendar;
  const rows = await db.selectFrom('calendar_years').select(['year', 'schedule']).orderBy('year').execute();
  const published = rows.map((r) => JSON.parse(r.schedule) as unknown);
  const calendar = createCalendar([...BUILTIN_SCHEDULES, ...published], { estimate: true });
  cache.set(db, { calendar, at: Date.now() });
  return calendar;
}

export function forgetCalendar(db: DbOrTx): void {
  cache.delete(db);
}

export type { CalendarYearView };

/** Years with a schedule: built-in and published (a published year replaces the built-in one). */
export async function listCalendarYears(db: Db): Promise<CalendarYearView[]> {
  const rows = await db.selectFrom('calendar_years').selectAll().execute();
  const out = new Map<number, CalendarYearView>();
  for (const s of BUILTIN_SCHEDULES)
    out.set(s.year, {
      year: s.year,
      source: s.source,
      builtin: true,
      publishedBy: null,
      publishedAt: null,
      holidays: s.holidays.length,
      workdays: s.workdays.length,
    });
  for (const r of rows) {
    const s = JSON.parse(r.schedule) as YearSchedule;
    out.set(r.year, {
      year: r.year,
      source: s.source,
      builtin: false,
      publishedBy: r.published_by,
      publishedAt: r.published_at,
      holidays: s.holidays.length,
      workdays: s.workdays.length,
    });
  }
  return [...out.values()].sort((a, b) => a.year - b.year);
}

/** Validates a schedule (Chinese messages listing every problem). */
export function validateSchedule(input: unknown): YearSchedule {
  try {
    return parseYearSchedule(input);
  } catch (e) {
    if (e instanceof RuleInputError) throw badRequest(e.message);
    throw e;
  }
}

/**
 * Publishes a year's schedule (audited) and recomputes the due date of every open case, in one
 * transaction. `recompute` is passed in by the case service (it owns the projection).
 */
export async function publishCalendarYear(
  db: Db,
  actor: Actor,
  input: unknown,
  recompute: (tx: DbOrTx, calendar: Calendar) => Promise<number>,
): Promise<{ year: number; recomputed: number }> {
  const schedule = validateSchedule(input);
  const result = await db.transaction().execute(async (tx) => {
    const before = await tx.selectFrom('calendar_years').selectAll().where('year', '=', schedule.year).executeTakeFirst();
    const row = { year: schedule.year, schedule: JSON.stringify(schedule), published_by: actor.name, published_at: nowIso() };
    if (before) await tx.updateTable('calendar_years').set(row).where('year', '=', schedule.year).execute();
    else await tx.insertInto('calendar_years').values(row).execute();
    const rows = await tx.selectFrom('calendar_years').select('schedule').execute();
    const calendar = createCalendar([...BUILTIN_SCHEDULES, ...rows.map((r) => JSON.parse(r.schedule) as unknown)], { estimate: true });
    const recomputed = await recompute(tx, calendar);
    await recordAudit(tx, actor, {
      action: 'calendar.published',
      entityType: 'calendar_year',
      entityId: String(schedule.year),
      before: before ? JSON.parse(before.schedule) : undefined,
      after: schedule,
      detail: { recomputed, source: schedule.source },
    });
    return { year: schedule.year, recomputed };
  });
  forgetCalendar(db);
  return result;
}

export interface DeadlineMove {
  id: string;
  trackingCode: string;
  agencyName: string;
  dueBefore: string | null;
  dueAfter: string | null;
  provisionalBefore: boolean;
  provisionalAfter: boolean;
}

/**
 * What publishing a schedule would change, without writing anything: the open cases (those the user can
 * see) whose due date or 暂定 flag moves under the new schedule. `project` recomputes one case's due date
 * with a calendar (passed in by the case service, which owns the projection).
 */
export async function previewCalendarYear(
  db: Db,
  input: unknown,
  openCases: (calendar: Calendar) => Promise<DeadlineMove[]>,
): Promise<{ year: number; holidays: number; workdays: number; moves: DeadlineMove[] }> {
  const schedule = validateSchedule(input);
  const rows = await db.selectFrom('calendar_years').select(['year', 'schedule']).where('year', '!=', schedule.year).execute();
  const calendar = createCalendar([
    ...BUILTIN_SCHEDULES.filter((b) => b.year !== schedule.year),
    ...rows.map((r) => JSON.parse(r.schedule) as unknown),
    schedule,
  ]);
  return { year: schedule.year, holidays: schedule.holidays.length, workdays: schedule.workdays.length, moves: await openCases(calendar) };
}

/** Publishing from the admin console: needs `calendar.publish`. */
export function assertCanPublish(p: Principal): Actor {
  assertCan(p, 'calendar.publish', '只有系统管理员可以发布节假日安排。');
  return actorOf(p);
}
