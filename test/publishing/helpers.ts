import type { Db } from '../../src/platform/db/index.js';
import type { Principal } from '../../src/platform/auth/permissions.js';
import { CONFIDENTIALITY_CHECKLIST } from '../../src/publishing/review.js';

/** A principal for a demo user, without a session (service tests). */
export async function principalOf(db: Db, username: string): Promise<Principal> {
  const u = await db
    .selectFrom('users')
    .innerJoin('agencies', 'agencies.id', 'users.agency_id')
    .select(['users.id', 'users.username', 'users.display_name', 'users.role', 'users.agency_id', 'agencies.path'])
    .where('username', '=', username)
    .executeTakeFirstOrThrow();
  return {
    userId: u.id,
    username: u.username,
    displayName: u.display_name,
    role: u.role,
    agencyId: u.agency_id,
    agencyPath: u.path,
    mustChangePassword: false,
    sessionId: 'test',
  };
}

export const ALL_CHECKS = Object.fromEntries(CONFIDENTIALITY_CHECKLIST.map((c) => [c.key, true]));
