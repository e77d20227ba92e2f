import type { Migration } from 'kysely';
import * as m0001 from './0001-platform.js';

/** Every migration, by name (applied in name order). Add new ones here. */
export const migrations: Record<string, Migration> = {
  '0001-platform': m0001,
};
