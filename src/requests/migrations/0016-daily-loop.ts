import type { Kysely } from 'kysely';

/**
 * The office's daily loop (issue 11): a letter the head of the disclosure office returns to its drafter keeps
 * the head's comment, who returned it and when (status `returned`; a returned letter is redrafted, never released).
 */
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('case_letters').addColumn('return_comment', 'text').execute();
  await db.schema.alterTable('case_letters').addColumn('returned_by', 'text').execute();
  await db.schema.alterTable('case_letters').addColumn('returned_at', 'text').execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  for (const c of ['returned_at', 'returned_by', 'return_comment']) await db.schema.alterTable('case_letters').dropColumn(c).execute();
}
