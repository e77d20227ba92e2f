import { sql, type Kysely } from 'kysely';
import { isPostgres } from '../../platform/db/dialect.js';

/** Tables of 依申请公开: cases, their event ledger, files, appeals, letters, published calendar years. */
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('cases')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('agency_id', 'text', (c) => c.notNull().references('agencies.id'))
    .addColumn('tracking_code', 'text', (c) => c.notNull().unique())
    .addColumn('secret_hash', 'text', (c) => c.notNull())
    .addColumn('channel', 'text', (c) => c.notNull())
    .addColumn('applicant_type', 'text', (c) => c.notNull())
    .addColumn('received_date', 'text')
    .addColumn('closed_date', 'text')
    .addColumn('outcome', 'text')
    .addColumn('state', 'text', (c) => c.notNull())
    .addColumn('due_date', 'text')
    .addColumn('party_deadline', 'text')
    .addColumn('due_provisional', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('assignee_id', 'text', (c) => c.references('users.id'))
    .addColumn('version', 'integer', (c) => c.notNull().defaultTo(1))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .addColumn('submitted_at', 'text', (c) => c.notNull())
    .addColumn('applicant_enc', 'text', (c) => c.notNull())
    .addColumn('applicant_masked', 'text', (c) => c.notNull())
    .addColumn('applicant_key', 'text', (c) => c.notNull())
    .addColumn('applicant_name_key', 'text', (c) => c.notNull())
    .addColumn('description', 'text', (c) => c.notNull())
    .addColumn('doc_number_requested', 'text')
    .addColumn('form', 'text', (c) => c.notNull())
    .addColumn('delivery', 'text', (c) => c.notNull())
    .addColumn('form_token', 'text', (c) => c.unique())
    .addColumn('transferred_from_id', 'text')
    .addColumn('flags', 'text', (c) => c.notNull().defaultTo('[]'))
    .execute();
  // Workbench and lists: open cases of an agency by state and due date; the lazy sweep of lapsed applicant
  // deadlines; report counting by received / closed date; fee tiers and repeats by applicant.
  await db.schema.createIndex('cases_agency_state_due').on('cases').columns(['agency_id', 'state', 'due_date']).execute();
  await db.schema.createIndex('cases_agency_assignee_state').on('cases').columns(['agency_id', 'assignee_id', 'state', 'due_date']).execute();
  await db.schema.createIndex('cases_agency_state_party').on('cases').columns(['agency_id', 'state', 'party_deadline']).execute();
  await db.schema.createIndex('cases_agency_state_created').on('cases').columns(['agency_id', 'state', 'created_at']).execute();
  await db.schema.createIndex('cases_state_open_cover').on('cases').columns(['state', 'agency_id', 'due_date', 'assignee_id']).execute();
  await db.schema.createIndex('cases_state_due').on('cases').columns(['state', 'due_date']).execute();
  await db.schema.createIndex('cases_state_party_deadline').on('cases').columns(['state', 'party_deadline']).execute();
  await db.schema.createIndex('cases_agency_received').on('cases').columns(['agency_id', 'received_date']).execute();
  await db.schema.createIndex('cases_agency_closed').on('cases').columns(['agency_id', 'closed_date']).execute();
  await db.schema.createIndex('cases_agency_created').on('cases').columns(['agency_id', 'created_at']).execute();
  await db.schema.createIndex('cases_applicant').on('cases').columns(['applicant_key', 'agency_id', 'received_date']).execute();
  await db.schema.createIndex('cases_applicant_name').on('cases').columns(['applicant_name_key', 'agency_id']).execute();

  await db.schema
    .createTable('case_events')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('case_id', 'text', (c) => c.notNull().references('cases.id'))
    .addColumn('agency_id', 'text', (c) => c.notNull())
    .addColumn('seq', 'integer', (c) => c.notNull())
    .addColumn('at', 'text', (c) => c.notNull())
    .addColumn('actor', 'text', (c) => c.notNull())
    .addColumn('actor_id', 'text')
    .addColumn('type', 'text', (c) => c.notNull())
    .addColumn('data', 'text', (c) => c.notNull())
    .addUniqueConstraint('case_events_case_seq', ['case_id', 'seq'])
    .execute();

  // The ledger is append-only at the database level too.
  if (isPostgres(db)) {
    await sql`create function gk_case_events_append_only() returns trigger language plpgsql as $$ begin raise exception '办理记录只能追加，不能修改或删除'; end $$`.execute(
      db,
    );
    await sql`create trigger case_events_append_only before update or delete on case_events for each row execute function gk_case_events_append_only()`.execute(
      db,
    );
  } else {
    await sql`create trigger case_events_no_update before update on case_events begin select raise(abort, '办理记录只能追加，不能修改或删除'); end`.execute(db);
    await sql`create trigger case_events_no_delete before delete on case_events begin select raise(abort, '办理记录只能追加，不能修改或删除'); end`.execute(db);
  }

  await db.schema
    .createTable('case_files')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('case_id', 'text', (c) => c.notNull().references('cases.id'))
    .addColumn('agency_id', 'text', (c) => c.notNull())
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('filename', 'text', (c) => c.notNull())
    .addColumn('media_type', 'text', (c) => c.notNull())
    .addColumn('size', 'integer', (c) => c.notNull())
    .addColumn('sha256', 'text', (c) => c.notNull())
    .addColumn('content_enc', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('case_files_case').on('case_files').column('case_id').execute();

  await db.schema
    .createTable('appeals')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('agency_id', 'text', (c) => c.notNull().references('agencies.id'))
    .addColumn('case_id', 'text', (c) => c.notNull().references('cases.id'))
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('filed_date', 'text', (c) => c.notNull())
    .addColumn('result', 'text', (c) => c.notNull())
    .addColumn('decided_date', 'text')
    .addColumn('body', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('note', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('version', 'integer', (c) => c.notNull().defaultTo(1))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('appeals_agency_filed').on('appeals').columns(['agency_id', 'filed_date']).execute();
  await db.schema.createIndex('appeals_case').on('appeals').column('case_id').execute();

  await db.schema
    .createTable('calendar_years')
    .addColumn('year', 'integer', (c) => c.primaryKey())
    .addColumn('schedule', 'text', (c) => c.notNull())
    .addColumn('published_by', 'text', (c) => c.notNull())
    .addColumn('published_at', 'text', (c) => c.notNull())
    .execute();

  await db.schema
    .createTable('case_letters')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('case_id', 'text', (c) => c.notNull().references('cases.id'))
    .addColumn('agency_id', 'text', (c) => c.notNull())
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('doc_number', 'text', (c) => c.unique())
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('content', 'text', (c) => c.notNull())
    .addColumn('sha256', 'text')
    .addColumn('docx', 'text')
    .addColumn('released_at', 'text')
    .addColumn('signed_by', 'text')
    .addColumn('drafted_by', 'text', (c) => c.notNull())
    .addColumn('version', 'integer', (c) => c.notNull().defaultTo(1))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('case_letters_case').on('case_letters').column('case_id').execute();
  await db.schema.createIndex('case_letters_agency_status').on('case_letters').columns(['agency_id', 'status']).execute();

  await db.schema
    .createTable('letter_counters')
    .addColumn('agency_id', 'text', (c) => c.notNull())
    .addColumn('year', 'integer', (c) => c.notNull())
    .addColumn('last', 'integer', (c) => c.notNull())
    .addPrimaryKeyConstraint('letter_counters_pk', ['agency_id', 'year'])
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  for (const t of ['letter_counters', 'case_letters', 'calendar_years', 'appeals', 'case_files', 'case_events', 'cases']) {
    await db.schema.dropTable(t).execute();
  }
  if (isPostgres(db)) await sql`drop function if exists gk_case_events_append_only() cascade`.execute(db);
}
