// `npm test`: type-check, then run every test once. Says which optional engines run and which are skipped.
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';

const chromium = process.env.CHROMIUM_PATH || ['/usr/bin/chromium', '/usr/bin/chromium-browser', '/usr/bin/google-chrome'].find((p) => existsSync(p));
const pg = process.env.TEST_DATABASE_URL;
// OCR of scanned reports: Tesseract with its Simplified Chinese data, and pdftoppm for page images.
const langs = spawnSync('tesseract', ['--list-langs'], { encoding: 'utf8' });
const ocr = langs.status === 0 && /\bchi_sim\b/.test(`${langs.stdout}${langs.stderr}`) && !spawnSync('pdftoppm', ['-v']).error;
// The checker's fast path for PDFs with a text layer (poppler's pdftotext; pdfjs without it).
const pdftotext = !spawnSync('pdftotext', ['-v']).error;
console.log(
  `[gongkai test] SQLite: on | PostgreSQL: ${pg ? 'on (TEST_DATABASE_URL)' : 'SKIPPED — set TEST_DATABASE_URL=postgres://… to run the PostgreSQL store tests'} | Chromium: ${chromium ? `on (${chromium})` : 'SKIPPED — install chromium to run the end-to-end tests'} | OCR: ${ocr ? 'on (tesseract chi_sim, pdftoppm)' : 'SKIPPED — install tesseract-ocr tesseract-ocr-chi-sim poppler-utils to run the scanned-report tests'} | pdftotext: ${pdftotext ? 'on' : 'SKIPPED — install poppler-utils to test the PDF fast path'}`,
);

if (process.env.GONGKAI_REQUIRE_OPTIONAL === '1' && (!pg || !chromium || !ocr || !pdftotext)) {
  console.error('[gongkai test] CI requires the PostgreSQL, Chromium, OCR (Tesseract) and pdftotext tests to run, but one of them is missing.');
  process.exit(1);
}

const run = (cmd, args) => spawnSync(cmd, args, { stdio: 'inherit', env: { ...process.env, ...(chromium ? { CHROMIUM_PATH: chromium } : {}) } }).status ?? 1;

// Static checks first, cheapest first: the formatter and linter (Biome), the server's types (tsc), the console's (vue-tsc).
for (const [label, args] of [
  ['format and lint', ['biome', 'check', '--diagnostic-level=error', '.']],
  ['type check', ['tsc', '--noEmit', '-p', '.']],
  ['console type check', ['vue-tsc', '--noEmit', '-p', 'web/admin/tsconfig.json']],
]) {
  const status = run('npx', args);
  if (status !== 0) {
    console.error(`[gongkai test] ${label} failed`);
    process.exit(status);
  }
}
const status = run('npx', ['vitest', 'run', ...process.argv.slice(2)]);
console.log(
  `[gongkai test] PostgreSQL tests ${pg ? 'ran' : 'were SKIPPED'}; Chromium tests ${chromium ? 'ran' : 'were SKIPPED'}; OCR tests ${ocr ? 'ran' : 'were SKIPPED'}.`,
);
process.exit(status);
