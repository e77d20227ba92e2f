import { createHash } from 'node:crypto';
import type { Db, DbOrTx } from '../db/index.js';
import { randomToken } from '../ids.js';
import { nowIso } from '../time.js';
import type { Principal } from './permissions.js';

/**
 * Server-side sessions in the database: the cookie holds a random token, the table its SHA-256. Sessions end
 * on sign-out or revocation (immediately), after the idle timeout, or at the absolute timeout.
 */

export interface SessionPolicy {
  idleMinutes: number;
  absoluteHours: number;
}

export const tokenId = (token: string) => createHash('sha256').update(token).digest('hex');

export async function createSession(
  db: DbOrTx,
  userId: string,
  policy: SessionPolicy,
  meta: { ip: string; userAgent: string },
): Promise<{ token: string; id: string; expiresAt: string }> {
  const token = randomToken(32);
  const id = tokenId(token);
  const now = new Date();
  const expiresAt = new Date(now.getTime() + policy.absoluteHours * 3600_000).toISOString();
  await db
    .insertInto('sessions')
    .values({
      id,
      user_id: userId,
      created_at: now.toISOString(),
      last_seen_at: now.toISOString(),
      expires_at: expiresAt,
      revoked_at: null,
      ip: meta.ip.slice(0, 64),
      user_agent: meta.userAgent.slice(0, 300),
    })
    .execute();
  return { token, id, expiresAt };
}

/** The principal of a live session, or null. Touches last_seen_at at most once a minute (more often for short idle limits). */
export async function resolveSession(db: Db, token: string, policy: SessionPolicy): Promise<Principal | null> {
  if (!token || token.length > 100) return null;
  const id = tokenId(token);
  const row = await db
    .selectFrom('sessions')
    .innerJoin('users', 'users.id', 'sessions.user_id')
    .innerJoin('agencies', 'agencies.id', 'users.agency_id')
    .select([
      'sessions.id as session_id',
      'sessions.last_seen_at',
      'sessions.expires_at',
      'sessions.revoked_at',
      'users.id as user_id',
      'users.username',
      'users.display_name',
      'users.role',
      'users.agency_id',
      'users.disabled',
      'users.must_change_password',
      'agencies.path as agency_path',
    ])
    .where('sessions.id', '=', id)
    .executeTakeFirst();
  if (!row || row.revoked_at || row.disabled) return null;
  const now = Date.now();
  if (Date.parse(row.expires_at) <= now) return null;
  if (Date.parse(row.last_seen_at) + policy.idleMinutes * 60_000 <= now) return null;
  // Touch often enough that the idle limit is measured from the last request to within a tenth of it (a short
  // limit of 1 minute is refreshed every 6 s), and at most once a minute for the usual 30 minutes and more.
  if (now - Date.parse(row.last_seen_at) > Math.min(60_000, (policy.idleMinutes * 60_000) / 10)) {
    await db
      .updateTable('sessions')
      .set({ last_seen_at: new Date(now).toISOString() })
      .where('id', '=', id)
      .execute();
  }
  return {
    userId: row.user_id,
    username: row.username,
    displayName: row.display_name,
    role: row.role,
    agencyId: row.agency_id,
    agencyPath: row.agency_path,
    mustChangePassword: row.must_change_password === 1,
    sessionId: row.session_id,
  };
}

export async function revokeSession(db: DbOrTx, sessionId: string): Promise<void> {
  await db.updateTable('sessions').set({ revoked_at: nowIso() }).where('id', '=', sessionId).where('revoked_at', 'is', null).execute();
}

/** Revokes every live session of a user, except `keep` (the one changing the password, say). */
export async function revokeUserSessions(db: DbOrTx, userId: string, keep?: string): Promise<void> {
  let q = db.updateTable('sessions').set({ revoked_at: nowIso() }).where('user_id', '=', userId).where('revoked_at', 'is', null);
  if (keep) q = q.where('id', '!=', keep);
  await q.execute();
}
