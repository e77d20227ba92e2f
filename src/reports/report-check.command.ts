/**
 * `gongkai report check FILE... [--previous FILE] [--json] [--summary-csv FILE] [--summary-html FILE]`
 *
 * Checks published annual reports (.txt, .md, .html, .docx, .pdf). Exit code: 0 no errors, 1 errors found,
 * 2 a file could not be read (or a table of it could not be read, or the command line is wrong).
 * With several files, also a summary (one line per file; CSV and HTML tables where asked) for a supervising office
 * checking all the agencies below it.
 */

import { readFile, stat, writeFile } from 'node:fs/promises';
import { basename } from 'node:path';
import { FORMAT_NAMES } from '../rules/report/format.js';
import { emptyTables } from '../rules/report/build.js';
import type { CheckedReport, Finding, FindingRule } from '../rules/report/types.js';
import { ReportReadError } from './check/errors.js';
import { DEFAULT_MAX_BYTES, DEFAULT_MAX_CHARS } from './check/input.js';
import { checkInWorker } from './check/worker-check.js';

export interface CommandOutput {
  stdout: string;
  stderr: string;
  exitCode: number;
}

export const REPORT_CHECK_USAGE = `用法：gongkai report check 文件… [--previous 上年报告文件] [--json] [--summary-csv 汇总.csv] [--summary-html 汇总.html]

  检查已发布的政府信息公开工作年度报告（支持 .txt .md .html .docx .pdf）。
  --previous 文件      与上年报告核对“上年结转”
  --json               输出报告数据（JSON，多个文件时为数组）
  --summary-csv 文件   多个文件时写出汇总表（CSV）
  --summary-html 文件  多个文件时写出汇总表（HTML）
  退出码：0 未发现错误；1 发现错误；2 文件无法读取或参数有误。`;

const RULE_NAMES: Record<FindingRule, string> = {
  identity: '勾稽关系',
  'row-total': '办理结果合计',
  'column-total': '申请人合计',
  'appeal-total': '复议诉讼合计',
  'carry-over': '上年结转',
  prose: '正文与表格',
  format: '报告格式',
  chapters: '章节',
  blank: '空白或无效数字',
  unreadable: '无法读取',
};

/** Above this many files, the per-file details are left to --json / the summary files. */
const DETAIL_LIMIT = 5;
const CONCURRENCY = 4;

interface Args {
  files: string[];
  previous?: string;
  json: boolean;
  csv?: string;
  html?: string;
}

function parseArgs(argv: string[]): Args | string {
  const args = [...argv];
  if (args[0] === 'report') args.shift();
  if (args[0] === 'check') args.shift();
  const out: Args = { files: [], json: false };
  let onlyFiles = false;
  for (let i = 0; i < args.length; i++) {
    const a = args[i]!;
    if (onlyFiles || !a.startsWith('--')) {
      out.files.push(a);
      continue;
    }
    const [name, inline] = a.includes('=') ? [a.slice(0, a.indexOf('=')), a.slice(a.indexOf('=') + 1)] : [a, undefined];
    const value = () => {
      const v = inline ?? args[++i];
      if (v === undefined || v === '') throw new Error(`参数 ${name} 后面需要一个文件名。`);
      return v;
    };
    try {
      switch (name) {
        case '--':
          onlyFiles = true;
          break;
        case '--json':
          out.json = true;
          break;
        case '--previous':
          out.previous = value();
          break;
        case '--summary-csv':
          out.csv = value();
          break;
        case '--summary-html':
          out.html = value();
          break;
        case '--help':
          return 'help';
        default:
          return `不认识的参数：${a}`;
      }
    } catch (err) {
      return (err as Error).message;
    }
  }
  if (out.files.length === 0) return '请至少给出一个要检查的年度报告文件。';
  return out;
}

interface FileResult {
  file: string;
  report?: CheckedReport;
  /** Why the file could not be read at all. */
  error?: string;
}

