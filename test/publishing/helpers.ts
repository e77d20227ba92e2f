import type { Db } from '../../src/platform/db/index.js';
import type { Principal } from '../../src/platform/auth/permissions.js';
import { CONFIDENTIALITY_CHECKLIST } from '../../src/publishing/review.js';
import { principalOfUser } from '../../src/platform/auth/principal.js';

/** A principal for a demo user, without a session (service tests). */
export const principalOf = (db: Db, username: string): Promise<Principal> => principalOfUser(db, username, 'test');

export const ALL_CHECKS = Object.fromEntries(CONFIDENTIALITY_CHECKLIST.map((c) => [c.key, true]));
