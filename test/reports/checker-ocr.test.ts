import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { checkReportBytes, ReportReadError } from '../../src/reports/check/index.js';
import { canOcr, ocrTools } from '../../src/reports/check/ocr.js';

/**
 * Scanned reports, read with Tesseract (chi_sim) from page images. The OCR test runs where Tesseract, its Chinese
 * data and pdftoppm are installed (CI installs them: .ci/run) and says clearly when it is skipped; with
 * GONGKAI_REQUIRE_OPTIONAL=1 a missing Tesseract fails the suite.
 */

const DIR = resolve(import.meta.dirname, '../fixtures/reports/scans');
const available = canOcr();
if (!available)
  console.warn(`[checker OCR] SKIPPED — ${JSON.stringify(ocrTools())}: install tesseract-ocr tesseract-ocr-chi-sim poppler-utils to run the OCR test`);

describe('scanned reports (OCR)', () => {
  afterEach(() => {
    delete process.env.GONGKAI_NO_OCR;
  });

  it.runIf(process.env.GONGKAI_REQUIRE_OPTIONAL === '1')('Tesseract with chi_sim and pdftoppm are installed (required in CI)', () => {
    expect(ocrTools()).toEqual({ tesseract: true, chiSim: true, pdftoppm: true });
  });

  it.runIf(available)(
    'a scanned page of a Gongkai-rendered report (title, chapters, table 2): its year and agency read, no error, tables honestly not verified',
    async () => {
      // renderReportHtml (某某县某某镇人民政府 2024) printed by Chromium, page 1 rasterised by `pdftoppm -r 130 -gray`,
      // wrapped as an image-only PDF by test/helpers/scan-pdf.ts.
      const r = await checkReportBytes(new Uint8Array(readFileSync(resolve(DIR, 'rendered_2024_page1.pdf'))), { ocrTimeoutMs: 170_000 });
      expect(r.ocr).toBe(true);
      expect(r.report).toMatchObject({ year: 2024, format: '2021', agency: '某某县某某镇人民政府' });
      expect(r.report.findings.filter((f) => f.severity === 'error')).toEqual([]);
      // Table 2 has no sums to catch a misread digit: from a scan it is reported as not verified, not guessed.
      expect(r.report.findings).toContainEqual(expect.objectContaining({ rule: 'unreadable', severity: 'warning', where: 'proactive' }));
    },
    180_000,
  );

  it('without Tesseract: one clear message that the file is a scan', async () => {
    process.env.GONGKAI_NO_OCR = '1';
    const err = await checkReportBytes(new Uint8Array(readFileSync(resolve(DIR, 'rendered_2024_page1.pdf')))).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(ReportReadError);
    expect((err as ReportReadError).code).toBe('no-text');
    expect((err as ReportReadError).message).toMatch(/扫描件.*Tesseract.*tesseract-ocr-chi-sim/);
  });
});
