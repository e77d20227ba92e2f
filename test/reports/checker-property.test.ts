import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { checkReportBytes } from '../../src/reports/check/index.js';
import { renderReportHtml, renderReportText } from '../../src/reports/render/index.js';
import { OUTCOME_KEYS, type OutcomeKey } from '../../src/rules/outcomes.js';
import {
  APPEAL_GROUP_KEYS,
  APPLICANT_TYPES,
  STANDARD_SENTENCES,
  buildAppealsTable,
  buildRequestsTable,
  emptyReport,
  requestRowKeys,
  type AppealCount,
  type ApplicantType,
  type Finding,
  type Report,
  type ReportNarrative,
  type RequestCount,
} from '../../src/rules/report/index.js';
import { htmlRunTogether, ocrNoise, oneParagraph, runTogether, toMarkdown } from '../helpers/report-variants.js';

/**
 * No false error: a random consistent report, rendered by Gongkai and then transformed the way reports reach a
 * supervising office (cells run together from text or from a web page, a Markdown conversion, OCR-like noise), is
 * checked without any arithmetic or prose error, and each table reads to its figures or is honestly reported as not
 * read. With one cell altered, the checker finds an arithmetic error or says it cannot read that table.
 */

const narrative: ReportNarrative = {
  chapters: {
    overview: '{{year}}年，{{agency}}依法做好政府信息公开工作。',
    proactive: '本年度通过政府网站主动公开各类政府信息。',
    requests: STANDARD_SENTENCES.requests,
    appeals: STANDARD_SENTENCES.appeals,
    problems: '政策解读的针对性仍需加强。',
    other: '本年度未收取信息处理费。',
  },
  closing: '{{agency}}\n{{year}}年1月20日',
};

const ARITHMETIC = new Set<Finding['rule']>(['identity', 'row-total', 'column-total', 'appeal-total', 'prose']);
const TRANSFORMS = ['text', 'run-together', 'one-paragraph', 'web-run-together', 'markdown', 'ocr-noise'] as const;
type Transform = (typeof TRANSFORMS)[number];

// Groups of applications with the same applicant, start and end: counts of several digits as well as zeros, so that
// run-together cells are really ambiguous. Each group adds to 新收 or 上年结转, and to one result or 结转下年度.
interface Group {
  applicant: ApplicantType;
  carriedIn: boolean;
  outcome: OutcomeKey | undefined;
  count: number;
}
const groupArb: fc.Arbitrary<Group> = fc.record({
  applicant: fc.constantFrom<ApplicantType>(...APPLICANT_TYPES),
  carriedIn: fc.boolean(),
  outcome: fc.option(fc.constantFrom<OutcomeKey>(...OUTCOME_KEYS), { nil: undefined }),
  count: fc.oneof(fc.integer({ min: 1, max: 9 }), fc.integer({ min: 10, max: 400 })),
});

function counts(groups: Group[]): RequestCount[] {
  return groups.flatMap((g): RequestCount[] => [
    { applicant: g.applicant, kind: g.carriedIn ? 'carried_in' : 'new', count: g.count },
    g.outcome
      ? { applicant: g.applicant, kind: 'closed', outcome: g.outcome, count: g.count }
      : { applicant: g.applicant, kind: 'carried_out', count: g.count },
  ]);
}

const appealArb: fc.Arbitrary<AppealCount> = fc.record({
  group: fc.constantFrom(...APPEAL_GROUP_KEYS),
  result: fc.constantFrom('upheld' as const, 'corrected' as const, 'other' as const, 'pending' as const),
  count: fc.integer({ min: 0, max: 40 }),
});

function build(counts: RequestCount[], appeals: AppealCount[], year: number): Report {
  const r = emptyReport('某某市某某局', year);
  r.tables.requests = buildRequestsTable(counts, r.format);
  r.tables.appeals = buildAppealsTable(appeals);
  return r;
}

const reportArb = fc
  .tuple(fc.array(groupArb, { maxLength: 12 }), fc.array(appealArb, { maxLength: 6 }), fc.integer({ min: 2019, max: 2026 }))
  .map(([g, a, y]) => build(counts(g), a, y));

