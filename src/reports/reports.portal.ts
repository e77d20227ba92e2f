import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import type { FastifyInstance } from 'fastify';
import type { AppContext } from '../platform/context.js';
import { notFound } from '../platform/errors.js';
import { listAllAgencies } from '../platform/org/agencies.service.js';
import { todayInChina } from '../platform/time.js';
import { html, raw, type Raw } from '../platform/web/html.js';
import { printButton } from '../platform/web/widgets.js';
import { page } from '../platform/web/layout.js';
import { FORMAT_NAMES } from '../rules/report/index.js';
import { MEDIA_TYPES, reportHtml, toCsv, toDocx, toJson, toText, type ExportFormat } from './reports.export.js';
import { publishedReport, publishedYears } from './reports.service.js';
import { reportTitle } from './reports.document.js';
import { PortalAgencyParams, PortalFileParams, PortalFileQuery } from './reports.api.js';

/**
 * The portal's 政府信息公开年报 section of an agency's disclosure column: the published reports by year, each
 * as an HTML page with proper tables and as .docx / .json / .csv / .txt downloads. Corrected reports show
 * their correction note, and every earlier version stays viewable (a published report never changes silently).
 */

const FILE = /^(\d{4})(?:\.(json|csv|docx|txt))?$/;

const chinaDate = (iso: string) => {
  const d = todayInChina(new Date(iso));
  return `${Number(d.slice(0, 4))}年${Number(d.slice(5, 7))}月${Number(d.slice(8, 10))}日`;
};

/** Each of the report's tables scrolls inside its own labelled region, so a phone's page is never widened. */
function scrollingTables(h: Raw): Raw {
  return raw(
    h.value
      .replace(
        /<table class="report-table">\n<caption>([^<]*)<\/caption>/g,
        (_m, caption: string) =>
          `<div class="table-scroll" role="region" tabindex="0" aria-label="${caption}"><table class="report-table">\n<caption>${caption}</caption>`,
      )
      .replace(/<\/table>/g, '</table></div>'),
  );
}

