import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { AppContext } from '../platform/context.js';
import { csrfToken } from '../platform/http/auth-plugin.js';
import { AppError } from '../platform/errors.js';
import { randomToken } from '../platform/ids.js';
import { todayInChina } from '../platform/time.js';
import { listAllAgencies, type Agency } from '../platform/org/agencies.service.js';
import { html, raw, type Raw } from '../platform/web/html.js';
import { page } from '../platform/web/layout.js';
import { formatChineseDate, parseDate } from '../rules/calendar/index.js';
import { ID_TYPE_LABELS } from '../rules/identity.js';
import { DELIVERIES, FORMS, validateApplication, type ApplicationInput } from './application.js';
import { printButton } from '../platform/web/widgets.js';
import * as svc from './cases.service.js';
import { formFields } from '../platform/http/form-body.js';
import { downloadLetterPublic } from './letters.service.js';
import { isLetterKind, letterKind } from './letters/index.js';
import { ApplyQuery, LetterParams } from './requests.api.js';
import { cite, spanText } from '../rules/citations.js';

/**
 * Public pages without JavaScript: the application form (/apply), the printable receipt, and the lookup page
 * (/lookup: tracking code + secret → state, due date and how it was computed, what is asked of the applicant,
 * released letters). The secret travels only in POST bodies, never in URLs.
 */

const ORG_TYPE_LABELS = { business: '商业企业', research: '科研机构', nonprofit: '社会公益组织', legal_service: '法律服务机构', other: '其他组织' };
const cn = (d: string | null | undefined) => (d ? formatChineseDate(parseDate(d)) : '—');
const send = (reply: FastifyReply, body: string, status = 200) =>
  reply.status(status).type('text/html; charset=utf-8').header('cache-control', 'no-store').send(body);

type Values = Record<string, string>;

/** Styles of these forms (the shared portal stylesheet has no field-error styles yet). */
const FORM_CSS = raw(`<style>
.field{margin:.6rem 0}.field label,.field legend{font-weight:600}.hint{color:#555;margin:.2rem 0;font-size:.92em}
.req{color:#b00020}.error-text{color:#b00020;font-weight:600;margin:.2rem 0}.has-error input,.has-error select,.has-error textarea{border:2px solid #b00020}
label.inline{font-weight:normal;margin-right:1rem}.code{font-family:monospace;font-size:1.3em;letter-spacing:.05em}
.visually-hidden{position:absolute;width:1px;height:1px;overflow:hidden;clip:rect(0 0 0 0);white-space:nowrap}
button.link{background:none;border:none;color:#0645ad;text-decoration:underline;cursor:pointer;padding:0}
ol.trace li{margin:.3rem 0}ol.trace .date{font-weight:600}
.kind-tabs ul{list-style:none;display:flex;flex-wrap:wrap;gap:.5rem;padding:0;margin:1rem 0}
.kind-tabs a{display:inline-block;padding:.5rem 1rem;border:1px solid var(--line);border-radius:3px;background:#fff;text-decoration:none}
.kind-tabs a[aria-current]{background:var(--red);color:#fff;border-color:var(--red);font-weight:600}
@media print{header.site,footer.site,nav,.button,form{display:none}}
</style>`);

/** The required mark stays outside the <label>: the field's accessible name is the label alone ("姓名"), and aria-required says it is required. */
function field(
  name: string,
  label: string,
  values: Values,
  errors: Record<string, string>,
  opts: { type?: string; required?: boolean; hint?: string; autocomplete?: string; max?: number } = {},
): Raw {
  const err = errors[name];
  const describedBy = [opts.hint ? `${name}-hint` : '', err ? `${name}-error` : ''].filter(Boolean).join(' ');
  return html`<div class="field${err ? ' has-error' : ''}"><label for="f-${name}">${label}</label>${opts.required ? html`<span class="req" aria-hidden="true"> *</span>` : ''}
${opts.hint ? html`<p class="hint" id="${name}-hint">${opts.hint}</p>` : ''}
${err ? html`<p class="error-text" id="${name}-error">${err}</p>` : ''}
<input id="f-${name}" name="${name}" type="${opts.type ?? 'text'}" value="${values[name] ?? ''}"${opts.required ? raw(' required aria-required="true"') : ''}${err ? raw(' aria-invalid="true"') : ''}${describedBy ? html` aria-describedby="${describedBy}"` : ''}${opts.autocomplete ? html` autocomplete="${opts.autocomplete}"` : ''} maxlength="${opts.max ?? 200}"></div>`;
}

