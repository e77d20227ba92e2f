import { sql } from 'kysely';
import type { Db } from '../db/index.js';

/**
 * Counters that guard sign-in against password guessing, kept in the rate limiter's table (`rate_limits`, one row
 * per key, shared by every server process):
 * - per account and address: five wrong passwords in a row from one address stop sign-in to that account from that
 *   address for 15 minutes (another address, the account's owner at her desk, is not affected);
 * - per account, across addresses: twenty wrong passwords within 15 minutes (a guess spread over many addresses)
 *   lock the account for 15 minutes for every address from which it has not signed in during the last 30 days.
 * So a stranger who knows a user name cannot lock its owner out with five requests, and guessing from many
 * addresses is still stopped at twenty.
 */

export const MAX_FAILED_ATTEMPTS = 5;
export const MAX_ACCOUNT_FAILURES = 20;
export const LOCKOUT_MINUTES = 15;
export const KNOWN_ADDRESS_DAYS = 30;

const pairKey = (userId: string, ip: string) => `signin-fail|${userId}|${ip}`;
const accountKey = (userId: string) => `signin-fail|${userId}`;
const knownKey = (userId: string, ip: string) => `signin-ok|${userId}|${ip}`;

async function current(db: Db, key: string): Promise<{ count: number; resetAt: number } | null> {
  const row = await db.selectFrom('rate_limits').select(['count', 'reset_at']).where('key', '=', key).executeTakeFirst();
  if (!row || Number(row.reset_at) <= Date.now()) return null;
  return { count: Number(row.count), resetAt: Number(row.reset_at) };
}

/** Add one to a counter; `extend` restarts its window at every hit (failures "in a row"), else it runs from the first. */
async function bump(db: Db, key: string, windowMs: number, extend: boolean): Promise<{ count: number; resetAt: number }> {
  const now = Date.now();
  const row = await db
    .insertInto('rate_limits')
    .values({ key, count: 1, reset_at: now + windowMs })
    .onConflict((oc) =>
      oc.column('key').doUpdateSet({
        count: sql<number>`case when rate_limits.reset_at <= ${now} then 1 else rate_limits.count + 1 end`,
        reset_at: extend
          ? sql<number>`${now + windowMs}`
          : sql<number>`case when rate_limits.reset_at <= ${now} then ${now + windowMs} else rate_limits.reset_at end`,
      }),
    )
    .returning(['count', 'reset_at'])
    .executeTakeFirstOrThrow();
  return { count: Number(row.count), resetAt: Number(row.reset_at) };
}

/** Until when (epoch ms) sign-in to this account from this address is stopped, or null. */
export async function pairLockedUntil(db: Db, userId: string, ip: string): Promise<number | null> {
  const c = await current(db, pairKey(userId, ip));
  return c && c.count >= MAX_FAILED_ATTEMPTS ? c.resetAt : null;
}

/** Whether the account signed in successfully from this address within KNOWN_ADDRESS_DAYS. */
export async function isKnownAddress(db: Db, userId: string, ip: string): Promise<boolean> {
  return (await current(db, knownKey(userId, ip))) !== null;
}

/** Count a wrong password. Returns the failures in a row from this address and within the window for the account. */
export async function recordFailure(db: Db, userId: string, ip: string): Promise<{ pair: number; account: number }> {
  const windowMs = LOCKOUT_MINUTES * 60_000;
  const pair = await bump(db, pairKey(userId, ip), windowMs, true);
  const account = await bump(db, accountKey(userId), windowMs, false);
  return { pair: pair.count, account: account.count };
}

/** A successful sign-in: the address's failures are forgotten and it becomes a known address of the account. */
export async function recordSuccess(db: Db, userId: string, ip: string): Promise<void> {
  await db.deleteFrom('rate_limits').where('key', '=', pairKey(userId, ip)).execute();
  await db
    .insertInto('rate_limits')
    .values({ key: knownKey(userId, ip), count: 1, reset_at: Date.now() + KNOWN_ADDRESS_DAYS * 86_400_000 })
    .onConflict((oc) => oc.column('key').doUpdateSet({ reset_at: Date.now() + KNOWN_ADDRESS_DAYS * 86_400_000 }))
    .execute();
}

/** An administrator's unlock: every failure counter of the account goes (known addresses stay). */
export async function clearFailures(db: Db, userId: string): Promise<void> {
  await db
    .deleteFrom('rate_limits')
    .where((eb) => eb.or([eb('key', '=', accountKey(userId)), eb('key', 'like', `${accountKey(userId)}|%`)]))
    .execute();
}

/** Accounts (of `userIds`) with sign-in stopped from some address now (for the administrators' user list). */
export async function accountsWithPairLocks(db: Db, userIds: string[]): Promise<Set<string>> {
  if (userIds.length === 0) return new Set();
  const rows = await db
    .selectFrom('rate_limits')
    .select('key')
    .where('key', 'like', 'signin-fail|%|%')
    .where('count', '>=', MAX_FAILED_ATTEMPTS)
    .where('reset_at', '>', Date.now())
    .execute();
  const wanted = new Set(userIds);
  return new Set(rows.map((r) => r.key.split('|')[1]!).filter((id) => wanted.has(id)));
}
