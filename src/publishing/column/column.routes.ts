import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { AppContext } from '../../platform/context.js';
import type { Agency } from '../../platform/org/agencies.service.js';
import { notFound } from '../../platform/errors.js';
import { html, raw, type Raw } from '../../platform/web/html.js';
import { page } from '../../platform/web/layout.js';
import { cachedHtml } from '../../platform/web/page-cache.js';
import { publicAgency } from '../../platform/web/public-data.js';
import { publicColumns } from './public-data.js';
import { memoPublic } from '../../platform/web/page-cache.js';
import type { columnsOf } from '../catalogue.service.js';
import { findPublic, listPublic, publicCountsByColumn, publicInterpretations, publicInterpretedPolicies, publicYears } from '../items.store.js';
import { itemUrl, KIND_LABELS } from '../items.service.js';
import { printButton } from '../../platform/web/widgets.js';
import { AgencyParams, ColumnPageParams, PublicAttachmentParams, PublicItemParams, PublicQuery } from '../publishing.api.js';
import { consultationRoutes } from './consultation.routes.js';
import { guideRoutes } from './guide.routes.js';
import { searchRoutes } from './search.routes.js';
import { COLUMN_CSS, fmtDate, fmtSize, pager, positiveInt, validityBadge, VALIDITY_TEXT, PAGE_SIZE } from './views.js';

/**
 * The public disclosure column (政府信息公开专栏) of each agency: guide, rules, statutory content with its
 * catalogue tree, item pages, consultations; site-wide search, Atom feed and sitemap. Server-rendered, no
 * JavaScript, ETag-cached. Everything reads pub_public_items only: what was not released (or was
 * withdrawn) does not exist here, not even by direct URL.
 */

const agencyByCode = publicAgency;

/** Released items per column code of an agency, once per generation of public data. */
const publicColumnCounts = (ctx: AppContext, agencyId: string) => memoPublic(ctx.db, `counts:${agencyId}`, () => publicCountsByColumn(ctx.db, agencyId));

/** The agency's policies that have interpretations, once per generation: most item pages then need one query. */
const interpretedPolicies = (ctx: AppContext, agencyId: string) => memoPublic(ctx.db, `interpreted:${agencyId}`, () => publicInterpretedPolicies(ctx.db, agencyId));

/** Years in which the agency released items, newest first, once per generation of public data. */
const publicItemYears = (ctx: AppContext, agencyId: string) => memoPublic(ctx.db, `years:${agencyId}`, () => publicYears(ctx.db, agencyId));

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

export async function columnRoutes(fastify: FastifyInstance, ctx: AppContext): Promise<void> {
  const app = fastify.withTypeProvider<TypeBoxTypeProvider>();
  const H = { schema: { hide: true, querystring: PublicQuery } };
  const AgencyPage = { schema: { ...H.schema, params: AgencyParams } };
  const ColumnPage = { schema: { ...H.schema, params: ColumnPageParams } };
  const ItemPage = { schema: { ...H.schema, params: PublicItemParams } };

  // 法定主动公开内容: the catalogue tree and the newest items.
  app.get('/a/:code/statutory', AgencyPage, async (req, reply) =>
    cachedHtml(req, reply, req.url, async () => {
      const a = await agencyByCode(ctx, req.params.code);
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

  const columnList = async (
    req: FastifyRequest,
    reply: FastifyReply,
    section: 'statutory' | 'rules',
    { code, column }: ColumnPageParams,
    query: PublicQuery,
  ) => {
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
  app.get('/a/:code/statutory/:column', ColumnPage, (req, reply) => columnList(req, reply, 'statutory', req.params, req.query));
  app.get('/a/:code/rules', ColumnPage, (req, reply) => columnList(req, reply, 'rules', req.params, req.query));

  // An item: catalogue fields, body, attachments, linked policy / interpretations.
  app.get('/a/:code/items/:id', ItemPage, async (req, reply) =>
    cachedHtml(req, reply, req.url, async () => {
      const { code, id } = req.params;
      const a = await agencyByCode(ctx, code);
      const it = await findPublic(ctx.db, a.id, id);
      if (!it) throw notFound('该信息不存在或已撤回。');
      if (it.kind === 'consultation') throw notFound('该信息不存在或已撤回。');
      const cols = await publicColumns(ctx, a.id, { includeHidden: true });
      const col = cols.find((c) => c.code === it.column_code);
      const interps = it.kind !== 'interpretation' && (await interpretedPolicies(ctx, a.id)).has(it.id) ? await publicInterpretations(ctx.db, it.id) : [];
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

  app.get('/a/:code/items/:id/attachments/:att', { schema: { ...H.schema, params: PublicAttachmentParams } }, async (req, reply) => {
    const { code, id, att } = req.params;
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

  await consultationRoutes(app, ctx);
  await guideRoutes(app, ctx);
  await searchRoutes(app, ctx);
}