async function checkFile(file: string, previous?: CheckedReport): Promise<FileResult> {
  try {
    const info = await stat(file).catch(() => null);
    if (!info) return { file, error: `找不到文件“${file}”。` };
    if (!info.isFile()) return { file, error: `“${file}”不是文件。` };
    if (info.size === 0) return { file, error: '文件是空的（0字节），没有可检查的内容。' };
    if (info.size > DEFAULT_MAX_BYTES) {
      return { file, error: `文件大小为${(info.size / 1024 / 1024).toFixed(1)}MB，超过检查上限${DEFAULT_MAX_BYTES / 1024 / 1024}MB，未读取。` };
    }
    const bytes = new Uint8Array(await readFile(file));
    // In a worker thread with a time and memory limit per file: one pathological file cannot hold up the others.
    const r = await checkInWorker({ bytes, fileName: basename(file), previous, maxChars: DEFAULT_MAX_CHARS });
    return { file, report: r.report };
  } catch (err) {
    if (err instanceof ReportReadError) return { file, error: err.message };
    return { file, error: `读取时发生意外错误：${(err as Error)?.message ?? String(err)}` };
  }
}

/** A file that could not be read, in the report-data.md shape: no figures, one `unreadable` finding. */
function unreadableReport(message: string): CheckedReport {
  return {
    agency: null,
    year: null,
    format: '2021',
    tables: emptyTables('2021', null),
    findings: [{ rule: 'unreadable', severity: 'error', message, expected: null, actual: null, where: 'file' }],
  };
}

function isUnreadable(r: FileResult): boolean {
  return r.error !== undefined || (r.report?.findings.some((f) => f.rule === 'unreadable' && f.severity === 'error') ?? false);
}

function counts(r: FileResult): { errors: number; warnings: number } {
  const f = r.report?.findings ?? [];
  return { errors: f.filter((x) => x.severity === 'error').length, warnings: f.filter((x) => x.severity === 'warning').length };
}

function verdict(r: FileResult): string {
  if (r.error) return '无法读取';
  const { errors, warnings } = counts(r);
  if (isUnreadable(r)) return '表格无法读取';
  if (errors > 0) return `发现${errors}个错误${warnings ? `、${warnings}个提醒` : ''}`;
  return warnings ? `未发现错误，有${warnings}个提醒` : '未发现错误';
}

function mainProblem(r: FileResult): string {
  if (r.error) return r.error;
  const f = r.report!.findings;
  const first = f.find((x) => x.severity === 'error') ?? f.find((x) => x.severity === 'warning');
  return first ? first.message : '';
}

/** The findings as numbered lines under 错误 / 提醒 (also printed by `report build`). */
export function findingLines(findings: Finding[]): string[] {
  const out: string[] = [];
  const errors = findings.filter((f) => f.severity === 'error');
  const warnings = findings.filter((f) => f.severity === 'warning');
  if (errors.length) {
    out.push('  错误：');
    errors.forEach((f, i) => out.push(`    ${i + 1}. 【${RULE_NAMES[f.rule]}】${f.message}`));
  }
  if (warnings.length) {
    out.push('  提醒：');
    warnings.forEach((f, i) => out.push(`    ${i + 1}. 【${RULE_NAMES[f.rule]}】${f.message}`));
  }
  return out;
}

function detail(r: FileResult, previous?: { file: string; report: CheckedReport }): string {
  const lines = [`文件：${r.file}`];
  if (r.error) {
    lines.push(`  无法读取：${r.error}`);
    return lines.join('\n');
  }
  const rep = r.report!;
  lines.push(`  机关：${rep.agency ?? '（未识别）'}　年度：${rep.year !== null ? `${rep.year}年` : '（未识别）'}　表格格式：${FORMAT_NAMES[rep.format]}`);
  lines.push(`  结论：${verdict(r)}`);
  // With --previous, say what was compared even when it agrees (silence read as "not checked").
  if (previous && !isUnreadable(r)) lines.push(`  上年结转：${carryOverLine(rep, previous)}`);
  lines.push(...findingLines(rep.findings));
  return lines.join('\n');
}

