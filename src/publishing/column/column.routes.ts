import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { AppContext } from '../../platform/context.js';
import { reconsiderationBodiesOf, type Agency } from '../../platform/org/agencies.service.js';
import { csrfToken } from '../../platform/http/auth-plugin.js';
import { AppError, notFound } from '../../platform/errors.js';
import { search } from '../../platform/search/index.js';
import { beijingDate, todayInChina } from '../../platform/time.js';
import { sql } from 'kysely';
import { html, raw, type Raw } from '../../platform/web/html.js';
import { page } from '../../platform/web/layout.js';
import { cachedHtml, sendHtml } from '../../platform/web/page-cache.js';
import { publicAgencies, publicAgency } from '../../platform/web/public-data.js';
import { publicColumns } from './public-data.js';
import { memoPublic } from '../../platform/web/page-cache.js';
import { columnsOf, settingsOf } from '../catalogue.service.js';
import { findPublic, listPublic, publicCountsByColumn, publicInterpretations, publicYears, recentPublic } from '../items.store.js';
import { consultationState, publicComments, submitComment } from '../consultations.service.js';
import { CHANNEL_LABELS, channelCounts } from '../channels.service.js';
import { itemUrl, KIND_LABELS } from '../items.service.js';
import { COLUMN_CSS, fmtDate, fmtSize, pager, positiveInt, validityBadge, VALIDITY_TEXT } from './views.js';
import { printButton } from '../../platform/web/widgets.js';
import { spanText } from '../../rules/citations.js';

/**
 * The public disclosure column (政府信息公开专栏) of each agency: guide, rules, statutory content with its
 * catalogue tree, item pages, consultations; site-wide search, Atom feed and sitemap. Server-rendered, no
 * JavaScript, ETag-cached. Everything reads pub_public_items only: what was not released (or was
 * withdrawn) does not exist here, not even by direct URL.
 */

const PAGE_SIZE = 20;

const agencyByCode = publicAgency;

/** Released items per column code of an agency, once per generation of public data. */
const publicColumnCounts = (ctx: AppContext, agencyId: string) => memoPublic(ctx.db, `counts:${agencyId}`, () => publicCountsByColumn(ctx.db, agencyId));

/** Years in which the agency released items, newest first, once per generation of public data. */
const publicItemYears = (ctx: AppContext, agencyId: string) => memoPublic(ctx.db, `years:${agencyId}`, () => publicYears(ctx.db, agencyId));

