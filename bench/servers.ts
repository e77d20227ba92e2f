import Fastify from 'fastify';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadConfig } from '../src/platform/config.js';
import { createApp, openContext } from '../src/capabilities.js';

// The application on a fresh demo database, and a bare Fastify server answering with the same bytes.
const dir = mkdtempSync(join(tmpdir(), 'gk-bench-'));
const config = loadConfig({ ...process.env, DATABASE_URL: `sqlite:${join(dir, 'bench.db')}`, GONGKAI_DEMO_PASSWORD: 'Bench-Pass-2026!', LOG_LEVEL: 'silent' });
const ctx = await openContext(config);
const app = await createApp(ctx, { logger: false });
await app.listen({ port: 0, host: '127.0.0.1' });
const appUrl = `http://127.0.0.1:${(app.server.address() as { port: number }).port}`;

const paths = (process.env.BENCH_PATHS ?? '/,/healthz').split(',');
const bare = Fastify({ logger: false });
const bodies = new Map<string, { body: Buffer; type: string }>();
for (const p of paths) {
  const res = await app.inject({ method: 'GET', url: p });
  bodies.set(p, { body: res.rawPayload, type: String(res.headers['content-type']) });
}
for (const [p, b] of bodies) bare.get(p, (_req, reply) => reply.type(b.type).send(b.body));
await bare.listen({ port: 0, host: '127.0.0.1' });
const bareUrl = `http://127.0.0.1:${(bare.server.address() as { port: number }).port}`;
process.send?.({ app: appUrl, bare: bareUrl });
process.on('SIGTERM', async () => {
  await app.close();
  await bare.close();
  await ctx.db.destroy();
  process.exit(0);
});
