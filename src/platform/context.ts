import type { Config } from './config.js';
import type { FieldCipher } from './crypto.js';
import type { Db } from './db/index.js';

/** What a running Gongkai instance holds: passed to capabilities instead of globals. */
export interface AppContext {
  db: Db;
  config: Config;
  cipher: FieldCipher;
}
