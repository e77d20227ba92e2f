import type { DbOrTx } from '../platform/db/index.js';
import type { PubRegisterDocTable, PubRegisterStatTable } from './publishing.tables.js';
import './publishing.tables.js';

/** Queries of the Art. 20 registers. */

export async function registerDocsOf(db: DbOrTx, agencyIds: string[]): Promise<PubRegisterDocTable[]> {
  if (!agencyIds.length) return [];
  return db.selectFrom('pub_register_docs').selectAll().where('agency_id', 'in', agencyIds).orderBy('made_on', 'desc').execute();
}

export async function registerStatsOf(db: DbOrTx, agencyIds: string[], years: number[]): Promise<PubRegisterStatTable[]> {
  if (!agencyIds.length) return [];
  return db.selectFrom('pub_register_stats').selectAll().where('agency_id', 'in', agencyIds).where('year', 'in', years).execute();
}

export async function registerStatsUpTo(db: DbOrTx, agencyIds: string[], year: number): Promise<PubRegisterStatTable[]> {
  if (!agencyIds.length) return [];
  return db.selectFrom('pub_register_stats').selectAll().where('agency_id', 'in', agencyIds).where('year', '<=', year).orderBy('year').execute();
}
