import { writeFileSync } from 'node:fs';
import { extname, resolve } from 'node:path';
import { findingLines } from './report-check.command.js';
import type { Command } from '../platform/commands.js';
import { parseOptions } from '../platform/cli-args.js';
import type { DbOrTx } from '../platform/db/index.js';
import { findAgencyByName, type Agency } from '../platform/org/agencies.service.js';
import { todayInChina } from '../platform/time.js';
import { CHAPTERS, validateReport, type Report } from '../rules/report/index.js';
import type { ReportScope } from './reports.aggregate.js';
import { computeReport, defaultScope } from './reports.compute.js';
import type { ReportDocumentInput } from './reports.document.js';
import { toDocx, toHtml, toJson, toText } from './reports.export.js';
import { bindAll, draftNarrative, parseNarrative } from './reports.narrative.js';
import { findReportByAgencyYear, publishedVersion } from './reports.store.js';
import { extractProse } from './check/prose.js';
import { proseOf } from './reports.service.js';

/**
 * `gongkai report build --agency NAME --year YYYY --out FILE [--scope agency|subtree]`: the report of an
 * agency (or a government with its departments) computed from the records of the current database, written
 * as .json (report-data.md), .docx (official layout), .html or .txt by the file's extension. The text is the
 * agency's own draft for that year when there is one, else the generated first draft.
 */

export const REPORT_BUILD_USAGE = '用法：gongkai report build --agency 机关名称 --year 年度 --out 文件(.json|.docx|.html|.txt) [--scope agency|subtree]\n';

/** The document input of an agency's report for a year (the text of its draft, or a generated first draft). */
export async function buildDocument(db: DbOrTx, agency: Agency, year: number, scope: ReportScope): Promise<ReportDocumentInput & { report: Report }> {
  const { report, ledgerFindings } = await computeReport(db, agency, year, scope);
  const draft = await findReportByAgencyYear(db, agency.id, year);
  const narrative =
    draft && draft.scope === scope
      ? parseNarrative(draft.narrative)
      : draftNarrative(report, {
          agency: agency.name,
          year,
          officeName: agency.office_name,
          officePhone: agency.office_phone,
          officeEmail: agency.office_email,
          subtree: scope === 'subtree',
        });
  const bound = bindAll(narrative, report);
  const prev = await publishedVersion(db, agency.id, year - 1);
  report.findings = [
    ...validateReport(report, {
      previous: prev ? (JSON.parse(prev.data) as Report) : undefined,
      prose: extractProse(proseOf(bound)),
      chapters: { found: CHAPTERS.map((c) => c.key) },
    }),
    ...bound.findings,
    ...ledgerFindings,
  ];
  return { report, preamble: bound.preamble, chapters: bound.chapters, signedDate: draft?.signed_date ?? todayInChina() };
}

export const reportBuildCommand: Command = async (args, env) => {
  const parsed = parseOptions(args, ['agency', 'year', 'out', 'scope']);
  if (typeof parsed === 'string') return { stdout: '', stderr: `${parsed}\n${REPORT_BUILD_USAGE}`, exitCode: 2 };
  const { agency: name, year: yearText, out, scope: scopeText } = parsed;
  if (!name || !yearText || !out) return { stdout: '', stderr: REPORT_BUILD_USAGE, exitCode: 2 };
  if (!/^\d{4}$/.test(yearText) || Number(yearText) < 2019 || Number(yearText) > Number(todayInChina().slice(0, 4))) {
    return { stdout: '', stderr: `年度“${yearText}”不正确：应为2019年（现行条例施行）至今年之间的四位年份。\n`, exitCode: 2 };
  }
  const ext = extname(out).toLowerCase().slice(1);
  if (!['json', 'docx', 'html', 'txt'].includes(ext)) return { stdout: '', stderr: `输出文件须以 .json、.docx、.html 或 .txt 结尾：${out}\n`, exitCode: 2 };
  if (scopeText !== undefined && scopeText !== 'agency' && scopeText !== 'subtree')
    return { stdout: '', stderr: '--scope 只能是 agency（本机关）或 subtree（本级政府及所属部门）。\n', exitCode: 2 };
  const year = Number(yearText);
  // Like `npm start`, an empty database gets the demo data (its one-time passwords go to stderr), so the
  // command works on a fresh checkout; a database with data is never touched.
  const notes: string[] = [];
  const ctx = await env.open({ log: (line) => notes.push(line) });
  if (notes.length) process.stderr.write(`${notes.join('\n')}\n`);
  try {
    const agency = await findAgencyByName(ctx.db, name.trim());
    if (!agency) return { stdout: '', stderr: `未找到机关“${name}”。请使用机关全称，例如“枣庄市信访局”。\n`, exitCode: 2 };
    const scope: ReportScope = (scopeText as ReportScope | undefined) ?? defaultScope(agency);
    if (scope === 'subtree' && agency.kind !== 'government')
      return { stdout: '', stderr: '只有人民政府的年度报告汇总所属部门的数据（--scope subtree）。\n', exitCode: 2 };
    const doc = await buildDocument(ctx.db, agency, year, scope);
    let body: string | Buffer;
    if (ext === 'json') body = toJson(doc.report);
    else if (ext === 'txt') body = toText(doc);
    else if (ext === 'docx') body = await toDocx(doc);
    else body = toHtml(doc);
    const path = resolve(out);
    writeFileSync(path, body);
    const errors = doc.report.findings.filter((f) => f.severity === 'error').length;
    const warnings = doc.report.findings.length - errors;
    const t = doc.report.tables.requests;
    return {
      stdout:
        `已生成 ${doc.report.agency}${year}年度报告（${doc.report.format}年格式${scope === 'subtree' ? '，含所属部门' : ''}）：${path}\n` +
        `  本年新收申请 ${t.new.total} 件，上年结转 ${t.carried_in.total} 件，办结 ${t.total.total} 件，结转下年度 ${t.carried_out.total} 件。\n` +
        `  校验：${errors} 处错误，${warnings} 处提醒${errors + warnings ? '：' : '。'}\n` +
        (errors + warnings ? `${findingLines(doc.report.findings).join('\n')}\n` : ''),
      stderr: '',
      exitCode: 0,
    };
  } finally {
    await ctx.db.destroy();
  }
};
