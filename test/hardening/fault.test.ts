import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { afterAll, describe, expect, it } from 'vitest';
import { openContext } from '../../src/capabilities.js';
import { verifyAudit } from '../../src/platform/audit/audit.js';
import { loadConfig } from '../../src/platform/config.js';
import { DEMO_PASSWORD } from '../helpers/app.js';
import { ENGINES } from '../helpers/db.js';

/**
 * Crash safety (issue 8, must show 5): a real server process is killed with SIGKILL in the middle of a burst
 * of writes, three times on the same database; afterwards every write the server acknowledged (201) is there
 * with its audit record (written in the same transaction: no half-written change), and `audit verify` finds
 * the chain intact. On SQLite (a file, WAL) and on PostgreSQL. The figures are printed.
 */

const ROUNDS = 3;
const BURST_MS = 1500;
const WRITERS = 8;
const NEW_PASSWORD = 'Fault-Test-Pass-2026!';

function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const s = createServer().listen(0, '127.0.0.1', () => {
      const port = (s.address() as { port: number }).port;
      s.close(() => resolve(port));
    });
  });
}

class Http {
  cookies = new Map<string, string>();
  csrf = '';
  constructor(private base: string) {}
  async req(method: string, path: string, json?: unknown): Promise<{ status: number; body: any }> {
    const headers: Record<string, string> = { cookie: [...this.cookies].map(([k, v]) => `${k}=${v}`).join('; ') };
    if (json !== undefined) headers['content-type'] = 'application/json';
    if (method !== 'GET' && this.csrf) headers['x-csrf-token'] = this.csrf;
    const res = await fetch(this.base + path, { method, headers, body: json === undefined ? undefined : JSON.stringify(json) });
    for (const c of res.headers.getSetCookie()) {
      const [pair] = c.split(';');
      const i = pair!.indexOf('=');
      this.cookies.set(pair!.slice(0, i), pair!.slice(i + 1));
    }
    const text = await res.text();
    let body: any = text;
    try {
      body = JSON.parse(text);
    } catch {
      // not JSON
    }
    return { status: res.status, body };
  }
}

async function startServer(env: Record<string, string>): Promise<{ proc: ChildProcess; base: string }> {
  const port = await freePort();
  const proc = spawn(process.execPath, ['--import', 'tsx', 'src/cli.ts', 'serve'], {
    env: { ...process.env, ...env, PORT: String(port), LOG_LEVEL: 'silent', WEB_CONCURRENCY: '1', JOBS_TICK_SECONDS: '3600' },
    stdio: ['ignore', 'ignore', 'pipe'],
  });
  let stderr = '';
  proc.stderr!.on('data', (d) => (stderr += d));
  const base = `http://127.0.0.1:${port}`;
  const until = Date.now() + 120_000;
  for (;;) {
    if (proc.exitCode !== null) throw new Error(`server exited ${proc.exitCode}: ${stderr}`);
    try {
      if ((await fetch(`${base}/healthz`)).ok) return { proc, base };
    } catch {
      // not up yet
    }
    if (Date.now() > until) throw new Error(`server did not start: ${stderr}`);
    await new Promise((r) => setTimeout(r, 200));
  }
}

