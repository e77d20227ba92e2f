import { isFormBody } from '../platform/http/form-body.js';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import type { FastifyInstance } from 'fastify';
import type { AppContext } from '../platform/context.js';
import { requirePermission, requireUser } from '../platform/http/auth-plugin.js';
import { badRequest } from '../platform/errors.js';
import { getAgency } from '../platform/org/agencies.service.js';
import { todayInChina } from '../platform/time.js';
import { assessmentDocx, boardXlsx, XLSX_MEDIA_TYPE } from './supervision.export.js';
import {
  AnswerOrderBody,
  BatchCheckBody,
  DrillParams,
  FindingBody,
  IssueOrderBody,
  OrderIdParams,
  OrdersQuery,
  PeriodQuery,
  SaveSchemeBody,
  TrendsQuery,
  YearQuery,
} from './supervision.api.js';
import * as service from './supervision.service.js';

/** HTTP routes of the supervision capability: the console's JSON API under /api/supervision (the portal statistics are in supervision.portal.ts). */

const tags = ['supervision'];

/** The multipart body (@fastify/multipart's `keyValues`): fields by name, files as Buffers; checked field by field below. */

const attachment = (name: string, ascii: string) => `attachment; filename="${ascii}"; filename*=UTF-8''${encodeURIComponent(name)}`;

