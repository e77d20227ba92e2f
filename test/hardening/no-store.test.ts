import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, signedIn, type TestApp } from '../helpers/app.js';

/** Issue 8, 7: staff API responses carrying personal data (case detail, files, letters) had no Cache-Control. */

describe('Cache-Control: no-store on the staff API', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp('sqlite');
  }, 60_000);
  afterAll(() => t.close());

  it('case list, case detail and letters are never stored', async () => {
    const clerk = await signedIn(t.app, 'xfj.clerk');
    const list = await clerk.request('GET', '/api/cases');
    expect(list.statusCode).toBe(200);
    expect(list.headers['cache-control']).toBe('no-store');
    const id = (list.json().items ?? list.json().cases ?? list.json())[0]?.id as string;
    expect(id).toBeTruthy();
    for (const url of [`/api/cases/${id}`, `/api/cases/${id}/letters`]) {
      const res = await clerk.request('GET', url);
      expect(res.statusCode, url).toBe(200);
      expect(res.headers['cache-control'], url).toBe('no-store');
    }
    // Errors too (a 404 says whether a record exists).
    expect((await clerk.request('GET', '/api/cases/nope')).headers['cache-control']).toBe('no-store');
  });

  it('public pages keep their own caching', async () => {
    const res = await t.app.inject({ method: 'GET', url: '/' });
    expect(res.headers['cache-control']).not.toBe('no-store');
  });
});
