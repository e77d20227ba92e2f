import type { Migration } from 'kysely';
import * as m0001 from './0001-platform.js';
import * as m0003 from './0003-search.js';
import * as m0008 from './0008-jobs-outbox.js';
import * as m0011 from './0011-scale.js';
import * as m0018 from './0018-staff-contacts.js';
import * as m0021 from './0021-search-published.js';
import * as m0023 from './0023-search-rank.js';
import * as m0024 from './0024-search-tsv-inline.js';

/**
 * The platform's own migrations (accounts, agencies, audit, search, jobs, outbox, rate limits), by name. Each capability
 * lists the migrations of its tables in its descriptor; `bootstrap` applies them all together in name order, so
 * the order a database created by an earlier layout saw is kept.
 */
export const migrations: Record<string, Migration> = {
  '0001-platform': m0001,
  '0003-search': m0003,
  '0008-jobs-outbox': m0008,
  '0011-scale': m0011,
  '0018-staff-contacts': m0018,
  '0021-search-published': m0021,
  '0023-search-rank': m0023,
  '0024-search-tsv-inline': m0024,
};
