import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import type { FastifyInstance } from 'fastify';
import { registerEntityLabels } from '../platform/audit/entity-labels.js';
import { actorOf } from '../platform/auth/accounts.service.js';
import type { Principal } from '../platform/auth/permissions.js';
import type { AppContext } from '../platform/context.js';
import { badRequest } from '../platform/errors.js';
import { requirePermission, requireUser } from '../platform/http/auth-plugin.js';
import { listAllAgencies, listVisibleAgencies } from '../platform/org/agencies.service.js';
import { ID_TYPE_LABELS } from '../rules/identity.js';
import { formatForYear, OUTCOME_GROUP_LABELS, OUTCOMES, reportRow } from '../rules/outcomes.js';
import * as appeals from './appeals.service.js';
import { APPLICANT_TYPE_LABELS, DELIVERIES, FORMS } from './application.js';
import { assertCanPublish, listCalendarYears, previewCalendarYear, publishCalendarYear } from './calendar.service.js';
import { caseActionRoutes } from './case-actions.routes.js';
import { caseFileHtml } from './case-file.js';
import * as svc from './cases.service.js';
import { formFields } from '../platform/http/form-body.js';
import { sendFile } from './http.js';
import { ledgerStream } from './ledger.js';
import { importLedger, importTemplate } from './ledger-import.js';
import { ledgerPrintHtml } from './ledger-print.js';
import { LETTER_KINDS } from './letters/index.js';
import { requestsPortalRoutes } from './portal.routes.js';
import { CalendarScheduleBody, CaseFileParams, CaseListQuery, IdParams, LedgerQuery, RegisterBody, WorkbenchQuery } from './requests.api.js';
import type { CaseState } from './requests.tables.js';

/** HTTP routes of the requests capability: the staff JSON API (/api/cases…) and the portal pages. */

const tags = ['依申请公开'];

/** The list's state filter: one state, or `open` (every state not yet settled); anything else is refused. */
function stateFilter(state: string | undefined): CaseState | 'open' | undefined {
  if (!state) return undefined;
  if (state === 'open' || isCaseState(state)) return state;
  throw badRequest('状态筛选不正确。');
}
const isCaseState = (s: string): s is CaseState => Object.hasOwn(svc.STATE_LABELS, s);

/** The assignee filter: a user's id, or `me`. */
const assigneeFilter = (p: Principal, assignee: string | undefined) => (assignee ? { assigneeId: assignee === 'me' ? p.userId : assignee } : {});

