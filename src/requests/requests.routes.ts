import { Type } from '@fastify/type-provider-typebox';
import { DATE_PATTERN, DATE_RANGE_MESSAGE } from '../platform/time.js';
import { registerEntityLabels } from '../platform/audit/entity-labels.js';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { AppContext } from '../platform/context.js';
import { requirePermission, requireUser } from '../platform/http/auth-plugin.js';
import { badRequest } from '../platform/errors.js';
import { listVisibleAgencies, listAllAgencies } from '../platform/org/agencies.service.js';
import { OUTCOMES, OUTCOME_GROUP_LABELS, formatForYear, reportRow } from '../rules/outcomes.js';
import { ID_TYPE_LABELS } from '../rules/identity.js';
import { APPLICANT_TYPE_LABELS, DELIVERIES, FORMS } from './application.js';
import * as appeals from './appeals.service.js';
import { assertCanPublish, listCalendarYears, previewCalendarYear, publishCalendarYear } from './calendar.service.js';
import * as svc from './cases.service.js';
import { caseFileHtml } from './case-file.js';
import { ledgerStream } from './ledger.js';
import { ledgerPrintHtml } from './ledger-print.js';
import { importLedger, importTemplate } from './ledger-import.js';
import { actorOf } from '../platform/auth/accounts.service.js';
import * as letters from './letters.service.js';
import { LETTER_KINDS } from './letters/index.js';
import { requestsPortalRoutes } from './portal.routes.js';
import { spanText } from '../rules/citations.js';

/** HTTP routes of the requests capability: the staff JSON API (/api/cases…) and the portal pages. */

const tags = ['依申请公开'];
const Id = Type.String({ minLength: 1, maxLength: 64 });
const IdParams = Type.Object({ id: Id }, { additionalProperties: false });
const DateT = Type.String({ pattern: DATE_PATTERN, description: DATE_RANGE_MESSAGE });
const Version = Type.Integer({ minimum: 1 });
const Text = (max: number) => Type.String({ maxLength: max });
const V = (props: Record<string, any> = {}) => Type.Object({ version: Version, ...props }, { additionalProperties: false });

const ApplicationT = Type.Object(
  {
    applicantKind: Type.Union([Type.Literal('person'), Type.Literal('organization')]),
    name: Text(100),
    idType: Type.Optional(Text(40)),
    idNumber: Type.Optional(Text(40)),
    orgType: Type.Optional(Text(40)),
    creditCode: Type.Optional(Text(40)),
    legalRepresentative: Type.Optional(Text(50)),
    contactName: Type.Optional(Text(50)),
    phone: Text(30),
    email: Type.Optional(Text(200)),
    address: Type.Optional(Text(200)),
    postcode: Type.Optional(Text(10)),
    description: Text(4000),
    docNumber: Type.Optional(Text(100)),
    form: Text(20),
    delivery: Text(20),
  },
  { additionalProperties: false },
);

async function sendFile(reply: FastifyReply, f: { bytes: Buffer; filename: string; mediaType: string }) {
  return reply
    .header('content-type', f.mediaType)
    .header('content-disposition', `attachment; filename="download"; filename*=UTF-8''${encodeURIComponent(f.filename)}`)
    .header('x-content-type-options', 'nosniff')
    .send(f.bytes);
}

