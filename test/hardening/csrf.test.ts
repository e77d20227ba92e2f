import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Client, createTestApp, DEMO_PASSWORD, type TestApp } from '../helpers/app.js';

/**
 * Issue 8, 6: a signed-in write was accepted with the anonymous double-submit token, and the JSON API accepted
 * form-encoded bodies with `_csrf` even with a foreign Origin. Now a signed-in request needs the token bound to its
 * session, and the API takes JSON (or multipart uploads) only.
 */

describe('CSRF bound to the session; the API takes JSON only', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp('sqlite');
  }, 60_000);
  afterAll(() => t.close());

  const item = { columnCode: 'tzgg', kind: 'general', title: '令牌测试', bodyHtml: '<p>正文</p>', createdOn: '2026-11-24', attribute: 'proactive' };

  it('refuses a signed-in write carrying the anonymous token, accepts the session token', async () => {
    const c = new Client(t.app);
    const anonToken = await c.fetchCsrf();
    expect((await c.login('xfj.clerk')).statusCode).toBe(200);
    expect(c.csrf).not.toBe(anonToken);
    const forged = await c.request('POST', '/api/publishing/items', { json: item, headers: { 'x-csrf-token': anonToken } });
    expect(forged.statusCode).toBe(403);
    expect(forged.json().error).toBe('csrf');
    expect((await c.request('POST', '/api/publishing/items', { json: item })).statusCode).toBe(201);
  });

  it('refuses form-encoded and text bodies on the API (415), even with a valid token', async () => {
    const c = new Client(t.app);
    await c.login('xfj.clerk');
    const form = new URLSearchParams({ ...item, _csrf: c.csrf }).toString();
    const res = await c.request('POST', '/api/publishing/items', {
      payload: form,
      headers: { 'content-type': 'application/x-www-form-urlencoded', origin: 'https://evil.example' },
    });
    expect(res.statusCode).toBe(415);
    expect(res.json().message).toMatch(/只接受 JSON/);
    const text = await c.request('POST', '/api/session', {
      payload: JSON.stringify({ username: 'xfj.clerk', password: DEMO_PASSWORD }),
      headers: { 'content-type': 'text/plain' },
    });
    expect(text.statusCode).toBe(415);
  });

  it('portal forms (form-encoded, outside /api) still work', async () => {
    const res = await t.app.inject({ method: 'GET', url: '/apply' });
    expect(res.statusCode).toBe(200);
  });
});
