import type { DbOrTx } from '../db/index.js';
import type { Principal } from './permissions.js';

/**
 * The principal of a named account, built as a session would build it — for code that acts as a user without a
 * session: the demo seeder, and service tests. `sessionId` labels the actor's (absent) session.
 */
export async function principalOfUser(db: DbOrTx, username: string, sessionId: string): Promise<Principal> {
  const u = await db
    .selectFrom('users')
    .innerJoin('agencies', 'agencies.id', 'users.agency_id')
    .select(['users.id', 'users.username', 'users.display_name', 'users.role', 'users.agency_id', 'agencies.path'])
    .where('users.username', '=', username)
    .executeTakeFirstOrThrow();
  return {
    userId: u.id,
    username: u.username,
    displayName: u.display_name,
    role: u.role,
    agencyId: u.agency_id,
    agencyPath: u.path,
    mustChangePassword: false,
    sessionId,
  };
}
