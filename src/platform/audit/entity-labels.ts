import type { DbOrTx } from '../db/index.js';

/**
 * What an audit record is about, in words a disclosure officer recognises (a tracking code, a title, a user
 * name) instead of an id. Each capability registers a labeller for its entity types; the platform labels its
 * own (users, agencies). One query per entity type per page of the audit log.
 */
export type EntityLabeller = (db: DbOrTx, ids: string[]) => Promise<Map<string, string>>;

const labellers = new Map<string, EntityLabeller>();

export function registerEntityLabels(entityType: string, fn: EntityLabeller): void {
  labellers.set(entityType, fn);
}

/** Adds `entity_label` (null when unknown or deleted) to audit rows. */
export async function withEntityLabels<R extends { entity_type: string; entity_id: string }>(
  db: DbOrTx,
  rows: R[],
): Promise<(R & { entity_label: string | null })[]> {
  const byType = new Map<string, Set<string>>();
  for (const r of rows)
    if (labellers.has(r.entity_type)) (byType.get(r.entity_type) ?? byType.set(r.entity_type, new Set()).get(r.entity_type)!).add(r.entity_id);
  const labels = new Map<string, string>();
  for (const [type, ids] of byType) {
    const found = await labellers.get(type)!(db, [...ids]);
    for (const [id, label] of found) labels.set(`${type}:${id}`, label);
  }
  return rows.map((r) => ({ ...r, entity_label: labels.get(`${r.entity_type}:${r.entity_id}`) ?? null }));
}

registerEntityLabels(
  'user',
  async (db, ids) =>
    new Map(
      (await db.selectFrom('users').select(['id', 'display_name', 'username']).where('id', 'in', ids).execute()).map((u) => [
        u.id,
        `${u.display_name}（${u.username}）`,
      ]),
    ),
);
registerEntityLabels(
  'agency',
  async (db, ids) => new Map((await db.selectFrom('agencies').select(['id', 'name']).where('id', 'in', ids).execute()).map((a) => [a.id, a.name])),
);
