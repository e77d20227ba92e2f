import { Type } from '@fastify/type-provider-typebox';
import { DATE_PATTERN, DATE_RANGE_MESSAGE } from '../platform/time.js';
import { registerEntityLabels } from '../platform/audit/entity-labels.js';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { AppContext } from '../platform/context.js';
import { requirePermission, requireUser } from '../platform/http/auth-plugin.js';
import { assertCan } from '../platform/auth/permissions.js';
import { badRequest, notFound } from '../platform/errors.js';
import { visibleAgency } from '../platform/auth/permissions.js';
import { invalidatePages } from '../platform/web/page-cache.js';
import { actorOf } from '../platform/auth/accounts.service.js';
import { documentImportTemplate, importDocuments } from './document-import.js';
import { columnsOf, saveColumn, settingsOf, updateSettings } from './catalogue.service.js';
import { CHANNEL_LABELS, channelCounts, listChannelLog, logChannel } from './channels.service.js';
import { listComments, moderateComment, setFeedback } from './consultations.service.js';
import {
  addAttachment,
  ATTRIBUTE_LABELS,
  createItem,
  dueItems,
  reindexPublished,
  getItemDetail,
  KIND_LABELS,
  listItems,
  releaseItem,
  removeAttachment,
  reviewItem,
  STATUS_LABELS,
  submitItem,
  updateItem,
  VALIDITY_LABELS,
  withdrawItem,
  type ItemInput,
} from './items.service.js';
import { addRegisterDoc, listRegisters, proactiveTable, REGISTER_DOC_LABELS, REGISTER_STAT_LABELS, setRegisterStat } from './registers.service.js';
import { CONFIDENTIALITY_CHECKLIST } from './review.js';
import type { ItemKind, ItemStatus, RegisterStatKind, Channel } from './publishing.schema.js';
import { spanText } from '../rules/citations.js';

/** HTTP routes of the publishing capability: the staff JSON API under /api/publishing (the public column is in column/column.routes.ts). */

const Id = Type.Object({ id: Type.String({ minLength: 1, maxLength: 64 }) }, { additionalProperties: false });
const DateStr = Type.String({ pattern: DATE_PATTERN, description: DATE_RANGE_MESSAGE });
const NullableStr = (max: number) => Type.Union([Type.String({ maxLength: max }), Type.Null()]);

const ItemBody = Type.Object(
  {
    agencyId: Type.Optional(Type.String({ maxLength: 64 })),
    columnCode: Type.String({ minLength: 1, maxLength: 20 }),
    kind: Type.Union(['general', 'normative', 'rule', 'interpretation', 'meeting', 'consultation'].map((k) => Type.Literal(k))),
    title: Type.String({ minLength: 1, maxLength: 200 }),
    summary: Type.Optional(Type.String({ maxLength: 1000 })),
    bodyHtml: Type.Optional(Type.String({ maxLength: 500_000 })),
    docNumber: Type.Optional(NullableStr(60)),
    publisher: Type.Optional(Type.String({ maxLength: 100 })),
    createdOn: DateStr,
    changedOn: Type.Optional(Type.Union([DateStr, Type.Null()])),
    validity: Type.Optional(Type.Union([Type.Literal('valid'), Type.Literal('expired'), Type.Literal('repealed')])),
    attribute: Type.Union([Type.Literal('proactive'), Type.Literal('on_request'), Type.Literal('withheld')]),
    withheldReason: Type.Optional(NullableStr(500)),
    policyId: Type.Optional(NullableStr(64)),
    commentOpens: Type.Optional(Type.Union([DateStr, Type.Null()])),
    commentCloses: Type.Optional(Type.Union([DateStr, Type.Null()])),
    expectedVersion: Type.Optional(Type.Integer({ minimum: 1 })),
  },
  { additionalProperties: false },
);

const write = {
  onSend: async (_req: unknown, _reply: unknown, payload: unknown) => {
    await invalidatePages();
    return payload;
  },
};

