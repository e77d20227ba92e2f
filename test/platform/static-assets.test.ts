import { readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ensureAdminBuilt } from '../helpers/browser.js';
import { createTestApp, type TestApp } from '../helpers/app.js';
import { adminDir } from '../../src/platform/http/app.js';

/** The console's assets go out precompressed (brotli or gzip, as the browser accepts) with long-lived caching. */
describe('static assets of the console', () => {
  let t: TestApp;
  let chunk = '';
  beforeAll(async () => {
    await ensureAdminBuilt();
    const dir = adminDir()!;
    // The largest script: the Element Plus chunk (about 800 KB).
    chunk = readdirSync(join(dir, 'assets'))
      .filter((f) => f.endsWith('.js'))
      .sort((a, b) => statSync(join(dir, 'assets', b)).size - statSync(join(dir, 'assets', a)).size)[0]!;
    t = await createTestApp('sqlite');
  }, 300_000);
  afterAll(async () => t?.close());

  it('brotli, gzip or identity by Accept-Encoding; hashed files immutable, index.html revalidated', async () => {
    const get = (url: string, enc?: string) => t.app.inject({ method: 'GET', url, headers: enc ? { 'accept-encoding': enc } : {} });
    const plain = await get(`/admin/assets/${chunk}`);
    expect(plain.statusCode).toBe(200);
    expect(plain.headers['content-encoding']).toBeUndefined();
    const size = plain.rawPayload.length;
    expect(size).toBeGreaterThan(100_000);
    const br = await get(`/admin/assets/${chunk}`, 'gzip, deflate, br');
    expect(br.headers['content-encoding']).toBe('br');
    expect(br.rawPayload.length).toBeLessThan(size / 3);
    expect(br.headers['cache-control']).toBe('public, max-age=31536000, immutable');
    expect(String(br.headers.vary)).toMatch(/accept-encoding/i);
    expect(String(br.headers['content-type'])).toMatch(/javascript/);
    const gz = await get(`/admin/assets/${chunk}`, 'gzip');
    expect(gz.headers['content-encoding']).toBe('gzip');
    expect(gz.rawPayload.length).toBeLessThan(size / 2.5);
    const index = await get('/admin/', 'br');
    expect(index.statusCode).toBe(200);
    expect(index.headers['cache-control']).toBe('no-cache');
    expect(String(index.headers['content-type'])).toMatch(/text\/html/);
    console.log(`console main chunk ${chunk}: ${size} B, brotli ${br.rawPayload.length} B, gzip ${gz.rawPayload.length} B`);
  });
});
