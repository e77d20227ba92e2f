import { formFields } from '../platform/http/form-body.js';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import type { FastifyInstance } from 'fastify';
import { registerEntityLabels } from '../platform/audit/entity-labels.js';
import type { AppContext } from '../platform/context.js';
import { requirePermission, requireUser } from '../platform/http/auth-plugin.js';
import { assertCan, visibleAgency } from '../platform/auth/permissions.js';
import { badRequest, notFound } from '../platform/errors.js';
import { actorOf } from '../platform/auth/accounts.service.js';
import { documentImportTemplate, importDocuments } from './document-import.js';
import { columnsOf, saveColumn, settingsOf, updateSettings } from './catalogue.service.js';
import { CHANNEL_LABELS, channelCounts, listChannelLog, logChannel } from './channels.service.js';
import { listComments, moderateComment, setFeedback } from './consultations.service.js';
import { ATTRIBUTE_LABELS, KIND_LABELS, STATUS_LABELS, VALIDITY_LABELS } from './items.service.js';
import { addRegisterDoc, listRegisters, proactiveTable, REGISTER_DOC_LABELS, REGISTER_STAT_LABELS, setRegisterStat } from './registers.service.js';
import { CONFIDENTIALITY_CHECKLIST } from './review.js';
import {
  ChannelBody,
  ChannelsQuery,
  ColumnBody,
  ColumnParams,
  ColumnsQuery,
  FeedbackBody,
  IdParams,
  ModerateBody,
  ProactiveQuery,
  RegisterDocBody,
  RegisterStatBody,
  SettingsBody,
} from './publishing.api.js';
import { itemRoutes } from './items.routes.js';
import { tags, write } from './publishing.http.js';

/** HTTP routes of the publishing capability: the staff JSON API under /api/publishing (the public column is in column/column.routes.ts). */

