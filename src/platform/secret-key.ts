/**
 * The secret key's check: a key check value (a MAC of a fixed message under the key) is kept in `settings`, so a
 * start with a different key — a lost secret.key replaced by a new one, another installation's key, a typo in
 * GONGKAI_SECRET — is refused with one Chinese line instead of running on and answering 500 for every case whose
 * applicant's data can no longer be decrypted.
 */

import { ConfigError, type Config } from './config.js';
import type { FieldCipher } from './crypto.js';
import type { Db, Tx } from './db/index.js';

const SETTING = 'secret_key_check';
const MESSAGE = 'gongkai secret key check v1';

export const keyCheckValue = (cipher: FieldCipher): string => cipher.mac('key-check', MESSAGE);

/**
 * Verify the key against the database (after migrations). First start: store the check value. A key generated in
 * this start (no secret.key was there) on a database that already holds data is refused, and so is a key whose
 * check value differs from the stored one.
 */
export async function verifySecretKey(db: Db, config: Config, cipher: FieldCipher, hasData: () => Promise<boolean>): Promise<void> {
  const stored = await db.selectFrom('settings').select('value').where('key', '=', SETTING).executeTakeFirst();
  const mine = keyCheckValue(cipher);
  if (stored) {
    if (stored.value === mine) return;
    config.onKeyRefused?.();
    throw new ConfigError(
      config.secretSource === 'generated'
        ? `启动失败：密钥文件 ${config.secretFile} 不存在，而数据库中已有用原密钥加密的数据；请从备份恢复原来的 secret.key（或设置 GONGKAI_SECRET）后再启动。`
        : `启动失败：${config.secretSource === 'env' ? 'GONGKAI_SECRET' : `密钥文件 ${config.secretFile}`} 与数据库不匹配（数据库中的数据是用另一个密钥加密的）；请使用原来的密钥。`,
    );
  }
  if (config.secretSource === 'generated' && (await hasData())) {
    config.onKeyRefused?.();
    throw new ConfigError(
      `启动失败：密钥文件 ${config.secretFile} 不存在，而数据库中已有数据（可能有用原密钥加密的个人信息）；请从备份恢复原来的 secret.key（或设置 GONGKAI_SECRET）后再启动。`,
    );
  }
  await db
    .insertInto('settings')
    .values({ key: SETTING, value: mine, updated_at: new Date().toISOString() })
    .onConflict((oc) => oc.column('key').doNothing())
    .execute();
}

/** Replace the stored check value (after every encrypted value was re-sealed under the new key). */
export async function storeKeyCheck(db: Db | Tx, cipher: FieldCipher): Promise<void> {
  await db.deleteFrom('settings').where('key', '=', SETTING).execute();
  await db
    .insertInto('settings')
    .values({ key: SETTING, value: keyCheckValue(cipher), updated_at: new Date().toISOString() })
    .execute();
}
