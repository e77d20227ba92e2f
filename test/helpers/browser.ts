import { execFileSync } from 'node:child_process';
import { createRequire } from 'node:module';
import { cpSync, existsSync, mkdirSync, readdirSync, readFileSync, renameSync, rmSync, statSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium, type Browser, type BrowserContext, type BrowserContextOptions, type Locator, type Page } from 'playwright-core';
import type { Engine } from '../../src/platform/db/index.js';
import { createTestApp, DEMO_PASSWORD, type TestApp } from './app.js';

/**
 * End-to-end helpers: Chromium through playwright-core (Debian's /usr/bin/chromium or CHROMIUM_PATH), a real
 * server on a random port with the demo data, the admin console built once, and screenshots to look at.
 *   describe.skipIf(!hasChromium)('…', () => { … })
 */

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '../..');

const CANDIDATES = [process.env.CHROMIUM_PATH, '/usr/bin/chromium', '/usr/bin/chromium-browser', '/usr/bin/google-chrome'];
export const chromiumPath: string | undefined = CANDIDATES.find((p): p is string => !!p && existsSync(p));
export const hasChromium = chromiumPath !== undefined;
/** Say why a suite does not run: `describe.skipIf(!hasChromium)(\`… ${SKIP_NOTE}\`, …)`. */
export const SKIP_NOTE = hasChromium ? '' : '(SKIPPED: Chromium not found — install chromium or set CHROMIUM_PATH)';

export const CHROMIUM_ARGS = [
  '--headless=new',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
];

export async function launchBrowser(): Promise<Browser> {
  if (!chromiumPath) throw new Error('Chromium not found: install chromium or set CHROMIUM_PATH');
  return chromium.launch({ executablePath: chromiumPath, args: CHROMIUM_ARGS });
}

export interface RunningServer {
  /** e.g. http://127.0.0.1:41234 (no trailing slash) */
  url: string;
  testApp: TestApp;
  close: () => Promise<void>;
}

/**
 * The full application with demo data (test/helpers/app.ts), listening on a random local port. With
 * `trustProxy`, X-Forwarded-For is believed (as behind a load balancer): contexts from `newContext()` then
 * each sign in from their own address and many sign-ins in a fast run stay under the per-address rate limit.
 */
export async function startServer(engine: Engine = 'sqlite', opts: { trustProxy?: boolean } = {}): Promise<RunningServer> {
  if (opts.trustProxy) process.env.TRUST_PROXY = '1';
  const testApp = await createTestApp(engine);
  const address = await testApp.app.listen({ port: 0, host: '127.0.0.1' });
  return { url: address.replace(/\/$/, ''), testApp, close: () => testApp.close() };
}

let contextCount = 0;

/** A browser context as a Chinese office uses it: zh-CN, Beijing time, 1366×860, its own forwarded address. */
export async function newContext(browser: Browser, opts: BrowserContextOptions = {}): Promise<BrowserContext> {
  contextCount++;
  const address = `10.${100 + (process.pid % 100)}.${Math.floor(contextCount / 250) % 250}.${(contextCount % 250) + 1}`;
  return browser.newContext({
    locale: 'zh-CN',
    timezoneId: 'Asia/Shanghai',
    viewport: { width: 1366, height: 860 },
    ...opts,
    extraHTTPHeaders: { 'x-forwarded-for': address, ...(opts.extraHTTPHeaders ?? {}) },
  });
}

/** A page with what went wrong on it (see watchPage). */
export type WatchedPage = Page & { problems: string[] };

export interface ConsolePageOptions extends BrowserContextOptions {
  /** The page's default timeout (ms). */
  timeout: number;
  /** Open the context with newContext() (zh-CN, Beijing time, its own forwarded address) rather than browser.newContext(). */
  forwarded?: boolean;
  /** Where the page's problems are added when it closes. */
  collect?: string[];
}

/**
 * The e2e files' newPage(): a fresh context (kept in `contexts` for afterAll to close) and its page, watched
 * (watchPage); the page's problems are also on `page.problems`. Without `forwarded`, the context is zh-CN,
 * Beijing time and the given viewport, with no forwarded address.
 */
