import { Writable } from 'node:stream';
import { afterEach, describe, expect, it } from 'vitest';
import { createApp } from '../../src/capabilities.js';
import { createTestContext, type TestContext } from '../helpers/db.js';

/** Request logging: ordinary requests at debug only; failures and slow requests at info/warn. */

function collector() {
  const lines: Array<{ level: number; msg: string; status?: number; url?: string }> = [];
  const stream = new Writable({
    write(chunk, _enc, done) {
      for (const l of String(chunk).split('\n')) if (l.trim()) lines.push(JSON.parse(l));
      done();
    },
  });
  return { lines, stream };
}

describe('request log', () => {
  let ctx: TestContext | undefined;
  afterEach(async () => ctx?.cleanup());

  it('at info: a 200 writes no line, a 404 writes one; at debug the 200 is logged too', async () => {
    for (const level of ['info', 'debug'] as const) {
      ctx = await createTestContext('sqlite', { logLevel: level });
      const { lines, stream } = collector();
      const app = await createApp(ctx, { logStream: stream });
      await app.ready();
      expect((await app.inject({ method: 'GET', url: '/healthz' })).statusCode).toBe(200);
      expect((await app.inject({ method: 'GET', url: '/api/no-such-thing' })).statusCode).toBe(404);
      await app.close();
      const requestLines = lines.filter((l) => l.url);
      const ok = requestLines.filter((l) => l.status === 200);
      const missing = requestLines.filter((l) => l.status === 404);
      expect(missing, level).toHaveLength(1);
      expect(missing[0]!.level).toBe(30); // info
      expect(ok, level).toHaveLength(level === 'debug' ? 1 : 0);
      expect(
        lines.some((l) => /incoming request|request completed/.test(l.msg)),
        level,
      ).toBe(false);
      await ctx.cleanup();
      ctx = undefined;
    }
  });
});
