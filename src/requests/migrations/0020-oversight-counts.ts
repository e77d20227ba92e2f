import { sql, type Kysely } from 'kysely';
import { isPostgres } from '../../platform/db/dialect.js';

/**
 * The supervising office's board over a province (issue 12: 1,000 agencies, 10,000,000 cases) cannot group
 * every case of the period on each request. `case_month_counts` holds, per agency and calendar month, the
 * counts the board needs, kept exact by triggers in the same transaction as the change of a case or the
 * append of one of its events:
 *
 * - `received` — cases received in the month (received_date);
 * - `closed:<outcome>` — cases closed in the month (closed_date), per outcome key ('' when none);
 * - `late` — of those, closed after their due date;
 * - `extended` — cases received in the month that have an extension event (counted once per case);
 * - `corr:<received>:<sent>` — correction requests (补正) of cases received in the month, by receipt date and
 *   the date the request was sent: whether it went out within 7 working days depends on the calendar, which
 *   stays in the rules, so the pair is kept and judged when read.
 *
 * A row's figure is the sum of `n` (rows may reach 0 and stay). Months cut by a period's ends are read from
 * the cases themselves (`src/requests/oversight.ts`), so any period gives the same figures as counting cases.
 */

const TRIGGER_COLUMNS = ['agency_id', 'received_date', 'closed_date', 'outcome', 'due_date'] as const;

/** The contributions of one case row (`r` = `old` or `new` in a trigger) with sign `s` (1 or -1), upserted. */
function upsertContributions(pg: boolean, r: string, s: 1 | -1): string {
  const sentDate = pg ? `(e.data::json ->> 'date')` : `json_extract(e.data, '$.date')`;
  const rows = [
    `select ${r}.agency_id as agency_id, substr(${r}.received_date, 1, 7) as month, 'received' as metric, ${s} as d where ${r}.received_date is not null`,
    `select ${r}.agency_id, substr(${r}.closed_date, 1, 7), 'closed:' || coalesce(${r}.outcome, ''), ${s} where ${r}.closed_date is not null`,
    `select ${r}.agency_id, substr(${r}.closed_date, 1, 7), 'late', ${s} where ${r}.closed_date is not null and ${r}.due_date is not null and ${r}.closed_date > ${r}.due_date`,
    `select ${r}.agency_id, substr(${r}.received_date, 1, 7), 'extended', ${s} where ${r}.received_date is not null and exists (select 1 from case_events x where x.case_id = ${r}.id and x.type = 'extended')`,
    `select ${r}.agency_id, substr(${r}.received_date, 1, 7), 'corr:' || ${r}.received_date || ':' || coalesce(${sentDate}, ''), ${s} from case_events e where e.case_id = ${r}.id and e.type = 'correction_requested' and ${r}.received_date is not null`,
  ];
  return `insert into case_month_counts (agency_id, month, metric, n)
    select agency_id, month, metric, sum(d) from (${rows.join(' union all ')}) c where true group by agency_id, month, metric
    on conflict (agency_id, month, metric) do update set n = case_month_counts.n + excluded.n`;
}

/** The contribution of one appended event (`new` in a trigger on case_events). */
function upsertEvent(pg: boolean): string[] {
  const sentDate = pg ? `(new.data::json ->> 'date')` : `json_extract(new.data, '$.date')`;
  return [
    `insert into case_month_counts (agency_id, month, metric, n)
      select c.agency_id, substr(c.received_date, 1, 7), 'extended', 1 from cases c
      where c.id = new.case_id and new.type = 'extended' and c.received_date is not null
        and not exists (select 1 from case_events x where x.case_id = new.case_id and x.type = 'extended' and x.id <> new.id)
      on conflict (agency_id, month, metric) do update set n = case_month_counts.n + excluded.n`,
    `insert into case_month_counts (agency_id, month, metric, n)
      select c.agency_id, substr(c.received_date, 1, 7), 'corr:' || c.received_date || ':' || coalesce(${sentDate}, ''), 1 from cases c
      where c.id = new.case_id and new.type = 'correction_requested' and c.received_date is not null
      on conflict (agency_id, month, metric) do update set n = case_month_counts.n + excluded.n`,
  ];
}

const changed = TRIGGER_COLUMNS.map((c) => `old.${c} is distinct from new.${c}`).join(' or ');
const changedSqlite = TRIGGER_COLUMNS.map((c) => `old.${c} is not new.${c}`).join(' or ');

