import type { Kysely } from 'kysely';

/**
 * The supervising office's own records (政务公开办): its assessment scheme, 督办 orders to agencies with their
 * answers, reports collected as files from agencies on other systems with the checker's findings, and
 * problems it recorded by hand (e.g. a privacy leak found on a website). Two indexes on the case ledger serve
 * the oversight queries of the requests capability (events by type, e.g. every extension; closed cases by
 * agency and date with outcome and due date).
 */
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('supervision_schemes')
    .addColumn('agency_id', 'text', (c) => c.primaryKey().references('agencies.id'))
    .addColumn('scheme', 'text', (c) => c.notNull())
    .addColumn('version', 'integer', (c) => c.notNull().defaultTo(1))
    .addColumn('updated_by', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute();

  await db.schema
    .createTable('supervision_orders')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('agency_id', 'text', (c) => c.notNull().references('agencies.id'))
    .addColumn('issuer_agency_id', 'text', (c) => c.notNull().references('agencies.id'))
    .addColumn('issuer_id', 'text', (c) => c.notNull())
    .addColumn('issuer_name', 'text', (c) => c.notNull())
    .addColumn('subject_kind', 'text', (c) => c.notNull())
    .addColumn('subject_id', 'text')
    .addColumn('subject_label', 'text', (c) => c.notNull())
    .addColumn('figure', 'text')
    .addColumn('what', 'text', (c) => c.notNull())
    .addColumn('due_date', 'text', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('answer', 'text')
    .addColumn('answered_at', 'text')
    .addColumn('answered_by_id', 'text')
    .addColumn('answered_by_name', 'text')
    .addColumn('version', 'integer', (c) => c.notNull().defaultTo(1))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('supervision_orders_agency').on('supervision_orders').columns(['agency_id', 'status', 'due_date']).execute();
  await db.schema.createIndex('supervision_orders_subject').on('supervision_orders').columns(['subject_kind', 'subject_id']).execute();

  await db.schema
    .createTable('supervision_collected')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('agency_id', 'text', (c) => c.notNull().references('agencies.id'))
    .addColumn('year', 'integer', (c) => c.notNull())
    .addColumn('filename', 'text', (c) => c.notNull())
    .addColumn('sha256', 'text', (c) => c.notNull())
    .addColumn('size', 'integer', (c) => c.notNull())
    .addColumn('content', 'text', (c) => c.notNull())
    .addColumn('text', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('findings', 'text', (c) => c.notNull().defaultTo('[]'))
    .addColumn('read_error', 'text')
    .addColumn('checked_at', 'text')
    .addColumn('uploaded_by', 'text', (c) => c.notNull())
    .addColumn('uploaded_at', 'text', (c) => c.notNull())
    .addUniqueConstraint('supervision_collected_agency_year', ['agency_id', 'year'])
    .execute();

  await db.schema
    .createTable('supervision_findings')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('agency_id', 'text', (c) => c.notNull().references('agencies.id'))
    .addColumn('year', 'integer', (c) => c.notNull())
    .addColumn('indicator', 'text', (c) => c.notNull())
    .addColumn('label', 'text', (c) => c.notNull())
    .addColumn('detail', 'text', (c) => c.notNull())
    .addColumn('found_on', 'text', (c) => c.notNull())
    .addColumn('recorded_by', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('supervision_findings_agency_year').on('supervision_findings').columns(['agency_id', 'year']).execute();

  const tables = new Set((await db.introspection.getTables()).map((t) => t.name));
  if (tables.has('case_events')) await db.schema.createIndex('case_events_type_case').ifNotExists().on('case_events').columns(['type', 'case_id']).execute();
  // The board's closed-cases aggregate (outcome shares and late replies per agency for a period) from the index alone.
  if (tables.has('cases'))
    await db.schema.createIndex('cases_oversight_closed').ifNotExists().on('cases').columns(['agency_id', 'closed_date', 'outcome', 'due_date']).execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropIndex('cases_oversight_closed').ifExists().execute();
  await db.schema.dropIndex('case_events_type_case').ifExists().execute();
  for (const t of ['supervision_findings', 'supervision_collected', 'supervision_orders', 'supervision_schemes']) await db.schema.dropTable(t).execute();
}
