import type { FastifyRequest } from 'fastify';
import type { AppContext } from '../../platform/context.js';
import { search } from '../../platform/search/index.js';
import { beijingDate, todayInChina } from '../../platform/time.js';
import { sql } from 'kysely';
import { html, raw } from '../../platform/web/html.js';
import { page } from '../../platform/web/layout.js';
import { cachedHtml } from '../../platform/web/page-cache.js';
import { publicAgencies } from '../../platform/web/public-data.js';
import { publicColumns } from './public-data.js';
import { columnsOf } from '../catalogue.service.js';
import { recentPublic } from '../items.store.js';
import { itemUrl } from '../items.service.js';
import { PublicQuery } from '../publishing.api.js';
import { COLUMN_CSS, fmtDate, pager, positiveInt, PAGE_SIZE, type PublicApp } from './views.js';

/** Site-wide search (jieba full text), the Atom feed and the site maps (for people and for crawlers). */

/** Absolute base URL for the feed and sitemap: PUBLIC_URL when set, else the request's (validated) host. */
function baseUrl(req: FastifyRequest): string {
  const configured = process.env.PUBLIC_URL?.replace(/\/$/, '');
  if (configured && /^https?:\/\/[^\s"'<>]+$/.test(configured)) return configured;
  const host = /^[a-z0-9.-]+(:\d{1,5})?$/i.test(req.host) ? req.host : 'localhost';
  return `${req.protocol}://${host}`;
}

export async function searchRoutes(app: PublicApp, ctx: AppContext): Promise<void> {
  const H = { schema: { hide: true, querystring: PublicQuery } };

  // Site-wide search (jieba full text), with filters and <mark> hits.
  app.get('/search', H, async (req, reply) => {
    const query = req.query;
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