/** Creates the triggers that keep `case_month_counts` exact. */
export async function createCountTriggers(db: Kysely<any>): Promise<void> {
  if (isPostgres(db)) {
    await sql
      .raw(`create or replace function gk_case_counts() returns trigger language plpgsql as $$ begin
      if tg_op in ('UPDATE', 'DELETE') then ${upsertContributions(true, 'old', -1)}; end if;
      if tg_op in ('UPDATE', 'INSERT') then ${upsertContributions(true, 'new', 1)}; end if;
      return null; end $$`)
      .execute(db);
    await sql
      .raw(`create or replace function gk_case_event_counts() returns trigger language plpgsql as $$ begin
      ${upsertEvent(true).join('; ')}; return null; end $$`)
      .execute(db);
    await sql.raw('create trigger case_counts_insert after insert on cases for each row execute function gk_case_counts()').execute(db);
    await sql.raw('create trigger case_counts_delete after delete on cases for each row execute function gk_case_counts()').execute(db);
    await sql
      .raw(
        `create trigger case_counts_update after update of ${TRIGGER_COLUMNS.join(', ')} on cases for each row when (${changed}) execute function gk_case_counts()`,
      )
      .execute(db);
    await sql
      .raw(
        `create trigger case_event_counts after insert on case_events for each row when (new.type in ('extended', 'correction_requested')) execute function gk_case_event_counts()`,
      )
      .execute(db);
  } else {
    await sql.raw(`create trigger case_counts_insert after insert on cases begin ${upsertContributions(false, 'new', 1)}; end`).execute(db);
    await sql.raw(`create trigger case_counts_delete after delete on cases begin ${upsertContributions(false, 'old', -1)}; end`).execute(db);
    await sql
      .raw(`create trigger case_counts_update after update of ${TRIGGER_COLUMNS.join(', ')} on cases when ${changedSqlite} begin
      ${upsertContributions(false, 'old', -1)}; ${upsertContributions(false, 'new', 1)}; end`)
      .execute(db);
    await sql
      .raw(
        `create trigger case_event_counts after insert on case_events when new.type in ('extended', 'correction_requested') begin ${upsertEvent(false).join('; ')}; end`,
      )
      .execute(db);
  }
}

/** Drops the triggers (a bulk load drops them, loads, then calls `rebuildCounts` and `createCountTriggers`). */
export async function dropCountTriggers(db: Kysely<any>): Promise<void> {
  if (isPostgres(db)) {
    for (const t of ['case_counts_insert', 'case_counts_delete', 'case_counts_update']) await sql.raw(`drop trigger if exists ${t} on cases`).execute(db);
    await sql.raw('drop trigger if exists case_event_counts on case_events').execute(db);
    await sql.raw('drop function if exists gk_case_counts()').execute(db);
    await sql.raw('drop function if exists gk_case_event_counts()').execute(db);
  } else {
    for (const t of ['case_counts_insert', 'case_counts_delete', 'case_counts_update', 'case_event_counts'])
      await sql.raw(`drop trigger if exists ${t}`).execute(db);
  }
}

/** Recomputes every count from the cases and their events (the migration's backfill; after a bulk load). */
export async function rebuildCounts(db: Kysely<any>): Promise<void> {
  const pg = isPostgres(db);
  const sentDate = pg ? `(e.data::json ->> 'date')` : `json_extract(e.data, '$.date')`;
  await sql`delete from case_month_counts`.execute(db);
  await sql
    .raw(`insert into case_month_counts (agency_id, month, metric, n)
    select agency_id, month, metric, count(*) from (
      select agency_id, substr(received_date, 1, 7) as month, 'received' as metric from cases where received_date is not null
      union all select agency_id, substr(closed_date, 1, 7), 'closed:' || coalesce(outcome, '') from cases where closed_date is not null
      union all select agency_id, substr(closed_date, 1, 7), 'late' from cases where closed_date is not null and due_date is not null and closed_date > due_date
      union all select c.agency_id, substr(c.received_date, 1, 7), 'extended' from cases c where c.received_date is not null
        and exists (select 1 from case_events x where x.case_id = c.id and x.type = 'extended')
      union all select c.agency_id, substr(c.received_date, 1, 7), 'corr:' || c.received_date || ':' || coalesce(${sentDate}, '')
        from case_events e join cases c on c.id = e.case_id where e.type = 'correction_requested' and c.received_date is not null
    ) x group by agency_id, month, metric`)
    .execute(db);
}

export async function up(db: Kysely<any>): Promise<void> {
  const pg = isPostgres(db);
  // Clustered by month on SQLite (a period's rows are read in one range); covering on PostgreSQL (index-only scan).
  await db.schema
    .createTable('case_month_counts')
    .addColumn('agency_id', 'text', (c) => c.notNull())
    /** 'YYYY-MM' */
    .addColumn('month', 'text', (c) => c.notNull())
    .addColumn('metric', 'text', (c) => c.notNull())
    .addColumn('n', 'integer', (c) => c.notNull())
    .addPrimaryKeyConstraint('case_month_counts_pk', ['month', 'agency_id', 'metric'])
    .$call((t) => (pg ? t : t.modifyEnd(sql`without rowid`)))
    .execute();
  if (pg) await sql`create index case_month_counts_cover on case_month_counts (month, agency_id, metric) include (n)`.execute(db);
  // The months cut by a period's ends are read from the cases by date first (every agency of the area at once).
  await db.schema.createIndex('cases_received_agency').on('cases').columns(['received_date', 'agency_id']).execute();
  await db.schema.createIndex('cases_closed_agency').on('cases').columns(['closed_date', 'agency_id', 'outcome', 'due_date']).execute();
  await rebuildCounts(db);
  await createCountTriggers(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  await dropCountTriggers(db);
  await db.schema.dropIndex('cases_closed_agency').ifExists().execute();
  await db.schema.dropIndex('cases_received_agency').ifExists().execute();
  await db.schema.dropTable('case_month_counts').execute();
}
