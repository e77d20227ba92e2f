import { isFormBody } from '../platform/http/form-body.js';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { registerEntityLabels } from '../platform/audit/entity-labels.js';
import type { FastifyInstance } from 'fastify';
import type { AppContext } from '../platform/context.js';
import { requirePermission } from '../platform/http/auth-plugin.js';
import { AppError, badRequest } from '../platform/errors.js';
import { DEFAULT_MAX_CHARS } from './check/input.js';
import { checkInWorker } from './check/worker-check.js';
import { ReportReadError } from './check/errors.js';
import { MEDIA_TYPES, reportHtml, toCsv, toDocx, toJson, toText } from './reports.export.js';
import { HEITI, PRINT_TOOLBAR, printCss } from '../platform/documents/print.js';
import { escapeHtml } from '../platform/documents/index.js';
import { reportsPortalRoutes } from './reports.portal.js';
import * as service from './reports.service.js';
import {
  AcknowledgementBody,
  type CheckResponse,
  CorrectionBody,
  CreateReportBody,
  DownloadQuery,
  ListReportsQuery,
  NarrativeBody,
  ReportIdParams as Id,
  RevisionBody,
  SignoffBody,
  SummaryQuery,
} from './reports.api.js';
import { reportTitle } from './reports.document.js';

/** HTTP routes of the reports capability: the console's JSON API (/api/reports/…) and the portal section. */

const tags = ['reports'];

/** The multipart form's fields (attached to the body as key/values by the platform's multipart plugin). */