export async function supervisionRoutes(app: FastifyInstance, ctx: AppContext): Promise<void> {
  const { db } = ctx;
  const r = app.withTypeProvider<TypeBoxTypeProvider>();
  const period = (q: PeriodQuery) => service.parsePeriod(q.from, q.to);

  r.get(
    '/api/supervision/board',
    { schema: { tags, summary: '监督看板：所辖各机关的依申请公开、主动公开、年度报告和督办情况', querystring: PeriodQuery } },
    async (req) => service.board(ctx, requirePermission(req, 'supervision.manage'), period(req.query)),
  );

  r.get('/api/supervision/board.xlsx', { schema: { tags, summary: '导出监督看板（.xlsx）', querystring: PeriodQuery } }, async (req, reply) => {
    const b = await service.board(ctx, requirePermission(req, 'supervision.manage'), period(req.query));
    reply.type(XLSX_MEDIA_TYPE).header('content-disposition', attachment(`监督看板（${b.period.from}至${b.period.to}）.xlsx`, 'board.xlsx'));
    return reply.send(await boardXlsx(b));
  });

  r.get(
    '/api/supervision/drill/:agencyId/:figure',
    {
      schema: {
        tags,
        summary: '看板数字背后的记录（申请人已隐去）',
        params: DrillParams,
        querystring: PeriodQuery,
      },
    },
    async (req) => {
      const { agencyId, figure } = req.params;
      return service.drillDown(ctx, requirePermission(req, 'supervision.manage'), agencyId, figure, period(req.query));
    },
  );

  r.get(
    '/api/supervision/trends',
    {
      schema: {
        tags,
        summary: '逐年趋势（申请、按时答复率、复议诉讼、主动公开）',
        querystring: TrendsQuery,
      },
    },
    async (req) => {
      const q = req.query;
      return service.trends(ctx, requirePermission(req, 'supervision.manage'), {
        agencyId: q.agencyId,
        lastYear: q.year ?? Number(todayInChina().slice(0, 4)),
        years: q.years,
      });
    },
  );

  r.get('/api/supervision/scheme', { schema: { tags, summary: '考核方案（评分细则）' } }, async (req) =>
    service.getScheme(db, requirePermission(req, 'supervision.manage')),
  );
  r.put(
    '/api/supervision/scheme',
    {
      schema: {
        tags,
        summary: '保存考核方案',
        body: SaveSchemeBody,
      },
    },
    async (req) => service.saveScheme(db, requirePermission(req, 'supervision.manage'), req.body),
  );

  r.get('/api/supervision/assessment', { schema: { tags, summary: '年度考核得分、名次和每一项扣分的依据', querystring: YearQuery } }, async (req) => {
    const q = req.query;
    return service.assess(ctx, requirePermission(req, 'supervision.manage'), q.year, q.agencyId ? { agencyId: q.agencyId } : {});
  });
  r.get(
    '/api/supervision/assessment.xlsx',
    { schema: { tags, summary: '导出考核结果（.xlsx：看板、得分、扣分依据）', querystring: YearQuery } },
    async (req, reply) => {
      const p = requirePermission(req, 'supervision.manage');
      const { year } = req.query;
      const result = await service.assess(ctx, p, year);
      const b = await service.board(ctx, p, { from: `${year}-01-01`, to: `${year}-12-31` < todayInChina() ? `${year}-12-31` : todayInChina() });
      reply.type(XLSX_MEDIA_TYPE).header('content-disposition', attachment(`${year}年度政务公开工作考核.xlsx`, `assessment-${year}.xlsx`));
      return reply.send(await boardXlsx(b, result));
    },
  );
  r.get('/api/supervision/assessment.docx', { schema: { tags, summary: '考核通报（.docx，公文格式）', querystring: YearQuery } }, async (req, reply) => {
    const p = requirePermission(req, 'supervision.manage');
    const { year } = req.query;
    const result = await service.assess(ctx, p, year);
    const office = await getAgency(db, p.agencyId);
    reply
      .type('application/vnd.openxmlformats-officedocument.wordprocessingml.document')
      .header('content-disposition', attachment(`关于${year}年度政务公开工作考核情况的通报.docx`, `notice-${year}.docx`));
    return reply.send(await assessmentDocx(result, office?.office_name || office?.name || '政务公开办', todayInChina()));
  });

  r.get(
    '/api/supervision/orders',
    {
      schema: {
        tags,
        summary: '督办事项（政务公开办看所辖机关，机关看本机关收到的）',
        querystring: OrdersQuery,
      },
    },
    async (req) => service.listOrders(db, requireUser(req), req.query),
  );
  r.post(
    '/api/supervision/orders',
    {
      schema: {
        tags,
        summary: '发出督办（督办事项、办理期限）',
        body: IssueOrderBody,
      },
    },
    async (req, reply) => reply.status(201).send(await service.issueOrder(ctx, requirePermission(req, 'supervision.manage'), req.body)),
  );
  r.post(
    '/api/supervision/orders/:id/answer',
    {
      schema: {
        tags,
        summary: '答复督办（办理情况）',
        params: OrderIdParams,
        body: AnswerOrderBody,
      },
    },
    async (req) => service.answerOrder(ctx, requirePermission(req, 'supervision.answer'), req.params.id, req.body),
  );

  r.post(
    '/api/supervision/findings',
    {
      schema: {
        tags,
        summary: '登记检查发现的问题（如泄露个人隐私），计入考核',
        body: FindingBody,
      },
    },
    async (req, reply) => reply.status(201).send(await service.recordFinding(ctx, requirePermission(req, 'supervision.manage'), req.body)),
  );

  r.post(
    '/api/supervision/collected',
    {
      config: { rateLimit: { max: 60, timeWindow: '1 minute' } },
      schema: { tags, summary: '报送年度报告文件（multipart：agencyId、year、file，可选 filename），并立即检查', consumes: ['multipart/form-data'] },
    },
    async (req, reply) => {
      const p = requirePermission(req, 'supervision.manage');
      const body = req.body;
      if (!isFormBody(body) || !req.isMultipart()) throw badRequest('请以 multipart/form-data 上传报告文件（字段 agencyId、year、file）。');
      for (const k of Object.keys(body)) if (!['agencyId', 'year', 'file', 'filename'].includes(k)) throw badRequest(`上传表单包含不允许的字段：${k}。`);
      if (!Buffer.isBuffer(body.file)) throw badRequest('请选择报告文件（字段 file）。');
      if (typeof body.agencyId !== 'string' || typeof body.year !== 'string' || !/^\d{4}$/.test(body.year))
        throw badRequest('请指明报送机关（agencyId）和报告年度（year，四位数字）。');
      const filename = typeof body.filename === 'string' && body.filename.trim() ? body.filename.trim() : '年度报告';
      return reply.status(201).send(await service.collectReport(ctx, p, { agencyId: body.agencyId, year: Number(body.year), filename, bytes: body.file }));
    },
  );
  r.post(
    '/api/supervision/collected/check',
    {
      config: { rateLimit: { max: 10, timeWindow: '1 minute' } },
      schema: { tags, summary: '批量检查已报送的年度报告', body: BatchCheckBody },
    },
    async (req) => service.batchCheck(ctx, requirePermission(req, 'supervision.manage'), req.body.year),
  );
}