describe.each(ENGINES)('kill -9 during a write burst on %s', (engine) => {
  const dir = mkdtempSync(join(tmpdir(), 'gk-fault-'));
  const dbName = `gk_fault_${process.pid}_${Date.now() % 100000}`;
  const admin = engine === 'postgres' ? new URL(process.env.TEST_DATABASE_URL!) : null;
  const url =
    engine === 'sqlite'
      ? `sqlite:${join(dir, 'g.db')}`
      : (() => {
          const u = new URL(admin!);
          u.pathname = `/${dbName}`;
          return u.toString();
        })();
  const env = { DATABASE_URL: url, DATA_DIR: dir, GONGKAI_DEMO_PASSWORD: DEMO_PASSWORD, GONGKAI_SECRET: 'f'.repeat(44) };

  afterAll(async () => {
    if (admin) {
      const c = new pg.Client({ connectionString: admin.toString() });
      await c.connect();
      await c.query(`drop database if exists ${dbName} with (force)`);
      await c.end();
    }
    rmSync(dir, { recursive: true, force: true });
  });

  it('every acknowledged write survives, with its audit record; the audit chain verifies', async () => {
    if (admin) {
      const c = new pg.Client({ connectionString: admin.toString() });
      await c.connect();
      await c.query(`create database ${dbName}`);
      await c.end();
    }
    const acknowledged: string[] = [];
    let attempted = 0;
    let firstRefusal = '';
    for (let round = 1; round <= ROUNDS; round++) {
      const { proc, base } = await startServer(env);
      const clerk = new Http(base);
      clerk.csrf = (await clerk.req('GET', '/api/csrf')).body.csrfToken;
      const login = await clerk.req('POST', '/api/session', { username: 'xfj.clerk', password: round === 1 ? DEMO_PASSWORD : NEW_PASSWORD });
      expect(login.status, JSON.stringify(login.body)).toBe(200);
      clerk.csrf = login.body.csrfToken;
      if (round === 1) {
        // The demo accounts must change their password at first sign-in, as a real clerk would.
        const changed = await clerk.req('POST', '/api/account/password', { currentPassword: DEMO_PASSWORD, newPassword: NEW_PASSWORD });
        expect(changed.status, JSON.stringify(changed.body)).toBe(200);
        if (changed.body?.csrfToken) clerk.csrf = changed.body.csrfToken;
      }
      // Writers keep creating drafts; the kill lands while several are in flight.
      let stop = false;
      const writer = async (w: number) => {
        for (let i = 0; !stop; i++) {
          attempted++;
          try {
            const r = await clerk.req('POST', '/api/publishing/items', {
              columnCode: 'tzgg',
              kind: 'general',
              title: `故障测试 第${round}轮 ${w}-${i}`,
              bodyHtml: '<p>正文</p>',
              createdOn: '2026-11-24',
              attribute: 'proactive',
            });
            if (r.status === 201) acknowledged.push(r.body.item.id);
            else if (!firstRefusal) firstRefusal = `${r.status} ${JSON.stringify(r.body).slice(0, 200)}`;
          } catch {
            return; // the connection died with the server
          }
        }
      };
      const writers = Array.from({ length: WRITERS }, (_, w) => writer(w));
      await new Promise((r) => setTimeout(r, BURST_MS));
      proc.kill('SIGKILL');
      stop = true;
      await Promise.all(writers);
      await new Promise((r) => (proc.exitCode !== null || proc.signalCode ? r(null) : proc.once('exit', r)));
    }
    const ctx = await openContext(loadConfig({ ...process.env, ...env, LOG_LEVEL: 'silent' }), { seed: false });
    try {
      const ids = new Set((await ctx.db.selectFrom('pub_items').select('id').where('title', 'like', '故障测试%').execute()).map((r) => r.id));
      const missing = acknowledged.filter((id) => !ids.has(id));
      const audited = new Set(
        (await ctx.db.selectFrom('audit_log').select('entity_id').where('action', '=', 'publishing.item_created').execute()).map((r) => r.entity_id),
      );
      const halfWritten = [...ids].filter((id) => !audited.has(id));
      const audit = await verifyAudit(ctx.db);
      console.log(
        `${engine}: ${ROUNDS} kills, ${attempted} writes attempted, ${acknowledged.length} acknowledged, ${ids.size} stored, ${missing.length} lost, ${halfWritten.length} without their audit record; audit chain ${audit.ok ? 'intact' : 'BROKEN'} (${audit.count} records)`,
      );
      expect(acknowledged.length, firstRefusal).toBeGreaterThan(ROUNDS * 5);
      expect(missing).toEqual([]);
      expect(halfWritten).toEqual([]);
      expect(audit.ok, JSON.stringify(audit.problems?.slice(0, 3))).toBe(true);
    } finally {
      await ctx.db.destroy();
    }
  }, 600_000);
});