function select(name: string, label: string, options: Record<string, string>, values: Values, errors: Record<string, string>, required = true): Raw {
  const err = errors[name];
  return html`<div class="field${err ? ' has-error' : ''}"><label for="f-${name}">${label}</label>${required ? html`<span class="req" aria-hidden="true"> *</span>` : ''}
${err ? html`<p class="error-text" id="${name}-error">${err}</p>` : ''}
<select id="f-${name}" name="${name}"${required ? raw(' required') : ''}${err ? html` aria-invalid="true" aria-describedby="${name}-error"` : ''}>
<option value="">请选择</option>
${Object.entries(options).map(([k, v]) => html`<option value="${k}"${values[name] === k ? raw(' selected') : ''}>${v}</option>`)}
</select></div>`;
}

function radios(name: string, legend: string, options: Record<string, string>, values: Values, errors: Record<string, string>): Raw {
  const err = errors[name];
  return html`<fieldset class="field${err ? ' has-error' : ''}"${err ? html` aria-describedby="${name}-error"` : ''}><legend>${legend}<span class="req" aria-hidden="true"> *</span></legend>
${err ? html`<p class="error-text" id="${name}-error">${err}</p>` : ''}
${Object.entries(options).map(([k, v]) => html`<label class="inline"><input type="radio" name="${name}" value="${k}"${values[name] === k ? raw(' checked') : ''} required> ${v}</label> `)}
</fieldset>`;
}

type Kind = 'person' | 'organization';
const KIND_TABS: Record<Kind, string> = { person: '公民申请', organization: '法人或者其他组织申请' };

/**
 * The application form, one per applicant type (公民 / 法人或者其他组织) so that each sees only its own fields
 * without JavaScript: two links switch the type and keep the chosen agency.
 */
