import type { FieldCipher } from '../platform/crypto.js';
import type { Tx } from '../platform/db/index.js';

/** Key rotation for publishing: the consultation commenters' sealed names and contacts. */
export async function rekeyPublishing(tx: Tx, from: FieldCipher, to: FieldCipher): Promise<number> {
  const rows = await tx.selectFrom('pub_comments').select(['id', 'name_enc', 'contact_enc']).execute();
  for (const r of rows) {
    await tx
      .updateTable('pub_comments')
      .set({ name_enc: to.encrypt(from.decrypt(r.name_enc)), contact_enc: r.contact_enc === null ? null : to.encrypt(from.decrypt(r.contact_enc)) })
      .where('id', '=', r.id)
      .execute();
  }
  return rows.length;
}
