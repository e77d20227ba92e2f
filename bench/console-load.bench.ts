/**
 * The console's first load: the bytes of index.html and every script and stylesheet it references (the
 * modulepreload list included), as sent with brotli and with gzip, against the same files uncompressed; and the
 * time to serve them all over a real loopback connection, brotli against identity, in the same run.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import http from 'node:http';
import { createApp } from '../src/capabilities.js';
import { adminDir } from '../src/platform/http/app.js';
import { createTestContext } from '../test/helpers/db.js';
import { printFigures } from './lib.js';

function fetchBytes(port: number, path: string, enc: string): Promise<number> {
  return new Promise((resolve, reject) => {
    http
      .get({ host: '127.0.0.1', port, path, headers: enc ? { 'accept-encoding': enc } : {} }, (res) => {
        let n = 0;
        res.on('data', (c: Buffer) => (n += c.length));
        res.on('end', () => (res.statusCode === 200 ? resolve(n) : reject(new Error(`${path}: ${res.statusCode}`))));
      })
      .on('error', reject);
  });
}

export async function run(): Promise<void> {
  const dir = adminDir();
  if (!dir) {
    console.log('\n## console first load: skipped (dist/admin not built; run npm run build:admin)');
    return;
  }
  const index = readFileSync(join(dir, 'index.html'), 'utf8');
  const assets = [...index.matchAll(/(?:src|href)="(\/admin\/assets\/[^"]+\.(?:js|css))"/g)].map((m) => m[1]!);
  const ctx = await createTestContext('sqlite', { logLevel: 'silent' });
  const app = await createApp(ctx, { logger: false });
  await app.listen({ port: 0, host: '127.0.0.1' });
  const port = (app.server.address() as { port: number }).port;
  const load = async (enc: string) => {
    const t = performance.now();
    const sizes = await Promise.all(['/admin/', ...assets].map((p) => fetchBytes(port, p, enc)));
    return { bytes: sizes.reduce((a, b) => a + b, 0), ms: performance.now() - t };
  };
  await load('br'); // warm the file cache
  const median = async (enc: string) => {
    const runs = [];
    for (let i = 0; i < 7; i++) runs.push(await load(enc));
    runs.sort((a, b) => a.ms - b.ms);
    return runs[3]!;
  };
  const identity = await median('');
  const br = await median('gzip, deflate, br');
  const gz = await median('gzip');
  await app.close();
  await ctx.cleanup();
  printFigures(`Console first load (index.html + ${assets.length} scripts and stylesheets)`, [
    {
      name: 'bytes with brotli',
      value: br.bytes / 1024,
      unit: 'KiB',
      baselineName: 'uncompressed',
      baseline: identity.bytes / 1024,
      ratio: br.bytes / identity.bytes,
      note: 'lower is better',
    },
    {
      name: 'bytes with gzip',
      value: gz.bytes / 1024,
      unit: 'KiB',
      baselineName: 'uncompressed',
      baseline: identity.bytes / 1024,
      ratio: gz.bytes / identity.bytes,
      note: 'lower is better',
    },
    {
      name: 'time to serve all (loopback)',
      value: br.ms,
      unit: 'ms',
      baselineName: 'uncompressed',
      baseline: identity.ms,
      ratio: br.ms / identity.ms,
      note: 'brotli, lower is better; on a real network the byte ratio dominates',
    },
  ]);
}