function applyForm(agencies: Agency[], values: Values, errors: Record<string, string>, csrf: string, formToken: string, topError?: string): string {
  const kind: Kind = values.applicantKind === 'organization' ? 'organization' : 'person';
  const errorList = Object.entries(errors);
  const tabHref = (k: Kind) => `/apply?type=${k}${values.agency ? `&agency=${encodeURIComponent(values.agency)}` : ''}`;
  const main = html`${FORM_CSS}<h1>政府信息公开申请</h1>
<p>依据《中华人民共和国政府信息公开条例》第二十七条、第二十九条，公民、法人或者其他组织可以向行政机关申请获取政府信息。带 <span class="req">*</span> 的为必填项。</p>
<p class="muted">在线提交后，办理机关将与您确认；依照条例第三十一条，双方确认之日为收到申请之日，答复期限自次日起计算${spanText('reply')}。</p>
<nav class="kind-tabs" aria-label="申请人类型"><ul>${(Object.keys(KIND_TABS) as Kind[]).map((k) => html`<li><a href="${tabHref(k)}"${k === kind ? raw(' aria-current="page"') : ''}>${KIND_TABS[k]}</a></li>`)}</ul></nav>
${topError ? html`<div class="error" role="alert"><p>${topError}</p></div>` : ''}
${errorList.length ? html`<div class="error" role="alert" tabindex="-1" id="error-summary"><h2>提交未成功，请修改以下 ${errorList.length} 处：</h2><ul>${errorList.map(([k, m]) => html`<li><a href="#f-${k}">${m}</a></li>`)}</ul></div>` : ''}
<form class="stack panel" method="post" action="/apply" enctype="multipart/form-data" novalidate>
<input type="hidden" name="_csrf" value="${csrf}">
<input type="hidden" name="formToken" value="${formToken}">
<input type="hidden" name="applicantKind" value="${kind}">
<fieldset><legend><h2>受理机关</h2></legend>
${select('agency', '向哪个机关申请', Object.fromEntries(agencies.map((a) => [a.code, a.name])), values, errors)}
</fieldset>
<fieldset><legend><h2>${kind === 'person' ? '申请人信息（公民）' : '申请人信息（法人或者其他组织）'}</h2></legend>
${
  kind === 'person'
    ? html`${field('name', '姓名', values, errors, { required: true, autocomplete: 'name', max: 100 })}
${select('idType', '证件类型', ID_TYPE_LABELS, values, errors)}
${field('idNumber', '证件号码', values, errors, { required: true, hint: '居民身份证为 18 位，最后一位可能是 X。', max: 40 })}`
    : html`${field('name', '名称', values, errors, { required: true, autocomplete: 'organization', max: 100, hint: '填写单位全称，与营业执照或登记证书一致。' })}
${select('orgType', '组织类型', ORG_TYPE_LABELS, values, errors)}
${field('creditCode', '统一社会信用代码', values, errors, { required: true, hint: '18 位，见营业执照或登记证书。', max: 40 })}
${field('legalRepresentative', '法定代表人或者负责人', values, errors, { required: true, max: 50 })}
${field('contactName', '联系人', values, errors, { required: true, max: 50 })}`
}
<h3>联系方式</h3>
${field('phone', '联系电话', values, errors, { required: true, type: 'tel', autocomplete: 'tel', max: 30 })}
${field('email', '电子邮箱', values, errors, { type: 'email', autocomplete: 'email', hint: '选择以电子邮件获取信息时必填。' })}
${field('address', '通信地址', values, errors, { autocomplete: 'street-address', hint: '选择邮寄时必填。' })}
${field('postcode', '邮政编码', values, errors, { autocomplete: 'postal-code', max: 10 })}
<div class="field${errors.identityProof ? ' has-error' : ''}"><label for="f-identityProof">身份证明（可选）</label>
<p class="hint" id="identityProof-hint">${kind === 'person' ? '身份证件' : '营业执照或登记证书'}的扫描件，PDF、JPEG 或 PNG，不超过 10 MB。</p>
${errors.identityProof ? html`<p class="error-text" id="identityProof-error">${errors.identityProof}</p>` : ''}
<input id="f-identityProof" name="identityProof" type="file" accept=".pdf,.jpg,.jpeg,.png,application/pdf,image/jpeg,image/png" aria-describedby="identityProof-hint${errors.identityProof ? ' identityProof-error' : ''}"></div>
</fieldset>
<fieldset><legend><h2>所需政府信息</h2></legend>
<div class="field${errors.description ? ' has-error' : ''}"><label for="f-description">所需信息的名称、内容描述</label><span class="req" aria-hidden="true"> *</span>
<p class="hint" id="description-hint">请尽量写明信息的名称、文号或者便于查找的其他特征（条例第二十九条）。一件申请一般只申请一项信息。</p>
${errors.description ? html`<p class="error-text" id="description-error">${errors.description}</p>` : ''}
<textarea id="f-description" name="description" rows="6" maxlength="4000" required aria-required="true" aria-describedby="description-hint${errors.description ? ' description-error' : ''}"${errors.description ? raw(' aria-invalid="true"') : ''}>${values.description ?? ''}</textarea></div>
${field('docNumber', '文号（如知道）', values, errors, { hint: '例如：枣政办发〔2025〕3号', max: 100 })}
${radios('form', '获取信息的形式', FORMS, values, errors)}
${radios('delivery', '获取信息的方式', DELIVERIES, values, errors)}
</fieldset>
<p><button type="submit">提交申请</button></p>
</form>`;
  return page({ title: '政府信息公开申请', nav: 'apply', main, breadcrumb: [{ href: '/', label: '首页' }, { label: '依申请公开' }] });
}

