import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ENGINES } from '../helpers/db.js';
import { Client, createTestApp, signedIn, type TestApp } from '../helpers/app.js';

/**
 * Issue 8, 5: a NUL in a path parameter (PostgreSQL), a malformed multipart body and a repeated query parameter
 * answered 500. Each is the client's mistake: 4xx with a Chinese message, on both engines.
 */

const BROKEN_MULTIPART = { 'content-type': 'multipart/form-data; boundary=----x' };
const brokenBody = '------x\r\nContent-Disposition: form-data; name="file"; filename="a.txt"\r\n\r\nno closing boundary';

for (const engine of ENGINES) {
  describe(`input that once answered 500 (${engine})`, () => {
    let t: TestApp;
    beforeAll(async () => {
      t = await createTestApp(engine);
    }, 60_000);
    afterAll(() => t?.close());

    const is4xx = (status: number, what: string) => {
      expect(status, what).toBeGreaterThanOrEqual(400);
      expect(status, what).toBeLessThan(500);
    };

    it('a NUL in a path parameter, staff API and public pages', async () => {
      const clerk = await signedIn(t.app, 'xfj.clerk');
      for (const url of ['/api/publishing/items/%00', '/api/requests/%00', '/api/reports/a%00b', '/api/publishing/attachments/%00']) {
        const res = await clerk.request('GET', url);
        is4xx(res.statusCode, url);
        expect(res.json().message, url).toMatch(/[\u4e00-\u9fa5]/);
      }
      for (const url of ['/a/zzxfj/items/%00', '/a/%00/items', '/a/zzxfj/items/x%00y']) {
        const res = await t.app.inject({ method: 'GET', url, headers: { accept: 'text/html' } });
        is4xx(res.statusCode, url);
      }
    });

    it('a malformed multipart body, before sign-in and CSRF as well as after', async () => {
      const anon = new Client(t.app);
      await anon.fetchCsrf();
      for (const url of ['/apply', '/lookup/correction', '/api/reports/check']) {
        const res = await anon.request('POST', url, { payload: brokenBody, headers: BROKEN_MULTIPART });
        is4xx(res.statusCode, url);
      }
      const clerk = await signedIn(t.app, 'xfj.clerk');
      const res = await clerk.request('POST', '/api/reports/check', { payload: brokenBody, headers: BROKEN_MULTIPART });
      is4xx(res.statusCode, 'check signed in');
      expect(res.json().message).toMatch(/[\u4e00-\u9fa5]/);
    });

    it('a repeated query parameter', async () => {
      for (const url of ['/search?q=a&q=b', '/api/requests?q=a&q=b', '/a/zzxfj/items?page=1&page=2']) {
        const res = await t.app.inject({ method: 'GET', url });
        is4xx(res.statusCode, url);
      }
    });
  });
}