export async function requestsRoutes(app: FastifyInstance, ctx: AppContext): Promise<void> {
  registerEntityLabels(
    'case',
    async (db, ids) =>
      new Map((await db.selectFrom('cases').select(['id', 'tracking_code']).where('id', 'in', ids).execute()).map((c) => [c.id, c.tracking_code])),
  );

  const id = (req: FastifyRequest) => (req.params as { id: string }).id;
  const body = <T>(req: FastifyRequest) => req.body as T;

  app.get('/api/cases/meta', { schema: { tags, summary: '依申请公开的代码表：办理结果、状态、渠道、告知书类型、申请人类型、可转交机关' } }, async (req) => {
    const p = requirePermission(req, 'cases.read');
    const all = await listAllAgencies(ctx.db);
    return {
      outcomes: OUTCOMES.map((o) => ({
        key: o.key,
        group: o.group,
        groupLabel: OUTCOME_GROUP_LABELS[o.group],
        number: o.number,
        label: o.label,
        short: o.short,
        needsReason: o.needsReason,
        row2019: reportRow(o.key, '2019'),
      })),
      currentFormat: formatForYear(Number(new Date().toISOString().slice(0, 4))),
      states: svc.STATE_LABELS,
      channels: svc.CHANNEL_LABELS,
      applicantTypes: APPLICANT_TYPE_LABELS,
      idTypes: ID_TYPE_LABELS,
      forms: FORMS,
      deliveries: DELIVERIES,
      letterKinds: LETTER_KINDS.map((k) => ({ kind: k.kind, name: k.name, category: k.category, outcome: k.outcome ?? null })),
      appealKinds: appeals.APPEAL_KINDS,
      appealResults: appeals.APPEAL_RESULTS,
      transferTargets: all.filter((a) => a.id !== p.agencyId).map((a) => ({ id: a.id, name: a.name })),
      visibleAgencies: (await listVisibleAgencies(ctx.db, p)).map((a) => ({ id: a.id, name: a.name })),
    };
  });

  app.get(
    '/api/cases/workbench',
    {
      schema: {
        tags,
        summary: '工作台：已逾期、3个工作日内到期、待补正、征求意见中、待缴费、待确认，及统计数',
        querystring: Type.Object(
          { assignee: Type.Optional(Text(64)), limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 100 })) },
          { additionalProperties: false },
        ),
      },
    },
    async (req) => {
      const p = requirePermission(req, 'cases.read');
      const q = req.query as { assignee?: string; limit?: number };
      return svc.workbench(ctx, p, {
        ...(q.assignee ? { assigneeId: q.assignee === 'me' ? p.userId : q.assignee } : {}),
        ...(q.limit ? { limit: q.limit } : {}),
      });
    },
  );

  app.get(
    '/api/cases',
    {
      schema: {
        tags,
        summary: '申请列表（分页、筛选；申请人姓名脱敏）',
        querystring: Type.Object(
          {
            state: Type.Optional(Text(30)),
            assignee: Type.Optional(Text(64)),
            agencyId: Type.Optional(Text(64)),
            receivedFrom: Type.Optional(DateT),
            receivedTo: Type.Optional(DateT),
            dueBefore: Type.Optional(DateT),
            trackingCode: Type.Optional(Text(30)),
            applicantType: Type.Optional(Text(30)),
            outcome: Type.Optional(Text(60)),
            q: Type.Optional(Text(100)),
            page: Type.Optional(Type.Integer({ minimum: 1, maximum: 100000 })),
            pageSize: Type.Optional(Type.Integer({ minimum: 1, maximum: 100 })),
          },
          { additionalProperties: false },
        ),
      },
    },
    async (req) => {
      const p = requirePermission(req, 'cases.read');
      const q = req.query as Record<string, any>;
      if (q.state && q.state !== 'open' && !(q.state in svc.STATE_LABELS)) throw badRequest('状态筛选不正确。');
      return svc.listCasesFor(ctx, p, { ...q, ...(q.assignee ? { assigneeId: q.assignee === 'me' ? p.userId : q.assignee } : {}) });
    },
  );

  const LedgerQuery = Type.Object(
    {
      state: Type.Optional(Text(30)),
      assignee: Type.Optional(Text(64)),
      agencyId: Type.Optional(Text(64)),
      receivedFrom: Type.Optional(DateT),
      receivedTo: Type.Optional(DateT),
      dueBefore: Type.Optional(DateT),
      trackingCode: Type.Optional(Text(30)),
      applicantType: Type.Optional(Text(30)),
      outcome: Type.Optional(Text(60)),
      q: Type.Optional(Text(100)),
    },
    { additionalProperties: false },
  );
  app.get(
    '/api/cases/ledger/print',
    {
      schema: { tags, summary: '打印台账（A4 横向 HTML，按申请列表的筛选条件；最多 2000 件）', querystring: LedgerQuery },
    },
    async (req, reply) => {
      const p = requirePermission(req, 'cases.read');
      const q = req.query as Record<string, any>;
      if (q.state && q.state !== 'open' && !(q.state in svc.STATE_LABELS)) throw badRequest('状态筛选不正确。');
      const { assignee, ...rest } = q;
      const assigneeId = assignee ? (assignee === 'me' ? p.userId : String(assignee)) : undefined;
      const assigneeName = assigneeId
        ? ((await ctx.db.selectFrom('users').select('display_name').where('id', '=', assigneeId).executeTakeFirst())?.display_name ?? '（未知）')
        : undefined;
      const printedAt = new Date(ctx.clock.now().getTime() + 8 * 3600_000).toISOString().slice(0, 16).replace('T', ' ');
      const body = await ledgerPrintHtml(ctx, p, { ...rest, ...(assigneeId ? { assigneeId } : {}) }, { ...(assigneeName ? { assigneeName } : {}), printedAt });
      return reply.type('text/html; charset=utf-8').header('cache-control', 'no-store').send(body);
    },
  );

  app.get(
    '/api/cases/ledger.xlsx',
    {
      schema: {
        tags,
        summary: '导出台账（.xlsx，按申请列表的筛选条件；流式生成）',
        querystring: LedgerQuery,
      },
    },
    async (req, reply) => {
      const p = requirePermission(req, 'cases.read');
      const q = req.query as Record<string, any>;
      if (q.state && q.state !== 'open' && !(q.state in svc.STATE_LABELS)) throw badRequest('状态筛选不正确。');
      const { assignee, ...rest } = q;
      const name = `依申请公开台账-${new Date().toISOString().slice(0, 10)}.xlsx`;
      return reply
        .header('content-type', 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet')
        .header('content-disposition', `attachment; filename="ledger.xlsx"; filename*=UTF-8''${encodeURIComponent(name)}`)
        .header('x-content-type-options', 'nosniff')
        .send(ledgerStream(ctx, p, { ...rest, ...(assignee ? { assigneeId: assignee === 'me' ? p.userId : assignee } : {}) }));
    },
  );

  app.get('/api/cases/import-template.xlsx', { schema: { tags, summary: '历史台账导入模板（.xlsx）' } }, async (req, reply) => {
    requirePermission(req, 'cases.approve');
    return sendFile(reply, {
      bytes: await importTemplate(),
      filename: '历史台账导入模板.xlsx',
      mediaType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
    });
  });
  app.post(
    '/api/cases/import',
    {
      schema: {
        tags,
        summary: '导入历史台账（multipart：file、dryRun；逐行校验，全部正确才写入，重复导入不重复写入；公开工作机构负责人）',
        consumes: ['multipart/form-data'],
      },
    },
    async (req) => {
      const p = requirePermission(req, 'cases.approve');
      const b = (req.body ?? {}) as Record<string, unknown>;
      if (!Buffer.isBuffer(b.file)) throw badRequest('请选择要导入的 .xlsx 文件。');
      return importLedger(ctx, p.agencyId, actorOf(p), b.file, { dryRun: b.dryRun === '1' || b.dryRun === 'true', today: ctx.clock.today() });
    },
  );

  app.post(
    '/api/cases',
    {
      schema: {
        tags,
        summary: '登记当面、邮寄、传真提交的申请（扫描件另行上传）',
        body: Type.Object(
          {
            channel: Type.Union([Type.Literal('in_person'), Type.Literal('post_signed'), Type.Literal('post_ordinary'), Type.Literal('fax')]),
            date: Type.Optional(DateT),
            idempotencyKey: Type.Optional(Type.String({ minLength: 8, maxLength: 100 })),
            application: ApplicationT,
          },
          { additionalProperties: false },
        ),
      },
    },
    async (req, reply) => {
      const p = requireUser(req);
      const b = body<{ channel: any; date?: string; idempotencyKey?: string; application: any }>(req);
      const res = await svc.registerApplication(ctx, p, b);
      return reply.status(res.duplicate ? 200 : 201).send(res);
    },
  );

  app.get(
    '/api/cases/:id/print',
    { schema: { tags, summary: '打印案卷（一案一档：申请、办理记录、期限计算、告知书、复议诉讼；A4 HTML）', params: IdParams } },
    async (req, reply) =>
      reply
        .header('content-type', 'text/html; charset=utf-8')
        .header('cache-control', 'no-store')
        .send(await caseFileHtml(ctx, requirePermission(req, 'cases.read'), id(req))),
  );
  app.get('/api/cases/:id', { schema: { tags, summary: '申请详情：时间线、期限计算过程、提醒、可执行的操作', params: IdParams } }, async (req) =>
    svc.getCaseDetail(ctx, requireUser(req), id(req)),
  );

  app.post(
    '/api/cases/:id/files',
    { schema: { tags, summary: '上传扫描件或身份证明（multipart：file、kind；只接受 PDF、JPEG、PNG）', params: IdParams, consumes: ['multipart/form-data'] } },
    async (req, reply) => {
      const p = requireUser(req);
      const b = (req.body ?? {}) as Record<string, unknown>;
      if (!Buffer.isBuffer(b.file)) throw badRequest('请选择要上传的文件。');
      await svc.attachFile(ctx, p, id(req), {
        kind: typeof b.kind === 'string' ? b.kind : 'scan',
        bytes: b.file,
        filename: typeof b.filename === 'string' ? b.filename : 'scan',
      });
      return reply.status(201).send({ ok: true });
    },
  );

  app.get(
    '/api/cases/:id/files/:fileId',
    { schema: { tags, summary: '下载材料', params: Type.Object({ id: Id, fileId: Id }, { additionalProperties: false }) } },
    async (req, reply) => {
      const f = await svc.getCaseFile(ctx, requireUser(req), id(req), (req.params as { fileId: string }).fileId);
      return sendFile(reply, f);
    },
  );

  const action = (path: string, summary: string, schema: any, run: (p: any, caseId: string, b: any) => Promise<unknown>) =>
    app.post(`/api/cases/:id/${path}`, { schema: { tags, summary, params: IdParams, body: schema } }, async (req) => run(requireUser(req), id(req), req.body));

  action('confirm', '确认收到（网络、传真、平常信函：确认之日为收到申请之日）', V({ date: Type.Optional(DateT) }), (p, c, b) =>
    svc.confirmReceipt(ctx, p, c, b),
  );
  action('accept', '受理', V(), (p, c, b) => svc.acceptCase(ctx, p, c, b));
  action(
    'correction-request',
    `一次性告知补正（收到申请后${spanText('correctionRequest')}内；同时起草补正告知书，负责人签发后告知申请人）`,
    V({ items: Text(4000), deadline: DateT, date: Type.Optional(DateT) }),
    (p, c, b) => svc.requestCorrection(ctx, p, c, b),
  );
  action('correction', '登记收到补正申请（答复期限重新计算）', V({ date: Type.Optional(DateT), text: Type.Optional(Text(4000)) }), (p, c, b) =>
    svc.recordCorrection(ctx, p, c, b),
  );
  action(
    'consultations',
    '征求第三方或其他机关意见（期间不计入答复期限）',
    V({ kind: Type.Union([Type.Literal('third_party'), Type.Literal('agency')]), party: Text(200), date: Type.Optional(DateT) }),
    (p, c, b) => svc.startConsultation(ctx, p, c, b),
  );
  app.post(
    '/api/cases/:id/consultations/:cid/answer',
    {
      schema: {
        tags,
        summary: '登记征求意见的答复',
        params: Type.Object({ id: Id, cid: Id }, { additionalProperties: false }),
        body: V({ opinion: Text(4000), date: Type.Optional(DateT) }),
      },
    },
    async (req) => svc.answerConsultation(ctx, requireUser(req), id(req), { ...(req.body as any), consultationId: (req.params as { cid: string }).cid }),
  );
  action(
    'fee-notice',
    '发出收费通知（按件或按量，一件申请只选一种）',
    V({
      method: Type.Union([Type.Literal('per_application'), Type.Literal('per_page')]),
      pages: Type.Optional(Type.Integer({ minimum: 0, maximum: 1000000 })),
      date: Type.Optional(DateT),
    }),
    (p, c, b) => svc.notifyFee(ctx, p, c, b),
  );
  action('fee-paid', '登记已缴费', V({ date: Type.Optional(DateT) }), (p, c, b) => svc.recordFeePaid(ctx, p, c, b));
  action('extension-request', `提请延期答复（经办人；同时起草延期答复告知书，待负责人批准签发）`, V({ reason: Text(2000) }), (p, c, b) =>
    svc.requestExtension(ctx, p, c, b),
  );
  action(
    'extension',
    `批准延期答复并签发延期答复告知书（须公开工作机构负责人批准，延长${spanText('extension')}，只能一次）`,
    V({ reason: Type.Optional(Text(2000)), date: Type.Optional(DateT), letterId: Type.Optional(Id) }),
    (p, c, b) => svc.extendCase(ctx, p, c, b),
  );
  action('later-deadline', '依条例第三十五条确定延迟答复期限（负责人）', V({ deadline: DateT, reason: Text(2000) }), (p, c, b) =>
    svc.setLaterDeadline(ctx, p, c, b),
  );
  action(
    'close',
    '办结（须选择一个办理结果）',
    V({ outcome: Type.Optional(Text(60)), reason: Type.Optional(Text(4000)), date: Type.Optional(DateT) }),
    (p, c, b) => svc.closeCase(ctx, p, c, b),
  );
  action('transfer', '转交系统内其他机关', V({ toAgencyId: Id, reason: Text(2000) }), (p, c, b) => svc.transferCase(ctx, p, c, b));
  action('assign', '分配或改派经办人（改派须写明理由）', V({ assigneeId: Type.Union([Id, Type.Null()]), reason: Type.Optional(Text(500)) }), (p, c, b) =>
    svc.assignCase(ctx, p, c, b),
  );
  app.post(
    '/api/cases/batch-assign',
    {
      schema: {
        tags,
        summary: '批量分配经办人（每件单独办理，逐件返回结果）',
        body: Type.Object(
          {
            cases: Type.Array(Type.Object({ id: Id, version: Version }, { additionalProperties: false }), { minItems: 1, maxItems: 200 }),
            assigneeId: Type.Union([Id, Type.Null()]),
            reason: Type.Optional(Text(500)),
          },
          { additionalProperties: false },
        ),
      },
    },
    async (req) => svc.batchAssign(ctx, requireUser(req), req.body as any),
  );
  app.get('/api/cases/assignees', { schema: { tags, summary: '本机关可分配的经办人（经办人、公开工作机构负责人）' } }, async (req) =>
    svc.listAssignees(ctx, requirePermission(req, 'cases.read')),
  );
  action('notes', '添加内部备注', V({ text: Text(4000) }), (p, c, b) => svc.addNote(ctx, p, c, b));

  // Letters
  app.get('/api/cases/:id/letters', { schema: { tags, summary: '告知书列表', params: IdParams } }, async (req) =>
    letters.listCaseLetters(ctx, requireUser(req), id(req)),
  );
  app.post(
    '/api/cases/:id/letters',
    {
      schema: {
        tags,
        summary: '起草告知书（kind 见 /api/cases/meta；reply = 按办理结果的答复书）',
        params: IdParams,
        body: Type.Object({ kind: Text(80), fields: Type.Optional(Type.Record(Type.String(), Type.Any())) }, { additionalProperties: false }),
      },
    },
    async (req, reply) => reply.status(201).send(await letters.draftCaseLetter(ctx, requireUser(req), id(req), body(req))),
  );
  app.post(
    '/api/letters/:id/release',
    { schema: { tags, summary: '审核签发：编文号、生成 .docx、存档哈希（公开工作机构负责人）', params: IdParams, body: V() } },
    async (req) => letters.releaseLetter(ctx, requireUser(req), id(req), body(req)),
  );
  app.get('/api/letters/:id/preview', { schema: { tags, summary: '告知书草稿预览（签发前阅读）', params: IdParams } }, async (req) =>
    letters.previewLetter(ctx, requireUser(req), id(req)),
  );
  app.post(
    '/api/letters/:id/return',
    { schema: { tags, summary: '退回告知书草稿（写明修改意见，经办人重新起草）', params: IdParams, body: V({ comment: Text(2000) }) } },
    async (req) => letters.returnLetter(ctx, requireUser(req), id(req), body(req)),
  );
  app.get('/api/letters/:id/docx', { schema: { tags, summary: '下载已签发的告知书 .docx', params: IdParams } }, async (req, reply) =>
    sendFile(reply, await letters.downloadLetter(ctx, requireUser(req), id(req))),
  );

  // Appeals
  const AppealT = {
    kind: Type.Optional(Type.Union([Type.Literal('reconsideration'), Type.Literal('litigation_direct'), Type.Literal('litigation_after_reconsideration')])),
    filedDate: Type.Optional(DateT),
    result: Type.Optional(Type.Union([Type.Literal('upheld'), Type.Literal('corrected'), Type.Literal('other'), Type.Literal('pending')])),
    decidedDate: Type.Optional(Type.Union([DateT, Type.Null()])),
    body: Type.Optional(Text(200)),
    note: Type.Optional(Text(2000)),
    answerNoticeDate: Type.Optional(Type.Union([DateT, Type.Null()])),
    simplified: Type.Optional(Type.Boolean()),
    answeredDate: Type.Optional(Type.Union([DateT, Type.Null()])),
  };
  app.get(
    '/api/appeals',
    {
      schema: {
        tags,
        summary: '行政复议、行政诉讼记录',
        querystring: Type.Object(
          { caseId: Type.Optional(Id), year: Type.Optional(Type.Integer({ minimum: 2008, maximum: 2200 })) },
          { additionalProperties: false },
        ),
      },
    },
    async (req) => appeals.listAppeals(ctx, requireUser(req), req.query as any),
  );
  app.post(
    '/api/cases/:id/appeals',
    { schema: { tags, summary: '登记行政复议或行政诉讼', params: IdParams, body: Type.Object(AppealT, { additionalProperties: false }) } },
    async (req, reply) => reply.status(201).send(await appeals.createAppeal(ctx, requireUser(req), id(req), body(req))),
  );
  app.patch(
    '/api/appeals/:id',
    {
      schema: {
        tags,
        summary: '修改复议、诉讼记录（结果、审结日期）',
        params: IdParams,
        body: Type.Object({ ...AppealT, version: Version }, { additionalProperties: false }),
      },
    },
    async (req) => appeals.updateAppeal(ctx, requireUser(req), id(req), body(req)),
  );
  app.delete(
    '/api/appeals/:id',
    {
      schema: {
        tags,
        summary: '删除误登记的复议、诉讼记录',
        params: IdParams,
        querystring: Type.Object({ version: Version }, { additionalProperties: false }),
      },
    },
    async (req, reply) => {
      await appeals.deleteAppeal(ctx, requireUser(req), id(req), (req.query as { version: number }).version);
      return reply.status(204).send();
    },
  );

  // Calendar
  app.get('/api/calendar/years', { schema: { tags: ['节假日安排'], summary: '已有节假日安排的年份（内置与管理员发布）' } }, async (req) => {
    requireUser(req);
    return listCalendarYears(ctx.db);
  });
  app.post(
    '/api/calendar/preview',
    {
      schema: {
        tags: ['节假日安排'],
        summary: '预览一个年度的节假日安排：检查数据，并列出答复期限会变化的未办结申请（不保存）',
        body: Type.Object(
          {
            year: Type.Integer({ minimum: 1949, maximum: 2200 }),
            holidays: Type.Array(Type.Any(), { maxItems: 400 }),
            workdays: Type.Array(Type.Any(), { maxItems: 100 }),
            source: Text(300),
            note: Type.Optional(Text(1000)),
          },
          { additionalProperties: false },
        ),
      },
    },
    async (req) => {
      const p = requireUser(req);
      assertCanPublish(p);
      return previewCalendarYear(ctx.db, req.body, (calendar) => svc.deadlineMoves(ctx.db, p, calendar));
    },
  );
  app.post(
    '/api/calendar/years',
    {
      schema: {
        tags: ['节假日安排'],
        summary: '发布一个年度的节假日安排（系统管理员；重新计算所有未办结申请的期限，记入审计）',
        body: Type.Object(
          {
            year: Type.Integer({ minimum: 1949, maximum: 2200 }),
            holidays: Type.Array(Type.Any(), { maxItems: 400 }),
            workdays: Type.Array(Type.Any(), { maxItems: 100 }),
            source: Text(300),
            note: Type.Optional(Text(1000)),
          },
          { additionalProperties: false },
        ),
      },
    },
    async (req, reply) => {
      const actor = assertCanPublish(requireUser(req));
      return reply.status(201).send(await publishCalendarYear(ctx.db, actor, req.body, svc.recomputeOpenCases));
    },
  );

  await requestsPortalRoutes(app, ctx);
}