function receiptPage(
  r: svc.NewCaseResult,
  agencyName: string,
  submittedDate: string,
  asked: Values,
  suggestions: { title: string; url: string; docNumber: string | null }[] = [],
): string {
  const main = html`${FORM_CSS}<h1>申请已提交</h1>
<div class="panel receipt" role="status">
<h2>政府信息公开申请回执</h2>
<dl>
<dt>受理机关</dt><dd>${agencyName}</dd>
<dt>查询码</dt><dd><strong class="code" id="tracking-code">${r.trackingCode}</strong></dd>
<dt>查询密码</dt><dd><strong class="code" id="tracking-secret">${r.secret}</strong></dd>
<dt>提交日期</dt><dd>${cn(submittedDate)}</dd>
<dt>申请人</dt><dd>${asked.name}（${asked.applicantKind === 'organization' ? '法人或者其他组织' : '公民'}）</dd>
<dt>所需信息</dt><dd id="asked-description">${asked.description}</dd>
${asked.docNumber ? html`<dt>文号</dt><dd>${asked.docNumber}</dd>` : ''}
<dt>获取形式</dt><dd>${FORMS[asked.form as keyof typeof FORMS] ?? '—'}</dd>
<dt>获取方式</dt><dd>${DELIVERIES[asked.delivery as keyof typeof DELIVERIES] ?? '—'}</dd>
</dl>
<p><strong>请立即记下或打印查询码和查询密码。</strong>查询密码只显示这一次，本平台不保存其明文，遗失后无法找回。</p>
<p>办理机关将与您确认收到申请；依照条例第三十一条，双方确认之日为收到申请之日，答复期限自次日起计算${spanText('reply')}（${cite('art33.2')}）。</p>
</div>
${
  suggestions.length
    ? html`<section class="panel" aria-labelledby="h-suggest"><h2 id="h-suggest">以下已公开的信息可能与您的申请有关</h2>
<p>依照条例第三十六条第（一）项，已经主动公开的信息，您可以直接查阅：</p>
<ul>${suggestions.map((s) => html`<li><a href="${s.url}">${s.title}</a>${s.docNumber ? html`（${s.docNumber}）` : ''}</li>`)}</ul></section>`
    : ''
}
${printButton()}
<p class="no-print"><a class="button" href="/lookup">查询办理进度</a> <a href="/">返回首页</a></p>`;
  return page({ title: '申请回执', nav: 'apply', main });
}

function lookupForm(csrf: string, error?: string, code = ''): string {
  const main = html`${FORM_CSS}<h1>办理进度查询</h1>
${error ? html`<div class="error" role="alert"><p>${error}</p></div>` : ''}
<form class="stack panel" method="post" action="/lookup">
<input type="hidden" name="_csrf" value="${csrf}">
<label for="f-code">查询码</label><input id="f-code" name="code" required maxlength="20" autocomplete="off" value="${code}" aria-describedby="code-hint">
<p class="hint" id="code-hint">见申请回执，形如 2026-ABCD-EFGH。</p>
<label for="f-secret">查询密码</label><input id="f-secret" name="secret" type="password" required maxlength="30" autocomplete="off">
<p><button type="submit">查询</button></p>
</form>`;
  return page({ title: '办理进度查询', nav: 'lookup', main, breadcrumb: [{ href: '/', label: '首页' }, { label: '办理查询' }] });
}

