import type { Kysely } from 'kysely';

/**
 * Staff contacts for notifications (issue 11): an optional e-mail address and mobile number per user, sealed
 * with the application cipher like applicants' personal data (`*_enc`), the channel the user wants
 * (email / sms / none) and how many working days before a case's due date the reminder goes out.
 */
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('users').addColumn('email_enc', 'text').execute();
  await db.schema.alterTable('users').addColumn('mobile_enc', 'text').execute();
  await db.schema
    .alterTable('users')
    .addColumn('notify_channel', 'text', (c) => c.notNull().defaultTo('email'))
    .execute();
  await db.schema
    .alterTable('users')
    .addColumn('remind_days', 'integer', (c) => c.notNull().defaultTo(3))
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  for (const c of ['remind_days', 'notify_channel', 'mobile_enc', 'email_enc']) await db.schema.alterTable('users').dropColumn(c).execute();
}