export async function openPage(browser: Browser, contexts: BrowserContext[], opts: ConsolePageOptions): Promise<WatchedPage> {
  const { timeout, forwarded, collect, ...contextOpts } = opts;
  const context = forwarded
    ? await newContext(browser, contextOpts)
    : await browser.newContext({ locale: 'zh-CN', timezoneId: 'Asia/Shanghai', ...contextOpts });
  contexts.push(context);
  const page = (await context.newPage()) as WatchedPage;
  page.setDefaultTimeout(timeout);
  const seen = watchPage(page);
  if (collect) page.on('close', () => collect.push(...seen));
  page.problems = seen;
  return page;
}

/** After signing in: wait for the console's home page, for any page but the sign-in page, or not at all. */
export type SignedInWait = 'home' | 'not-login' | 'none';

/**
 * Signs in to the admin console through its sign-in form (/admin/#/login) with the demo password unless given.
 * `formTimeout` waits that long for the form's heading first (the console's first paint can be slow).
 */
export async function signInConsole(
  page: Page,
  serverUrl: string,
  username: string,
  opts: { password?: string; wait?: SignedInWait; formTimeout?: number } = {},
): Promise<void> {
  await page.goto(`${serverUrl}/admin/#/login`);
  if (opts.formTimeout) await page.getByRole('heading', { name: '登录管理后台' }).waitFor({ timeout: opts.formTimeout });
  await page.getByLabel('用户名').fill(username);
  await page.getByLabel('密码', { exact: true }).fill(opts.password ?? DEMO_PASSWORD);
  await page.getByRole('button', { name: /登\s*录/ }).click();
  const wait = opts.wait ?? 'home';
  if (wait === 'home') await page.waitForURL((u) => u.hash === '#/' || u.hash === '');
  else if (wait === 'not-login') await page.waitForURL((u) => !u.hash.startsWith('#/login'));
}

