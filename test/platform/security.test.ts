import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'kysely';
import { ENGINES } from '../helpers/db.js';
import { Client, createTestApp, DEMO_PASSWORD, signedIn, type TestApp } from '../helpers/app.js';
import { insertAgency } from '../../src/platform/org/agencies.service.js';
import { verifyAudit } from '../../src/platform/audit/audit.js';
import { isPostgres } from '../../src/platform/db/dialect.js';

describe.each(ENGINES)('platform security on %s', (engine) => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp(engine);
  });
  afterAll(async () => t?.close());

  const count = async (table: 'users' | 'agencies' | 'audit_log') =>
    Number(
      (
        await t.ctx.db
          .selectFrom(table)
          .select((eb) => eb.fn.countAll<number>().as('n'))
          .executeTakeFirstOrThrow()
      ).n,
    );

  it('a clerk sees only its own agency, a supervisor only its subtree', async () => {
    // A second, unrelated government that 枣庄's supervising office must not see.
    const other = await t.ctx.db.transaction().execute((tx) => insertAgency(tx, { name: '临沂市人民政府', kind: 'government', code: 'ly' }));
    await t.ctx.db.transaction().execute((tx) => insertAgency(tx, { parentId: other.id, name: '临沂市财政局', kind: 'department', code: 'lyczj' }));

    const clerk = await signedIn(t.app, 'czj.clerk');
    const mine = (await clerk.request('GET', '/api/agencies')).json();
    expect(mine.map((a: { name: string }) => a.name)).toEqual(['枣庄市财政局']);

    const sup = await signedIn(t.app, 'gkb');
    const seen = (await sup.request('GET', '/api/agencies')).json().map((a: { name: string }) => a.name);
    expect(seen).toContain('枣庄市信访局');
    expect(seen).toContain('枣庄市人民来访接待中心');
    expect(seen).not.toContain('临沂市人民政府');
    expect(seen).not.toContain('临沂市财政局');

    // A clerk cannot administer users at all; a supervisor cannot write.
    expect((await clerk.request('GET', '/api/users')).statusCode).toBe(403);
    const res = await sup.request('POST', '/api/users', { json: { agencyId: t.demo.xfj.id, username: 'intruder', displayName: 'x', role: 'clerk' } });
    expect(res.statusCode).toBe(403);
    expect(res.json().message).toMatch(/权限/);
  });

  it('every response carries the security headers: public pages, the API, errors and refusals', async () => {
    const expected = {
      'content-security-policy': expect.stringContaining("default-src 'self'"),
      'x-frame-options': 'SAMEORIGIN',
      'x-content-type-options': 'nosniff',
      'referrer-policy': 'no-referrer',
      'strict-transport-security': 'max-age=31536000; includeSubDomains',
      'cross-origin-opener-policy': 'same-origin',
    };
    for (const [method, url, status] of [
      ['GET', '/', 200],
      ['GET', '/api/csrf', 200],
      ['GET', '/no-such-page', 404],
      ['GET', '/api/no-such-endpoint', 404],
      ['GET', '/search?q=a&q=b', 400],
      ['POST', '/api/auth/login', 403],
    ] as const) {
      const res = await t.app.inject({ method, url });
      expect(res.statusCode, `${method} ${url}`).toBe(status);
      expect(res.headers, `${method} ${url}`).toMatchObject(expected);
      expect(res.headers['content-security-policy']).toContain("script-src 'self'");
      expect(res.headers['content-security-policy']).toContain("frame-ancestors 'none'");
      expect(res.headers['x-powered-by']).toBeUndefined();
    }
    // A form-encoded body to the JSON API is refused before it is parsed (415), a NUL in a query string is a 400.
    const form = await t.app.inject({
      method: 'POST',
      url: '/api/auth/login',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      payload: 'a=b',
    });
    expect(form.statusCode).toBe(415);
    expect(form.headers['x-frame-options']).toBe('SAMEORIGIN');
    expect((await t.app.inject({ method: 'GET', url: '/search?q=%00' })).statusCode).toBe(400);
  });

  it('refuses API and form writes without the CSRF token, and writes nothing', async () => {
    const before = await count('users');
    const anon = new Client(t.app);
    const noToken = await anon.request('POST', '/api/session', { json: { username: 'xfj.clerk', password: DEMO_PASSWORD } });
    expect(noToken.statusCode).toBe(403);
    expect(noToken.json().message).toContain('安全令牌');

    const form = await anon.request('POST', '/login', {
      payload: `username=xfj.clerk&password=${encodeURIComponent(DEMO_PASSWORD)}`,
      headers: { 'content-type': 'application/x-www-form-urlencoded', accept: 'text/html' },
    });
    expect(form.statusCode).toBe(403);
    expect(form.body).toContain('安全令牌');

    const admin = await signedIn(t.app, 'xfj.head');
    const forged = await admin.request('POST', '/api/account/password', {
      json: { currentPassword: DEMO_PASSWORD, newPassword: 'Another-Pass-2026!' },
      headers: { 'x-csrf-token': 'forged' },
    });
    expect(forged.statusCode).toBe(403);
    const missing = await admin.request('DELETE', '/api/session', { csrf: false });
    expect(missing.statusCode, missing.body).toBe(403);
    expect((await admin.request('GET', '/api/session')).statusCode).toBe(200);
    expect(await count('users')).toBe(before);
  });

  it('the no-JavaScript sign-in form works with its token', async () => {
    const c = new Client(t.app);
    const page = await c.request('GET', '/login');
    const token = /name="_csrf" value="([^"]+)"/.exec(page.body)?.[1];
    expect(token).toBeTruthy();
    const res = await c.request('POST', '/login', {
      payload: `_csrf=${encodeURIComponent(token!)}&username=xfj.clerk2&password=${encodeURIComponent(DEMO_PASSWORD)}`,
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
    });
    expect(res.statusCode).toBe(303);
    expect(res.headers.location).toBe('/admin/');
    expect((await c.request('GET', '/api/session')).json().user.username).toBe('xfj.clerk2');
  });

  it('locks the account after five wrong passwords: the sixth attempt is refused even when right', async () => {
    const c = new Client(t.app);
    await c.fetchCsrf();
    for (let i = 1; i <= 5; i++) {
      const res = await c.request('POST', '/api/session', { json: { username: 'jyj.clerk', password: `wrong-${i}` } });
      expect(res.statusCode).toBe(i < 5 ? 401 : 423);
      expect(res.json().message).toMatch(/密码/);
    }
    const right = await c.request('POST', '/api/session', { json: { username: 'jyj.clerk', password: DEMO_PASSWORD } });
    expect(right.statusCode).toBe(423);
    expect(right.json().message).toContain('锁定');
    expect(right.cookies.find((k) => k.name === 'gk_sid')).toBeUndefined();
    // An administrator unlocks; then the right password works again.
    const user = await t.ctx.db.selectFrom('users').select(['id', 'version']).where('username', '=', 'jyj.clerk').executeTakeFirstOrThrow();
    const adminUser = await t.ctx.db.selectFrom('users').select('id').where('username', '=', 'admin').executeTakeFirstOrThrow();
    await t.ctx.db.updateTable('users').set({ must_change_password: 0 }).where('id', '=', adminUser.id).execute();
    const admin = await signedIn(t.app, 'admin');
    expect((await admin.request('PATCH', `/api/users/${user.id}`, { json: { version: user.version, unlock: true } })).statusCode).toBe(200);
    expect((await c.request('POST', '/api/session', { json: { username: 'jyj.clerk', password: DEMO_PASSWORD } })).statusCode).toBe(200);
  });

  it('a revoked session stops working at once, and sign-in rotates the session id', async () => {
    const a = await signedIn(t.app, 'xfj.deputy');
    const b = await signedIn(t.app, 'xfj.deputy');
    expect(a.cookies.get('gk_sid')).not.toBe(b.cookies.get('gk_sid'));
    const sessions = (await a.request('GET', '/api/account/sessions')).json();
    const other = sessions.find((s: { current: boolean }) => !s.current);
    expect((await a.request('DELETE', `/api/account/sessions/${other.id}`)).statusCode).toBe(200);
    expect((await b.request('GET', '/api/session')).statusCode).toBe(401);
    expect((await a.request('GET', '/api/session')).statusCode).toBe(200);
    expect((await a.request('DELETE', '/api/session')).statusCode).toBe(200);
    const stale = new Client(t.app);
    stale.cookies = new Map(a.cookies);
    stale.cookies.set('gk_sid', sessions.find((s: { current: boolean }) => s.current) ? (a.cookies.get('gk_sid') ?? 'gone') : 'gone');
    expect((await a.request('GET', '/api/agencies')).statusCode).toBe(401);
  });

  it('system accounts must change their password before anything else', async () => {
    await t.ctx.db.updateTable('users').set({ must_change_password: 1 }).where('username', '=', 'czj.head').execute();
    const c = await signedIn(t.app, 'czj.head');
    expect((await c.request('GET', '/api/session')).json().mustChangePassword).toBe(true);
    const blocked = await c.request('GET', '/api/agencies');
    expect(blocked.statusCode).toBe(403);
    expect(blocked.json().message).toContain('修改密码');
    const weak = await c.request('POST', '/api/account/password', { json: { currentPassword: DEMO_PASSWORD, newPassword: 'short' } });
    expect(weak.statusCode).toBe(400);
    expect(weak.json().message).toContain('10');
    const ok = await c.request('POST', '/api/account/password', { json: { currentPassword: DEMO_PASSWORD, newPassword: 'Brand-New-Pass-42' } });
    expect(ok.statusCode).toBe(200);
    expect((await c.request('GET', '/api/agencies')).statusCode).toBe(200);
  });

  it('bad input gets a 4xx with a Chinese message and writes nothing', async () => {
    const users = await count('users');
    const audits = await count('audit_log');
    const c = new Client(t.app);
    await c.fetchCsrf();
    const bad = await c.request('POST', '/api/session', { payload: '{bad', headers: { 'content-type': 'application/json' } });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().message).toBe('请求体不是有效的 JSON。');

    const huge = await c.request('POST', '/api/session', {
      payload: JSON.stringify({ username: 'x', password: 'y'.repeat(2 * 1024 * 1024) }),
      headers: { 'content-type': 'application/json' },
    });
    expect(huge.statusCode).toBe(413);
    expect(huge.json().message).toMatch(/过大/);

    const unknown = await c.request('POST', '/api/session', { json: { username: 'xfj.clerk', password: DEMO_PASSWORD, admin: true } });
    expect(unknown.statusCode).toBe(400);
    expect(unknown.json().message).toContain('不允许的字段：admin');

    const missing = await c.request('POST', '/api/session', { json: { username: 'xfj.clerk' } });
    expect(missing.statusCode).toBe(400);
    expect(missing.json().message).toContain('缺少必填字段');

    for (const evil of ["' OR '1'='1' --", "admin'; DROP TABLE users; --", '<script>alert(1)</script>', '\u0001\u0002', '𠮷'.repeat(10)]) {
      const res = await c.request('POST', '/api/session', { json: { username: evil, password: evil } });
      expect(res.statusCode).toBe(401);
      expect(res.json().message).toContain('用户名或密码不正确');
    }
    const nul = await c.request('POST', '/api/session', { json: { username: 'a\u0000b', password: 'x' } });
    expect(nul.statusCode).toBe(400);
    expect(nul.json().message).toContain('控制字符');
    const wrongType = await c.request('POST', '/api/session', { json: { username: { $ne: null }, password: { $gt: '' } } });
    expect(wrongType.statusCode).toBe(400);
    const text = await c.request('POST', '/api/session', { payload: 'username=a', headers: { 'content-type': 'text/plain' } });
    // The JSON API takes JSON only (issue 8): a text body is refused as an unsupported media type.
    expect(text.statusCode).toBe(415);

    const admin = await signedIn(t.app, 'gkb');
    void admin;
    expect(await count('users')).toBe(users);
    // Only sign-in audit rows (gkb) were appended: nothing from the rejected requests.
    const newRows = await t.ctx.db.selectFrom('audit_log').select('action').where('seq', '>', audits).execute();
    expect(newRows.map((r) => r.action)).toEqual(['auth.login']);
    expect((await t.app.inject({ method: 'GET', url: '/api/nope' })).json().message).toBe('接口不存在。');
  });

  it('audit verify finds an edited row and a deleted row, and says which', async () => {
    expect((await verifyAudit(t.ctx.db)).ok).toBe(true);
    const db = t.ctx.db;
    // The table is append-only at the database level: an ordinary UPDATE is refused.
    await expect(sql`update audit_log set actor_name = 'x' where seq = 3`.execute(db)).rejects.toThrow();
    // Someone with direct database access drops the guard and rewrites history.
    if (isPostgres(db)) await sql`drop trigger audit_log_append_only on audit_log`.execute(db);
    else {
      await sql`drop trigger audit_log_no_update`.execute(db);
      await sql`drop trigger audit_log_no_delete`.execute(db);
    }
    await sql`update audit_log set actor_name = '篡改者' where seq = 3`.execute(db);
    let res = await verifyAudit(db);
    expect(res.ok).toBe(false);
    expect(res.problems[0]).toMatchObject({ seq: 3, kind: 'modified' });
    expect(res.problems[0].message).toContain('第 3 条');
    await sql`delete from audit_log where seq = 5`.execute(db);
    res = await verifyAudit(db);
    expect(res.problems.map((p) => [p.seq, p.kind])).toEqual([
      [3, 'modified'],
      [5, 'deleted'],
    ]);
    const last = Number(
      (
        await db
          .selectFrom('audit_log')
          .select((eb) => eb.fn.max('seq').as('m'))
          .executeTakeFirstOrThrow()
      ).m,
    );
    await sql`delete from audit_log where seq = ${last}`.execute(db);
    res = await verifyAudit(db);
    expect(res.problems.at(-1)).toMatchObject({ kind: 'truncated', seq: last });
  });
});
