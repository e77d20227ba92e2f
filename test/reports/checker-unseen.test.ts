/**
 * Real published reports the checker was not built on (test/fixtures/reports/unseen/, each with its source line):
 * for each, the agency, the year, the format, table 3's flow rows, table 4 and every real error found by adding up by hand
 * (NAME.expected.json) — and no other error.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { checkReportBytes } from '../../src/reports/check/check.js';
import { APPLICANT_COLUMN_KEYS } from '../../src/rules/report/format.js';

const DIR = resolve(import.meta.dirname, '../fixtures/reports/unseen');

interface Expected {
  file: string;
  agency: string;
  year: number;
  format: '2019' | '2021';
  requests: Record<'new' | 'carried_in' | 'total' | 'carried_out', number[]>;
  appeals: Record<'reconsideration' | 'litigation_direct' | 'litigation_after_reconsideration', number[]>;
  errors: { rule: string; where: string; expected: number; actual: number }[];
}

const cases = readdirSync(DIR)
  .filter((f) => f.endsWith('.expected.json'))
  .sort()
  .map((f) => JSON.parse(readFileSync(resolve(DIR, f), 'utf8')) as Expected);

describe('real reports not seen while building the checker', () => {
  it('there are several, from different years and both formats', () => {
    expect(cases.length).toBeGreaterThanOrEqual(7);
    expect(new Set(cases.map((c) => c.format))).toEqual(new Set(['2019', '2021']));
  });

  it.each(cases.map((c) => [c.file, c] as const))('%s is judged exactly', async (_file, exp) => {
    const r = await checkReportBytes(new Uint8Array(readFileSync(resolve(DIR, exp.file))));
    expect(r.report.agency).toBe(exp.agency);
    expect(r.report.year).toBe(exp.year);
    expect(r.report.format).toBe(exp.format);
    const t = r.report.tables.requests;
    for (const [row, cells] of Object.entries(exp.requests)) {
      const got = t[row as keyof typeof t];
      expect(APPLICANT_COLUMN_KEYS.map((c) => got?.[c] ?? null)).toEqual(cells);
    }
    const a = r.report.tables.appeals;
    for (const [group, cells] of Object.entries(exp.appeals)) {
      const g = a[group as keyof typeof a];
      expect([g.upheld, g.corrected, g.other, g.pending, g.total]).toEqual(cells);
    }
    const errors = r.report.findings
      .filter((f) => f.severity === 'error')
      .map((f) => ({ rule: f.rule, where: f.where, expected: f.expected, actual: f.actual }));
    expect(errors).toEqual(exp.errors);
  });
});
