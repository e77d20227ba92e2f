import type { Migration } from 'kysely';
import * as m0010 from './0010-supervision.js';

/** The supervision capability's migrations, by their global name (applied in name order with every other capability's). */
export const supervisionMigrations: Record<string, Migration> = {
  '0010-supervision': m0010,
};
