import type { Kysely } from 'kysely';

/**
 * Annual reports (年度报告): one working draft per agency and year, the published versions (immutable: a
 * correction is a new version), the review chain's sign-offs and the acknowledgements of warnings.
 */
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('annual_reports')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('agency_id', 'text', (c) => c.notNull().references('agencies.id'))
    .addColumn('year', 'integer', (c) => c.notNull())
    .addColumn('scope', 'text', (c) => c.notNull())
    .addColumn('format', 'text', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('revision', 'integer', (c) => c.notNull().defaultTo(1))
    .addColumn('tables', 'text', (c) => c.notNull())
    .addColumn('narrative', 'text', (c) => c.notNull())
    .addColumn('signed_date', 'text')
    .addColumn('computed_at', 'text', (c) => c.notNull())
    .addColumn('correction_note', 'text')
    .addColumn('published_version', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('first_published_at', 'text')
    .addColumn('last_published_at', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .addUniqueConstraint('annual_reports_agency_year', ['agency_id', 'year'])
    .execute();
  await db.schema.createIndex('annual_reports_year').on('annual_reports').columns(['year', 'agency_id']).execute();

  await db.schema
    .createTable('annual_report_versions')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('report_id', 'text', (c) => c.notNull().references('annual_reports.id'))
    .addColumn('agency_id', 'text', (c) => c.notNull().references('agencies.id'))
    .addColumn('year', 'integer', (c) => c.notNull())
    .addColumn('version', 'integer', (c) => c.notNull())
    .addColumn('format', 'text', (c) => c.notNull())
    .addColumn('revision', 'integer', (c) => c.notNull())
    .addColumn('data', 'text', (c) => c.notNull())
    .addColumn('chapters', 'text', (c) => c.notNull())
    .addColumn('signoffs', 'text', (c) => c.notNull())
    .addColumn('acknowledgements', 'text', (c) => c.notNull())
    .addColumn('signed_date', 'text', (c) => c.notNull())
    .addColumn('note', 'text')
    .addColumn('published_at', 'text', (c) => c.notNull())
    .addColumn('published_by_id', 'text')
    .addColumn('published_by_name', 'text', (c) => c.notNull())
    .addUniqueConstraint('annual_report_versions_report_version', ['report_id', 'version'])
    .execute();
  await db.schema.createIndex('annual_report_versions_agency_year').on('annual_report_versions').columns(['agency_id', 'year', 'version']).execute();

  await db.schema
    .createTable('annual_report_signoffs')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('report_id', 'text', (c) => c.notNull().references('annual_reports.id'))
    .addColumn('agency_id', 'text', (c) => c.notNull())
    .addColumn('revision', 'integer', (c) => c.notNull())
    .addColumn('stage', 'text', (c) => c.notNull())
    .addColumn('user_id', 'text', (c) => c.notNull())
    .addColumn('user_name', 'text', (c) => c.notNull())
    .addColumn('opinion', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('signed_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('annual_report_signoffs_report').on('annual_report_signoffs').columns(['report_id', 'revision']).execute();

  await db.schema
    .createTable('annual_report_acks')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('report_id', 'text', (c) => c.notNull().references('annual_reports.id'))
    .addColumn('agency_id', 'text', (c) => c.notNull())
    .addColumn('finding_key', 'text', (c) => c.notNull())
    .addColumn('rule', 'text', (c) => c.notNull())
    .addColumn('message', 'text', (c) => c.notNull())
    .addColumn('note', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('user_id', 'text', (c) => c.notNull())
    .addColumn('user_name', 'text', (c) => c.notNull())
    .addColumn('acked_at', 'text', (c) => c.notNull())
    .addUniqueConstraint('annual_report_acks_key', ['report_id', 'finding_key'])
    .execute();
  // Covering indexes for the report's aggregation (reports.aggregate.ts): the cases received in the year, and
  // the cases closed on or after 1 January (or still open), each read from its index alone. The ledger tables
  // belong to the requests migration (0002); appeals (agency_id, filed_date) is indexed there.
  const tables = new Set((await db.introspection.getTables()).map((t) => t.name));
  if (tables.has('cases')) {
    await db.schema
      .createIndex('cases_report_received')
      .ifNotExists()
      .on('cases')
      .columns(['agency_id', 'received_date', 'closed_date', 'applicant_type', 'outcome'])
      .execute();
    await db.schema
      .createIndex('cases_report_closed')
      .ifNotExists()
      .on('cases')
      .columns(['agency_id', 'closed_date', 'received_date', 'applicant_type', 'outcome'])
      .execute();
  }
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropIndex('cases_report_closed').ifExists().execute();
  await db.schema.dropIndex('cases_report_received').ifExists().execute();
  for (const t of ['annual_report_acks', 'annual_report_signoffs', 'annual_report_versions', 'annual_reports']) await db.schema.dropTable(t).execute();
}
