import type { Migration } from 'kysely';
import * as m0001 from './0001-platform.js';
import * as m0002 from './0002-requests.js';
import * as m0003 from './0003-search.js';
import * as m0004 from './0004-publishing.js';
import * as m0005 from './0005-reports.js';
import * as m0007 from './0007-law.js';
import * as m0008 from './0008-jobs-outbox.js';
import * as m0010 from './0010-supervision.js';
import * as m0011 from './0011-scale.js';
import * as m0016 from './0016-daily-loop.js';
import * as m0018 from './0018-staff-contacts.js';
import * as m0020 from './0020-oversight-counts.js';
import * as m0021 from './0021-search-published.js';

/** Every migration, by name (applied in name order). */
export const migrations: Record<string, Migration> = {
  '0001-platform': m0001,
  '0002-requests': m0002,
  '0003-search': m0003,
  '0004-publishing': m0004,
  '0005-reports': m0005,
  '0007-law': m0007,
  '0008-jobs-outbox': m0008,
  '0010-supervision': m0010,
  '0011-scale': m0011,
  '0016-daily-loop': m0016,
  '0018-staff-contacts': m0018,
  '0020-oversight-counts': m0020,
  '0021-search-published': m0021,
};
