import { sql, type Kysely } from 'kysely';
import { isPostgres } from '../../platform/db/dialect.js';

/** Proactive disclosure (src/publishing): catalogue, items and their history, review chain, channels, registers. */
export async function up(db: Kysely<any>): Promise<void> {
  const blob = isPostgres(db) ? sql`bytea` : sql`blob`;

  await db.schema
    .createTable('pub_settings')
    .addColumn('agency_id', 'text', (c) => c.primaryKey().references('agencies.id'))
    .addColumn('index_pattern', 'text', (c) => c.notNull())
    .addColumn('review_levels', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute();

  await db.schema
    .createTable('pub_columns')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('agency_id', 'text', (c) => c.notNull().references('agencies.id'))
    .addColumn('code', 'text', (c) => c.notNull())
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('section', 'text', (c) => c.notNull())
    .addColumn('art20', 'text')
    .addColumn('description', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('sort_order', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('hidden', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .addUniqueConstraint('pub_columns_agency_code', ['agency_id', 'code'])
    .execute();

  await db.schema
    .createTable('pub_items')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('agency_id', 'text', (c) => c.notNull().references('agencies.id'))
    .addColumn('column_code', 'text', (c) => c.notNull())
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('index_no', 'text')
    .addColumn('index_year', 'integer')
    .addColumn('index_seq', 'integer')
    .addColumn('title', 'text', (c) => c.notNull())
    .addColumn('summary', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('body_html', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('body_text', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('doc_number', 'text')
    .addColumn('publisher', 'text', (c) => c.notNull())
    .addColumn('created_on', 'text', (c) => c.notNull())
    .addColumn('changed_on', 'text')
    .addColumn('validity', 'text', (c) => c.notNull().defaultTo('valid'))
    .addColumn('attribute', 'text', (c) => c.notNull())
    .addColumn('withheld_reason', 'text')
    .addColumn('policy_id', 'text')
    .addColumn('comment_opens', 'text')
    .addColumn('comment_closes', 'text')
    .addColumn('feedback_html', 'text')
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('version', 'integer', (c) => c.notNull().defaultTo(1))
    .addColumn('content_hash', 'text', (c) => c.notNull())
    .addColumn('release_at', 'text')
    .addColumn('published_at', 'text')
    .addColumn('withdrawn_at', 'text')
    .addColumn('withdraw_reason', 'text')
    .addColumn('created_by', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('pub_items_list').on('pub_items').columns(['agency_id', 'status', 'column_code', 'published_at']).execute();
  await db.schema.createIndex('pub_items_policy').on('pub_items').column('policy_id').execute();
  await db.schema.createIndex('pub_items_due').on('pub_items').columns(['status', 'release_at']).execute();
  await db.schema.createIndex('pub_items_index_no').on('pub_items').columns(['agency_id', 'index_year', 'column_code', 'index_seq']).execute();
  await db.schema.createIndex('pub_items_index_unique').on('pub_items').columns(['agency_id', 'index_no']).unique().execute();

  // What the public sees: a copy of the last released version, written only by release and removed by
  // withdrawal. Public pages read nothing else, so drafts, revisions under review and withdrawn items
  // cannot leak, not even by direct URL.
  await db.schema
    .createTable('pub_public_items')
    .addColumn('id', 'text', (c) => c.primaryKey().references('pub_items.id'))
    .addColumn('agency_id', 'text', (c) => c.notNull().references('agencies.id'))
    .addColumn('column_code', 'text', (c) => c.notNull())
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('index_no', 'text', (c) => c.notNull())
    .addColumn('title', 'text', (c) => c.notNull())
    .addColumn('summary', 'text', (c) => c.notNull())
    .addColumn('body_html', 'text', (c) => c.notNull())
    .addColumn('doc_number', 'text')
    .addColumn('publisher', 'text', (c) => c.notNull())
    .addColumn('created_on', 'text', (c) => c.notNull())
    .addColumn('validity', 'text', (c) => c.notNull())
    .addColumn('policy_id', 'text')
    .addColumn('comment_opens', 'text')
    .addColumn('comment_closes', 'text')
    .addColumn('feedback_html', 'text')
    .addColumn('attachments', 'text', (c) => c.notNull().defaultTo('[]'))
    .addColumn('version', 'integer', (c) => c.notNull())
    .addColumn('first_published_at', 'text', (c) => c.notNull())
    .addColumn('published_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('pub_public_items_list').on('pub_public_items').columns(['agency_id', 'column_code', 'published_at']).execute();
  await db.schema.createIndex('pub_public_items_recent').on('pub_public_items').column('published_at').execute();
  await db.schema.createIndex('pub_public_items_policy').on('pub_public_items').column('policy_id').execute();

  await db.schema
    .createTable('pub_item_versions')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('item_id', 'text', (c) => c.notNull().references('pub_items.id'))
    .addColumn('agency_id', 'text', (c) => c.notNull())
    .addColumn('version', 'integer', (c) => c.notNull())
    .addColumn('event', 'text', (c) => c.notNull())
    .addColumn('content_hash', 'text', (c) => c.notNull())
    .addColumn('snapshot', 'text', (c) => c.notNull())
    .addColumn('note', 'text')
    .addColumn('actor_name', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('pub_item_versions_item').on('pub_item_versions').columns(['item_id', 'created_at']).execute();

  await db.schema
    .createTable('pub_attachments')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('item_id', 'text', (c) => c.notNull().references('pub_items.id'))
    .addColumn('agency_id', 'text', (c) => c.notNull())
    .addColumn('filename', 'text', (c) => c.notNull())
    .addColumn('mime', 'text', (c) => c.notNull())
    .addColumn('size', 'integer', (c) => c.notNull())
    .addColumn('sha256', 'text', (c) => c.notNull())
    .addColumn('data', blob, (c) => c.notNull())
    .addColumn('text_content', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('removed', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('pub_attachments_item').on('pub_attachments').column('item_id').execute();

  await db.schema
    .createTable('pub_reviews')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('item_id', 'text', (c) => c.notNull().references('pub_items.id'))
    .addColumn('agency_id', 'text', (c) => c.notNull())
    .addColumn('version', 'integer', (c) => c.notNull())
    .addColumn('content_hash', 'text', (c) => c.notNull())
    .addColumn('level', 'integer', (c) => c.notNull())
    .addColumn('role', 'text', (c) => c.notNull())
    .addColumn('decision', 'text', (c) => c.notNull())
    .addColumn('comment', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('checklist', 'text', (c) => c.notNull().defaultTo('{}'))
    .addColumn('reviewer_id', 'text')
    .addColumn('reviewer_name', 'text', (c) => c.notNull())
    .addColumn('voided', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('pub_reviews_item').on('pub_reviews').columns(['item_id', 'level']).execute();

  await db.schema
    .createTable('pub_channel_log')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('agency_id', 'text', (c) => c.notNull().references('agencies.id'))
    .addColumn('item_id', 'text')
    .addColumn('channel', 'text', (c) => c.notNull())
    .addColumn('title', 'text', (c) => c.notNull())
    .addColumn('url', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('published_on', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('pub_channel_log_year').on('pub_channel_log').columns(['agency_id', 'published_on']).execute();

  await db.schema
    .createTable('pub_comments')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('item_id', 'text', (c) => c.notNull().references('pub_items.id'))
    .addColumn('agency_id', 'text', (c) => c.notNull())
    .addColumn('name_enc', 'text', (c) => c.notNull())
    .addColumn('contact_enc', 'text')
    .addColumn('body', 'text', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('reply', 'text')
    .addColumn('moderated_by', 'text')
    .addColumn('moderated_at', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('pub_comments_item').on('pub_comments').columns(['item_id', 'status']).execute();

  await db.schema
    .createTable('pub_register_docs')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('agency_id', 'text', (c) => c.notNull().references('agencies.id'))
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('title', 'text', (c) => c.notNull())
    .addColumn('doc_number', 'text')
    .addColumn('made_on', 'text', (c) => c.notNull())
    .addColumn('published_on', 'text')
    .addColumn('repealed_on', 'text')
    .addColumn('item_id', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('pub_register_docs_agency').on('pub_register_docs').columns(['agency_id', 'kind']).execute();
  await db.schema.createIndex('pub_register_docs_item').on('pub_register_docs').column('item_id').execute();

  await db.schema
    .createTable('pub_register_stats')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('agency_id', 'text', (c) => c.notNull().references('agencies.id'))
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('year', 'integer', (c) => c.notNull())
    .addColumn('items', 'integer')
    .addColumn('decisions', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('projects', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('amount_yuan', 'double precision', (c) => c.notNull().defaultTo(0))
    .addColumn('note', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .addUniqueConstraint('pub_register_stats_key', ['agency_id', 'kind', 'year'])
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  for (const t of [
    'pub_register_stats',
    'pub_register_docs',
    'pub_comments',
    'pub_channel_log',
    'pub_reviews',
    'pub_attachments',
    'pub_item_versions',
    'pub_public_items',
    'pub_items',
    'pub_columns',
    'pub_settings',
  ]) {
    await db.schema.dropTable(t).execute();
  }
}