export async function publishingRoutes(fastify: FastifyInstance, ctx: AppContext): Promise<void> {
  const app = fastify.withTypeProvider<TypeBoxTypeProvider>();
  registerEntityLabels(
    'pub_item',
    async (db, ids) => new Map((await db.selectFrom('pub_items').select(['id', 'title']).where('id', 'in', ids).execute()).map((i) => [i.id, i.title])),
  );

  app.get('/api/publishing/meta', { schema: { tags, summary: '主动公开的代码表：信息类别、公开属性、有效性、状态、渠道、保密审查清单' } }, async (req) => {
    requireUser(req);
    return {
      kinds: KIND_LABELS,
      attributes: ATTRIBUTE_LABELS,
      validity: VALIDITY_LABELS,
      statuses: STATUS_LABELS,
      channels: CHANNEL_LABELS,
      checklist: CONFIDENTIALITY_CHECKLIST,
      registerDocs: REGISTER_DOC_LABELS,
      registerStats: REGISTER_STAT_LABELS,
    };
  });

  app.get(
    '/api/publishing/columns',
    {
      schema: {
        tags,
        summary: '本机关的公开目录栏目',
        querystring: ColumnsQuery,
      },
    },
    async (req) => {
      const p = requirePermission(req, 'cases.read');
      const agencyId = req.query.agencyId ?? p.agencyId;
      const ok = await ctx.db
        .selectFrom('agencies')
        .select('id')
        .where('id', '=', agencyId)
        .where((eb) => visibleAgency(eb, 'agencies.id', p))
        .executeTakeFirst();
      if (!ok) throw notFound('未找到该机关。');
      return { columns: await columnsOf(ctx.db, agencyId, { includeHidden: true }), settings: await settingsOf(ctx.db, agencyId) };
    },
  );

  app.get('/api/publishing/import-template.xlsx', { schema: { tags, summary: '已公开信息导入模板（.xlsx）' } }, async (req, reply) => {
    requirePermission(req, 'publishing.review');
    const name = '已公开信息导入模板.xlsx';
    return reply
      .type('application/vnd.openxmlformats-officedocument.spreadsheetml.sheet')
      .header('content-disposition', `attachment; filename="publishing-import.xlsx"; filename*=UTF-8''${encodeURIComponent(name)}`)
      .header('x-content-type-options', 'nosniff')
      .send(await documentImportTemplate());
  });
  app.post(
    '/api/publishing/import',
    {
      ...write,
      schema: {
        tags,
        summary: '导入已公开信息（multipart：file、dryRun；逐行校验，全部正确才写入并发布，重复导入不重复写入；附件请用命令行导入；公开工作机构负责人）',
        consumes: ['multipart/form-data'],
      },
    },
    async (req) => {
      const p = requirePermission(req, 'publishing.review');
      const b = formFields(req.body);
      if (!Buffer.isBuffer(b.file)) throw badRequest('请选择要导入的 .xlsx 文件。');
      return importDocuments(ctx.db, p, p.agencyId, b.file, { dryRun: b.dryRun === '1' || b.dryRun === 'true', today: ctx.clock.today(), actor: actorOf(p) });
    },
  );

  app.put(
    '/api/publishing/columns/:code',
    {
      ...write,
      schema: {
        tags,
        summary: '新增或修改栏目',
        params: ColumnParams,
        body: ColumnBody,
      },
    },
    async (req) => {
      const p = requirePermission(req, 'publishing.draft');
      return saveColumn(ctx.db, p, { code: req.params.code, ...req.body });
    },
  );

  app.put(
    '/api/publishing/settings',
    {
      ...write,
      schema: {
        tags,
        summary: '索引号格式与审核层级',
        body: SettingsBody,
      },
    },
    async (req) => updateSettings(ctx.db, requirePermission(req, 'publishing.review'), req.body),
  );

  await itemRoutes(app, ctx);

  app.get('/api/publishing/items/:id/comments', { schema: { tags, summary: '征求意见稿收到的公众意见', params: IdParams } }, async (req) => ({
    comments: await listComments(ctx, requirePermission(req, 'publishing.draft'), req.params.id),
  }));

  app.post(
    '/api/publishing/comments/:id/moderate',
    {
      ...write,
      schema: {
        tags,
        summary: '审核公众意见',
        params: IdParams,
        body: ModerateBody,
      },
    },
    async (req) => moderateComment(ctx.db, requirePermission(req, 'publishing.draft'), req.params.id, req.body),
  );

  app.post(
    '/api/publishing/items/:id/feedback',
    {
      ...write,
      schema: {
        tags,
        summary: '发布意见采纳情况反馈',
        params: IdParams,
        body: FeedbackBody,
      },
    },
    async (req) => setFeedback(ctx.db, requirePermission(req, 'publishing.review'), req.params.id, req.body.feedbackHtml),
  );

  app.get(
    '/api/publishing/channels',
    {
      schema: {
        tags,
        summary: '发布渠道记录及年度统计',
        querystring: ChannelsQuery,
      },
    },
    async (req) => {
      const p = requirePermission(req, 'cases.read');
      const { year } = req.query;
      const log = await listChannelLog(ctx.db, p, year);
      const agencyIds = [...new Set(log.map((l) => l.agency_id).concat(p.agencyId))];
      return { counts: await channelCounts(ctx.db, agencyIds, year), log };
    },
  );

  app.post(
    '/api/publishing/channels',
    {
      ...write,
      schema: {
        tags,
        summary: '登记一次渠道发布',
        body: ChannelBody,
      },
    },
    async (req, reply) => {
      return reply.status(201).send(await logChannel(ctx.db, requirePermission(req, 'publishing.draft'), req.body));
    },
  );

  app.get('/api/publishing/registers', { schema: { tags, summary: '第二十条登记簿：规章和规范性文件、许可、处罚、强制、收费、采购' } }, async (req) =>
    listRegisters(ctx.db, requirePermission(req, 'publishing.draft')),
  );

  app.post(
    '/api/publishing/registers/docs',
    {
      ...write,
      schema: {
        tags,
        summary: '登记规章或行政规范性文件',
        body: RegisterDocBody,
      },
    },
    async (req, reply) => reply.status(201).send(await addRegisterDoc(ctx.db, requirePermission(req, 'publishing.draft'), req.body)),
  );

  app.put(
    '/api/publishing/registers/stats',
    {
      ...write,
      schema: {
        tags,
        summary: '填报某登记簿某年度的数量',
        body: RegisterStatBody,
      },
    },
    async (req) => {
      return setRegisterStat(ctx.db, requirePermission(req, 'publishing.draft'), req.body);
    },
  );

  app.get(
    '/api/publishing/registers/proactive',
    {
      schema: {
        tags,
        summary: '年度报告“主动公开政府信息情况”表（本机关，或主管部门所辖全部机关）',
        querystring: ProactiveQuery,
      },
    },
    async (req) => {
      const p = requirePermission(req, 'reports.read');
      assertCan(p, 'reports.read');
      const { year, format } = req.query;
      const ids = (
        await ctx.db
          .selectFrom('agencies')
          .select('id')
          .where((eb) => visibleAgency(eb, 'agencies.id', p))
          .execute()
      ).map((r) => r.id);
      return {
        year,
        format: format ?? (year >= 2021 ? '2021' : '2019'),
        proactive: await proactiveTable(ctx.db, ids, year, format ?? (year >= 2021 ? '2021' : '2019')),
      };
    },
  );
}
