// Build the checker's corpus of hard inputs (test/fixtures/reports/variants) from the real reports beside it:
// cells run together, a Markdown conversion, OCR-like noise, `pdftotext` without -layout, and real OCR of the
// rendered PDF pages (Tesseract chi_sim, 200 dpi; only when Tesseract and pdftoppm are installed). Then record,
// for each variant, which tables read the same as the clean text and which are reported as not reliably read.
// Run: npx tsx scripts/make-checker-corpus.ts  (the test test/reports/checker-corpus.test.ts reads what it writes)
import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { checkReportBytes } from '../src/reports/check/index.js';
import { canOcr, cleanOcrText } from '../src/reports/check/ocr.js';
import { ocrNoise, runTogether, toMarkdown } from '../test/helpers/report-variants.js';

const FIX = resolve(import.meta.dirname, '../test/fixtures/reports');
const OUT = join(FIX, 'variants');
const REPORTS = ['07_hongze_district_2023', '09_hongze_district_2024', '10_huaian_city_2024', 'seed_zaozhuang_xinfang_2020'];
const TABLES = ['proactive', 'requests', 'appeals'] as const;

export function variantsOf(name: string): string[] {
  return readdirSync(OUT).filter((f) => f.startsWith(`${name}.`) && !f.endsWith('.expected.json'));
}

async function main(): Promise<void> {
  for (const name of REPORTS) {
    const clean = readFileSync(join(FIX, `${name}.txt`), 'utf8');
    writeFileSync(join(OUT, `${name}.run-together.txt`), runTogether(clean));
    writeFileSync(join(OUT, `${name}.converted.md`), toMarkdown(clean, 7));
    writeFileSync(join(OUT, `${name}.ocr-noise.txt`), ocrNoise(clean, 7));
    const pdf = join(FIX, `${name}.pdf`);
    if (existsSync(pdf)) {
      writeFileSync(join(OUT, `${name}.pdftotext.txt`), execFileSync('pdftotext', [pdf, '-'], { encoding: 'utf8' }));
      if (canOcr() && !existsSync(join(OUT, `${name}.ocr.txt`))) {
        const dir = mkdtempSync(join(tmpdir(), 'corpus-'));
        execFileSync('pdftoppm', ['-r', '200', '-gray', '-png', pdf, join(dir, 'p')]);
        const pages = readdirSync(dir)
          .filter((f) => f.endsWith('.png'))
          .sort();
        const text = pages.map((p) =>
          execFileSync('tesseract', [join(dir, p), '-', '-l', 'chi_sim', '--psm', '6'], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] }),
        );
        writeFileSync(join(OUT, `${name}.ocr.txt`), cleanOcrText(text.join('\f')));
        rmSync(dir, { recursive: true, force: true });
      }
    }
    const base = await checkReportBytes(readFileSync(join(FIX, `${name}.txt`)));
    const expected: Record<string, unknown> = {
      clean: {
        year: base.report.year,
        format: base.report.format,
        tables: base.report.tables,
        errors: base.report.findings.filter((f) => f.severity === 'error').map((f) => [f.rule, f.where]),
      },
      variants: {},
    };
    for (const v of variantsOf(name)) {
      const bytes = readFileSync(join(OUT, v));
      const ocr = v.endsWith('.ocr.txt');
      const r = await checkReportBytes(bytes, { fileName: v, ocr });
      const outcome: Record<string, string> = {};
      for (const t of TABLES) {
        const same = JSON.stringify(r.report.tables[t]) === JSON.stringify(base.report.tables[t]);
        const unread = r.report.findings.some((f) => f.rule === 'unreadable' && f.where === t);
        outcome[t] = same && !unread ? 'same' : unread ? 'unreadable' : 'DIFFERENT';
      }
      (expected.variants as Record<string, unknown>)[v] = { ocr, tables: outcome };
      console.log(name, v, JSON.stringify(outcome));
    }
    writeFileSync(join(OUT, `${name}.expected.json`), JSON.stringify(expected, null, 1) + '\n');
  }
}

if (process.argv[1] && import.meta.url.endsWith(process.argv[1].split('/').pop()!)) await main();