function render(report: Report, how: Transform, seed: number): { bytes: Uint8Array; fileName: string } {
  const text = renderReportText(report, narrative);
  const enc = (s: string) => new TextEncoder().encode(s);
  switch (how) {
    case 'text':
      return { bytes: enc(text), fileName: 'r.txt' };
    case 'run-together':
      return { bytes: enc(runTogether(text)), fileName: 'r.txt' };
    case 'one-paragraph':
      return { bytes: enc(oneParagraph(text)), fileName: 'r.txt' };
    case 'web-run-together':
      return { bytes: enc(htmlRunTogether(renderReportHtml(report, narrative))), fileName: 'r.txt' };
    case 'markdown':
      return { bytes: enc(toMarkdown(text, seed)), fileName: 'r.md' };
    case 'ocr-noise':
      return { bytes: enc(ocrNoise(text, seed)), fileName: 'r.txt' };
  }
}

const unread = (findings: Finding[], table: string) => findings.some((f) => f.rule === 'unreadable' && f.where === table);

describe('the checker on transformed renderings of random consistent reports', () => {
  it('raises no arithmetic or prose error, and reads each table right or says it cannot', async () => {
    // How often each transformation's table 3 was read (not merely declared unreadable): the property must not hold
    // only because nothing is read.
    const read = new Map<Transform, number>();
    await fc.assert(
      fc.asyncProperty(reportArb, fc.constantFrom(...TRANSFORMS), fc.nat(1000), async (report, how, seed) => {
        const { bytes, fileName } = render(report, how, seed);
        const r = await checkReportBytes(bytes, { fileName });
        const wrong = r.report.findings.filter((f) => f.severity === 'error' && ARITHMETIC.has(f.rule));
        expect(wrong, how).toEqual([]);
        expect(
          r.report.findings.filter((f) => f.severity === 'error'),
          how,
        ).toEqual([]);
        for (const t of ['requests', 'appeals'] as const) {
          if (!unread(r.report.findings, t)) expect(r.report.tables[t], `${how} ${t}`).toEqual(report.tables[t]);
        }
        if (!unread(r.report.findings, 'requests')) read.set(how, (read.get(how) ?? 0) + 1);
      }),
      { numRuns: 120, seed: 15 },
    );
    for (const how of TRANSFORMS) expect(read.get(how) ?? 0, how).toBeGreaterThan(5);
  });

  it('finds one altered cell, or says it cannot read that table', async () => {
    await fc.assert(
      fc.asyncProperty(
        reportArb,
        fc.constantFrom(...TRANSFORMS),
        fc.nat(1000),
        fc.nat(),
        fc.integer({ min: 1, max: 9 }),
        async (report, how, seed, pick, delta) => {
          // Alter one cell of table 3 (any row, any column) or table 4.
          const cells: [string, Record<string, number | null>, string][] = [];
          for (const k of requestRowKeys(report.format)) {
            const row = report.tables.requests[k] as Record<string, number | null> | undefined;
            if (row) for (const c of Object.keys(row)) cells.push(['requests', row, c]);
          }
          for (const g of APPEAL_GROUP_KEYS)
            for (const c of Object.keys(report.tables.appeals[g]))
              cells.push(['appeals', report.tables.appeals[g] as unknown as Record<string, number | null>, c]);
          const [table, row, col] = cells[pick % cells.length]!;
          // Table 3's （六） row is the sum of its printed sub-rows in the 2021 format: altering it changes nothing printed.
          if (report.format === '2021' && row === (report.tables.requests.other as unknown)) return;
          row[col] = (row[col] ?? 0) + delta;
          const { bytes, fileName } = render(report, how, seed);
          const r = await checkReportBytes(bytes, { fileName });
          const found = r.report.findings.some((f) => f.severity === 'error' && ARITHMETIC.has(f.rule) && f.where.startsWith(table));
          expect(found || unread(r.report.findings, table), `${how}: ${table} ${col} +${delta}`).toBe(true);
        },
      ),
      { numRuns: 120, seed: 15 },
    );
  });
});
