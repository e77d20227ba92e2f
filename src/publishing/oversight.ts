import { assertCan, visibleAgency, type Principal } from '../platform/auth/permissions.js';
import type { DbOrTx } from '../platform/db/index.js';
import { todayInChina } from '../platform/time.js';
import { builtinCalendar, type Calendar } from '../rules/calendar/index.js';
import { ART26_WORKING_DAYS } from './art26.js';
import './publishing.tables.js';

/**
 * The oversight queries of 主动公开 for the supervising office: releases in a period and their timeliness
 * under 条例第二十六条 (20 working days from the day the information was formed or changed), and each column's
 * last update. Scoped with `visibleAgency`; called by the supervision capability.
 */

export interface Period {
  from: string;
  to: string;
}

export interface ReleaseRecord {
  id: string;
  agencyId: string;
  title: string;
  columnCode: string;
  formedOn: string;
  due: string;
  /** Beijing date of publication; null when not yet published (and past due). */
  publishedOn: string | null;
  late: boolean;
}

export interface ColumnRecord {
  agencyId: string;
  code: string;
  name: string;
  /** Beijing date of the latest release in the column, null when it never had one. */
  lastPublishedOn: string | null;
  items: number;
}

/**
 * Items published in the period (by their latest publication), plus items not yet published whose Art. 26
 * limit fell within the period and before `asOf`. Late ones are marked.
 */
export async function releasesInPeriod(
  db: DbOrTx,
  p: Principal,
  period: Period,
  asOf: string,
  agencyId?: string,
  calendar: Calendar = builtinCalendar(),
): Promise<ReleaseRecord[]> {
  assertCan(p, 'cases.read');
  let q = db
    .selectFrom('pub_items')
    .where((eb) => visibleAgency(eb, 'pub_items.agency_id', p))
    .where('pub_items.attribute', '=', 'proactive');
  if (agencyId) q = q.where('pub_items.agency_id', '=', agencyId);
  const cols = [
    'pub_items.id',
    'pub_items.agency_id',
    'pub_items.title',
    'pub_items.column_code',
    'pub_items.created_on',
    'pub_items.changed_on',
    'pub_items.published_at',
    'pub_items.status',
  ] as const;
  // Publication instants are UTC; a Beijing date can start 8 hours earlier, so widen by a day and filter exactly below.
  const fromIso = `${prevDay(period.from)}T16:00:00.000Z`;
  const toIso = `${period.to}T16:00:00.000Z`;
  const [published, pending] = await Promise.all([
    q.where('pub_items.published_at', '>=', fromIso).where('pub_items.published_at', '<', toIso).select(cols).execute(),
    q.where('pub_items.published_at', 'is', null).where('pub_items.status', 'not in', ['withdrawn']).select(cols).execute(),
  ]);
  const out: ReleaseRecord[] = [];
  for (const r of published) {
    const publishedOn = todayInChina(new Date(r.published_at!));
    if (publishedOn < period.from || publishedOn > period.to) continue;
    const formedOn = r.changed_on ?? r.created_on;
    const due = calendar.addWorkingDays(formedOn, ART26_WORKING_DAYS);
    out.push({ id: r.id, agencyId: r.agency_id, title: r.title, columnCode: r.column_code, formedOn, due, publishedOn, late: publishedOn > due });
  }
  const end = asOf < period.to ? asOf : period.to;
  for (const r of pending) {
    const formedOn = r.changed_on ?? r.created_on;
    const due = calendar.addWorkingDays(formedOn, ART26_WORKING_DAYS);
    if (due >= period.from && due < end)
      out.push({ id: r.id, agencyId: r.agency_id, title: r.title, columnCode: r.column_code, formedOn, due, publishedOn: null, late: true });
  }
  return out.sort((a, b) => (a.agencyId < b.agencyId ? -1 : a.agencyId > b.agencyId ? 1 : a.due < b.due ? -1 : a.due > b.due ? 1 : a.id < b.id ? -1 : 1));
}

function prevDay(d: string): string {
  const t = new Date(`${d}T00:00:00Z`);
  t.setUTCDate(t.getUTCDate() - 1);
  return t.toISOString().slice(0, 10);
}

/** Every visible (not hidden) column with its latest release as of `asOf` (Beijing date). */
export async function columnActivity(db: DbOrTx, p: Principal, asOf: string, agencyId?: string): Promise<ColumnRecord[]> {
  assertCan(p, 'cases.read');
  let cols = db
    .selectFrom('pub_columns')
    .where((eb) => visibleAgency(eb, 'pub_columns.agency_id', p))
    .where('pub_columns.hidden', '=', 0);
  if (agencyId) cols = cols.where('pub_columns.agency_id', '=', agencyId);
  let items = db
    .selectFrom('pub_public_items')
    .where((eb) => visibleAgency(eb, 'pub_public_items.agency_id', p))
    .where('pub_public_items.first_published_at', '<', `${asOf}T16:00:00.000Z`);
  if (agencyId) items = items.where('pub_public_items.agency_id', '=', agencyId);
  const [columns, last] = await Promise.all([
    cols
      .select(['pub_columns.agency_id', 'pub_columns.code', 'pub_columns.name', 'pub_columns.sort_order'])
      .orderBy('pub_columns.agency_id')
      .orderBy('pub_columns.sort_order')
      .orderBy('pub_columns.code')
      .execute(),
    items
      .select([
        'pub_public_items.agency_id',
        'pub_public_items.column_code',
        (eb) => eb.fn.max('pub_public_items.first_published_at').as('last'),
        (eb) => eb.fn.countAll<number>().as('n'),
      ])
      .groupBy(['pub_public_items.agency_id', 'pub_public_items.column_code'])
      .execute(),
  ]);
  const byKey = new Map(last.map((r) => [`${r.agency_id}|${r.column_code}`, r]));
  return columns.map((c) => {
    const l = byKey.get(`${c.agency_id}|${c.code}`);
    return {
      agencyId: c.agency_id,
      code: c.code,
      name: c.name,
      lastPublishedOn: l?.last ? todayInChina(new Date(String(l.last))) : null,
      items: Number(l?.n ?? 0),
    };
  });
}
