import type { Db } from '../db/index.js';
import type { Role } from '../db/tables.js';
import { recordAudit, type Actor } from '../audit/audit.js';
import { AppError, badRequest, conflict, forbidden, notFound, unauthorized } from '../errors.js';
import { newId } from '../ids.js';
import { nowIso } from '../time.js';
import { generatePassword, hashPassword, passwordProblem, verifyPassword } from './passwords.js';
import { assertCan, ROLE_LABELS, type Principal } from './permissions.js';
import * as guard from './sign-in-guard.js';
import type { UserView } from '../http/platform.api.js';
import { LOCKOUT_MINUTES, MAX_ACCOUNT_FAILURES, MAX_FAILED_ATTEMPTS } from './sign-in-guard.js';
import { createSession, revokeSession, revokeUserSessions, type SessionPolicy } from './sessions.js';

/** Sign-in, sign-out, password changes and user administration. */

export { LOCKOUT_MINUTES, MAX_ACCOUNT_FAILURES, MAX_FAILED_ATTEMPTS } from './sign-in-guard.js';

const DUMMY_HASH = 'scrypt$16384$8$1$AAAAAAAAAAAAAAAAAAAAAA$AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA';

export const actorOf = (p: Principal): Actor => ({ id: p.userId, name: p.displayName, agencyId: p.agencyId });

export interface SignInResult {
  token: string;
  sessionId: string;
  userId: string;
  mustChangePassword: boolean;
}

const beijingTime = (ms: number) => new Date(ms + 8 * 3600_000).toISOString().slice(11, 16);

/**
 * Checks the password and opens a new session (a fresh id: the session id rotates at every sign-in).
 * Five wrong passwords in a row from one address stop sign-in to the account from that address for 15 minutes;
 * twenty within 15 minutes from any addresses lock the account for 15 minutes except from the addresses it signed
 * in from during the last 30 days (src/platform/auth/sign-in-guard.ts). While stopped, even the right password is
 * refused.
 */
export async function signIn(
  db: Db,
  input: { username: string; password: string },
  policy: SessionPolicy,
  meta: { ip: string; userAgent: string },
): Promise<SignInResult> {
  const user = await db.selectFrom('users').selectAll().where('username', '=', input.username).executeTakeFirst();
  if (!user) {
    await verifyPassword(input.password, DUMMY_HASH).catch(() => false);
    throw unauthorized('用户名或密码不正确。');
  }
  const actor: Actor = { id: user.id, name: user.display_name, agencyId: user.agency_id };
  const refuse = async (scope: 'address' | 'account', until: number, message: string) => {
    await db
      .transaction()
      .execute((tx) => recordAudit(tx, actor, { action: 'auth.login_refused_locked', entityType: 'user', entityId: user.id, detail: { ip: meta.ip, scope } }));
    throw new AppError(423, message.replace('{until}', beijingTime(until)), 'locked');
  };
  const pairUntil = await guard.pairLockedUntil(db, user.id, meta.ip);
  if (pairUntil)
    await refuse(
      'address',
      pairUntil,
      `该账户从您所在的网络地址连续 ${MAX_FAILED_ATTEMPTS} 次密码错误，已被锁定（暂停从此地址登录），请于 {until}（北京时间）后再试，或联系系统管理员解锁。`,
    );
  const accountUntil = user.locked_until ? Date.parse(user.locked_until) : 0;
  if (accountUntil > Date.now() && !(await guard.isKnownAddress(db, user.id, meta.ip))) {
    await refuse(
      'account',
      accountUntil,
      `该账户短时间内密码错误次数过多，已被锁定，请于 {until}（北京时间）后再试，或从您常用的电脑登录，或联系系统管理员解锁。`,
    );
  }
  if (user.disabled) throw forbidden('该账户已停用，请联系系统管理员。');
  const ok = await verifyPassword(input.password, user.password_hash);
  if (!ok) {
    const { pair } = await db.transaction().execute(async (tx) => {
      const counts = await guard.recordFailure(tx, user.id, meta.ip);
      const accountLocked = counts.account >= MAX_ACCOUNT_FAILURES && accountUntil <= Date.now();
      await tx
        .updateTable('users')
        .set({ failed_attempts: counts.account, ...(accountLocked ? { locked_until: new Date(Date.now() + LOCKOUT_MINUTES * 60_000).toISOString() } : {}) })
        .where('id', '=', user.id)
        .execute();
      const scope = counts.pair === MAX_FAILED_ATTEMPTS ? 'address' : accountLocked ? 'account' : null;
      await recordAudit(tx, actor, {
        action: scope ? 'auth.locked' : 'auth.login_failed',
        entityType: 'user',
        entityId: user.id,
        detail: { failed: counts.pair, failedAccount: counts.account, ip: meta.ip, ...(scope ? { scope } : {}) },
      });
      return counts;
    });
    if (pair >= MAX_FAILED_ATTEMPTS)
      throw new AppError(423, `密码连续错误 ${MAX_FAILED_ATTEMPTS} 次，已暂停从您所在的网络地址登录该账户 ${LOCKOUT_MINUTES} 分钟。`, 'locked');
    throw unauthorized(`用户名或密码不正确。再错 ${MAX_FAILED_ATTEMPTS - pair} 次将暂停从此地址登录该账户。`);
  }
  return db.transaction().execute(async (tx) => {
    await tx.updateTable('users').set({ last_login_at: nowIso() }).where('id', '=', user.id).execute();
    await guard.recordSuccess(tx, user.id, meta.ip);
    const s = await createSession(tx, user.id, policy, meta);
    await recordAudit(tx, actor, { action: 'auth.login', entityType: 'user', entityId: user.id, detail: { ip: meta.ip } });
    return { token: s.token, sessionId: s.id, userId: user.id, mustChangePassword: user.must_change_password === 1 };
  });
}

