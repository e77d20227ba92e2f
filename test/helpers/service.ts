import { afterAll, beforeAll } from 'vitest';
import type { Principal } from '../../src/platform/auth/permissions.js';
import type { Engine } from '../../src/platform/db/index.js';
import { principalOf } from '../requests/helpers.js';
import { createTestApp, type TestApp } from './app.js';

/** Helpers for tests that call the services directly (not through HTTP). */

/**
 * For a describe block: in beforeAll, a test app with the demo data (createTestApp) and the principals of the
 * given demo users, handed to `set` in their order; afterAll closes the app.
 *   withStaffApp(engine, ['xfj.clerk', 'xfj.head'], (app, staff) => ([t, [clerk, head]] = [app, staff]));
 */
export function withStaffApp(engine: Engine, usernames: string[], set: (t: TestApp, staff: Principal[]) => void): void {
  let t: TestApp | undefined;
  beforeAll(async () => {
    const app = await createTestApp(engine);
    t = app;
    set(app, await Promise.all(usernames.map((u) => principalOf(app.ctx.db, u))));
  }, 60_000);
  afterAll(async () => t?.close());
}
