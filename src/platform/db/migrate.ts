import { Migrator, type Migration, type MigrationProvider } from 'kysely';
import type { Db } from './index.js';

class StaticProvider implements MigrationProvider {
  constructor(private readonly all: Record<string, Migration>) {}
  async getMigrations(): Promise<Record<string, Migration>> {
    return this.all;
  }
}

/**
 * Runs every pending migration of `all` (`bootstrap` passes the platform's and the capabilities'; outside it, use
 * `migrateDatabase` of the composition root); the same migrations serve SQLite and PostgreSQL.
 */
export async function migrateToLatest(db: Db, all: Record<string, Migration>): Promise<string[]> {
  // Parallel branches reserve migration names in advance and may land out of name order: a database that already
  // ran 0008 must still accept 0006 when it arrives, so unordered application is allowed (each runs once).
  const migrator = new Migrator({ db, provider: new StaticProvider(all), allowUnorderedMigrations: true });
  const { error, results } = await migrator.migrateToLatest();
  if (error) {
    const failed = results?.find((r) => r.status === 'Error');
    throw new Error(`数据库迁移失败${failed ? `（${failed.migrationName}）` : ''}：${error instanceof Error ? error.message : String(error)}`);
  }
  return (results ?? []).filter((r) => r.status === 'Success').map((r) => r.migrationName);
}