export async function reportsPortalRoutes(app: FastifyInstance, ctx: AppContext): Promise<void> {
  const r = app.withTypeProvider<TypeBoxTypeProvider>();
  const agencyByCode = async (code: string) => {
    const agency = (await listAllAgencies(ctx.db)).find((a) => a.code === code);
    if (!agency) throw notFound('未找到该机关的公开专栏。');
    return agency;
  };

  r.get('/a/:code/reports', { schema: { hide: true, params: PortalAgencyParams } }, async (req, reply) => {
    const agency = await agencyByCode(req.params.code);
    const years = await publishedYears(ctx.db, agency.id);
    const main = html`<h1>${agency.name}政府信息公开工作年度报告</h1>
<p class="muted">依据《中华人民共和国政府信息公开条例》第四十九条，每年1月31日前公布上一年度的政府信息公开工作年度报告。</p>
${
  years.length === 0
    ? html`<p>暂无已发布的年度报告。</p>`
    : html`<table class="list"><caption>已发布的年度报告</caption><thead><tr><th scope="col">年度</th><th scope="col">报告</th><th scope="col">发布日期</th><th scope="col">下载</th></tr></thead><tbody>
${years.map(
  (
    y,
  ) => html`<tr><th scope="row">${y.year}年</th><td><a href="/a/${agency.code}/reports/${y.year}">${reportTitle(agency.name, y.year)}</a>${y.corrected ? html`<br><span class="muted">（已更正，现为第${y.latest}版）</span>` : ''}</td>
<td>${chinaDate(y.firstPublishedAt)}</td>
<td><a href="/a/${agency.code}/reports/${y.year}.docx">Word</a> · <a href="/a/${agency.code}/reports/${y.year}.json">JSON</a> · <a href="/a/${agency.code}/reports/${y.year}.csv">CSV</a></td></tr>`,
)}
</tbody></table>`
}`;
    return reply.type('text/html; charset=utf-8').send(
      page({
        title: `${agency.name}政府信息公开年报`,
        agency: { code: agency.code, name: agency.name, section: 'reports' },
        main,
        breadcrumb: [{ href: '/', label: '首页' }, { href: `/a/${agency.code}/`, label: agency.name }, { label: '政府信息公开年报' }],
      }),
    );
  });

  r.get('/a/:code/reports/:file', { schema: { hide: true, params: PortalFileParams, querystring: PortalFileQuery } }, async (req, reply) => {
    const { code, file } = req.params;
    const q = req.query;
    const m = FILE.exec(file);
    if (!m) throw notFound('您访问的页面不存在。');
    const year = Number(m[1]);
    const ext = (m[2] ?? 'html') as ExportFormat;
    let version: number | undefined;
    if (q.version !== undefined) {
      if (!/^\d{1,4}$/.test(q.version)) throw notFound('未找到该版本的年度报告。');
      version = Number(q.version);
    }
    const agency = await agencyByCode(code);
    const pub = await publishedReport(ctx.db, agency.id, year, version);
    if (!pub) throw notFound(version ? '未找到该版本的年度报告。' : `${agency.name}尚未发布${year}年度报告。`);
    const base = `${agency.code}-${year}-annual-report${version ? `-v${version}` : ''}`;
    const filename = `${reportTitle(agency.name, year)}${pub.version > 1 ? `（第${pub.version}版）` : ''}`;
    const disposition = (e: string) => `attachment; filename="${base}.${e}"; filename*=UTF-8''${encodeURIComponent(`${filename}.${e}`)}`;
    reply.header('cache-control', 'public, max-age=300');
    switch (ext) {
      case 'json':
        return reply.type(MEDIA_TYPES.json).header('content-disposition', disposition('json')).send(toJson(pub.document.report));
      case 'csv':
        return reply.type(MEDIA_TYPES.csv).header('content-disposition', disposition('csv')).send(toCsv(pub.document.report));
      case 'txt':
        return reply.type(MEDIA_TYPES.txt).header('content-disposition', disposition('txt')).send(toText(pub.document));
      case 'docx':
        return reply
          .type(MEDIA_TYPES.docx)
          .header('content-disposition', disposition('docx'))
          .send(await toDocx(pub.document));
      default:
        break;
    }
    const latest = pub.versions[pub.versions.length - 1]!;
    const isLatest = pub.version === latest.version;
    const qs = version ? `?version=${version}` : '';
    const main = html`${!isLatest ? html`<div class="notice" role="note"><p>您正在查看第${pub.version}版（${chinaDate(pub.publishedAt)}发布）。该报告已更正，<a href="/a/${agency.code}/reports/${year}">查看现行版本（第${latest.version}版）</a>。</p></div>` : ''}
${pub.note ? html`<div class="notice" role="note"><h2>更正说明</h2><p>本报告于${chinaDate(pub.publishedAt)}更正为第${pub.version}版：${pub.note}</p></div>` : ''}
<style>.annual-report p{text-indent:2em}.annual-report p.closing{text-align:right;text-indent:0}.report-table{border-collapse:collapse;width:100%;margin:1em 0;font-size:.9em}.report-table caption{font-weight:bold;padding:.3em}.report-table th,.report-table td{border:1px solid #333;padding:.2em .4em;text-align:center}.report-table th[scope=row]{text-align:left;font-weight:normal}</style>
${printButton()}
${scrollingTables(reportHtml(pub.document))}
<section class="panel no-print" aria-labelledby="downloads"><h2 id="downloads">下载</h2>
<ul><li><a href="/a/${agency.code}/reports/${year}.docx${qs}">Word 文档（.docx）</a></li>
<li><a href="/a/${agency.code}/reports/${year}.json${qs}">表格数据（JSON，${FORMAT_NAMES[pub.document.report.format]}）</a></li>
<li><a href="/a/${agency.code}/reports/${year}.csv${qs}">表格数据（CSV）</a></li>
<li><a href="/a/${agency.code}/reports/${year}.txt${qs}">纯文本（.txt）</a></li></ul></section>
${
  pub.versions.length > 1
    ? html`<section class="panel" aria-labelledby="versions"><h2 id="versions">版本记录</h2><table class="list"><caption>本报告的全部发布版本</caption><thead><tr><th scope="col">版本</th><th scope="col">发布日期</th><th scope="col">更正说明</th></tr></thead><tbody>
${pub.versions.map((v) => html`<tr><th scope="row">${v.version === pub.version ? html`第${v.version}版（当前查看）` : html`<a href="/a/${agency.code}/reports/${year}?version=${v.version}">第${v.version}版</a>`}</th><td>${chinaDate(v.publishedAt)}</td><td>${v.note ?? '首次发布'}</td></tr>`)}
</tbody></table></section>`
    : ''
}`;
    return reply.type('text/html; charset=utf-8').send(
      page({
        title: reportTitle(agency.name, year),
        agency: { code: agency.code, name: agency.name, section: 'reports' },
        main,
        breadcrumb: [
          { href: '/', label: '首页' },
          { href: `/a/${agency.code}/`, label: agency.name },
          { href: `/a/${agency.code}/reports`, label: '政府信息公开年报' },
          { label: `${year}年度报告` },
        ],
      }),
    );
  });
}
