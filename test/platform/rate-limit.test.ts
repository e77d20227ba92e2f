import { expect, it } from 'vitest';
import { Client, createTestApp } from '../helpers/app.js';

it('rate-limits sign-in attempts per client address, with a Chinese message', async () => {
  const t = await createTestApp('sqlite', { loginRateLimit: 3 });
  try {
    const c = new Client(t.app);
    await c.fetchCsrf();
    const codes: number[] = [];
    for (let i = 0; i < 4; i++) codes.push((await c.request('POST', '/api/session', { json: { username: `nobody${i}`, password: 'x' } })).statusCode);
    expect(codes).toEqual([401, 401, 401, 429]);
    const res = await c.request('POST', '/api/session', { json: { username: 'xfj.clerk', password: 'x' } });
    expect(res.statusCode).toBe(429);
    expect(res.json().message).toContain('请求过于频繁');
  } finally {
    await t.close();
  }
});
