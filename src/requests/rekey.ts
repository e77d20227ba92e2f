import type { FieldCipher } from '../platform/crypto.js';
import type { Tx } from '../platform/db/index.js';
import { identityKeyOf, type ApplicantData } from './application.js';

/**
 * Key rotation for the requests capability: the applicant's sealed data and its two blind indexes on every case
 * (identity number, name: the repeat-application and same-applicant lookups), and every uploaded file.
 */
export async function rekeyRequests(tx: Tx, from: FieldCipher, to: FieldCipher): Promise<number> {
  let n = 0;
  const cases = await tx.selectFrom('cases').select(['id', 'applicant_enc']).execute();
  for (const c of cases) {
    const plain = from.decrypt(c.applicant_enc);
    const a = JSON.parse(plain) as ApplicantData;
    await tx
      .updateTable('cases')
      .set({ applicant_enc: to.encrypt(plain), applicant_key: to.blindIndex(identityKeyOf(a)), applicant_name_key: to.blindIndex(a.name) })
      .where('id', '=', c.id)
      .execute();
    n++;
  }
  const files = await tx.selectFrom('case_files').select('id').execute();
  for (const { id } of files) {
    // One file at a time: a case file may be megabytes.
    const f = await tx.selectFrom('case_files').select('content_enc').where('id', '=', id).executeTakeFirstOrThrow();
    await tx
      .updateTable('case_files')
      .set({ content_enc: to.encrypt(from.decrypt(f.content_enc)) })
      .where('id', '=', id)
      .execute();
    n++;
  }
  return n;
}
