import type { TSchema, TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import type { FastifyInstance } from 'fastify';
import type { AppContext } from '../platform/context.js';
import { requirePermission, requireUser } from '../platform/http/auth-plugin.js';
import { spanText } from '../rules/citations.js';
import * as appeals from './appeals.service.js';
import * as svc from './cases.service.js';
import { sendFile } from './http.js';
import * as letters from './letters.service.js';
import {
  AppealBody,
  AppealListQuery,
  AppealUpdateBody,
  AssignBody,
  BatchAssignBody,
  CloseBody,
  ConfirmBody,
  ConsultationAnswerBody,
  ConsultationBody,
  ConsultationParams,
  CorrectionBody,
  CorrectionRequestBody,
  DraftLetterBody,
  ExtensionBody,
  ExtensionRequestBody,
  FeeNoticeBody,
  FeePaidBody,
  IdParams,
  LaterDeadlineBody,
  NoteBody,
  ReturnLetterBody,
  TransferBody,
  VersionBody,
  VersionQuery,
} from './requests.api.js';

/** The staff API's writes on a case (POST /api/cases/:id/<action>), its letters and its appeals. */

const tags = ['依申请公开'];

/** The options of an action on a case: POST /api/cases/:id/<path> with the case id and the action's body. */
const action = <B extends TSchema>(summary: string, body: B) => ({ schema: { tags, summary, params: IdParams, body } });

export async function caseActionRoutes(app: FastifyInstance, ctx: AppContext): Promise<void> {
  const r = app.withTypeProvider<TypeBoxTypeProvider>();
  const C = '/api/cases/:id';

  r.post(`${C}/confirm`, action('确认收到（网络、传真、平常信函：确认之日为收到申请之日）', ConfirmBody), async (req) =>
    svc.confirmReceipt(ctx, requireUser(req), req.params.id, req.body),
  );
  r.post(`${C}/accept`, action('受理', VersionBody), async (req) => svc.acceptCase(ctx, requireUser(req), req.params.id, req.body));
  r.post(
    `${C}/correction-request`,
    action(`一次性告知补正（收到申请后${spanText('correctionRequest')}内；同时起草补正告知书，负责人签发后告知申请人）`, CorrectionRequestBody),
    async (req) => svc.requestCorrection(ctx, requireUser(req), req.params.id, req.body),
  );
  r.post(`${C}/correction`, action('登记收到补正申请（答复期限重新计算）', CorrectionBody), async (req) =>
    svc.recordCorrection(ctx, requireUser(req), req.params.id, req.body),
  );
  r.post(`${C}/consultations`, action('征求第三方或其他机关意见（期间不计入答复期限）', ConsultationBody), async (req) =>
    svc.startConsultation(ctx, requireUser(req), req.params.id, req.body),
  );
  r.post(
    `${C}/consultations/:cid/answer`,
    { schema: { tags, summary: '登记征求意见的答复', params: ConsultationParams, body: ConsultationAnswerBody } },
    async (req) => svc.answerConsultation(ctx, requireUser(req), req.params.id, { ...req.body, consultationId: req.params.cid }),
  );
  r.post(`${C}/fee-notice`, action('发出收费通知（按件或按量，一件申请只选一种）', FeeNoticeBody), async (req) =>
    svc.notifyFee(ctx, requireUser(req), req.params.id, req.body),
  );
  r.post(`${C}/fee-paid`, action('登记已缴费', FeePaidBody), async (req) => svc.recordFeePaid(ctx, requireUser(req), req.params.id, req.body));
  r.post(`${C}/extension-request`, action(`提请延期答复（经办人；同时起草延期答复告知书，待负责人批准签发）`, ExtensionRequestBody), async (req) =>
    svc.requestExtension(ctx, requireUser(req), req.params.id, req.body),
  );
  r.post(
    `${C}/extension`,
    action(`批准延期答复并签发延期答复告知书（须公开工作机构负责人批准，延长${spanText('extension')}，只能一次）`, ExtensionBody),
    async (req) => svc.extendCase(ctx, requireUser(req), req.params.id, req.body),
  );
  r.post(`${C}/later-deadline`, action('依条例第三十五条确定延迟答复期限（负责人）', LaterDeadlineBody), async (req) =>
    svc.setLaterDeadline(ctx, requireUser(req), req.params.id, req.body),
  );
  r.post(`${C}/close`, action('办结（须选择一个办理结果）', CloseBody), async (req) => svc.closeCase(ctx, requireUser(req), req.params.id, req.body));
  r.post(`${C}/transfer`, action('转交系统内其他机关', TransferBody), async (req) => svc.transferCase(ctx, requireUser(req), req.params.id, req.body));
  r.post(`${C}/assign`, action('分配或改派经办人（改派须写明理由）', AssignBody), async (req) =>
    svc.assignCase(ctx, requireUser(req), req.params.id, req.body),
  );
  r.post('/api/cases/batch-assign', { schema: { tags, summary: '批量分配经办人（每件单独办理，逐件返回结果）', body: BatchAssignBody } }, async (req) =>
    svc.batchAssign(ctx, requireUser(req), req.body),
  );
  r.get('/api/cases/assignees', { schema: { tags, summary: '本机关可分配的经办人（经办人、公开工作机构负责人）' } }, async (req) =>
    svc.listAssignees(ctx, requirePermission(req, 'cases.read')),
  );
  r.post(`${C}/notes`, action('添加内部备注', NoteBody), async (req) => svc.addNote(ctx, requireUser(req), req.params.id, req.body));

  // Letters
  r.get(`${C}/letters`, { schema: { tags, summary: '告知书列表', params: IdParams } }, async (req) =>
    letters.listCaseLetters(ctx, requireUser(req), req.params.id),
  );
  r.post(
    `${C}/letters`,
    { schema: { tags, summary: '起草告知书（kind 见 /api/cases/meta；reply = 按办理结果的答复书）', params: IdParams, body: DraftLetterBody } },
    async (req, reply) => reply.status(201).send(await letters.draftCaseLetter(ctx, requireUser(req), req.params.id, req.body)),
  );
  r.post(
    '/api/letters/:id/release',
    { schema: { tags, summary: '审核签发：编文号、生成 .docx、存档哈希（公开工作机构负责人）', params: IdParams, body: VersionBody } },
    async (req) => letters.releaseLetter(ctx, requireUser(req), req.params.id, req.body),
  );
  r.get('/api/letters/:id/preview', { schema: { tags, summary: '告知书草稿预览（签发前阅读）', params: IdParams } }, async (req) =>
    letters.previewLetter(ctx, requireUser(req), req.params.id),
  );
  r.post(
    '/api/letters/:id/return',
    { schema: { tags, summary: '退回告知书草稿（写明修改意见，经办人重新起草）', params: IdParams, body: ReturnLetterBody } },
    async (req) => letters.returnLetter(ctx, requireUser(req), req.params.id, req.body),
  );
  r.get('/api/letters/:id/docx', { schema: { tags, summary: '下载已签发的告知书 .docx', params: IdParams } }, async (req, reply) =>
    sendFile(reply, await letters.downloadLetter(ctx, requireUser(req), req.params.id)),
  );

  // Appeals
  r.get('/api/appeals', { schema: { tags, summary: '行政复议、行政诉讼记录', querystring: AppealListQuery } }, async (req) =>
    appeals.listAppeals(ctx, requireUser(req), req.query),
  );
  r.post(`${C}/appeals`, { schema: { tags, summary: '登记行政复议或行政诉讼', params: IdParams, body: AppealBody } }, async (req, reply) =>
    reply.status(201).send(await appeals.createAppeal(ctx, requireUser(req), req.params.id, req.body)),
  );
  r.patch('/api/appeals/:id', { schema: { tags, summary: '修改复议、诉讼记录（结果、审结日期）', params: IdParams, body: AppealUpdateBody } }, async (req) =>
    appeals.updateAppeal(ctx, requireUser(req), req.params.id, req.body),
  );
  r.delete('/api/appeals/:id', { schema: { tags, summary: '删除误登记的复议、诉讼记录', params: IdParams, querystring: VersionQuery } }, async (req, reply) => {
    await appeals.deleteAppeal(ctx, requireUser(req), req.params.id, req.query.version);
    return reply.status(204).send();
  });
}