function statusPage(r: Awaited<ReturnType<typeof svc.lookupCase>>, csrf: string, code: string, secret: string, notice?: string, error?: string): string {
  const auth = html`<input type="hidden" name="_csrf" value="${csrf}"><input type="hidden" name="code" value="${code}"><input type="hidden" name="secret" value="${secret}">`;
  const main = html`${FORM_CSS}<h1>办理进度：${r.trackingCode}</h1>
${notice ? html`<div class="notice" role="status"><p>${notice}</p></div>` : ''}
${error ? html`<div class="error" role="alert"><p>${error}</p></div>` : ''}
<section class="panel" aria-labelledby="h-state"><h2 id="h-state">办理情况</h2>
<dl>
<dt>受理机关</dt><dd>${r.agencyName}</dd>
<dt>当前状态</dt><dd id="case-state">${r.stateLabel}</dd>
<dt>收到申请之日</dt><dd>${r.receivedDate ? cn(r.receivedDate) : '尚待确认'}</dd>
<dt>答复期限</dt><dd id="case-due">${dueLine(r)}</dd>
${r.closedDate ? html`<dt>办结日期</dt><dd>${cn(r.closedDate)}</dd><dt>办理结果</dt><dd>${r.outcomeLabel}</dd>` : ''}
${r.transferredTo ? html`<dt>转交</dt><dd>已转交${r.transferredTo}办理</dd>` : ''}
<dt>联系办理机关</dt><dd>${r.agencyOffice} ${r.agencyPhone}</dd>
</dl></section>
${
  r.correction
    ? html`<section class="panel" aria-labelledby="h-correction"><h2 id="h-correction">需要您补正</h2>
<p>${r.correction.docNumber ? `办理机关于${cn(r.correction.date)}以补正告知书（${r.correction.docNumber}）告知：` : `办理机关于${cn(r.correction.date)}要求您补正：`}</p><blockquote>${r.correction.items}</blockquote>
<p>请于 <strong>${cn(r.correction.deadline)}</strong> 前补正。无正当理由逾期不补正的，视为放弃申请（条例第三十条）。答复期限自收到补正之日起重新计算。</p>
<form class="stack" method="post" action="/lookup/correction" enctype="multipart/form-data">${auth}
<label for="f-correction">补正内容</label><textarea id="f-correction" name="text" rows="5" maxlength="4000" required></textarea>
<label for="f-correction-file">补正材料（可选，PDF、JPEG 或 PNG，不超过 10 MB）</label><input id="f-correction-file" name="file" type="file" accept=".pdf,.jpg,.jpeg,.png">
<p><button type="submit">提交补正</button></p></form></section>`
    : ''
}
${r.fee ? html`<section class="panel" aria-labelledby="h-fee"><h2 id="h-fee">信息处理费</h2><p>应缴 ${r.fee.amount} 元，请于${cn(r.fee.payBy)}前缴纳（国办函〔2020〕109号）。${r.fee.detail}</p></section>` : ''}
<section class="panel" aria-labelledby="h-trace"><h2 id="h-trace">答复期限是如何计算的</h2>
${r.trace.length ? html`<ol class="trace">${r.trace.map((s) => html`<li><span class="date">${s.date ? cn(s.date) : ''}</span> ${s.note}</li>`)}</ol>` : html`<p>尚未开始计算。</p>`}
<p class="muted">工作日不含周六、周日和法定节假日，含国务院规定的调休上班日。</p></section>
<section class="panel" aria-labelledby="h-letters"><h2 id="h-letters">告知书和答复书</h2>
${
  r.letters.length
    ? html`<table><caption class="visually-hidden">已签发的文书</caption><thead><tr><th scope="col">文书</th><th scope="col">文号</th><th scope="col">签发时间</th><th scope="col">下载</th></tr></thead><tbody>
${r.letters.map(
  (
    l,
  ) => html`<tr><td>${isLetterKind(l.kind) ? letterKind(l.kind).name : l.kind}</td><td>${l.docNumber}</td><td>${l.releasedAt ? cn(todayInChina(new Date(l.releasedAt))) : ''}</td>
<td><form method="post" action="/lookup/letters/${l.id}">${auth}<button type="submit" class="link">下载 .docx<span class="visually-hidden">：${l.docNumber}</span></button></form></td></tr>`,
)}
</tbody></table>`
    : html`<p>暂无已签发的文书。</p>`
}</section>
<section class="panel"><h2>申请内容</h2><p>${r.description}</p></section>
${printButton()}`;
  return page({
    title: `办理进度 ${r.trackingCode}`,
    nav: 'lookup',
    main,
    breadcrumb: [{ href: '/', label: '首页' }, { href: '/lookup', label: '办理查询' }, { label: r.trackingCode }],
  });
}

const str = (v: unknown) => (typeof v === 'string' ? v : '');

/** The lookup page's 答复期限: running (with 暂定 for an unpublished year), or settled once the case is closed. */
export function dueLine(r: { dueDate: string | null; dueProvisional: boolean; closedDate: string | null }): string {
  if (r.closedDate) return r.dueDate ? `已于${cn(r.closedDate)}办结（答复期限为${cn(r.dueDate)}）` : `已于${cn(r.closedDate)}办结`;
  if (!r.dueDate) return '—';
  return `${cn(r.dueDate)}${r.dueProvisional ? '（暂定：相关年度节假日安排尚未发布）' : ''}`;
}

