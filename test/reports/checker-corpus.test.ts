import { readFileSync, readdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { checkReportBytes } from '../../src/reports/check/index.js';
import type { CheckResult } from '../../src/reports/check/index.js';

/**
 * The corpus of hard inputs (test/fixtures/reports/variants, made by scripts/make-checker-corpus.ts from the real
 * reports in ../shared/reports and the seed): every variant reads each table to the same figures as the clean text,
 * or says it could not read that table reliably — never to a different table — and raises no error the clean text
 * does not raise (and none at all when the text came from OCR).
 */

const DIR = resolve(import.meta.dirname, '../fixtures/reports/variants');
const TABLES = ['proactive', 'requests', 'appeals'] as const;

interface Expected {
  clean: { year: number; format: string; tables: Record<string, unknown>; errors: [string, string][] };
  variants: Record<string, { ocr: boolean; tables: Record<(typeof TABLES)[number], 'same' | 'unreadable' | 'DIFFERENT'> }>;
}

const reports = readdirSync(DIR)
  .filter((f) => f.endsWith('.expected.json'))
  .map((f) => ({ name: f.replace(/\.expected\.json$/, ''), expected: JSON.parse(readFileSync(join(DIR, f), 'utf8')) as Expected }));

function outcome(r: CheckResult, clean: Expected['clean'], t: (typeof TABLES)[number]): string {
  const unread = r.report.findings.some((f) => f.rule === 'unreadable' && f.where === t);
  if (unread) return 'unreadable';
  return JSON.stringify(r.report.tables[t]) === JSON.stringify(clean.tables[t]) ? 'same' : 'DIFFERENT';
}

describe.each(reports)('variants of $name', ({ name, expected }) => {
  it('has the transformations the issue names', () => {
    const kinds = Object.keys(expected.variants).map((v) => v.slice(name.length + 1));
    expect(kinds).toEqual(expect.arrayContaining(['run-together.txt', 'converted.md', 'ocr-noise.txt']));
    if (name !== 'seed_zaozhuang_xinfang_2020') expect(kinds).toEqual(expect.arrayContaining(['pdftotext.txt', 'ocr.txt']));
  });

  it.each(Object.entries(expected.variants))('%s: same tables or an honest "could not read", no false error', async (file, v) => {
    const r = await checkReportBytes(readFileSync(join(DIR, file)), { fileName: file, ocr: v.ocr });
    if (v.ocr)
      expect(
        r.report.findings.filter((f) => f.severity === 'error'),
        'OCR text raises no error',
      ).toEqual([]);
    expect(r.report.year).toBe(expected.clean.year);
    expect(r.report.format).toBe(expected.clean.format);
    for (const t of TABLES) {
      expect(v.tables[t], `${file} ${t} is recorded as read differently`).not.toBe('DIFFERENT');
      expect(outcome(r, expected.clean, t), `${file} ${t}`).toBe(v.tables[t]);
    }
    const errors = r.report.findings.filter((f) => f.severity === 'error').map((f) => [f.rule, f.where]);
    // Every error is one the clean text raises too (the report's real errors); a table not read drops its own.
    for (const e of errors) expect(expected.clean.errors, `${file}: ${JSON.stringify(e)}`).toContainEqual(e);
    // The real errors of every table that was read are still found.
    for (const e of expected.clean.errors) {
      const table = e[1].split('.')[0] as (typeof TABLES)[number];
      if (e[0] === 'prose' || !TABLES.includes(table) || v.tables[table] !== 'same' || v.ocr) continue;
      expect(errors, `${file} misses ${JSON.stringify(e)}`).toContainEqual(e);
    }
  });
});
