// `npm test`: type-check, then run every test once. Says which optional engines run and which are skipped.
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';

const chromium = process.env.CHROMIUM_PATH || ['/usr/bin/chromium', '/usr/bin/chromium-browser', '/usr/bin/google-chrome'].find((p) => existsSync(p));
const pg = process.env.TEST_DATABASE_URL;
console.log(`[gongkai test] SQLite: on | PostgreSQL: ${pg ? 'on (TEST_DATABASE_URL)' : 'SKIPPED — set TEST_DATABASE_URL=postgres://… to run the PostgreSQL store tests'} | Chromium: ${chromium ? `on (${chromium})` : 'SKIPPED — install chromium to run the end-to-end tests'}`);

if (process.env.GONGKAI_REQUIRE_OPTIONAL === '1' && (!pg || !chromium)) {
  console.error('[gongkai test] CI requires the PostgreSQL and Chromium tests to run, but one of them is missing.');
  process.exit(1);
}

const run = (cmd, args) => spawnSync(cmd, args, { stdio: 'inherit', env: { ...process.env, ...(chromium ? { CHROMIUM_PATH: chromium } : {}) } }).status ?? 1;

let status = run('npx', ['tsc', '--noEmit', '-p', '.']);
if (status !== 0) { console.error('[gongkai test] type check failed'); process.exit(status); }
status = run('npx', ['vitest', 'run', ...process.argv.slice(2)]);
console.log(`[gongkai test] PostgreSQL tests ${pg ? 'ran' : 'were SKIPPED'}; Chromium tests ${chromium ? 'ran' : 'were SKIPPED'}.`);
process.exit(status);
