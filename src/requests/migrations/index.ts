import type { Migration } from 'kysely';
import * as m0002 from './0002-requests.js';
import * as m0007 from './0007-law.js';
import * as m0016 from './0016-daily-loop.js';
import * as m0020 from './0020-oversight-counts.js';

/** The requests capability's migrations, by their global name (applied in name order with every other capability's). */
export const requestsMigrations: Record<string, Migration> = {
  '0002-requests': m0002,
  '0007-law': m0007,
  '0016-daily-loop': m0016,
  '0020-oversight-counts': m0020,
};
