import { sql, type Kysely } from 'kysely';
import { isPostgres } from '../../platform/db/dialect.js';

/**
 * The public column list at speed (issue 13). pub_public_items is rebuilt with its large texts (body_html,
 * feedback_html) as the last columns: SQLite stores a row's columns in declared order, and a body stored before
 * the listed columns made every list row read walk the body's overflow pages. (PostgreSQL keeps large values
 * out of line anyway; the same rebuild runs there so both engines have one layout.) The list index becomes
 * (agency_id, column_code, published_at desc, id): a column page reads its rows in order, with no sort.
 */

const COLUMNS = [
  'id',
  'agency_id',
  'column_code',
  'kind',
  'index_no',
  'title',
  'summary',
  'doc_number',
  'publisher',
  'created_on',
  'validity',
  'policy_id',
  'comment_opens',
  'comment_closes',
  'attachments',
  'version',
  'first_published_at',
  'published_at',
  'feedback_html',
  'body_html',
] as const;

async function createTable(db: Kysely<any>, name: string, bodyLast: boolean): Promise<void> {
  let t = db.schema
    .createTable(name)
    .addColumn('id', 'text', (c) => c.primaryKey().references('pub_items.id'))
    .addColumn('agency_id', 'text', (c) => c.notNull().references('agencies.id'))
    .addColumn('column_code', 'text', (c) => c.notNull())
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('index_no', 'text', (c) => c.notNull())
    .addColumn('title', 'text', (c) => c.notNull())
    .addColumn('summary', 'text', (c) => c.notNull());
  if (!bodyLast) t = t.addColumn('body_html', 'text', (c) => c.notNull());
  t = t
    .addColumn('doc_number', 'text')
    .addColumn('publisher', 'text', (c) => c.notNull())
    .addColumn('created_on', 'text', (c) => c.notNull())
    .addColumn('validity', 'text', (c) => c.notNull())
    .addColumn('policy_id', 'text')
    .addColumn('comment_opens', 'text')
    .addColumn('comment_closes', 'text');
  if (!bodyLast) t = t.addColumn('feedback_html', 'text');
  t = t
    .addColumn('attachments', 'text', (c) => c.notNull().defaultTo('[]'))
    .addColumn('version', 'integer', (c) => c.notNull())
    .addColumn('first_published_at', 'text', (c) => c.notNull())
    .addColumn('published_at', 'text', (c) => c.notNull());
  if (bodyLast) t = t.addColumn('feedback_html', 'text').addColumn('body_html', 'text', (c) => c.notNull());
  await t.execute();
}

async function rebuild(db: Kysely<any>, bodyLast: boolean, listIndex: (db: Kysely<any>) => Promise<void>): Promise<void> {
  await createTable(db, 'pub_public_items_rebuilt', bodyLast);
  const cols = sql.join(COLUMNS.map((c) => sql.ref(c)));
  await sql`insert into pub_public_items_rebuilt (${cols}) select ${cols} from pub_public_items`.execute(db);
  // Dropping the table drops its indexes (index names are per schema on PostgreSQL: they must go first).
  await db.schema.dropTable('pub_public_items').execute();
  await db.schema.alterTable('pub_public_items_rebuilt').renameTo('pub_public_items').execute();
  // PostgreSQL names the primary key's index after the table it was created with.
  if (isPostgres(db)) await sql`alter index pub_public_items_rebuilt_pkey rename to pub_public_items_pkey`.execute(db);
  await listIndex(db);
  await db.schema.createIndex('pub_public_items_recent').on('pub_public_items').column('published_at').execute();
  await db.schema.createIndex('pub_public_items_policy').on('pub_public_items').column('policy_id').execute();
}

export async function up(db: Kysely<any>): Promise<void> {
  await rebuild(db, true, (d) =>
    sql`create index pub_public_items_list on pub_public_items (agency_id, column_code, published_at desc, id)`.execute(d).then(() => undefined),
  );
}

export async function down(db: Kysely<any>): Promise<void> {
  await rebuild(db, false, (d) =>
    d.schema.createIndex('pub_public_items_list').on('pub_public_items').columns(['agency_id', 'column_code', 'published_at']).execute(),
  );
}