export async function requestsPortalRoutes(app: FastifyInstance, ctx: AppContext): Promise<void> {
  const r = app.withTypeProvider<TypeBoxTypeProvider>();
  r.get('/apply', { schema: { hide: true, querystring: ApplyQuery } }, async (req, reply) => {
    const agencies = await listAllAgencies(ctx.db);
    const { agency, type } = req.query;
    const values: Values = {
      applicantKind: type === 'organization' ? 'organization' : 'person',
      idType: 'resident_id',
      agency: agency && agencies.some((a) => a.code === agency) ? agency : '',
    };
    return send(reply, applyForm(agencies, values, {}, csrfToken(ctx, req, reply), randomToken(18)));
  });

  app.post('/apply', { schema: { hide: true }, config: { rateLimit: { max: 30, timeWindow: '1 minute' } } }, async (req, reply) => {
    const b = formFields(req.body);
    const agencies = await listAllAgencies(ctx.db);
    const values: Values = {};
    for (const k of [
      'agency',
      'applicantKind',
      'name',
      'idType',
      'idNumber',
      'orgType',
      'creditCode',
      'legalRepresentative',
      'contactName',
      'phone',
      'email',
      'address',
      'postcode',
      'description',
      'docNumber',
      'form',
      'delivery',
    ])
      values[k] = str(b[k]).slice(0, 4000);
    const formToken = str(b.formToken) || randomToken(18);
    const proof = Buffer.isBuffer(b.identityProof) && b.identityProof.length ? b.identityProof : undefined;
    const agency = agencies.find((a) => a.code === values.agency);
    const again = (errors: Record<string, string>, top?: string, status = 400) =>
      send(reply, applyForm(agencies, values, errors, csrfToken(ctx, req, reply), formToken, top), status);
    // Report every problem at once: a missing agency is listed with the form's own errors.
    if (!agency) return again({ agency: '请选择受理申请的机关。', ...validateApplication(values as ApplicationInput, todayInChina()).errors });
    try {
      const res = await svc.submitOnline(ctx, {
        agencyId: agency.id,
        application: values as ApplicationInput,
        formToken,
        ...(proof ? { identityProof: { bytes: proof, filename: 'identity' } } : {}),
      });
      const suggestions = await svc.suggestPublished(ctx, agency.id, values.description ?? '', values.docNumber || null);
      return send(reply, receiptPage(res, agency.name, todayInChina(), values, suggestions), res.duplicate ? 200 : 201);
    } catch (err) {
      if (err instanceof svc.ApplicationInvalid) return again(err.fields);
      if (err instanceof AppError && err.status < 500) {
        if (/身份证明/.test(err.message)) return again({ identityProof: err.message });
        return again({}, err.message, err.status);
      }
      throw err;
    }
  });

  app.get('/lookup', { schema: { hide: true } }, async (req, reply) => send(reply, lookupForm(csrfToken(ctx, req, reply))));

  // One bucket per address for every route that takes a case code and its lookup secret (guessing either).
  const lookupLimit = { rateLimit: { max: 10, timeWindow: '1 minute', groupId: 'lookup' } };
  const showStatus = async (req: FastifyRequest, reply: FastifyReply, code: string, secret: string, notice?: string, error?: string, status = 200) => {
    const r = await svc.lookupCase(ctx, code, secret);
    return send(reply, statusPage(r, csrfToken(ctx, req, reply), code, secret, notice, error), status);
  };

  app.post('/lookup', { schema: { hide: true }, config: lookupLimit }, async (req, reply) => {
    const b = formFields(req.body);
    const code = str(b.code).trim().toUpperCase().slice(0, 30);
    const secret = str(b.secret).trim().slice(0, 30);
    try {
      return await showStatus(req, reply, code, secret);
    } catch (err) {
      if (err instanceof AppError && err.status === 403)
        return send(reply, lookupForm(csrfToken(ctx, req, reply), `${err.message}多次输错将被暂时限制查询。`, code), 403);
      throw err;
    }
  });

  app.post('/lookup/correction', { schema: { hide: true }, config: lookupLimit }, async (req, reply) => {
    const b = formFields(req.body);
    const code = str(b.code).trim().toUpperCase().slice(0, 30);
    const secret = str(b.secret).trim().slice(0, 30);
    const file = Buffer.isBuffer(b.file) && b.file.length ? b.file : undefined;
    try {
      await svc.submitCorrectionByApplicant(ctx, code, secret, { text: str(b.text), ...(file ? { file: { bytes: file, filename: 'correction' } } : {}) });
    } catch (err) {
      if (err instanceof AppError && err.status === 403) return send(reply, lookupForm(csrfToken(ctx, req, reply), err.message, code), 403);
      if (err instanceof AppError && err.status < 500) return showStatus(req, reply, code, secret, undefined, err.message, err.status);
      throw err;
    }
    return showStatus(req, reply, code, secret, `补正已提交。答复期限自今日起重新计算${spanText('reply')}（条例第三十条）。`);
  });

  r.post('/lookup/letters/:id', { schema: { hide: true, params: LetterParams }, config: lookupLimit }, async (req, reply) => {
    const b = formFields(req.body);
    const f = await downloadLetterPublic(ctx, str(b.code).trim().toUpperCase(), str(b.secret).trim(), req.params.id);
    return reply
      .header('content-type', f.mediaType)
      .header('content-disposition', `attachment; filename="letter.docx"; filename*=UTF-8''${encodeURIComponent(f.filename)}`)
      .header('cache-control', 'no-store')
      .send(f.bytes);
  });
}
