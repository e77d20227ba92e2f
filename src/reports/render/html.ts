/**
 * The annual report as an accessible HTML document: the six chapters as sections with headings, the tables in the
 * official layout with captions, column and row headers (th with scope), and the text bound from the tables.
 */

import {
  APPEAL_COLUMNS,
  APPEAL_GROUPS,
  APPLICANT_COLUMNS,
  CHAPTERS,
  REQUESTS_IDENTITY_NOTE,
  REQUESTS_TABLE_TITLE,
  APPEALS_TABLE_TITLE,
  proactiveBlocks,
} from '../../rules/report/format.js';
import { bindReportNarrative, type ReportNarrative } from '../../rules/report/narrative.js';
import type { CellValue, ChapterKey } from '../../rules/report/types.js';
import { RESULTS_LABEL, cellText, paragraphs, requestsLayout, type AnyReport } from './layout.js';

function esc(s: string): string {
  return s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
}

/** A number cell; a blank (null) cell stays empty, as published reports show it. */
function td(v: CellValue | undefined): string {
  return `<td>${cellText(v)}</td>`;
}

function proactiveTables(report: AnyReport): string {
  const p = report.tables.proactive as unknown as Record<string, Record<string, CellValue> | undefined>;
  return proactiveBlocks(report.format)
    .map((block) => {
      const head = block.columns.map((c) => `<th scope="col">${esc(c.label)}</th>`).join('');
      const body = block.rows.map((r) => `<tr><th scope="row">${esc(r.label)}</th>${block.columns.map((c) => td(p[r.key]?.[c.key])).join('')}</tr>`).join('\n');
      return `<table class="report-table">\n<caption>${esc(block.article)}</caption>\n<thead><tr><th scope="col">信息内容</th>${head}</tr></thead>\n<tbody>\n${body}\n</tbody>\n</table>`;
    })
    .join('\n');
}

function requestsTable(report: AnyReport): string {
  const t = report.tables.requests;
  const orgs = APPLICANT_COLUMNS.filter((c) => c.organization);
  const head = [
    `<tr><th colspan="3" rowspan="3" scope="col" class="note">${esc(REQUESTS_IDENTITY_NOTE)}</th><th colspan="7" scope="colgroup">申请人情况</th></tr>`,
    `<tr><th rowspan="2" scope="col">自然人</th><th colspan="${orgs.length}" scope="colgroup">法人或其他组织</th><th rowspan="2" scope="col">总计</th></tr>`,
    `<tr>${orgs.map((c) => `<th scope="col">${esc(c.label)}</th>`).join('')}</tr>`,
  ].join('\n');
  const body = requestsLayout(report)
    .map((row) => {
      const cells = APPLICANT_COLUMNS.map((c) => td(t[row.key]?.[c.key])).join('');
      let labels = '';
      if (row.resultsSpan) labels += `<th rowspan="${row.resultsSpan}" scope="rowgroup">${esc(RESULTS_LABEL)}</th>`;
      if (row.kind === 'top') labels += `<th colspan="3" scope="row">${esc(row.label)}</th>`;
      else if (row.kind === 'result') labels += `<th colspan="2" scope="row">${esc(row.label)}</th>`;
      else {
        if (row.group) labels += `<th rowspan="${row.group.span}" scope="rowgroup">${esc(row.group.label)}</th>`;
        labels += `<th scope="row">${esc(row.label)}</th>`;
      }
      return `<tr>${labels}${cells}</tr>`;
    })
    .join('\n');
  return `<table class="report-table">\n<caption>${esc(REQUESTS_TABLE_TITLE)}</caption>\n<thead>\n${head}\n</thead>\n<tbody>\n${body}\n</tbody>\n</table>`;
}

function appealsTable(report: AnyReport): string {
  const a = report.tables.appeals;
  const head = [
    '<tr><th colspan="5" rowspan="2" scope="colgroup">行政复议</th><th colspan="10" scope="colgroup">行政诉讼</th></tr>',
    `<tr>${APPEAL_GROUPS.filter((g) => g.parent === '行政诉讼')
      .map((g) => `<th colspan="5" scope="colgroup">${esc(g.label)}</th>`)
      .join('')}</tr>`,
    `<tr>${APPEAL_GROUPS.map(() => APPEAL_COLUMNS.map((c) => `<th scope="col">${esc(c.label)}</th>`).join('')).join('')}</tr>`,
  ].join('\n');
  const cells = APPEAL_GROUPS.map((g) => APPEAL_COLUMNS.map((c) => td(a[g.key]?.[c.key])).join('')).join('');
  return `<table class="report-table">\n<caption>${esc(APPEALS_TABLE_TITLE)}</caption>\n<thead>\n${head}\n</thead>\n<tbody>\n<tr>${cells}</tr>\n</tbody>\n</table>`;
}

const STYLE = `
body{font-family:"FangSong","STFangsong","仿宋",serif;line-height:1.8;max-width:60em;margin:2em auto;padding:0 1em;color:#111}
h1{font-family:"SimSun","宋体",serif;text-align:center;font-size:1.6em}
h2{font-family:"SimHei","黑体",sans-serif;font-size:1.2em;margin-top:1.6em}
p{text-indent:2em;margin:.4em 0}
p.closing{text-align:right;text-indent:0}
table.report-table{border-collapse:collapse;width:100%;margin:1em 0;font-size:.9em}
table.report-table caption{font-weight:bold;padding:.3em}
table.report-table th,table.report-table td{border:1px solid #333;padding:.2em .4em;text-align:center}
table.report-table th[scope=row]{text-align:left;font-weight:normal}
table.report-table td{font-variant-numeric:tabular-nums}
`;

/** Render a report as a complete HTML document (lang zh-CN). Text placeholders are bound from the tables. */
export function renderReportHtml(report: AnyReport, narrative: ReportNarrative): string {
  const n = bindReportNarrative(narrative, report);
  const tables: Partial<Record<ChapterKey, string>> = {
    proactive: proactiveTables(report),
    requests: requestsTable(report),
    appeals: appealsTable(report),
  };
  const sections = CHAPTERS.map((c) => {
    const text = paragraphs(n.chapters[c.key])
      .map((p) => `<p>${esc(p)}</p>`)
      .join('\n');
    const table = tables[c.key] ? `\n${tables[c.key]}` : '';
    return `<section aria-labelledby="chapter-${c.index}">\n<h2 id="chapter-${c.index}">${esc(c.title)}</h2>\n${text}${table}\n</section>`;
  }).join('\n');
  const preface = paragraphs(n.preface)
    .map((p) => `<p>${esc(p)}</p>`)
    .join('\n');
  const closing = paragraphs(n.closing)
    .map((p) => `<p class="closing">${esc(p)}</p>`)
    .join('\n');
  return `<!DOCTYPE html>
<html lang="zh-CN">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${esc(n.title)}</title>
<style>${STYLE}</style>
</head>
<body>
<main>
<article>
<h1>${esc(n.title)}</h1>
${preface}
${sections}
${closing}
</article>
</main>
</body>
</html>
`;
}
