import { afterAll, beforeAll } from 'vitest';
import type { Browser, BrowserContext, BrowserContextOptions, Page } from 'playwright-core';
import type { Engine } from '../../src/platform/db/index.js';
import { type Client, signedIn } from './app.js';
import {
  type ConsolePageOptions,
  ensureAdminBuilt,
  launchBrowser,
  newContext,
  openPage,
  type RunningServer,
  type SignedInWait,
  signInConsole,
  startServer,
  type WatchedPage,
  watchPage,
} from './browser.js';

/**
 * The harness every browser test file shares: in `beforeAll` the admin console is built (with `console`), the
 * application starts on a random port (startServer) and Chromium launches; in `afterAll` every context the suite
 * opened, the browser and the server are closed.
 *   describe.skipIf(!hasChromium)(`… ${SKIP_NOTE}`, () => {
 *     const e2e = e2eSuite({ console: true });
 *     it('…', async () => { const page = await e2e.openPage({ timeout: 15_000 }); await e2e.signIn(page, 'xfj.clerk'); … });
 *   });
 */
export interface E2eSuiteOptions {
  engine?: Engine;
  /** Believe X-Forwarded-For (see startServer), for suites that sign in many times from `forwarded` contexts. */
  trustProxy?: boolean;
  /** Build the admin console first (ensureAdminBuilt). */
  console?: boolean;
  /** beforeAll's timeout (ms): 300 s when the console is built, 120 s otherwise. */
  timeout?: number;
  /** Runs last in beforeAll, with the server and the browser up (e.g. to open the suite's one page). */
  setup?: (suite: E2eSuite) => Promise<void>;
}

/** A browser context with `forwarded`: opened by newContext() (zh-CN, Beijing time, its own forwarded address). */
export type SuiteContextOptions = BrowserContextOptions & { forwarded?: boolean };

export class E2eSuite {
  /** Set in beforeAll. */
  server!: RunningServer;
  /** Set in beforeAll. */
  browser!: Browser;
  /** Every context the suite opened; afterAll closes them. */
  readonly contexts: BrowserContext[] = [];

  /** A watched console page in a fresh context (openPage). */
  openPage = (opts: ConsolePageOptions): Promise<WatchedPage> => openPage(this.browser, this.contexts, opts);

  /** Signs in to the admin console through its form (signInConsole) with the demo password unless given. */
  signIn = (page: Page, username: string, opts: { password?: string; wait?: SignedInWait; formTimeout?: number } = {}): Promise<void> =>
    signInConsole(page, this.server.url, username, opts);

  /** Opens the applicant's lookup page (/lookup) and queries it with the case's code and secret. */
  lookUp = async (page: Page, code: string, secret: string): Promise<void> => {
    await page.goto(`${this.server.url}/lookup`);
    await page.getByLabel('查询码').fill(code);
    await page.getByLabel('查询密码').fill(secret);
    await page.getByRole('button', { name: '查询' }).click();
  };

  /** A context closed by afterAll: browser.newContext(opts) as given, or newContext() with `forwarded`. */
  context = async (opts: SuiteContextOptions = {}): Promise<BrowserContext> => {
    const { forwarded, ...contextOpts } = opts;
    const context = forwarded ? await newContext(this.browser, contextOpts) : await this.browser.newContext(contextOpts);
    this.contexts.push(context);
    return context;
  };

  /**
   * A public (portal) page, watched: zh-CN, and the page's Content-Security-Policy bypassed so that axe-core can
   * be injected as a script.
   */
  portalPage = async (opts: BrowserContextOptions = {}): Promise<WatchedPage> => {
    const context = await this.context({ bypassCSP: true, locale: 'zh-CN', ...opts });
    const page = (await context.newPage()) as WatchedPage;
    page.problems = watchPage(page);
    return page;
  };

  /** A context already signed in as `username`: signed in through the API, its session cookies handed over. */
  signedInContext = async (username: string, opts: BrowserContextOptions = {}): Promise<{ context: BrowserContext; client: Client }> => {
    const client = await signedIn(this.server.testApp.app, username);
    const context = await this.context({ locale: 'zh-CN', timezoneId: 'Asia/Shanghai', ...opts });
    const host = new URL(this.server.url).hostname;
    await context.addCookies([...client.cookies].map(([name, value]) => ({ name, value, domain: host, path: '/' })));
    return { context, client };
  };
}

/** Registers the suite's beforeAll and afterAll (see E2eSuiteOptions) and returns the suite they fill. */
export function e2eSuite(opts: E2eSuiteOptions = {}): E2eSuite {
  const suite = new E2eSuite();
  beforeAll(
    async () => {
      if (opts.console) await ensureAdminBuilt();
      [suite.server, suite.browser] = await Promise.all([startServer(opts.engine ?? 'sqlite', { trustProxy: opts.trustProxy }), launchBrowser()]);
      await opts.setup?.(suite);
    },
    opts.timeout ?? (opts.console ? 300_000 : 120_000),
  );
  afterAll(async () => {
    for (const c of suite.contexts) await c.close().catch(() => undefined);
    await suite.browser?.close();
    await suite.server?.close();
  });
  return suite;
}