export async function publishingRoutes(app: FastifyInstance, ctx: AppContext): Promise<void> {
  registerEntityLabels(
    'pub_item',
    async (db, ids) => new Map((await db.selectFrom('pub_items').select(['id', 'title']).where('id', 'in', ids).execute()).map((i) => [i.id, i.title])),
  );

  const tags = ['主动公开'];

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
        querystring: Type.Object({ agencyId: Type.Optional(Type.String({ maxLength: 64 })) }, { additionalProperties: false }),
      },
    },
    async (req) => {
      const p = requirePermission(req, 'cases.read');
      const agencyId = (req.query as { agencyId?: string }).agencyId ?? p.agencyId;
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
      const b = (req.body ?? {}) as Record<string, unknown>;
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
        params: Type.Object({ code: Type.String({ maxLength: 20 }) }, { additionalProperties: false }),
        body: Type.Object(
          {
            name: Type.String({ maxLength: 40 }),
            section: Type.Union([Type.Literal('rules'), Type.Literal('statutory')]),
            art20: Type.Optional(NullableStr(4)),
            description: Type.Optional(Type.String({ maxLength: 500 })),
            sortOrder: Type.Optional(Type.Integer({ minimum: 0, maximum: 100000 })),
            hidden: Type.Optional(Type.Boolean()),
          },
          { additionalProperties: false },
        ),
      },
    },
    async (req) => {
      const p = requirePermission(req, 'publishing.draft');
      const b = req.body as { name: string; section: 'rules' | 'statutory'; art20?: string | null; description?: string; sortOrder?: number; hidden?: boolean };
      return saveColumn(ctx.db, p, { code: (req.params as { code: string }).code, ...b });
    },
  );

  app.put(
    '/api/publishing/settings',
    {
      ...write,
      schema: {
        tags,
        summary: '索引号格式与审核层级',
        body: Type.Object(
          {
            indexPattern: Type.Optional(Type.String({ maxLength: 80 })),
            reviewLevels: Type.Optional(Type.Array(Type.String({ maxLength: 20 }), { maxItems: 3 })),
          },
          { additionalProperties: false },
        ),
      },
    },
    async (req) => updateSettings(ctx.db, requirePermission(req, 'publishing.review'), req.body as { indexPattern?: string; reviewLevels?: string[] }),
  );

  app.get(
    '/api/publishing/items',
    {
      schema: {
        tags,
        summary: '信息列表（本机关；主管部门为所辖机关）',
        querystring: Type.Object(
          {
            status: Type.Optional(Type.String({ maxLength: 20 })),
            column: Type.Optional(Type.String({ maxLength: 20 })),
            q: Type.Optional(Type.String({ maxLength: 100 })),
            agencyId: Type.Optional(Type.String({ maxLength: 64 })),
            page: Type.Optional(Type.Integer({ minimum: 1, maximum: 100000 })),
            size: Type.Optional(Type.Integer({ minimum: 1, maximum: 200 })),
          },
          { additionalProperties: false },
        ),
      },
    },
    async (req) => {
      const p = requirePermission(req, 'cases.read');
      const qs = req.query as { status?: string; column?: string; q?: string; agencyId?: string; page?: number; size?: number };
      if (qs.status && !(qs.status in STATUS_LABELS)) throw badRequest('状态不正确。');
      return listItems(ctx.db, p, {
        status: qs.status as ItemStatus | undefined,
        columnCode: qs.column,
        q: qs.q,
        agencyId: qs.agencyId,
        page: qs.page ?? 1,
        size: qs.size ?? 20,
      });
    },
  );

  app.post('/api/publishing/reindex', { ...write, schema: { tags, summary: '重建全文检索索引（系统管理员；更换分词词典或恢复备份后使用）' } }, async (req) => {
    requirePermission(req, 'org.manage');
    return { indexed: await reindexPublished(ctx.db) };
  });

  app.get('/api/publishing/due', { schema: { tags, summary: `条例第二十六条时限提醒：临近或超过${spanText('proactive')}仍未公开的信息` } }, async (req) => ({
    items: await dueItems(ctx.db, requirePermission(req, 'cases.read')),
  }));

  const toInput = (b: Record<string, unknown>): ItemInput => {
    const { expectedVersion: _v, ...rest } = b;
    return { ...(rest as unknown as ItemInput), kind: b.kind as ItemKind };
  };

  app.post('/api/publishing/items', { ...write, schema: { tags, summary: '起草信息', body: ItemBody } }, async (req, reply) => {
    const p = requirePermission(req, 'publishing.draft');
    const item = await createItem(ctx.db, p, toInput(req.body as Record<string, unknown>));
    return reply.status(201).send({ item });
  });

  app.get('/api/publishing/items/:id', { schema: { tags, summary: '信息详情：内容、附件、审核记录、历史版本、第二十六条时限', params: Id } }, async (req) => {
    const p = requirePermission(req, 'cases.read');
    return getItemDetail(ctx.db, p, (req.params as { id: string }).id);
  });

  app.put(
    '/api/publishing/items/:id',
    { ...write, schema: { tags, summary: '修改信息（审核后修改须重新审核；已发布信息的修订保留历史）', params: Id, body: ItemBody } },
    async (req) => {
      const p = requirePermission(req, 'publishing.draft');
      const b = req.body as Record<string, unknown>;
      return { item: await updateItem(ctx.db, p, (req.params as { id: string }).id, toInput(b), b.expectedVersion as number | undefined) };
    },
  );

  app.post(
    '/api/publishing/items/:id/attachments',
    { ...write, schema: { tags, summary: '上传附件（multipart: file + filename，或 JSON: filename + contentBase64）', params: Id } },
    async (req, reply) => {
      const p = requirePermission(req, 'publishing.draft');
      const b = (req.body ?? {}) as Record<string, unknown>;
      const filename = typeof b.filename === 'string' ? b.filename : '';
      let data: Buffer | null = null;
      if (Buffer.isBuffer(b.file)) data = b.file;
      else if (typeof b.contentBase64 === 'string' && b.contentBase64.length <= 14_000_000) data = Buffer.from(b.contentBase64, 'base64');
      if (!data) throw badRequest('请选择要上传的附件。');
      if (data.length > 10 * 1024 * 1024) throw badRequest('附件不能超过 10 MB。');
      return reply.status(201).send({ attachment: await addAttachment(ctx.db, p, (req.params as { id: string }).id, filename, data) });
    },
  );

  app.delete(
    '/api/publishing/items/:id/attachments/:att',
    {
      ...write,
      schema: {
        tags,
        summary: '移除附件',
        params: Type.Object({ id: Type.String({ maxLength: 64 }), att: Type.String({ maxLength: 64 }) }, { additionalProperties: false }),
      },
    },
    async (req) => {
      const p = requirePermission(req, 'publishing.draft');
      const { id, att } = req.params as { id: string; att: string };
      await removeAttachment(ctx.db, p, id, att);
      return { ok: true };
    },
  );

  app.get('/api/publishing/attachments/:id', { schema: { tags, summary: '下载附件（工作人员）', params: Id } }, async (req, reply) => {
    const p = requirePermission(req, 'cases.read');
    const row = await ctx.db
      .selectFrom('pub_attachments')
      .select(['filename', 'mime', 'data'])
      .where('id', '=', (req.params as { id: string }).id)
      .where((eb) => visibleAgency(eb, 'pub_attachments.agency_id', p))
      .executeTakeFirst();
    if (!row) throw notFound('未找到该附件。');
    return reply
      .type(row.mime)
      .header('x-content-type-options', 'nosniff')
      .header('content-disposition', `attachment; filename*=UTF-8''${encodeURIComponent(row.filename)}`)
      .send(Buffer.from(row.data));
  });

  app.post('/api/publishing/items/:id/submit', { ...write, schema: { tags, summary: '提交审核', params: Id } }, async (req) => ({
    item: await submitItem(ctx.db, requirePermission(req, 'publishing.draft'), (req.params as { id: string }).id),
  }));

  app.post(
    '/api/publishing/items/:id/review',
    {
      ...write,
      schema: {
        tags,
        summary: '审核（同意须完成保密审查清单；审核绑定所阅版本的哈希）',
        params: Id,
        body: Type.Object(
          {
            decision: Type.Union([Type.Literal('approved'), Type.Literal('returned')]),
            comment: Type.Optional(Type.String({ maxLength: 2000 })),
            checklist: Type.Optional(Type.Record(Type.String({ maxLength: 40 }), Type.Boolean())),
            contentHash: Type.String({ minLength: 1, maxLength: 128 }),
          },
          { additionalProperties: false },
        ),
      },
    },
    async (req) => ({
      item: await reviewItem(
        ctx.db,
        requirePermission(req, 'publishing.review'),
        (req.params as { id: string }).id,
        req.body as Parameters<typeof reviewItem>[3],
      ),
    }),
  );

  app.post(
    '/api/publishing/items/:id/release',
    {
      ...write,
      schema: {
        tags,
        summary: '发布（立即或定时；政策解读随政策文件同步发布）',
        params: Id,
        body: Type.Optional(Type.Object({ at: Type.Optional(Type.String({ maxLength: 40 })) }, { additionalProperties: false })),
      },
    },
    async (req) => {
      const p = requireUser(req);
      return { items: await releaseItem(ctx.db, p, (req.params as { id: string }).id, { at: (req.body as { at?: string } | undefined)?.at }) };
    },
  );

  app.post(
    '/api/publishing/items/:id/withdraw',
    {
      ...write,
      schema: {
        tags,
        summary: '撤回（须说明理由；撤出列表和检索，保留历史）',
        params: Id,
        body: Type.Object({ reason: Type.String({ minLength: 1, maxLength: 1000 }) }, { additionalProperties: false }),
      },
    },
    async (req) => ({ item: await withdrawItem(ctx.db, requireUser(req), (req.params as { id: string }).id, (req.body as { reason: string }).reason) }),
  );

  app.get('/api/publishing/items/:id/comments', { schema: { tags, summary: '征求意见稿收到的公众意见', params: Id } }, async (req) => ({
    comments: await listComments(ctx, requirePermission(req, 'publishing.draft'), (req.params as { id: string }).id),
  }));

  app.post(
    '/api/publishing/comments/:id/moderate',
    {
      ...write,
      schema: {
        tags,
        summary: '审核公众意见',
        params: Id,
        body: Type.Object(
          { status: Type.Union([Type.Literal('approved'), Type.Literal('rejected')]), reply: Type.Optional(Type.String({ maxLength: 2000 })) },
          { additionalProperties: false },
        ),
      },
    },
    async (req) =>
      moderateComment(
        ctx.db,
        requirePermission(req, 'publishing.draft'),
        (req.params as { id: string }).id,
        req.body as { status: 'approved' | 'rejected'; reply?: string },
      ),
  );

  app.post(
    '/api/publishing/items/:id/feedback',
    {
      ...write,
      schema: {
        tags,
        summary: '发布意见采纳情况反馈',
        params: Id,
        body: Type.Object({ feedbackHtml: Type.String({ minLength: 1, maxLength: 100_000 }) }, { additionalProperties: false }),
      },
    },
    async (req) =>
      setFeedback(ctx.db, requirePermission(req, 'publishing.review'), (req.params as { id: string }).id, (req.body as { feedbackHtml: string }).feedbackHtml),
  );

  app.get(
    '/api/publishing/channels',
    {
      schema: {
        tags,
        summary: '发布渠道记录及年度统计',
        querystring: Type.Object({ year: Type.Integer({ minimum: 2008, maximum: 2100 }) }, { additionalProperties: false }),
      },
    },
    async (req) => {
      const p = requirePermission(req, 'cases.read');
      const { year } = req.query as { year: number };
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
        body: Type.Object(
          {
            channel: Type.String({ maxLength: 20 }),
            title: Type.String({ maxLength: 200 }),
            url: Type.Optional(Type.String({ maxLength: 500 })),
            publishedOn: DateStr,
            itemId: Type.Optional(NullableStr(64)),
          },
          { additionalProperties: false },
        ),
      },
    },
    async (req, reply) => {
      const b = req.body as { channel: string; title: string; url?: string; publishedOn: string; itemId?: string | null };
      return reply.status(201).send(await logChannel(ctx.db, requirePermission(req, 'publishing.draft'), { ...b, channel: b.channel as Channel }));
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
        body: Type.Object(
          {
            kind: Type.Union([Type.Literal('rule'), Type.Literal('normative')]),
            title: Type.String({ maxLength: 200 }),
            docNumber: Type.Optional(NullableStr(60)),
            madeOn: DateStr,
            publishedOn: Type.Optional(Type.Union([DateStr, Type.Null()])),
            repealedOn: Type.Optional(Type.Union([DateStr, Type.Null()])),
          },
          { additionalProperties: false },
        ),
      },
    },
    async (req, reply) =>
      reply.status(201).send(await addRegisterDoc(ctx.db, requirePermission(req, 'publishing.draft'), req.body as Parameters<typeof addRegisterDoc>[2])),
  );

  app.put(
    '/api/publishing/registers/stats',
    {
      ...write,
      schema: {
        tags,
        summary: '填报某登记簿某年度的数量',
        body: Type.Object(
          {
            kind: Type.String({ maxLength: 20 }),
            year: Type.Integer({ minimum: 2008, maximum: 2100 }),
            items: Type.Optional(Type.Union([Type.Integer({ minimum: 0 }), Type.Null()])),
            decisions: Type.Optional(Type.Integer({ minimum: 0 })),
            projects: Type.Optional(Type.Integer({ minimum: 0 })),
            amountYuan: Type.Optional(Type.Number({ minimum: 0 })),
            note: Type.Optional(Type.String({ maxLength: 500 })),
          },
          { additionalProperties: false },
        ),
      },
    },
    async (req) => {
      const b = req.body as Parameters<typeof setRegisterStat>[2];
      return setRegisterStat(ctx.db, requirePermission(req, 'publishing.draft'), { ...b, kind: b.kind as RegisterStatKind });
    },
  );

  app.get(
    '/api/publishing/registers/proactive',
    {
      schema: {
        tags,
        summary: '年度报告“主动公开政府信息情况”表（本机关，或主管部门所辖全部机关）',
        querystring: Type.Object(
          { year: Type.Integer({ minimum: 2008, maximum: 2100 }), format: Type.Optional(Type.Union([Type.Literal('2019'), Type.Literal('2021')])) },
          { additionalProperties: false },
        ),
      },
    },
    async (req: FastifyRequest) => {
      const p = requirePermission(req, 'reports.read');
      assertCan(p, 'reports.read');
      const { year, format } = req.query as { year: number; format?: '2019' | '2021' };
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