function newestMtime(path: string): number {
  if (!existsSync(path)) return 0;
  const st = statSync(path);
  if (!st.isDirectory()) return st.mtimeMs;
  let t = st.mtimeMs;
  for (const e of readdirSync(path)) if (e !== 'node_modules') t = Math.max(t, newestMtime(join(path, e)));
  return t;
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

function adminIsFresh(): boolean {
  const index = join(ROOT, 'dist/admin/index.html');
  return existsSync(index) && statSync(index).mtimeMs >= newestMtime(join(ROOT, 'web/admin'));
}

/**
 * Builds the admin console (`npm run -s build:admin`) when dist/admin is missing or older than web/admin.
 * A lock directory keeps parallel test files from building at the same time: the others wait for it.
 */
export async function ensureAdminBuilt(timeoutMs = 240_000): Promise<void> {
  const lock = join(ROOT, 'dist/.admin-build.lock');
  const deadline = Date.now() + timeoutMs;
  mkdirSync(join(ROOT, 'dist'), { recursive: true });
  for (;;) {
    if (adminIsFresh()) return;
    try {
      mkdirSync(lock);
    } catch {
      // Someone else is building; a lock older than the timeout was left by a killed process.
      if (existsSync(lock) && Date.now() - statSync(lock).mtimeMs > timeoutMs) rmSync(lock, { recursive: true, force: true });
      if (Date.now() > deadline) throw new Error('timed out waiting for another admin console build');
      await sleep(500);
      continue;
    }
    try {
      if (!adminIsFresh()) buildAdminAtomically(timeoutMs);
    } finally {
      rmSync(lock, { recursive: true, force: true });
    }
    return;
  }
}

/**
 * Builds into a fresh folder and swaps it in with two renames, so a server another test file is running never
 * serves a half-emptied dist/admin.
 */
function buildAdminAtomically(timeoutMs: number): void {
  const dist = join(ROOT, 'dist');
  const tmp = join(dist, `.admin-build-${process.pid}`);
  const old = join(dist, `.admin-old-${process.pid}`);
  rmSync(tmp, { recursive: true, force: true });
  execFileSync('npm', ['run', '-s', 'build:admin', '--', '--outDir', tmp, '--emptyOutDir'], { cwd: ROOT, stdio: 'inherit', timeout: timeoutMs });
  const target = join(dist, 'admin');
  // Keep the previous build's chunks (their names are content hashes, so nothing clashes): a page another
  // test file has open can still load the chunk it knows.
  if (existsSync(join(target, 'assets'))) cpSync(join(target, 'assets'), join(tmp, 'assets'), { recursive: true, force: false, errorOnExist: false });
  if (existsSync(target)) renameSync(target, old);
  renameSync(tmp, target);
  rmSync(old, { recursive: true, force: true });
}

export const SCREEN_DIR = '/tmp/gongkai-screens';

/** Saves a full-page PNG to /tmp/gongkai-screens/<name>.png and returns its path. */
export async function screenshot(page: Page, name: string): Promise<string> {
  mkdirSync(SCREEN_DIR, { recursive: true });
  const path = join(SCREEN_DIR, `${name.replace(/[^\w.-]+/g, '-')}.png`);
  await page.screenshot({ path, fullPage: true, animations: 'disabled' });
  return path;
}

/**
 * Collects what should never happen on a page: uncaught errors, console errors (CSP violations show up
 * there) and failed same-origin requests other than expected API refusals.
 */
export function watchPage(page: Page): string[] {
  const problems: string[] = [];
  page.on('pageerror', (e) => problems.push(`pageerror: ${e.message}`));
  page.on('console', (m) => {
    if (m.type() !== 'error') return;
    const text = m.text();
    // The browser logs every 4xx API answer as a console error; those are expected (wrong password, etc.).
    if (/Failed to load resource: the server responded with a status of 4\d\d/.test(text)) return;
    problems.push(`console: ${text}`);
  });
  return problems;
}

const AXE_PATH = createRequire(import.meta.url).resolve('axe-core/axe.min.js');

/** axe-core's serious and critical WCAG 2.1 A/AA violations on the page, one line each (empty when clean). */
export async function axeProblems(page: Page): Promise<string[]> {
  await page.addScriptTag({ path: AXE_PATH });
  const result = await page.evaluate(async () => {
    const r = await (window as any).axe.run(document, { runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'] } });
    return r.violations.map((v: any) => ({ id: v.id, impact: v.impact, nodes: v.nodes.slice(0, 3).map((n: any) => n.target.join(' ')) }));
  });
  return result.filter((v: any) => v.impact === 'serious' || v.impact === 'critical').map((v: any) => `${v.id} (${v.impact}): ${v.nodes.join(', ')}`);
}

let axeSource: string | undefined;

/**
 * axe-core's serious and critical violations (every rule) on a console page, `id: targets` one line each. It waits
 * 600 ms first (after the network is idle with `networkIdle`): Element Plus's enter transitions (opacity) must
 * finish, contrast is judged on final colours. The script is evaluated, so the page's context needs bypassCSP.
 */
export async function consoleAxeProblems(page: Page, opts: { networkIdle?: boolean } = {}): Promise<string[]> {
  if (opts.networkIdle) await page.waitForLoadState('networkidle');
  await page.waitForTimeout(600);
  axeSource ??= readFileSync(AXE_PATH, 'utf8');
  await page.evaluate(axeSource);
  return (await page.evaluate(async () => {
    const r = await (window as any).axe.run(document, { resultTypes: ['violations'] });
    return r.violations
      .filter((v: any) => v.impact === 'serious' || v.impact === 'critical')
      .map(
        (v: any) =>
          `${v.id}: ${v.nodes
            .map((n: any) => n.target.join(' '))
            .slice(0, 3)
            .join(', ')}`,
      );
  })) as string[];
}

/**
 * Opens an action's dialog on the console's case page (the 办理操作 navigation), lets `fill` fill it, confirms, and
 * waits for the dialog to close.
 */
export async function caseAction(page: Page, button: RegExp | string, fill?: (dialog: Locator) => Promise<void>): Promise<void> {
  await page.getByRole('navigation', { name: '办理操作' }).getByRole('button', { name: button }).click();
  // The modal dialog, not a date picker's popper (also role=dialog, not modal).
  const dialog = page.locator('[role="dialog"][aria-modal="true"]');
  await dialog.waitFor();
  if (fill) await fill(dialog);
  await dialog.getByRole('button', { name: /确\s*定/ }).click();
  await dialog.waitFor({ state: 'hidden' });
}

/** Signs (签发) the letter in `row` of a case page's 文书 tab and confirms in the 审核签发 dialog. */
export async function signLetter(page: Page, row: Locator): Promise<void> {
  const sign = { name: /签\s*发/ };
  await row.getByRole('button', sign).click();
  const dialog = page.getByRole('dialog').filter({ hasText: '审核签发' });
  await dialog.getByRole('button', sign).click();
}
