import type { Kysely } from 'kysely';

// Owned by its capability; filled in as the capability lands.
export async function up(_db: Kysely<any>): Promise<void> {}

export async function down(_db: Kysely<any>): Promise<void> {}