export async function reportsRoutes(app: FastifyInstance, ctx: AppContext): Promise<void> {
  registerEntityLabels(
    'annual_report',
    async (db, ids) =>
      new Map(
        (
          await db
            .selectFrom('annual_reports')
            .innerJoin('agencies', 'agencies.id', 'annual_reports.agency_id')
            .select(['annual_reports.id', 'annual_reports.year', 'agencies.name'])
            .where('annual_reports.id', 'in', ids)
            .execute()
        ).map((r) => [r.id, `${r.name}${r.year}年度报告`]),
      ),
  );

  const { db } = ctx;
  const r = app.withTypeProvider<TypeBoxTypeProvider>();

  r.get('/api/reports', { schema: { tags, summary: '年度报告列表', querystring: ListReportsQuery } }, async (req) =>
    service.listReports(db, requirePermission(req, 'reports.read'), req.query),
  );

  r.post(
    '/api/reports',
    {
      schema: {
        tags,
        summary: '新建年度报告（由台账计算表格并生成初稿）',
        body: CreateReportBody,
      },
    },
    async (req, reply) => reply.status(201).send(await service.createDraft(db, requirePermission(req, 'reports.edit'), req.body)),
  );

  r.get('/api/reports/deadline', { schema: { tags, summary: '年度报告发布期限倒计时' } }, async (req) =>
    service.deadlineFor(db, requirePermission(req, 'reports.read')),
  );

  r.get('/api/reports/summary', { schema: { tags, summary: '所辖各机关年度报告发布情况（政务公开办）', querystring: SummaryQuery } }, async (req) =>
    service.publicationSummary(db, requirePermission(req, 'reports.read'), req.query.year),
  );

  r.get('/api/reports/:id', { schema: { tags, summary: '年度报告详情（表格、文字、校验结果、审核）', params: Id } }, async (req) =>
    service.getReport(db, requirePermission(req, 'reports.read'), req.params.id),
  );

  r.put(
    '/api/reports/:id/narrative',
    {
      schema: {
        tags,
        summary: '修改报告文字（数字用占位符绑定表格，如{{requests.new.total}}）',
        params: Id,
        body: NarrativeBody,
      },
    },
    async (req) => service.updateNarrative(db, requirePermission(req, 'reports.edit'), req.params.id, req.body),
  );

  r.post('/api/reports/:id/recompute', { schema: { tags, summary: '由台账重新计算表格', params: Id, body: RevisionBody } }, async (req) =>
    service.recompute(db, requirePermission(req, 'reports.edit'), req.params.id, req.body),
  );

  r.get('/api/reports/:id/validation', { schema: { tags, summary: '校验年度报告', params: Id } }, async (req) =>
    service.validateDraft(db, requirePermission(req, 'reports.read'), req.params.id),
  );

  r.post(
    '/api/reports/:id/acknowledgements',
    {
      schema: {
        tags,
        summary: '审核人确认一条提示',
        params: Id,
        body: AcknowledgementBody,
      },
    },
    async (req) => service.acknowledgeWarning(db, requirePermission(req, 'reports.review'), req.params.id, req.body),
  );

  r.post(
    '/api/reports/:id/signoffs',
    {
      schema: {
        tags,
        summary: '审核签批（办公室主任 → 分管领导 → 主要负责人）',
        params: Id,
        body: SignoffBody,
      },
    },
    async (req) => service.signOff(db, requirePermission(req, 'reports.review'), req.params.id, req.body),
  );

  r.post('/api/reports/:id/publish', { schema: { tags, summary: '发布已签发的年度报告', params: Id, body: RevisionBody } }, async (req) =>
    service.publish(db, requirePermission(req, 'reports.read'), req.params.id, req.body),
  );

  r.post(
    '/api/reports/:id/corrections',
    {
      schema: {
        tags,
        summary: '发起更正（更正后作为新版本发布，附更正说明）',
        params: Id,
        body: CorrectionBody,
      },
    },
    async (req) => service.startCorrection(db, requirePermission(req, 'reports.edit'), req.params.id, req.body),
  );

  r.get(
    '/api/reports/:id/download',
    {
      schema: {
        tags,
        summary: '下载报告草稿（docx、json、csv、txt）',
        params: Id,
        querystring: DownloadQuery,
      },
    },
    async (req, reply) => {
      const p = requirePermission(req, 'reports.read');
      const fmt = req.query.format;
      const { row, document } = await service.draftDocument(db, p, req.params.id);
      const name = `${reportTitle(document.report.agency, row.year)}（草稿第${row.revision}稿）.${fmt}`;
      reply
        .type(MEDIA_TYPES[fmt])
        .header('content-disposition', `attachment; filename="annual-report-${row.year}-draft.${fmt}"; filename*=UTF-8''${encodeURIComponent(name)}`);
      if (fmt === 'json') return toJson(document.report);
      if (fmt === 'csv') return toCsv(document.report);
      if (fmt === 'txt') return toText(document);
      if (fmt === 'docx') return reply.send(await toDocx(document));
      throw badRequest('不支持的格式。');
    },
  );

  r.get(
    '/api/reports/:id/print',
    { schema: { tags, summary: '打印年度报告（A4 HTML：仿宋正文、黑体标题，草稿注明稿次）', params: Id } },
    async (req, reply) => {
      const p = requirePermission(req, 'reports.read');
      const { row, document } = await service.draftDocument(db, p, req.params.id);
      const title = reportTitle(document.report.agency, row.year);
      const css = `${printCss()}
.annual-report p { text-indent: 2em; margin: 0 0 2mm; } .annual-report p.closing { text-align: right; text-indent: 0; }
.report-table { font-size: 9.5pt; margin: 3mm 0 5mm; } .report-table caption { font-family: ${HEITI}; padding: 1mm; }
.report-table th, .report-table td { text-align: center; padding: 0.8mm 1.2mm; } .report-table th[scope=row] { text-align: left; }
.annual-report h1 { font-family: "FZXiaoBiaoSong-B05S", "方正小标宋简体", "SimSun", "宋体", serif; }`;
      const body = `<!doctype html><html lang="zh-CN"><head><meta charset="utf-8"><title>${escapeHtml(title)}</title><style>${css}</style></head><body>
${PRINT_TOOLBAR}
<p class="meta">${escapeHtml(`${title}（第${row.revision}稿，${row.status === 'published' ? '已发布' : '草稿'}）`)}</p>
${String(reportHtml(document))}
</body></html>`;
      return reply.type('text/html; charset=utf-8').header('cache-control', 'no-store').send(body);
    },
  );

  // The checker: upload any published report (.txt, .html, .docx, .md, .pdf) and see what is wrong with it.
  r.post(
    '/api/reports/check',
    {
      // Reading a PDF or a large .docx is heavy: a few dozen files a minute per client is plenty for people.
      config: { rateLimit: { max: 30, timeWindow: '1 minute' } },
      schema: { tags, summary: '检查已发布的年度报告文件（multipart：file，可选 previous 为上年报告）', consumes: ['multipart/form-data'] },
    },
    async (req): Promise<CheckResponse> => {
      requirePermission(req, 'reports.read');
      const body = req.body;
      if (!isFormBody(body) || !req.isMultipart()) throw badRequest('请以 multipart/form-data 上传报告文件（字段 file）。');
      for (const k of Object.keys(body)) if (k !== 'file' && k !== 'previous') throw badRequest(`上传表单包含不允许的字段：${k}。`);
      const file = body.file;
      if (!Buffer.isBuffer(file)) throw badRequest('请选择要检查的报告文件（字段 file）。');
      const prevBytes = body.previous;
      if (prevBytes !== undefined && !Buffer.isBuffer(prevBytes)) throw badRequest('上年报告（字段 previous）须为文件。');
      try {
        // Off the event loop, with a time and memory limit: the server keeps answering while a file is read.
        const res = await checkInWorker({ bytes: file, previousBytes: prevBytes, maxChars: DEFAULT_MAX_CHARS }, {}, { transfer: true });
        const errors = res.report.findings.filter((f) => f.severity === 'error').length;
        return {
          source: res.source,
          report: res.report,
          prose: res.prose,
          chapters: res.chapters.map((c) => c.key),
          summary: { errors, warnings: res.report.findings.length - errors, ok: errors === 0 },
        };
      } catch (err) {
        if (err instanceof ReportReadError) throw new AppError(err.code === 'too-large' ? 413 : 422, err.message, `unreadable_${err.code}`);
        throw err;
      }
    },
  );

  await reportsPortalRoutes(app, ctx);
}
