/**
 * Key rotation: every value sealed with the field cipher (the applicants' data, case files, commenters' names, the
 * outbox's recipients and parameters, staff contacts) is decrypted with the old key and sealed with the new one, every blind index
 * recomputed, and the key check value replaced — in one transaction, so the database is wholly under one key or
 * the other. Writing the key files is the caller's (`gongkai key rotate` in src/cli.ts).
 */

import type { Capability } from './capability.js';
import type { FieldCipher } from './crypto.js';
import type { Db, Tx } from './db/index.js';
import './outbox/outbox.tables.js';
import { storeKeyCheck } from './secret-key.js';

/** The platform's own sealed values: the outbox. */
async function rekeyOutbox(tx: Tx, from: FieldCipher, to: FieldCipher): Promise<number> {
  const rows = await tx.selectFrom('outbox').select(['id', 'channel', 'recipient', 'params']).execute();
  for (const r of rows) {
    const recipient = from.decrypt(r.recipient);
    await tx
      .updateTable('outbox')
      .set({ recipient: to.encrypt(recipient), recipient_index: to.blindIndex(`${r.channel}:${recipient}`), params: to.encrypt(from.decrypt(r.params)) })
      .where('id', '=', r.id)
      .execute();
  }
  return rows.length;
}

/** The platform's own sealed values: staff members' e-mail addresses and mobile numbers (个人设置). */
async function rekeyStaffContacts(tx: Tx, from: FieldCipher, to: FieldCipher): Promise<number> {
  const rows = await tx
    .selectFrom('users')
    .select(['id', 'email_enc', 'mobile_enc'])
    .where((eb) => eb.or([eb('email_enc', 'is not', null), eb('mobile_enc', 'is not', null)]))
    .execute();
  for (const r of rows) {
    await tx
      .updateTable('users')
      .set({ email_enc: r.email_enc ? to.encrypt(from.decrypt(r.email_enc)) : null, mobile_enc: r.mobile_enc ? to.encrypt(from.decrypt(r.mobile_enc)) : null })
      .where('id', '=', r.id)
      .execute();
  }
  return rows.length;
}

export interface RotationResult {
  /** Rows rewritten, by owner (platform, then each capability with sealed data). */
  rows: Record<string, number>;
}

/** Re-seal everything under `to` and store its check value, in one transaction. Throws (and changes nothing) on any error. */
export async function rotateKey(db: Db, capabilities: readonly Capability[], from: FieldCipher, to: FieldCipher): Promise<RotationResult> {
  return db.transaction().execute(async (tx) => {
    const rows: Record<string, number> = { platform: (await rekeyOutbox(tx, from, to)) + (await rekeyStaffContacts(tx, from, to)) };
    for (const c of capabilities) if (c.rekey) rows[c.name] = await c.rekey(tx, from, to);
    await storeKeyCheck(tx, to);
    return { rows };
  });
}
