/**
 * Check a published annual report: read it, judge its year and format, read its three tables and the figures in its
 * text, and run every consistency rule. The result is the report-data.md object with its findings.
 */

import { validateReport } from '../../rules/report/validate.js';
import type { ChapterKey, CheckedReport, Finding, ProseStatement, Report } from '../../rules/report/types.js';
import { lineText, norm, tokenizeLine, type ExtractedDocument, type SourceKind } from './document.js';
import { ReportReadError } from './errors.js';
import { extractDocument, type ExtractOptions } from './input.js';
import { findAgency, findChapters, findYear, type ChapterHeading } from './meta.js';
import { mergeBlankFindings, ocrFindings, rankFindings } from './findings.js';
import { extractProse } from './prose.js';
import { assembleTables, readTables } from './tables.js';
import { readText } from './text-reader.js';

export interface CheckOptions extends ExtractOptions {
  /** Last year's report of the same agency, for the carry-over rule. */
  previous?: CheckedReport | Report;
}

export interface CheckResult {
  report: CheckedReport;
  /** The figures read from the text. */
  prose: ProseStatement[];
  chapters: ChapterHeading[];
  source: SourceKind;
  /** The text was read from page images by OCR. */
  ocr?: boolean;
}

/** Running text outside the tables, with chapter headings kept apart. */
function proseText(doc: ExtractedDocument, chapters: ChapterHeading[], tableStart: number, tableEnd: number): string {
  const headingLines = new Set(chapters.map((c) => c.line));
  const parts: string[] = [];
  doc.lines.forEach((line, i) => {
    if (line.kind === 'row') return;
    const text = lineText(line);
    if (headingLines.has(i)) {
      parts.push(`\n${text}\n`);
      return;
    }
    if (i >= tableStart && i <= tableEnd && line.kind === 'layout') {
      // Inside the tables only sentence-like lines count (a note under a table, a wrapped paragraph).
      const looksLikeProse =
        line.cells.length === 1 && /[，。；]/.test(text) && norm(text).length >= 12 && !tokenizeLine(line, i).some((t) => t.kind === 'value');
      if (!looksLikeProse) return;
    }
    parts.push(line.kind === 'flow' ? `\n${text}` : text);
  });
  return parts.join('');
}

function mentionedChapters(doc: ExtractedDocument, found: { proactive: boolean; requests: boolean; appeals: boolean }): ChapterKey[] {
  const all = norm(doc.lines.map(lineText).join(''));
  const out: ChapterKey[] = [];
  if (/总体情况|总体概况|基本情况/.test(all)) out.push('overview');
  if (found.proactive || /主动公开政府信息情况/.test(all)) out.push('proactive');
  if (found.requests) out.push('requests');
  if (found.appeals) out.push('appeals');
  if (/存在的?主要问题|问题.{0,4}改进|改进情况/.test(all)) out.push('problems');
  if (/其他需要报告|信息处理费/.test(all)) out.push('other');
  return out;
}

/** Check a document already read into lines. Throws ReportReadError('not-report') when nothing of a report is in it. */
export function checkDocument(doc: ExtractedDocument, opts: CheckOptions = {}): CheckResult {
  const chapters = findChapters(doc);
  const ev = findYear(doc);
  const agency = findAgency(doc, ev);
  const read = readTables(doc, chapters);
  if (!read.requests.found && !read.appeals.found && !read.proactive.found && ev.titleYear === null && ev.periodYear === null && chapters.length < 3) {
    throw new ReportReadError('not-report', '文件中没有找到政府信息公开工作年度报告的标题、章节或统计表格，看起来不是年度报告。');
  }
  const tables = assembleTables(read, ev.year);
  const findings: Finding[] = [];
  if (ev.year === null) {
    findings.push({
      rule: 'unreadable',
      severity: 'warning',
      message: '没有从标题或统计期限中判断出报告年度，未能核对报告格式是否符合该年度要求。',
      expected: '报告年度',
      actual: null,
      where: 'year',
    });
  }
  const stated = [ev.titleYear, ev.periodYear].filter((y): y is number => y !== null);
  if (ev.year !== null && stated.some((y) => y !== ev.year)) {
    findings.push({
      rule: 'prose',
      severity: 'warning',
      message: `报告年度前后不一致：${ev.titleYear !== null ? `标题写的是${ev.titleYear}年` : ''}${ev.titleYear !== null && ev.periodYear !== null ? '，' : ''}${ev.periodYear !== null ? `统计期限写的是${ev.periodYear}年` : ''}${ev.declaredYear !== null ? `，文件标注为${ev.declaredYear}年` : ''}，请核实是否沿用了往年的文字。`,
      expected: ev.year,
      actual: stated.find((y) => y !== ev.year) ?? null,
      where: 'year',
    });
  }
  findings.push(...tables.findings);
  const used = [read.proactive, read.requests, read.appeals].filter((t) => t.found);
  const tableStart = used.length ? Math.min(...used.map((t) => t.firstLine).filter((l) => l >= 0)) : Infinity;
  const tableEnd = used.length ? Math.max(...used.map((t) => t.lastLine)) : -1;
  const prose = extractProse(proseText(doc, chapters, tableStart, tableEnd));
  const report: CheckedReport = {
    agency,
    year: ev.year,
    format: tables.format,
    tables: { proactive: tables.proactive, requests: tables.requests, appeals: tables.appeals },
    findings: [],
  };
  findings.push(
    ...validateReport(report, {
      previous: opts.previous,
      prose,
      absent: tables.absent,
      chapters: {
        found: chapters.map((c) => c.key),
        mentioned: mentionedChapters(doc, { proactive: read.proactive.found, requests: read.requests.found, appeals: read.appeals.found }),
      },
    }),
  );
  const read2 = doc.ocr ? ocrFindings(report, findings, tables.absent) : findings;
  report.findings = rankFindings(mergeBlankFindings(read2, report.format));
  return { report, prose, chapters, source: doc.source, ...(doc.ocr ? { ocr: true } : {}) };
}

/** Check a published report given as bytes (.txt, .md, .html, .docx, .pdf — recognised by content). */
export async function checkReportBytes(bytes: Uint8Array, opts: CheckOptions = {}): Promise<CheckResult> {
  const doc = await extractDocument(bytes, opts);
  return checkDocument(doc, opts);
}

/** Check a report given as plain text (or Markdown). */
export function checkReportText(text: string, opts: CheckOptions & { markdown?: boolean } = {}): CheckResult {
  return checkDocument(readText(text, { markdown: opts.markdown }), opts);
}
