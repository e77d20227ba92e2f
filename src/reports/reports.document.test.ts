import { describe, expect, it } from 'vitest';
import JSZip from 'jszip';
import { layoutTable } from '../platform/documents/index.js';
import { emptyReport } from '../rules/report/index.js';
import { appealsTableBlock, proactiveTableBlock, reportDocument, requestsTableBlock, textBlocks } from './reports.document.js';
import { toCsv, toDocx, toJson } from './reports.export.js';
import { daysBetween, reportDeadline } from './reports.deadline.js';

describe('report as an official document', () => {
  for (const year of [2020, 2021]) {
    it(`lays out tables 2–4 of the ${year} format on consistent grids`, () => {
      const r = emptyReport('测试局', year);
      const t3 = layoutTable(requestsTableBlock(r));
      expect(t3.columns).toBe(10);
      expect(t3.grid.length - t3.headerRows).toBe(year === 2020 ? 3 + 20 : 3 + 22);
      expect(layoutTable(appealsTableBlock(r)).columns).toBe(15);
      expect(layoutTable(proactiveTableBlock(r)).columns).toBe(4);
    });
  }

  it('turns 「（一）…」 lines into sub-headings and the rest into paragraphs', () => {
    expect(textBlocks('（一）主动公开情况\n正文一段。\n（二）严格规范程序，强化流程管理。定期召开会议。')).toEqual([
      { type: 'heading', level: 2, text: '（一）主动公开情况', numbered: false },
      { type: 'paragraph', text: '正文一段。' },
      { type: 'paragraph', text: '（二）严格规范程序，强化流程管理。定期召开会议。' },
    ]);
  });

  it('renders a .docx with the title and the tables, and JSON/CSV with the documented keys', async () => {
    const report = emptyReport('测试局', 2021);
    report.tables.requests.new.natural_person = 2;
    const input = { report, preamble: '导语。', chapters: [{ key: 'overview' as const, title: '一、总体情况', text: '概述。' }], signedDate: '2022-01-20' };
    const doc = reportDocument(input);
    expect(doc.title).toBe('测试局2021年政府信息公开工作年度报告');
    expect(doc.blocks.filter((b) => b.type === 'table')).toHaveLength(3);
    const zip = await JSZip.loadAsync(await toDocx(input));
    const xml = await zip.file('word/document.xml')!.async('string');
    expect(xml).toContain('收到和处理');
    expect(xml).toContain('结转下年度继续办理');
    expect(Object.keys(JSON.parse(toJson(report)))).toEqual(['agency', 'year', 'format', 'tables', 'findings']);
    const csv = toCsv(report).split('\r\n');
    expect(csv[0]).toBe('\uFEFFtable,row,column,表格,行,列,value');
    expect(csv).toContain('requests,new,natural_person,收到和处理政府信息公开申请情况,一、本年新收申请,自然人,2');
  });

  it('knows the deadlines of Art. 49', () => {
    expect(reportDeadline({ kind: 'department' }, 'agency', 2025)).toBe('2026-01-31');
    expect(reportDeadline({ kind: 'government' }, 'subtree', 2025)).toBe('2026-03-31');
    expect(reportDeadline({ kind: 'government' }, 'agency', 2025)).toBe('2026-01-31');
    expect(daysBetween('2026-01-01', '2026-01-31')).toBe(30);
    expect(daysBetween('2026-02-02', '2026-01-31')).toBe(-2);
  });
});

describe('the .docx read back by the checker', () => {
  it('gives the same tables and no error, for random tables of both formats', async () => {
    const { default: fc } = await import('fast-check');
    const { OUTCOME_KEYS } = await import('../rules/outcomes.js');
    const { APPLICANT_TYPES, buildRequestsTable, buildAppealsTable } = await import('../rules/report/index.js');
    const { checkReportBytes } = await import('./check/check.js');
    const { draftNarrative, bindAll } = await import('./reports.narrative.js');
    await fc.assert(
      fc.asyncProperty(
        fc.array(
          fc.record({
            applicant: fc.constantFrom(...APPLICANT_TYPES),
            kind: fc.constantFrom('new' as const, 'closed' as const, 'carried_out' as const),
            outcome: fc.constantFrom(...OUTCOME_KEYS),
            count: fc.integer({ min: 0, max: 300 }),
          }),
          { maxLength: 12 },
        ),
        fc.constantFrom(2020, 2023),
        async (counts, year) => {
          const report = emptyReport('测试市测试局', year);
          // Consistent by construction: every case counted as new is either closed or carried out.
          const cs = counts.flatMap((c) => [
            { applicant: c.applicant, kind: 'new' as const, count: c.count },
            c.kind === 'carried_out'
              ? { applicant: c.applicant, kind: 'carried_out' as const, count: c.count }
              : { applicant: c.applicant, kind: 'closed' as const, outcome: c.outcome, count: c.count },
          ]);
          report.tables.requests = buildRequestsTable(cs, report.format);
          report.tables.appeals = buildAppealsTable([{ group: 'reconsideration', result: 'upheld', count: counts.length }]);
          const narrative = draftNarrative(report, { agency: report.agency, year, officeName: '', officePhone: '', officeEmail: '', subtree: false });
          for (const k of ['overview', 'problems', 'other'] as const) narrative[k] = narrative[k].replace(/【待补充[^】]*】/g, '（略）');
          const bound = bindAll(narrative, report);
          const bytes = await toDocx({ report, preamble: bound.preamble, chapters: bound.chapters, signedDate: `${year + 1}-01-20` });
          const res = await checkReportBytes(bytes);
          expect(res.report.findings.filter((f) => f.severity === 'error')).toEqual([]);
          expect(res.report.year).toBe(year);
          expect(res.report.tables.requests).toEqual(report.tables.requests);
          expect(res.report.tables.appeals).toEqual(report.tables.appeals);
        },
      ),
      { numRuns: 6 },
    );
  }, 60_000);
});
