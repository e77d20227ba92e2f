import type { Tx } from '../platform/db/index.js';
import { recordAudit, type Actor } from '../platform/audit/audit.js';
import { removeDocument } from '../platform/search/index.js';
import { newId } from '../platform/ids.js';

/** Withdraws a seeded item the way the service does (public copy and index entry removed, history kept). */
export async function withdrawDemoItem(tx: Tx, id: string, actor: Actor, reason: string): Promise<void> {
  const it = await tx.selectFrom('pub_items').selectAll().where('id', '=', id).executeTakeFirstOrThrow();
  const at = '2026-07-08T02:00:00.000Z';
  await tx.deleteFrom('pub_public_items').where('id', '=', id).execute();
  await removeDocument(tx, id);
  await tx.updateTable('pub_items').set({ status: 'withdrawn', withdrawn_at: at, withdraw_reason: reason, updated_at: at }).where('id', '=', id).execute();
  const { body_text: _b, ...rest } = it;
  await tx
    .insertInto('pub_item_versions')
    .values({
      id: newId(),
      item_id: id,
      agency_id: it.agency_id,
      version: it.version,
      event: 'withdrawn',
      content_hash: it.content_hash,
      snapshot: JSON.stringify({ ...rest, status: 'withdrawn' }),
      note: reason,
      actor_name: actor.name,
      created_at: at,
    })
    .execute();
  await recordAudit(tx, actor, {
    action: 'publishing.item_withdrawn',
    entityType: 'pub_item',
    entityId: id,
    agencyId: it.agency_id,
    before: it,
    after: { ...it, status: 'withdrawn' },
    detail: { reason },
  });
}