function carryOverLine(rep: CheckedReport, previous: { file: string; report: CheckedReport }): string {
  const prev = previous.report;
  if (rep.findings.some((f) => f.rule === 'carry-over')) return `与上年报告“${previous.file}”核对有问题，见下。`;
  if (rep.year !== null && prev.year !== null && prev.year !== rep.year - 1)
    return `上年报告“${previous.file}”是${prev.year}年度的，不是${rep.year - 1}年度，未核对。`;
  const cin = rep.tables.requests.carried_in.total;
  const cout = prev.tables.requests.carried_out.total;
  return `与上年报告“${previous.file}”一致（上年结转 ${cin ?? '—'} 件，上年报告的结转下年度 ${cout ?? '—'} 件）。`;
}

function oneLine(r: FileResult): string {
  const mark = r.error || isUnreadable(r) ? '？' : counts(r).errors ? '✗' : '✓';
  const who = r.report ? `${r.report.agency ?? '（机关未识别）'} ${r.report.year ?? '？'}年` : '';
  const problem = mainProblem(r);
  return `${mark} ${r.file}${who ? `　${who}` : ''}　${verdict(r)}${problem && (r.error || counts(r).errors) ? `：${problem}` : ''}`;
}

function csvCell(s: string | number): string {
  const t = String(s);
  return /[",\n\r]/.test(t) ? `"${t.replace(/"/g, '""')}"` : t;
}

function summaryRows(results: FileResult[]): (string | number)[][] {
  return results.map((r) => {
    const c = counts(r);
    return [
      r.file,
      r.report?.agency ?? '',
      r.report?.year ?? '',
      r.report ? (r.report.format === '2019' ? '2019年试行格式' : '2021年修订格式') : '',
      r.error ? '' : c.errors,
      r.error ? '' : c.warnings,
      verdict(r),
      mainProblem(r),
    ];
  });
}

const SUMMARY_HEADER = ['文件', '机关', '年度', '表格格式', '错误数', '提醒数', '结论', '主要问题'];

function summaryCsv(results: FileResult[]): string {
  // With a BOM, so that spreadsheet programs open the Chinese text as UTF-8.
  return `\ufeff${[SUMMARY_HEADER, ...summaryRows(results)].map((row) => row.map(csvCell).join(',')).join('\r\n')}\r\n`;
}

function esc(s: string | number): string {
  return String(s).replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
}

function summaryHtml(results: FileResult[]): string {
  const total = results.length;
  const bad = results.filter((r) => !r.error && counts(r).errors > 0 && !isUnreadable(r)).length;
  const unreadable = results.filter(isUnreadable).length;
  const rows = summaryRows(results)
    .map((row, i) => {
      const r = results[i]!;
      const cls = isUnreadable(r) ? 'unreadable' : counts(r).errors ? 'error' : 'ok';
      return `<tr class="${cls}"><th scope="row">${esc(row[0]!)}</th>${row
        .slice(1)
        .map((c) => `<td>${esc(c)}</td>`)
        .join('')}</tr>`;
    })
    .join('\n');
  return `<!DOCTYPE html>
<html lang="zh-CN">
<head>
<meta charset="utf-8">
<title>政府信息公开工作年度报告检查汇总</title>
<style>
body{font-family:sans-serif;margin:1.5em}
table{border-collapse:collapse;width:100%}
th,td{border:1px solid #999;padding:.3em .5em;text-align:left;vertical-align:top}
thead th{background:#eee}
tr.error td:nth-child(7){color:#a00;font-weight:bold}
tr.unreadable td:nth-child(7){color:#8a5a00;font-weight:bold}
tr.ok td:nth-child(7){color:#060}
</style>
</head>
<body>
<main>
<h1>政府信息公开工作年度报告检查汇总</h1>
<p>共检查${total}个文件：${total - bad - unreadable}个未发现错误，${bad}个发现错误，${unreadable}个无法读取或表格无法读取。</p>
<table>
<caption>各报告检查结果</caption>
<thead><tr>${SUMMARY_HEADER.map((h) => `<th scope="col">${esc(h)}</th>`).join('')}</tr></thead>
<tbody>
${rows}
</tbody>
</table>
</main>
</body>
</html>
`;
}

async function mapLimited<T, R>(items: T[], limit: number, fn: (t: T) => Promise<R>): Promise<R[]> {
  const out: R[] = new Array(items.length);
  let next = 0;
  const workers = Array.from({ length: Math.min(limit, items.length) }, async () => {
    while (next < items.length) {
      const i = next++;
      out[i] = await fn(items[i]!);
    }
  });
  await Promise.all(workers);
  return out;
}

/** Run `report check`. `argv` are the arguments after `report check` (a leading "report check" is tolerated). */
export async function runReportCheckCommand(argv: string[]): Promise<CommandOutput> {
  const parsed = parseArgs(argv);
  if (parsed === 'help') return { stdout: `${REPORT_CHECK_USAGE}\n`, stderr: '', exitCode: 0 };
  if (typeof parsed === 'string') return { stdout: '', stderr: `${parsed}\n\n${REPORT_CHECK_USAGE}\n`, exitCode: 2 };
  const stderr: string[] = [];
  let exitCode = 0;

  let previous: CheckedReport | undefined;
  let previousFile: { file: string; report: CheckedReport } | undefined;
  if (parsed.previous) {
    const p = await checkFile(parsed.previous);
    if (p.error || !p.report) {
      stderr.push(`上年报告“${parsed.previous}”无法读取，未核对上年结转：${p.error ?? ''}`);
      exitCode = 2;
    } else {
      previous = p.report;
      previousFile = { file: parsed.previous, report: p.report };
    }
  }

  const results = await mapLimited(parsed.files, CONCURRENCY, (f) => checkFile(f, previous));
  for (const r of results) {
    if (isUnreadable(r)) exitCode = 2;
    else if (counts(r).errors > 0 && exitCode === 0) exitCode = 1;
    if (r.error) stderr.push(`${r.file}：无法读取。${r.error}`);
  }

  let stdout = '';
  if (parsed.json) {
    const reports = results.map((r) => r.report ?? unreadableReport(r.error ?? '文件无法读取。'));
    stdout = `${JSON.stringify(reports.length === 1 ? reports[0] : reports, null, 2)}\n`;
  } else {
    const parts: string[] = [];
    if (results.length <= DETAIL_LIMIT) parts.push(...results.map((r) => detail(r, previousFile)));
    if (results.length > 1) {
      const ok = results.filter((r) => !isUnreadable(r) && counts(r).errors === 0).length;
      const bad = results.filter((r) => !isUnreadable(r) && counts(r).errors > 0).length;
      const unreadable = results.filter(isUnreadable).length;
      parts.push(
        ['汇总：', ...results.map(oneLine), `共检查${results.length}个文件：${ok}个未发现错误，${bad}个发现错误，${unreadable}个无法读取或表格无法读取。`].join(
          '\n',
        ),
      );
    }
    stdout = `${parts.join('\n\n')}\n`;
  }

  for (const [target, content, what] of [
    [parsed.csv, () => summaryCsv(results), 'CSV'],
    [parsed.html, () => summaryHtml(results), 'HTML'],
  ] as const) {
    if (!target) continue;
    try {
      await writeFile(target, content(), 'utf8');
      if (!parsed.json) stdout += `已写出汇总表（${what}）：${target}\n`;
    } catch (err) {
      stderr.push(`无法写出汇总表“${target}”：${(err as Error).message}`);
      exitCode = 2;
    }
  }
  return { stdout, stderr: stderr.length ? `${stderr.join('\n')}\n` : '', exitCode };
}