export async function requestsRoutes(app: FastifyInstance, ctx: AppContext): Promise<void> {
  registerEntityLabels(
    'case',
    async (db, ids) =>
      new Map((await db.selectFrom('cases').select(['id', 'tracking_code']).where('id', 'in', ids).execute()).map((c) => [c.id, c.tracking_code])),
  );
  const r = app.withTypeProvider<TypeBoxTypeProvider>();

  r.get('/api/cases/meta', { schema: { tags, summary: '依申请公开的代码表：办理结果、状态、渠道、告知书类型、申请人类型、可转交机关' } }, async (req) => {
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

  const workbenchSummary = '工作台：已逾期、3个工作日内到期、待补正、征求意见中、待缴费、待确认，及统计数';
  r.get('/api/cases/workbench', { schema: { tags, summary: workbenchSummary, querystring: WorkbenchQuery } }, async (req) => {
    const p = requirePermission(req, 'cases.read');
    const { assignee, limit } = req.query;
    return svc.workbench(ctx, p, { ...assigneeFilter(p, assignee), ...(limit ? { limit } : {}) });
  });

  r.get('/api/cases', { schema: { tags, summary: '申请列表（分页、筛选；申请人姓名脱敏）', querystring: CaseListQuery } }, async (req) => {
    const p = requirePermission(req, 'cases.read');
    const q = req.query;
    return svc.listCasesFor(ctx, p, { ...q, state: stateFilter(q.state), ...assigneeFilter(p, q.assignee) });
  });

  r.get(
    '/api/cases/ledger/print',
    {
      schema: { tags, summary: '打印台账（A4 横向 HTML，按申请列表的筛选条件；最多 2000 件）', querystring: LedgerQuery },
    },
    async (req, reply) => {
      const p = requirePermission(req, 'cases.read');
      const { assignee, ...q } = req.query;
      const rest = { ...q, state: stateFilter(q.state) };
      const assigneeId = assignee ? (assignee === 'me' ? p.userId : assignee) : undefined;
      const assigneeName = assigneeId
        ? ((await ctx.db.selectFrom('users').select('display_name').where('id', '=', assigneeId).executeTakeFirst())?.display_name ?? '（未知）')
        : undefined;
      const printedAt = new Date(ctx.clock.now().getTime() + 8 * 3600_000).toISOString().slice(0, 16).replace('T', ' ');
      const body = await ledgerPrintHtml(ctx, p, { ...rest, ...(assigneeId ? { assigneeId } : {}) }, { ...(assigneeName ? { assigneeName } : {}), printedAt });
      return reply.type('text/html; charset=utf-8').header('cache-control', 'no-store').send(body);
    },
  );

  r.get(
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
      const { assignee, ...q } = req.query;
      const rest = { ...q, state: stateFilter(q.state) };
      const name = `依申请公开台账-${new Date().toISOString().slice(0, 10)}.xlsx`;
      return reply
        .header('content-type', 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet')
        .header('content-disposition', `attachment; filename="ledger.xlsx"; filename*=UTF-8''${encodeURIComponent(name)}`)
        .header('x-content-type-options', 'nosniff')
        .send(ledgerStream(ctx, p, { ...rest, ...assigneeFilter(p, assignee) }));
    },
  );

  r.get('/api/cases/import-template.xlsx', { schema: { tags, summary: '历史台账导入模板（.xlsx）' } }, async (req, reply) => {
    requirePermission(req, 'cases.approve');
    return sendFile(reply, {
      bytes: await importTemplate(),
      filename: '历史台账导入模板.xlsx',
      mediaType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
    });
  });
  r.post(
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
      const b = formFields(req.body);
      if (!Buffer.isBuffer(b.file)) throw badRequest('请选择要导入的 .xlsx 文件。');
      return importLedger(ctx, p.agencyId, actorOf(p), b.file, { dryRun: b.dryRun === '1' || b.dryRun === 'true', today: ctx.clock.today() });
    },
  );

  r.post(
    '/api/cases',
    {
      schema: {
        tags,
        summary: '登记当面、邮寄、传真提交的申请（扫描件另行上传）',
        body: RegisterBody,
      },
    },
    async (req, reply) => {
      const p = requireUser(req);
      const res = await svc.registerApplication(ctx, p, req.body);
      return reply.status(res.duplicate ? 200 : 201).send(res);
    },
  );

  r.get(
    '/api/cases/:id/print',
    { schema: { tags, summary: '打印案卷（一案一档：申请、办理记录、期限计算、告知书、复议诉讼；A4 HTML）', params: IdParams } },
    async (req, reply) =>
      reply
        .header('content-type', 'text/html; charset=utf-8')
        .header('cache-control', 'no-store')
        .send(await caseFileHtml(ctx, requirePermission(req, 'cases.read'), req.params.id)),
  );
  r.get('/api/cases/:id', { schema: { tags, summary: '申请详情：时间线、期限计算过程、提醒、可执行的操作', params: IdParams } }, async (req) =>
    svc.getCaseDetail(ctx, requireUser(req), req.params.id),
  );

  r.post(
    '/api/cases/:id/files',
    { schema: { tags, summary: '上传扫描件或身份证明（multipart：file、kind；只接受 PDF、JPEG、PNG）', params: IdParams, consumes: ['multipart/form-data'] } },
    async (req, reply) => {
      const p = requireUser(req);
      const b = formFields(req.body);
      if (!Buffer.isBuffer(b.file)) throw badRequest('请选择要上传的文件。');
      await svc.attachFile(ctx, p, req.params.id, {
        kind: typeof b.kind === 'string' ? b.kind : 'scan',
        bytes: b.file,
        filename: typeof b.filename === 'string' ? b.filename : 'scan',
      });
      return reply.status(201).send({ ok: true });
    },
  );

  r.get('/api/cases/:id/files/:fileId', { schema: { tags, summary: '下载材料', params: CaseFileParams } }, async (req, reply) => {
    const f = await svc.getCaseFile(ctx, requireUser(req), req.params.id, req.params.fileId);
    return sendFile(reply, f);
  });

  await caseActionRoutes(app, ctx);

  // Calendar
  r.get('/api/calendar/years', { schema: { tags: ['节假日安排'], summary: '已有节假日安排的年份（内置与管理员发布）' } }, async (req) => {
    requireUser(req);
    return listCalendarYears(ctx.db);
  });
  r.post(
    '/api/calendar/preview',
    {
      schema: {
        tags: ['节假日安排'],
        summary: '预览一个年度的节假日安排：检查数据，并列出答复期限会变化的未办结申请（不保存）',
        body: CalendarScheduleBody,
      },
    },
    async (req) => {
      const p = requireUser(req);
      assertCanPublish(p);
      return previewCalendarYear(ctx.db, req.body, (calendar) => svc.deadlineMoves(ctx.db, p, calendar));
    },
  );
  r.post(
    '/api/calendar/years',
    {
      schema: {
        tags: ['节假日安排'],
        summary: '发布一个年度的节假日安排（系统管理员；重新计算所有未办结申请的期限，记入审计）',
        body: CalendarScheduleBody,
      },
    },
    async (req, reply) => {
      const actor = assertCanPublish(requireUser(req));
      return reply.status(201).send(await publishCalendarYear(ctx.db, actor, req.body, svc.recomputeOpenCases));
    },
  );

  await requestsPortalRoutes(app, ctx);
}