/** Absolute base URL for the feed and sitemap: PUBLIC_URL when set, else the request's (validated) host. */
function baseUrl(req: FastifyRequest): string {
  const configured = process.env.PUBLIC_URL?.replace(/\/$/, '');
  if (configured && /^https?:\/\/[^\s"'<>]+$/.test(configured)) return configured;
  const host = /^[a-z0-9.-]+(:\d{1,5})?$/i.test(req.host) ? req.host : 'localhost';
  return `${req.protocol}://${host}`;
}

const q = (req: FastifyRequest) => (req.query ?? {}) as Record<string, string | undefined>;

function catalogueTree(a: Agency, cols: Awaited<ReturnType<typeof columnsOf>>, counts: Map<string, number>, current?: string): Raw {
  const statutory = cols.filter((c) => c.section === 'statutory');
  return html`<nav class="tree panel" aria-label="公开目录"><h2>公开目录</h2><ul>
<li><a href="/a/${a.code}/guide">政府信息公开指南</a></li>
<li><a href="/a/${a.code}/rules">政府信息公开制度</a></li>
<li><a href="/a/${a.code}/statutory"${current === '' ? raw(' aria-current="page"') : ''}>法定主动公开内容</a><ul>
${statutory.map((c) => html`<li><a href="/a/${a.code}/statutory/${c.code}"${current === c.code ? raw(' aria-current="page"') : ''}>${c.name}</a> <span class="muted">(${counts.get(c.code) ?? 0})</span></li>`)}
</ul></li>
<li><a href="/a/${a.code}/reports">政府信息公开年报</a></li>
</ul></nav>`;
}

function itemTable(a: Agency, rows: Awaited<ReturnType<typeof listPublic>>['rows'], caption: string): Raw {
  if (!rows.length) return html`<p class="notice">暂无公开信息。</p>`;
  const withNumbers = rows.some((r) => r.doc_number);
  return html`<div class="table-scroll" role="region" aria-label="${caption}" tabindex="0"><table><caption class="muted" style="text-align:left">${caption}</caption>
<thead><tr><th scope="col">索引号</th><th scope="col">名称</th>${withNumbers ? html`<th scope="col">文号</th>` : ''}<th scope="col" class="nw">生成日期</th><th scope="col" class="nw">发布日期</th></tr></thead>
<tbody>${rows.map(
    (
      r,
    ) => html`<tr><td class="nw">${r.index_no}</td><td><a href="${itemUrl(a.code, r)}">${r.title}</a>${r.kind === 'normative' || r.kind === 'rule' ? html` ${validityBadge(r.validity)}` : ''}${r.kind === 'interpretation' ? html` <span class="badge">解读</span>` : ''}${r.summary ? html`<br><span class="muted" style="font-size:.9rem">${r.summary}</span>` : ''}</td>
${withNumbers ? html`<td class="nw">${r.doc_number ?? ''}</td>` : ''}<td class="nw">${r.created_on}</td><td class="nw">${fmtDate(r.published_at)}</td></tr>`,
  )}</tbody></table></div>`;
}

export async function columnRoutes(app: FastifyInstance, ctx: AppContext): Promise<void> {
  const H = { schema: { hide: true } };

  // 法定主动公开内容: the catalogue tree and the newest items.
  app.get('/a/:code/statutory', H, async (req, reply) =>
    cachedHtml(req, reply, req.url, async () => {
      const a = await agencyByCode(ctx, (req.params as { code: string }).code);
      const [cols, counts, latest] = await Promise.all([
        publicColumns(ctx, a.id),
        publicColumnCounts(ctx, a.id),
        listPublic(ctx.db, { agencyId: a.id, page: 1, size: 10 }),
      ]);
      const main = html`${COLUMN_CSS}<h1>法定主动公开内容</h1><div class="col-layout">
<div class="col-main"><p class="muted">依据《中华人民共和国政府信息公开条例》第二十条，${a.name}主动公开以下政府信息。</p>
<ul class="sections">${cols.filter((c) => c.section === 'statutory').map((c) => html`<li><h2 style="font-size:1.05rem"><a href="/a/${a.code}/statutory/${c.code}">${c.name}</a></h2><p class="muted">${c.description}${c.art20 ? `（条例第二十条第（${c.art20}）项）` : ''}</p></li>`)}</ul>
<section aria-labelledby="latest"><h2 id="latest">最新公开</h2>${itemTable(a, latest.rows, '最近发布的 10 条信息')}</section></div>${catalogueTree(a, cols, counts, '')}</div>`;
      return page({
        title: `法定主动公开内容 - ${a.name}`,
        agency: { code: a.code, name: a.name, section: 'statutory' },
        main,
        breadcrumb: [{ href: '/', label: '首页' }, { href: `/a/${a.code}/`, label: a.name }, { label: '法定主动公开内容' }],
      });
    }),
  );

  const columnList = async (req: FastifyRequest, reply: FastifyReply, section: 'statutory' | 'rules') => {
    const { code, column } = req.params as { code: string; column?: string };
    const query = q(req);
    return cachedHtml(req, reply, req.url, async () => {
      const a = await agencyByCode(ctx, code);
      const cols = await publicColumns(ctx, a.id);
      const col = section === 'rules' ? cols.find((c) => c.section === 'rules') : cols.find((c) => c.code === column && c.section === 'statutory');
      if (!col) throw notFound('该栏目不存在。');
      const pageNo = positiveInt(query.page, 1);
      const year = query.year && /^\d{4}$/.test(query.year) ? Number(query.year) : undefined;
      const validity = query.validity && query.validity in VALIDITY_TEXT ? query.validity : undefined;
      const [list, counts, years] = await Promise.all([
        section === 'rules'
          ? listPublic(ctx.db, {
              agencyId: a.id,
              columnCodes: cols.filter((c) => c.section === 'rules').map((c) => c.code),
              year,
              validity,
              page: pageNo,
              size: PAGE_SIZE,
            })
          : listPublic(ctx.db, { agencyId: a.id, columnCode: col.code, year, validity, page: pageNo, size: PAGE_SIZE }),
        publicColumnCounts(ctx, a.id),
        publicItemYears(ctx, a.id),
      ]);
      const base = section === 'rules' ? `/a/${a.code}/rules` : `/a/${a.code}/statutory/${col.code}`;
      const main = html`${COLUMN_CSS}<h1>${col.name}</h1><div class="col-layout"><div class="col-main">
<p class="muted">${col.description}</p>
<form class="filters" method="get" action="${base}" role="search" aria-label="筛选${col.name}">
<div><label for="f-year">发布年份</label><select id="f-year" name="year"><option value="">全部</option>${years.map((y) => html`<option value="${y}"${year === y ? raw(' selected') : ''}>${y}年</option>`)}</select></div>
<div><label for="f-validity">有效性</label><select id="f-validity" name="validity"><option value="">全部</option>${Object.entries(VALIDITY_TEXT).map(([k, v]) => html`<option value="${k}"${validity === k ? raw(' selected') : ''}>${v}</option>`)}</select></div>
<div><button type="submit">筛选</button></div></form>
<form class="filters" method="get" action="/search" role="search" aria-label="在本栏目内检索"><input type="hidden" name="agency" value="${a.code}"><input type="hidden" name="column" value="${col.code}">
<div><label for="f-q">在本栏目内检索</label><input id="f-q" name="q" type="search" maxlength="100"></div><div><button type="submit">检索</button></div></form>
${itemTable(a, list.rows, `${col.name}：共 ${list.total} 条`)}
${pager(base, { year, validity }, pageNo, PAGE_SIZE, list.total)}</div>${catalogueTree(a, cols, counts, col.code)}</div>`;
      return page({
        title: `${col.name} - ${a.name}`,
        agency: { code: a.code, name: a.name, section },
        main,
        breadcrumb: [
          { href: '/', label: '首页' },
          { href: `/a/${a.code}/`, label: a.name },
          ...(section === 'statutory' ? [{ href: `/a/${a.code}/statutory`, label: '法定主动公开内容' }] : []),
          { label: col.name },
        ],
      });
    });
  };
  app.get('/a/:code/statutory/:column', H, (req, reply) => columnList(req, reply, 'statutory'));
  app.get('/a/:code/rules', H, (req, reply) => columnList(req, reply, 'rules'));

  // An item: catalogue fields, body, attachments, linked policy / interpretations.
  app.get('/a/:code/items/:id', H, async (req, reply) =>
    cachedHtml(req, reply, req.url, async () => {
      const { code, id } = req.params as { code: string; id: string };
      const a = await agencyByCode(ctx, code);
      const it = await findPublic(ctx.db, a.id, id);
      if (!it) throw notFound('该信息不存在或已撤回。');
      if (it.kind === 'consultation') throw notFound('该信息不存在或已撤回。');
      const cols = await publicColumns(ctx, a.id, { includeHidden: true });
      const col = cols.find((c) => c.code === it.column_code);
      const interps = it.kind === 'interpretation' ? [] : await publicInterpretations(ctx.db, it.id);
      const policy = it.policy_id ? await findPublic(ctx.db, a.id, it.policy_id) : undefined;
      const atts = JSON.parse(it.attachments) as { id: string; filename: string; size: number }[];
      const main = html`${COLUMN_CSS}<article><h1>${it.title}</h1>
${printButton()}
<dl class="meta"><dt>索引号</dt><dd>${it.index_no}</dd><dt>发布机构</dt><dd>${it.publisher}</dd>
<dt>生成日期</dt><dd>${it.created_on}</dd><dt>发布日期</dt><dd>${fmtDate(it.first_published_at)}${it.published_at !== it.first_published_at ? html`（${fmtDate(it.published_at)} 修订）` : ''}</dd>
${it.doc_number ? html`<dt>文号</dt><dd>${it.doc_number}</dd>` : ''}
<dt>所属栏目</dt><dd>${col?.name ?? it.column_code}</dd><dt>信息类别</dt><dd>${KIND_LABELS[it.kind]}</dd>
${it.kind === 'normative' || it.kind === 'rule' ? html`<dt>有效性</dt><dd>${validityBadge(it.validity)}</dd>` : ''}
<dt>内容概述</dt><dd>${it.summary || '—'}</dd></dl>
${policy ? html`<p class="notice">本文是对 <a href="/a/${a.code}/items/${policy.id}">${policy.title}</a>${policy.doc_number ? `（${policy.doc_number}）` : ''} 的解读。</p>` : ''}
<div class="body">${raw(it.body_html)}</div>
${atts.length ? html`<section aria-labelledby="atts"><h2 id="atts">附件</h2><ul>${atts.map((f) => html`<li><a href="/a/${a.code}/items/${it.id}/attachments/${f.id}" download>${f.filename}</a> <span class="muted">（${fmtSize(f.size)}）</span></li>`)}</ul></section>` : ''}
${interps.length ? html`<section aria-labelledby="interps" class="panel"><h2 id="interps">政策解读</h2><ul>${interps.map((i) => html`<li><a href="/a/${a.code}/items/${i.id}">${i.title}</a> <span class="muted">${fmtDate(i.published_at)}</span></li>`)}</ul></section>` : ''}
</article>`;
      return page({
        title: it.title,
        agency: { code: a.code, name: a.name, section: col?.section === 'rules' ? 'rules' : 'statutory' },
        main,
        description: it.summary || undefined,
        breadcrumb: [
          { href: '/', label: '首页' },
          { href: `/a/${a.code}/`, label: a.name },
          ...(col ? [{ href: col.section === 'rules' ? `/a/${a.code}/rules` : `/a/${a.code}/statutory/${col.code}`, label: col.name }] : []),
          { label: '正文' },
        ],
      });
    }),
  );

  app.get('/a/:code/items/:id/attachments/:att', H, async (req, reply) => {
    const { code, id, att } = req.params as { code: string; id: string; att: string };
    const a = await agencyByCode(ctx, code);
    const it = await findPublic(ctx.db, a.id, id);
    const meta = it ? (JSON.parse(it.attachments) as { id: string }[]).find((f) => f.id === att) : undefined;
    if (!it || !meta) throw notFound('该附件不存在或已撤回。');
    const row = await ctx.db
      .selectFrom('pub_attachments')
      .select(['filename', 'mime', 'data', 'sha256'])
      .where('id', '=', att)
      .where('item_id', '=', id)
      .executeTakeFirst();
    if (!row) throw notFound('该附件不存在或已撤回。');
    const etag = `"${row.sha256}"`;
    reply.header('etag', etag).header('cache-control', 'public, max-age=3600').header('x-content-type-options', 'nosniff');
    if (req.headers['if-none-match'] === etag) return reply.status(304).send();
    return reply
      .type(row.mime)
      .header('content-disposition', `attachment; filename*=UTF-8''${encodeURIComponent(row.filename)}`)
      .send(Buffer.from(row.data));
  });

  // Consultation: the draft, the comment form (no JavaScript), approved comments, feedback.
  const consultationPage = async (req: FastifyRequest, reply: FastifyReply, opts: { error?: string; ok?: boolean; values?: Record<string, string> } = {}) => {
    const { code, id } = req.params as { code: string; id: string };
    const a = await agencyByCode(ctx, code);
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
  app.get('/a/:code/consultations/:id', H, async (req, reply) =>
    sendHtml(req, reply.header('cache-control', 'private, no-cache'), await consultationPage(req, reply, { ok: q(req).sent === '1' })),
  );
  app.post(
    '/a/:code/consultations/:id/comments',
    { schema: { hide: true }, config: { rateLimit: { max: 10, timeWindow: '1 minute' } } },
    async (req, reply) => {
      const { code, id } = req.params as { code: string; id: string };
      const body = (req.body ?? {}) as Record<string, unknown>;
      const values = {
        name: String(body.name ?? '').slice(0, 100),
        contact: String(body.contact ?? '').slice(0, 200),
        body: String(body.body ?? '').slice(0, 5000),
      };
      const a = await agencyByCode(ctx, code);
      try {
        await submitComment(ctx, a.id, id, values);
        return reply.redirect(`/a/${code}/consultations/${id}?sent=1#cform`, 303);
      } catch (err) {
        if (!(err instanceof AppError) || err.status === 404) throw err;
        return reply
          .status(err.status)
          .type('text/html; charset=utf-8')
          .send(await consultationPage(req, reply, { error: err.message, values }));
      }
    },
  );

  // The guide (条例第十二条), generated from the agency's data.
  app.get('/a/:code/guide', H, async (req, reply) =>
    cachedHtml(req, reply, req.url, async () => {
      const a = await agencyByCode(ctx, (req.params as { code: string }).code);
      const [cols, settings, agencies] = await Promise.all([publicColumns(ctx, a.id), settingsOf(ctx.db, a.id), publicAgencies(ctx)]);
      const parent = agencies.find((x) => x.id === a.parent_id);
      const body = reconsiderationBodiesOf(agencies).get(a.id) ?? { name: '' };
      const year = Number(todayInChina().slice(0, 4));
      const counts = await channelCounts(ctx.db, [a.id], year - 1);
      const used = (Object.keys(counts) as (keyof typeof counts)[]).filter((k) => counts[k] > 0 && k !== 'portal');
      const example = settings.indexPattern
        .replace('{agencyCode}', a.code)
        .replace('{columnCode}', 'zcwj')
        .replace('{year}', String(year))
        .replace(/\{seq(?::(\d))?\}/, (_m, w) => '1'.padStart(Number(w ?? 1), '0'));
      const dash = (s: string) => s || '—';
      const main = html`${COLUMN_CSS}<h1>${a.name}政府信息公开指南</h1>
<p class="muted">依据《中华人民共和国政府信息公开条例》（以下简称《条例》）第十二条编制，随机关信息变化及时更新。本页内容由系统根据本机关当前的公开目录和工作机构信息生成。</p>
<section aria-labelledby="g1"><h2 id="g1">一、主动公开</h2>
<h3>（一）公开范围和分类</h3><p>本机关主动公开的政府信息分为以下类别（即政府信息公开目录的编排分类）：</p>
<div class="table-scroll" role="region" aria-label="主动公开信息分类" tabindex="0"><table><caption class="muted" style="text-align:left">主动公开信息分类</caption><thead><tr><th scope="col">类别</th><th scope="col">主要内容</th><th scope="col">依据</th></tr></thead><tbody>
${cols.filter((c) => c.section !== 'guide').map((c) => html`<tr><th scope="row"><a href="${c.section === 'rules' ? `/a/${a.code}/rules` : `/a/${a.code}/statutory/${c.code}`}">${c.name}</a></th><td>${c.description}</td><td>${c.art20 ? `《条例》第二十条第（${c.art20}）项` : '《条例》第十九条、第二十二条'}</td></tr>`)}
<tr><th scope="row"><a href="/a/${a.code}/reports">政府信息公开年报</a></th><td>每年1月31日前公布上一年度政府信息公开工作年度报告。</td><td>《条例》第四十九条</td></tr></tbody></table></div>
<h3>（二）公开方式</h3><p>主动公开的政府信息通过本平台“${a.name}政府信息公开专栏”集中发布${a.website ? html`，同时通过本机关门户网站（<a href="${a.website}">${a.website}</a>）` : ''}${used.length ? `、${used.map((k) => CHANNEL_LABELS[k]).join('、')}` : ''}等渠道公开，并按规定向国家档案馆、公共图书馆和政务服务场所提供（《条例》第二十三条至第二十五条）。</p>
<h3>（三）公开时限</h3><p>属于主动公开范围的政府信息，自该信息形成或者变更之日起${spanText('proactive')}内予以公开；法律、法规对公开期限另有规定的，从其规定（《条例》第二十六条）。</p></section>
<section aria-labelledby="g2"><h2 id="g2">二、政府信息公开目录编排体系</h2>
<p>政府信息公开目录的每条信息包括：索引号、名称、内容概述、生成日期、发布机构、文号和有效性（规章和规范性文件）。</p>
<p>索引号的编制规则为：<code>${settings.indexPattern
        .replace('{agencyCode}', '机关代码')
        .replace('{columnCode}', '栏目代码')
        .replace('{year}', '年份')
        .replace(/\{seq(?::(\d))?\}/, '顺序号')}</code>，例如 <code>${example}</code>。机关代码为“${a.code}”，栏目代码见下表。</p>
<div class="table-scroll" role="region" aria-label="栏目代码" tabindex="0"><table><caption class="muted" style="text-align:left">栏目代码</caption><thead><tr><th scope="col">栏目</th><th scope="col">代码</th></tr></thead><tbody>${cols.filter((c) => c.section !== 'guide').map((c) => html`<tr><th scope="row">${c.name}</th><td><code>${c.code}</code></td></tr>`)}</tbody></table></div></section>
<section aria-labelledby="g3"><h2 id="g3">三、获取方式</h2>
<h3>（一）主动公开信息的获取</h3><p>公众可在本专栏按栏目浏览、<a href="/search?agency=${a.code}">检索</a>和下载主动公开的政府信息，也可到本机关政府信息公开工作机构查阅。</p>
<h3>（二）依申请公开</h3>
<p>除本机关主动公开的政府信息外，公民、法人或者其他组织可以向本机关申请获取相关政府信息（《条例》第二十七条）。</p>
<dl class="meta"><dt>受理机构</dt><dd>${dash(a.office_name)}</dd><dt>办公地址</dt><dd>${dash(a.office_address)}</dd><dt>邮政编码</dt><dd>${dash(a.office_postcode)}</dd>
<dt>办公时间</dt><dd>${dash(a.office_hours)}</dd><dt>联系电话</dt><dd>${dash(a.office_phone)}</dd><dt>传真号码</dt><dd>${dash(a.office_fax)}</dd>
<dt>电子邮箱</dt><dd>${a.office_email ? html`<a href="mailto:${a.office_email}">${a.office_email}</a>` : '—'}</dd><dt>互联网联系方式</dt><dd><a href="/apply?agency=${a.code}">在线申请</a>${a.website ? html`；<a href="${a.website}">${a.website}</a>` : ''}</dd></dl>
<p><strong>申请方式：</strong>通过本平台<a href="/apply?agency=${a.code}">在线提交申请</a>；或以信函、传真方式提出，请在信封左下角或传真首页注明“政府信息公开申请”；或到受理机构当面提交。申请应当包括：申请人的姓名或者名称、身份证明、联系方式；申请公开的政府信息的名称、文号或者便于查询的其他特征性描述；申请公开的政府信息的形式要求（《条例》第二十九条）。采用书面形式确有困难的，可以口头提出，由受理机构代为填写申请。</p>
<p><strong>申请的处理：</strong>申请内容不明确的，本机关自收到申请之日起${spanText('correctionRequest')}内一次性告知补正（《条例》第三十条）；能够当场答复的当场答复，不能当场答复的自收到申请之日起${spanText('reply')}内答复，需要延长的经政府信息公开工作机构负责人同意并告知申请人，延长期限最长不超过${spanText('extension')}；征求第三方和其他机关意见所需时间不计算在内（《条例》第三十二条至第三十四条）。答复类型按《条例》第三十六条办理。</p>
<p><strong>收费：</strong>本机关依申请提供政府信息，不收取费用。申请人申请公开政府信息的数量、频次明显超过合理范围的，可以按照《政府信息公开信息处理费管理办法》（国办函〔2020〕109号）收取信息处理费（《条例》第四十二条）。</p></section>
<section aria-labelledby="g4"><h2 id="g4">四、监督和救济</h2>
<p>公民、法人或者其他组织认为本机关在政府信息公开工作中侵犯其合法权益的，可以向${parent ? `${parent.name}（政府信息公开工作主管部门）` : '上一级行政机关或者政府信息公开工作主管部门'}投诉、举报；也可以依法申请行政复议${body.name ? `（复议机关：${body.name}${a.reconsideration_online ? `，在线申请：${a.reconsideration_online}` : ''}）` : ''}或者提起行政诉讼${a.court ? `（管辖法院：${a.court}）` : ''}（《条例》第五十一条）。对本机关不予公开（含部分不予公开）政府信息的答复不服的，应当先申请行政复议，对行政复议决定不服的，再依法提起行政诉讼（《中华人民共和国行政复议法》第二十三条第一款第（四）项）。</p></section>`;
      return page({
        title: `${a.name}政府信息公开指南`,
        agency: { code: a.code, name: a.name, section: 'guide' },
        main,
        breadcrumb: [{ href: '/', label: '首页' }, { href: `/a/${a.code}/`, label: a.name }, { label: '政府信息公开指南' }],
      });
    }),
  );

  // Site-wide search (jieba full text), with filters and <mark> hits.
  app.get('/search', H, async (req, reply) => {
    const query = q(req);
    const text = (query.q ?? '').slice(0, 100).trim();
    return cachedHtml(req, reply, req.url, async () => {
      const agencies = await publicAgencies(ctx);
      const agency = query.agency ? agencies.find((x) => x.code === query.agency) : undefined;
      const cols = agency ? await publicColumns(ctx, agency.id) : [];
      const column = agency && query.column && cols.some((c) => c.code === query.column) ? query.column : undefined;
      const year = query.year && /^\d{4}$/.test(query.year) ? Number(query.year) : undefined;
      const kind = query.kind === 'item' || query.kind === 'consultation' ? query.kind : undefined;
      const pageNo = positiveInt(query.page, 1, 50);
      const res = text
        ? await search(ctx.db, {
            q: text,
            agencyIds: agency ? [agency.id] : undefined,
            columnCode: column,
            year,
            kind,
            limit: PAGE_SIZE,
            offset: (pageNo - 1) * PAGE_SIZE,
          })
        : null;
      // An 索引号 is not a word the full-text index knows: look it up exactly (case-insensitive, spaces ignored).
      const indexNo = text.replace(/\s+/g, '').toUpperCase();
      const byIndex =
        text && /^[\w-]+(\/[\w-]+)*$/.test(indexNo) && /\d/.test(indexNo)
          ? await ctx.db
              .selectFrom('pub_public_items')
              .innerJoin('agencies', 'agencies.id', 'pub_public_items.agency_id')
              .select([
                'pub_public_items.id',
                'pub_public_items.kind',
                'pub_public_items.title',
                'pub_public_items.index_no',
                'pub_public_items.published_at',
                'agencies.code as agency_code',
                'agencies.name as agency_name',
              ])
              .where(sql`upper(pub_public_items.index_no)`, '=', indexNo)
              .limit(5)
              .execute()
          : [];
      const byId = new Map(agencies.map((x) => [x.id, x]));
      const thisYear = Number(todayInChina().slice(0, 4));
      const main = html`${COLUMN_CSS}<h1>检索政府信息</h1>
<form class="filters" method="get" action="/search" role="search" aria-label="检索政府信息">
<div><label for="s-q">关键词、文号或索引号</label><input id="s-q" name="q" type="search" value="${text}" maxlength="100" size="30"></div>
<div><label for="s-agency">机关</label><select id="s-agency" name="agency"><option value="">全部机关</option>${agencies.map((x) => html`<option value="${x.code}"${agency?.id === x.id ? raw(' selected') : ''}>${x.name}</option>`)}</select></div>
${agency ? html`<div><label for="s-column">栏目</label><select id="s-column" name="column"><option value="">全部栏目</option>${cols.map((c) => html`<option value="${c.code}"${column === c.code ? raw(' selected') : ''}>${c.name}</option>`)}</select></div>` : ''}
<div><label for="s-kind">类型</label><select id="s-kind" name="kind"><option value="">全部</option><option value="item"${kind === 'item' ? raw(' selected') : ''}>政府信息</option><option value="consultation"${kind === 'consultation' ? raw(' selected') : ''}>征求意见</option></select></div>
<div><label for="s-year">发布年份</label><select id="s-year" name="year"><option value="">不限</option>${Array.from({ length: thisYear - 2007 }, (_, i) => thisYear - i).map((y) => html`<option value="${y}"${year === y ? raw(' selected') : ''}>${y}年</option>`)}</select></div>
<div><button type="submit">检索</button></div></form>
${byIndex.length ? html`<section class="panel" aria-labelledby="by-index"><h2 id="by-index">索引号为“${text}”的信息</h2><ul class="latest">${byIndex.map((r) => html`<li><a href="${itemUrl(r.agency_code, r)}">${r.title}</a><br><span class="muted">${r.index_no} · ${r.agency_name} · ${fmtDate(r.published_at)}</span></li>`)}</ul></section>` : ''}
${
  res
    ? html`<p role="status">找到${res.capped ? '超过 ' : ' '}${res.total} 条与“${text}”相关的信息${res.total ? '（标题命中的排在前面）' : ''}。</p>
${
  res.total
    ? html`<ol class="hits" start="${(pageNo - 1) * PAGE_SIZE + 1}">${res.hits.map(
        (h) => html`<li><a href="${h.url}">${raw(h.titleHtml)}</a>
<p class="snippet">${raw(h.snippetHtml)}</p><p class="muted">${byId.get(h.agencyId)?.name ?? ''} · ${fmtDate(h.publishedAt)}${h.docNumber ? ` · ${h.docNumber}` : ''}</p></li>`,
      )}</ol>
${pager('/search', { q: text, agency: agency?.code, column, year, kind }, pageNo, PAGE_SIZE, Math.min(res.total, 50 * PAGE_SIZE))}`
    : html`<p class="muted">请尝试更换关键词，或减少筛选条件。未主动公开的信息可以<a href="/apply">申请公开</a>。</p>`
}`
    : html`<p class="muted">可按标题、正文、附件内容和文号（如“枣政办发〔2020〕27号”）检索已主动公开的政府信息。</p>`
}`;
      return page({ title: text ? `“${text}”的检索结果` : '检索', nav: 'search', main });
    });
  });

  // Atom feed of the newest releases.
  app.get('/feed.xml', H, async (req, reply) => {
    const rows = await recentPublic(ctx.db, 50);
    const base = baseUrl(req);
    const x = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
    const updated = rows[0]?.published_at ?? new Date(0).toISOString();
    const body = `<?xml version="1.0" encoding="utf-8"?>
<feed xmlns="http://www.w3.org/2005/Atom" xml:lang="zh-CN">
<title>政府信息公开 - 最新公开信息</title><id>${x(base)}/feed.xml</id><updated>${updated}</updated>
<link rel="self" href="${x(base)}/feed.xml"/><link href="${x(base)}/"/>
${rows.map((r) => `<entry><title>${x(r.title)}</title><id>urn:gongkai:item:${r.id}</id><link href="${x(base + itemUrl(r.agency_code, r))}"/><published>${r.first_published_at}</published><updated>${r.published_at}</updated><author><name>${x(r.agency_name)}</name></author>${r.summary ? `<summary>${x(r.summary)}</summary>` : ''}</entry>`).join('\n')}
</feed>`;
    const etag = `"${Buffer.from(updated + rows.length).toString('base64url')}"`;
    reply.header('etag', etag).header('cache-control', 'public, max-age=300');
    if (req.headers['if-none-match'] === etag) return reply.status(304).send();
    return reply.type('application/atom+xml; charset=utf-8').send(body);
  });

  // The site map for people (the footer's 网站地图); /sitemap.xml stays for crawlers.
  app.get('/sitemap', H, async (req, reply) =>
    cachedHtml(req, reply, 'sitemap', async () => {
      const agencies = await publicAgencies(ctx);
      const colsByAgency = await Promise.all(agencies.map((a) => columnsOf(ctx.db, a.id)));
      const main = html`${COLUMN_CSS}<h1>网站地图</h1>
<section class="panel" aria-labelledby="sm-site"><h2 id="sm-site">公共服务</h2><ul>
<li><a href="/">首页</a></li><li><a href="/search">检索政府信息</a></li><li><a href="/apply">依申请公开（在线申请）</a></li>
<li><a href="/lookup">办理进度查询</a></li><li><a href="/statistics">依申请公开统计（全区域）</a></li><li><a href="/feed.xml">最新公开信息订阅（Atom）</a></li><li><a href="/mode?set=elder" class="to-elder">长者模式（大字版）</a><a href="/mode?set=standard" class="to-standard">标准模式</a></li></ul></section>
${agencies.map(
  (a, i) => html`<section class="panel" aria-labelledby="sm-${a.code}"><h2 id="sm-${a.code}"><a href="/a/${a.code}/">${a.name}政府信息公开专栏</a></h2><ul>
<li><a href="/a/${a.code}/guide">政府信息公开指南</a></li><li><a href="/a/${a.code}/rules">政府信息公开制度</a></li><li><a href="/a/${a.code}/statistics">依申请公开统计</a></li>
<li><a href="/a/${a.code}/statutory">法定主动公开内容</a><ul>${colsByAgency[i]!.filter((c) => c.section === 'statutory').map((c) => html`<li><a href="/a/${a.code}/statutory/${c.code}">${c.name}</a></li>`)}</ul></li>
<li><a href="/a/${a.code}/reports">政府信息公开年报</a></li><li><a href="/apply?agency=${a.code}">向${a.name}申请公开</a></li></ul></section>`,
)}`;
      return page({ title: '网站地图', nav: '', main, breadcrumb: [{ href: '/', label: '首页' }, { label: '网站地图' }] });
    }),
  );

  app.get('/sitemap.xml', H, async (req, reply) => {
    const base = baseUrl(req);
    const agencies = await publicAgencies(ctx);
    const codes = new Map(agencies.map((a) => [a.id, a.code]));
    const items = await ctx.db
      .selectFrom('pub_public_items')
      .select(['id', 'agency_id', 'kind', 'published_at'])
      .orderBy('published_at', 'desc')
      .limit(45_000)
      .execute();
    const urls: string[] = [`${base}/`, `${base}/search`, `${base}/sitemap`];
    for (const a of agencies) for (const s of ['', 'guide', 'rules', 'statutory', 'reports']) urls.push(`${base}/a/${a.code}/${s}`);
    const x = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;');
    const body = `<?xml version="1.0" encoding="UTF-8"?>
<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">
${urls.map((u) => `<url><loc>${x(u)}</loc></url>`).join('\n')}
${items.map((i) => `<url><loc>${x(base + itemUrl(codes.get(i.agency_id) ?? '', i))}</loc><lastmod>${beijingDate(i.published_at)}</lastmod></url>`).join('\n')}
</urlset>`;
    return reply.type('application/xml; charset=utf-8').header('cache-control', 'public, max-age=3600').send(body);
  });
}
