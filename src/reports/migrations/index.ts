import type { Migration } from 'kysely';
import * as m0005 from './0005-reports.js';

/** The reports capability's migrations, by their global name (applied in name order with every other capability's). */
export const reportsMigrations: Record<string, Migration> = {
  '0005-reports': m0005,
};
