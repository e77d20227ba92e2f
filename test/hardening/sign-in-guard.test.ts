import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ENGINES } from '../helpers/db.js';
import { Client, createTestApp, DEMO_PASSWORD, signedIn, type TestApp } from '../helpers/app.js';

/**
 * Issue 8, 8: anyone who knew a user name could lock it for 15 minutes with five requests, and the sign-in and
 * lookup limits had one bucket per route. Now five failures stop the (account, address) pair only; twenty across
 * addresses lock the account except from addresses it signed in from; the API and form sign-ins share one bucket,
 * and so do the applicant's lookup forms.
 */

const form = (fields: Record<string, string>) => ({
  payload: new URLSearchParams(fields).toString(),
  headers: { 'content-type': 'application/x-www-form-urlencoded' },
});

async function formToken(c: Client, path: string): Promise<string> {
  const page = await c.request('GET', path);
  const token = /name="_csrf" value="([^"]+)"/.exec(page.body)?.[1];
  expect(token).toBeTruthy();
  return token!;
}

describe.each(ENGINES)('sign-in guard on %s', (engine) => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp(engine);
  }, 120_000);
  afterAll(async () => t?.close());

  const attempt = async (ip: string, username: string, password: string) => {
    const c = new Client(t.app, ip);
    await c.fetchCsrf();
    return c.request('POST', '/api/session', { json: { username, password } });
  };

  it('five wrong passwords from one address stop that address only; the owner elsewhere signs in', async () => {
    for (let i = 1; i <= 5; i++) {
      const res = await attempt('10.8.0.1', 'jyj.clerk', `wrong-${i}`);
      expect(res.statusCode).toBe(i < 5 ? 401 : 423);
    }
    const sameAddress = await attempt('10.8.0.1', 'jyj.clerk', DEMO_PASSWORD);
    expect(sameAddress.statusCode).toBe(423);
    expect(sameAddress.json().message).toMatch(/网络地址.*锁定/);
    // Before: the account itself was locked, so its owner at another address was refused too (423).
    const owner = await attempt('10.8.0.2', 'jyj.clerk', DEMO_PASSWORD);
    expect(owner.statusCode, owner.body).toBe(200);
  });

  it('twenty wrong passwords from four addresses lock the account, except from an address it signed in from', async () => {
    const known = await attempt('10.9.0.100', 'czj.clerk', DEMO_PASSWORD);
    expect(known.statusCode).toBe(200);
    for (let a = 1; a <= 4; a++) {
      for (let i = 1; i <= 5; i++) expect((await attempt(`10.9.0.${a}`, 'czj.clerk', `guess-${a}-${i}`)).statusCode).toBe(i < 5 ? 401 : 423);
    }
    const stranger = await attempt('10.9.0.50', 'czj.clerk', DEMO_PASSWORD);
    expect(stranger.statusCode).toBe(423);
    expect(stranger.json().message).toMatch(/次数过多.*锁定/);
    expect((await attempt('10.9.0.100', 'czj.clerk', DEMO_PASSWORD)).statusCode).toBe(200);
    // The administrators see the account locked and unlock it: every counter goes.
    const adminId = (await t.ctx.db.selectFrom('users').select('id').where('username', '=', 'admin').executeTakeFirstOrThrow()).id;
    await t.ctx.db.updateTable('users').set({ must_change_password: 0 }).where('id', '=', adminId).execute();
    const admin = await signedIn(t.app, 'admin');
    const users = await admin.request('GET', '/api/users');
    expect(users.statusCode, users.body).toBe(200);
    const row = (users.json() as { username: string; locked: boolean; id: string; version: number }[]).find((u) => u.username === 'czj.clerk')!;
    expect(row.locked).toBe(true);
    const unlock = await admin.request('PATCH', `/api/users/${row.id}`, { json: { version: row.version, unlock: true } });
    expect(unlock.statusCode, unlock.body).toBeLessThan(300);
    expect((await attempt('10.9.0.50', 'czj.clerk', DEMO_PASSWORD)).statusCode).toBe(200);
    expect((await attempt('10.9.0.1', 'czj.clerk', DEMO_PASSWORD)).statusCode).toBe(200);
  });
});

describe('shared buckets (sqlite)', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp('sqlite', { loginRateLimit: 4 });
  }, 120_000);
  afterAll(async () => t?.close());

  it('the API and the form sign-in count against one limit per address', async () => {
    const c = new Client(t.app, '10.7.0.1');
    await c.fetchCsrf();
    for (let i = 0; i < 2; i++) expect((await c.request('POST', '/api/session', { json: { username: 'nobody', password: 'x' } })).statusCode).toBe(401);
    const token = await formToken(c, '/login');
    for (let i = 0; i < 2; i++) expect((await c.request('POST', '/login', form({ _csrf: token, username: 'nobody', password: 'x' }))).statusCode).toBe(401);
    // Before: the form had a bucket of its own, so this was a fifth try (401), and four more were allowed.
    const fifth = await c.request('POST', '/login', form({ _csrf: token, username: 'nobody', password: 'x' }));
    expect(fifth.statusCode).toBe(429);
    expect((await c.request('POST', '/api/session', { json: { username: 'nobody', password: 'x' } })).statusCode).toBe(429);
    // Another address has its own bucket.
    const other = new Client(t.app, '10.7.0.2');
    await other.fetchCsrf();
    expect((await other.request('POST', '/api/session', { json: { username: 'nobody', password: 'x' } })).statusCode).toBe(401);
  });

  it("the applicant's lookup and correction forms count against one limit per address", async () => {
    const c = new Client(t.app, '10.7.1.1');
    const token = await formToken(c, '/lookup');
    const codes: number[] = [];
    for (let i = 0; i < 6; i++) codes.push((await c.request('POST', '/lookup', form({ _csrf: token, code: 'GK-NONE', secret: 'wrong' }))).statusCode);
    for (let i = 0; i < 4; i++)
      codes.push((await c.request('POST', '/lookup/correction', form({ _csrf: token, code: 'GK-NONE', secret: 'wrong', text: '补正' }))).statusCode);
    expect(codes.every((s) => s !== 429 && s < 500)).toBe(true);
    // The eleventh lookup of any kind from this address within the minute (before: the correction form's own bucket).
    const eleventh = await c.request('POST', '/lookup/correction', form({ _csrf: token, code: 'GK-NONE', secret: 'wrong', text: '补正' }));
    expect(eleventh.statusCode).toBe(429);
    expect((await c.request('POST', '/lookup', form({ _csrf: token, code: 'GK-NONE', secret: 'wrong' }))).statusCode).toBe(429);
  });
});
