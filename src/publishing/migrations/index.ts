import type { Migration } from 'kysely';
import * as m0004 from './0004-publishing.js';
import * as m0022 from './0022-public-items-list.js';

/** The publishing capability's migrations, by their global name (applied in name order with every other capability's). */
export const publishingMigrations: Record<string, Migration> = {
  '0004-publishing': m0004,
  '0022-public-items-list': m0022,
};