export async function signOut(db: Db, p: Principal): Promise<void> {
  await db.transaction().execute(async (tx) => {
    await revokeSession(tx, p.sessionId);
    await recordAudit(tx, actorOf(p), { action: 'auth.logout', entityType: 'user', entityId: p.userId });
  });
}

export async function changePassword(db: Db, p: Principal, current: string, next: string): Promise<void> {
  const user = await db.selectFrom('users').selectAll().where('id', '=', p.userId).executeTakeFirstOrThrow();
  if (!(await verifyPassword(current, user.password_hash))) throw badRequest('当前密码不正确。');
  const problem = passwordProblem(next, user.username);
  if (problem) throw badRequest(problem);
  if (current === next) throw badRequest('新密码不能与当前密码相同。');
  const hash = await hashPassword(next);
  await db.transaction().execute(async (tx) => {
    await tx
      .updateTable('users')
      .set({ password_hash: hash, must_change_password: 0, password_changed_at: nowIso(), updated_at: nowIso(), version: user.version + 1 })
      .where('id', '=', p.userId)
      .execute();
    await revokeUserSessions(tx, p.userId, p.sessionId);
    await recordAudit(tx, actorOf(p), { action: 'user.password_changed', entityType: 'user', entityId: p.userId });
  });
}

/** Users the principal may administer (its agency subtree). */
export async function listUsers(db: Db, p: Principal): Promise<UserView[]> {
  assertCan(p, 'org.manage');
  const rows = await db
    .selectFrom('users')
    .innerJoin('agencies', 'agencies.id', 'users.agency_id')
    .select([
      'users.id',
      'users.agency_id',
      'agencies.name as agency_name',
      'users.username',
      'users.display_name',
      'users.role',
      'users.must_change_password',
      'users.locked_until',
      'users.disabled',
      'users.last_login_at',
      'users.version',
    ])
    .where('agencies.path', 'like', `${p.agencyPath}%`)
    .orderBy('agencies.path')
    .orderBy('users.username')
    .execute();
  const pairLocked = await guard.accountsWithPairLocks(
    db,
    rows.map((r) => r.id),
  );
  return rows.map((r) => ({
    id: r.id,
    agencyId: r.agency_id,
    agencyName: r.agency_name,
    username: r.username,
    displayName: r.display_name,
    role: r.role,
    roleLabel: ROLE_LABELS[r.role],
    mustChangePassword: r.must_change_password === 1,
    // Locked for every address, or sign-in stopped from some address (an administrator's unlock clears both).
    locked: (!!r.locked_until && Date.parse(r.locked_until) > Date.now()) || pairLocked.has(r.id),
    disabled: r.disabled === 1,
    lastLoginAt: r.last_login_at,
    version: r.version,
  }));
}

async function agencyInScope(db: Db, p: Principal, agencyId: string) {
  const agency = await db.selectFrom('agencies').select(['id', 'path']).where('id', '=', agencyId).executeTakeFirst();
  if (!agency || !agency.path.startsWith(p.agencyPath)) throw notFound('未找到该机关，或您无权管理。');
  return agency;
}

