import type { Kysely } from 'kysely';

/**
 * The law as it stands in 2026 (issue 9):
 * - agencies: `vertically_led` (实行垂直领导, 行政复议法第二十七条: the 复议机关 is the upper department) and
 *   `reconsideration_online` (the 复议机关's online filing address, 行政复议法第二十二条). The existing
 *   `reconsideration_body` becomes an override: empty means "derived from the agency tree by 第二十四条".
 * - appeals: the 复议机关's notice to answer (答复通知书) — the day the agency received the application
 *   copy, whether the simplified procedure applies (第五十三条) — and the day the agency answered.
 */
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .alterTable('agencies')
    .addColumn('vertically_led', 'integer', (c) => c.notNull().defaultTo(0))
    .execute();
  await db.schema
    .alterTable('agencies')
    .addColumn('reconsideration_online', 'text', (c) => c.notNull().defaultTo(''))
    .execute();
  await db.schema.alterTable('appeals').addColumn('answer_notice_date', 'text').execute();
  await db.schema
    .alterTable('appeals')
    .addColumn('simplified', 'integer', (c) => c.notNull().defaultTo(0))
    .execute();
  await db.schema.alterTable('appeals').addColumn('answered_date', 'text').execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  for (const c of ['answer_notice_date', 'simplified', 'answered_date']) await db.schema.alterTable('appeals').dropColumn(c).execute();
  for (const c of ['vertically_led', 'reconsideration_online']) await db.schema.alterTable('agencies').dropColumn(c).execute();
}
