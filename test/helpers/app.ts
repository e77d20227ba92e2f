import type { FastifyInstance, LightMyRequestResponse } from 'fastify';
import { CAPABILITIES, createApp } from '../../src/capabilities.js';
import { registerJobs } from '../../src/platform/capability.js';
import { seedDemo } from '../../src/platform/demo/seed.js';
import type { PlatformDemo } from '../../src/platform/demo/platform.seed.js';
import { createTestContext, type TestContext } from './db.js';
import type { Engine } from '../../src/platform/db/index.js';
import type { Config } from '../../src/platform/config.js';

/** A full application on a fresh database with the demo data, and a small client that keeps cookies + CSRF. */

export const DEMO_PASSWORD = 'Demo-Pass-2026!';

export interface TestApp {
  ctx: TestContext;
  app: FastifyInstance;
  demo: PlatformDemo;
  close: () => Promise<void>;
}

export async function createTestApp(engine: Engine, overrides: Partial<Config> = {}): Promise<TestApp> {
  const ctx = await createTestContext(engine, { demoPassword: DEMO_PASSWORD, ...overrides });
  registerJobs(ctx, CAPABILITIES);
  const { demo } = await seedDemo(ctx, CAPABILITIES);
  // Tests sign in as demo staff directly: lift the first-sign-in password change for everyone but `admin`.
  await ctx.db.updateTable('users').set({ must_change_password: 0 }).where('username', '!=', 'admin').execute();
  const app = await createApp(ctx, { logger: false });
  await app.ready();
  return {
    ctx,
    app,
    demo,
    close: async () => {
      await app.close();
      await ctx.cleanup();
    },
  };
}

export class Client {
  cookies = new Map<string, string>();
  csrf = '';
  /** `remoteAddress`: the client's address as the server sees it (req.ip), for per-address limits. */
  constructor(
    private app: FastifyInstance,
    readonly remoteAddress?: string,
  ) {}

  private cookieHeader() {
    return [...this.cookies].map(([k, v]) => `${k}=${v}`).join('; ');
  }

  private remember(res: LightMyRequestResponse) {
    for (const c of res.cookies) {
      if (c.value === '' || (c.expires && c.expires.getTime() < Date.now())) this.cookies.delete(c.name);
      else this.cookies.set(c.name, c.value);
    }
  }

  async request(method: string, url: string, opts: { json?: unknown; payload?: string | Buffer; headers?: Record<string, string>; csrf?: boolean } = {}) {
    const headers: Record<string, string> = { cookie: this.cookieHeader(), ...(opts.headers ?? {}) };
    if (opts.csrf !== false && method !== 'GET' && this.csrf && !headers['x-csrf-token']) headers['x-csrf-token'] = this.csrf;
    if (opts.json !== undefined) headers['content-type'] = 'application/json';
    const res = await this.app.inject({
      method: method as any,
      url,
      headers,
      ...(this.remoteAddress ? { remoteAddress: this.remoteAddress } : {}),
      payload: opts.json !== undefined ? JSON.stringify(opts.json) : opts.payload,
    });
    this.remember(res);
    return res;
  }

  async fetchCsrf() {
    const res = await this.request('GET', '/api/csrf');
    this.csrf = res.json().csrfToken;
    return this.csrf;
  }

  /** Signs in through the JSON API; returns the response. */
  async login(username: string, password = DEMO_PASSWORD) {
    if (!this.csrf) await this.fetchCsrf();
    const res = await this.request('POST', '/api/session', { json: { username, password } });
    if (res.statusCode === 200) this.csrf = res.json().csrfToken;
    return res;
  }
}

export async function signedIn(app: FastifyInstance, username: string): Promise<Client> {
  const c = new Client(app);
  const res = await c.login(username);
  if (res.statusCode !== 200) throw new Error(`login ${username} failed: ${res.body}`);
  return c;
}