/** Creates a user with a generated one-time password that must be changed at first sign-in. */
export async function createUser(
  db: Db,
  p: Principal,
  input: { agencyId: string; username: string; displayName: string; role: Role },
): Promise<{ id: string; initialPassword: string }> {
  assertCan(p, 'org.manage');
  await agencyInScope(db, p, input.agencyId);
  if (!/^[a-z][a-z0-9_.-]{2,31}$/.test(input.username)) throw badRequest('用户名须以小写字母开头，由 3 至 32 位小写字母、数字、点、下划线或连字符组成。');
  if (!input.displayName.trim()) throw badRequest('请填写姓名。');
  if (!(input.role in ROLE_LABELS)) throw badRequest('角色不正确。');
  const exists = await db.selectFrom('users').select('id').where('username', '=', input.username).executeTakeFirst();
  if (exists) throw conflict('该用户名已被使用。');
  const initialPassword = generatePassword();
  const id = newId();
  const now = nowIso();
  const hash = await hashPassword(initialPassword);
  await db.transaction().execute(async (tx) => {
    const row = {
      id,
      agency_id: input.agencyId,
      username: input.username,
      display_name: input.displayName.trim(),
      role: input.role,
      password_hash: hash,
      must_change_password: 1,
      failed_attempts: 0,
      locked_until: null,
      disabled: 0,
      password_changed_at: null,
      last_login_at: null,
      created_at: now,
      updated_at: now,
      version: 1,
    };
    await tx.insertInto('users').values(row).execute();
    await recordAudit(tx, actorOf(p), {
      action: 'user.created',
      entityType: 'user',
      entityId: id,
      agencyId: input.agencyId,
      after: { ...row, password_hash: undefined },
    });
  });
  return { id, initialPassword };
}

/** Updates role, name, disabled flag; unlocks; or resets the password (returns the new one-time password). */
export async function updateUser(
  db: Db,
  p: Principal,
  userId: string,
  input: { version: number; displayName?: string; role?: Role; disabled?: boolean; unlock?: boolean; resetPassword?: boolean },
): Promise<{ initialPassword?: string }> {
  assertCan(p, 'org.manage');
  const user = await db.selectFrom('users').selectAll().where('id', '=', userId).executeTakeFirst();
  if (!user) throw notFound('未找到该用户。');
  await agencyInScope(db, p, user.agency_id);
  if (user.version !== input.version) throw conflict('该用户信息已被他人修改，请刷新后重试。');
  if (input.role && !(input.role in ROLE_LABELS)) throw badRequest('角色不正确。');
  if (userId === p.userId && (input.disabled || (input.role && input.role !== p.role))) throw badRequest('不能停用自己的账户或修改自己的角色。');
  const initialPassword = input.resetPassword ? generatePassword() : undefined;
  const changes = {
    display_name: input.displayName?.trim() || user.display_name,
    role: input.role ?? user.role,
    disabled: input.disabled === undefined ? user.disabled : input.disabled ? 1 : 0,
    locked_until: input.unlock ? null : user.locked_until,
    failed_attempts: input.unlock ? 0 : user.failed_attempts,
    ...(initialPassword ? { password_hash: await hashPassword(initialPassword), must_change_password: 1 } : {}),
    updated_at: nowIso(),
    version: user.version + 1,
  };
  await db.transaction().execute(async (tx) => {
    const res = await tx.updateTable('users').set(changes).where('id', '=', userId).where('version', '=', input.version).executeTakeFirst();
    if (Number(res.numUpdatedRows) !== 1) throw conflict('该用户信息已被他人修改，请刷新后重试。');
    if (input.unlock) await guard.clearFailures(tx, userId);
    if (changes.disabled || initialPassword || changes.role !== user.role) await revokeUserSessions(tx, userId);
    await recordAudit(tx, actorOf(p), {
      action: initialPassword ? 'user.password_reset' : 'user.updated',
      entityType: 'user',
      entityId: userId,
      agencyId: user.agency_id,
      before: { ...user, password_hash: undefined },
      after: { ...user, ...changes, password_hash: undefined },
    });
  });
  return { initialPassword };
}

/** Sessions of a user, for "my account" and admins; revocation is immediate. */
export async function listSessions(db: Db, p: Principal) {
  return db
    .selectFrom('sessions')
    .select(['id', 'created_at', 'last_seen_at', 'expires_at', 'ip', 'user_agent'])
    .where('user_id', '=', p.userId)
    .where('revoked_at', 'is', null)
    .where('expires_at', '>', nowIso())
    .orderBy('created_at', 'desc')
    .execute();
}

export async function revokeOwnSession(db: Db, p: Principal, sessionId: string): Promise<void> {
  const s = await db.selectFrom('sessions').select(['id', 'user_id']).where('id', '=', sessionId).executeTakeFirst();
  if (!s || s.user_id !== p.userId) throw notFound('未找到该会话。');
  await db.transaction().execute(async (tx) => {
    await revokeSession(tx, sessionId);
    await recordAudit(tx, actorOf(p), { action: 'auth.session_revoked', entityType: 'session', entityId: sessionId.slice(0, 16) });
  });
}
