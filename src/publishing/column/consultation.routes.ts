import { formFields } from '../../platform/http/form-body.js';
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { AppContext } from '../../platform/context.js';
import { csrfToken } from '../../platform/http/auth-plugin.js';
import { AppError, notFound } from '../../platform/errors.js';
import { html, raw } from '../../platform/web/html.js';
import { page } from '../../platform/web/layout.js';
import { sendHtml } from '../../platform/web/page-cache.js';
import { publicAgency } from '../../platform/web/public-data.js';
import { findPublic } from '../items.store.js';
import { consultationState, publicComments, submitComment } from '../consultations.service.js';
import { PublicItemParams, PublicQuery } from '../publishing.api.js';
import { COLUMN_CSS, fmtSize, type PublicApp } from './views.js';

/** A consultation (决策草案征求意见): the draft, the comment form (no JavaScript), approved comments, feedback. */

export async function consultationRoutes(app: PublicApp, ctx: AppContext): Promise<void> {
  const ItemPage = { schema: { hide: true, querystring: PublicQuery, params: PublicItemParams } };

  // Consultation: the draft, the comment form (no JavaScript), approved comments, feedback.
  const consultationPage = async (
    req: FastifyRequest,
    reply: FastifyReply,
    { code, id }: PublicItemParams,
    opts: { error?: string; ok?: boolean; values?: Record<string, string> } = {},
  ) => {
    const a = await publicAgency(ctx, code);
    const it = await findPublic(ctx.db, a.id, id);
    if (!it || it.kind !== 'consultation') throw notFound('该征求意见稿不存在或已撤回。');
    const state = consultationState(it.comment_opens, it.comment_closes);
    const comments = await publicComments(ctx, it.id);
    const atts = JSON.parse(it.attachments) as { id: string; filename: string; size: number }[];
    const v = opts.values ?? {};
    const form =
      state === 'open'
        ? html`<section aria-labelledby="cform" class="panel"><h2 id="cform">提交意见</h2>
${opts.error ? html`<div class="error" role="alert"><p>${opts.error}</p></div>` : ''}
${opts.ok ? html`<div class="notice" role="status"><p>您的意见已提交，经审核后公开显示。感谢您的参与！</p></div>` : ''}
<form class="stack" method="post" action="/a/${a.code}/consultations/${it.id}/comments">
<input type="hidden" name="_csrf" value="${csrfToken(ctx, req, reply)}">
<label for="c-name">姓名或单位名称（必填，公开时隐去部分字符）</label><input id="c-name" name="name" required maxlength="40" autocomplete="name" value="${v.name ?? ''}">
<label for="c-contact">联系方式（选填，不公开）</label><input id="c-contact" name="contact" maxlength="100" autocomplete="tel" value="${v.contact ?? ''}">
<label for="c-body">意见建议（必填，5 至 3000 字）</label><textarea id="c-body" name="body" required minlength="5" maxlength="3000" rows="8">${v.body ?? ''}</textarea>
<p><button type="submit">提交意见</button></p></form></section>`
        : html`<p class="notice">${state === 'upcoming' ? `征求意见将于 ${it.comment_opens} 开始。` : `征求意见已于 ${it.comment_closes} 截止。`}</p>`;
    const main = html`${COLUMN_CSS}<article><h1>${it.title}</h1>
<dl class="meta"><dt>索引号</dt><dd>${it.index_no}</dd><dt>发布机构</dt><dd>${it.publisher}</dd><dt>征求意见期限</dt><dd>${it.comment_opens} 至 ${it.comment_closes}</dd>
<dt>状态</dt><dd>${state === 'open' ? '正在征求意见' : state === 'upcoming' ? '尚未开始' : '已截止'}</dd></dl>
<div class="body">${raw(it.body_html)}</div>
${atts.length ? html`<section aria-labelledby="atts"><h2 id="atts">附件</h2><ul>${atts.map((f) => html`<li><a href="/a/${a.code}/items/${it.id}/attachments/${f.id}" download>${f.filename}</a> <span class="muted">（${fmtSize(f.size)}）</span></li>`)}</ul></section>` : ''}
${form}
<section aria-labelledby="clist"><h2 id="clist">公众意见（${comments.length}）</h2>${comments.length ? html`<ol>${comments.map((c) => html`<li><p><strong>${c.name}</strong> <span class="muted">${c.date}</span></p><p>${c.body}</p>${c.reply ? html`<p class="muted">答复：${c.reply}</p>` : ''}</li>`)}</ol>` : html`<p class="muted">暂无公开的意见。</p>`}</section>
${it.feedback_html ? html`<section aria-labelledby="fb" class="panel"><h2 id="fb">意见采纳情况反馈</h2><div class="body">${raw(it.feedback_html)}</div></section>` : ''}
</article>`;
    const body = page({
      title: it.title,
      agency: { code: a.code, name: a.name, section: 'statutory' },
      main,
      breadcrumb: [
        { href: '/', label: '首页' },
        { href: `/a/${a.code}/`, label: a.name },
        { href: `/a/${a.code}/statutory/jcygk`, label: '决策预公开' },
        { label: '征求意见' },
      ],
    });
    return body;
  };
  app.get('/a/:code/consultations/:id', ItemPage, async (req, reply) =>
    sendHtml(req, reply.header('cache-control', 'private, no-cache'), await consultationPage(req, reply, req.params, { ok: req.query.sent === '1' })),
  );
  app.post(
    '/a/:code/consultations/:id/comments',
    { schema: { hide: true, params: PublicItemParams }, config: { rateLimit: { max: 10, timeWindow: '1 minute' } } },
    async (req, reply) => {
      const { code, id } = req.params;
      const body = formFields(req.body);
      const values = {
        name: String(body.name ?? '').slice(0, 100),
        contact: String(body.contact ?? '').slice(0, 200),
        body: String(body.body ?? '').slice(0, 5000),
      };
      const a = await publicAgency(ctx, code);
      try {
        await submitComment(ctx, a.id, id, values);
        return reply.redirect(`/a/${code}/consultations/${id}?sent=1#cform`, 303);
      } catch (err) {
        if (!(err instanceof AppError) || err.status === 404) throw err;
        return reply
          .status(err.status)
          .type('text/html; charset=utf-8')
          .send(await consultationPage(req, reply, req.params, { error: err.message, values }));
      }
    },
  );
}
