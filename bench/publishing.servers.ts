import Fastify from 'fastify';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadConfig } from '../src/platform/config.js';
import { createApp, openContext } from '../src/capabilities.js';
import { demoItemPath } from './lib.js';

// The application on a fresh demo database, and a bare Fastify server answering the publishing pages'
// exact bytes: an item page, a column list, a search result page and the lookup form.
const dir = mkdtempSync(join(tmpdir(), 'gk-bench-pub-'));
const config = loadConfig({ ...process.env, DATABASE_URL: `sqlite:${join(dir, 'bench.db')}`, GONGKAI_DEMO_PASSWORD: 'Bench-Pass-2026!', LOG_LEVEL: 'silent' });
const ctx = await openContext(config);
const app = await createApp(ctx, { logger: false });
await app.listen({ port: 0, host: '127.0.0.1' });
const appUrl = `http://127.0.0.1:${(app.server.address() as { port: number }).port}`;
const itemPath = await demoItemPath(ctx.db);
const agencyCode = itemPath.split('/')[2];
const paths = [itemPath, `/a/${agencyCode}/statutory/tzgg`, `/search?q=${encodeURIComponent('信访 会议')}`, '/lookup'];
const bare = Fastify({ logger: false });
for (const p of paths) {
  const res = await app.inject({ method: 'GET', url: p });
  if (res.statusCode !== 200) throw new Error(`${p}: HTTP ${res.statusCode}`);
  const body = res.rawPayload;
  const type = String(res.headers['content-type']);
  bare.get(p.split('?')[0], (_req, reply) => reply.type(type).send(body));
}
await bare.listen({ port: 0, host: '127.0.0.1' });
const bareUrl = `http://127.0.0.1:${(bare.server.address() as { port: number }).port}`;
process.send?.({ app: appUrl, bare: bareUrl, paths: paths.join('\n') });
process.on('SIGTERM', async () => {
  await app.close();
  await bare.close();
  await ctx.db.destroy();
  process.exit(0);
});
