import type { FastifyInstance } from 'fastify';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { AgencyCodeParams } from './portal.api.js';
import type { AppContext } from '../platform/context.js';
import { listAllAgencies } from '../platform/org/agencies.service.js';
import { notFound } from '../platform/errors.js';
import { beijingDate } from '../platform/time.js';
import { html } from '../platform/web/html.js';
import { COLUMN_SECTIONS, page } from '../platform/web/layout.js';
import { listPublicItems as listPublic } from '../publishing/items.service.js';
import { itemUrl } from '../publishing/items.service.js';
import { siteSearch } from '../platform/web/widgets.js';

/** One agency's disclosure column: its home with the four sections. Section pages come from publishing. */
export async function agencyPortalRoutes(app: FastifyInstance, ctx: AppContext): Promise<void> {
  const r = app.withTypeProvider<TypeBoxTypeProvider>();
  r.get('/a/:code/', { schema: { hide: true, params: AgencyCodeParams } }, async (req, reply) => {
    const { code } = req.params;
    const agency = (await listAllAgencies(ctx.db)).find((a) => a.code === code);
    if (!agency) throw notFound('未找到该机关的公开专栏。');
    const latest = await listPublic(ctx.db, { agencyId: agency.id, page: 1, size: 8, total: 'skip' });
    const main = html`<h1>${agency.name}政府信息公开专栏</h1>
${siteSearch(agency)}
<ul class="sections">${COLUMN_SECTIONS.map((s) => html`<li><h3><a href="/a/${agency.code}/${s.path}">${s.label}</a></h3></li>`)}</ul>
<section class="panel" aria-labelledby="latest"><h2 id="latest">最新公开</h2>
${latest.rows.length ? html`<ul class="latest">${latest.rows.map((row) => html`<li><a href="${itemUrl(agency.code, row)}">${row.title}</a><br><span class="muted">${row.index_no} · ${beijingDate(row.published_at)}</span></li>`)}</ul>` : html`<p class="muted">暂无公开信息。</p>`}
<p><a href="/a/${agency.code}/statutory">查看全部法定主动公开内容</a> · <a href="/a/${agency.code}/statistics">依申请公开统计</a></p></section>
<section class="panel" aria-labelledby="office"><h2 id="office">政府信息公开工作机构</h2>
<dl><dt>名称</dt><dd>${agency.office_name || '—'}</dd><dt>办公地址</dt><dd>${agency.office_address || '—'}</dd>
<dt>办公时间</dt><dd>${agency.office_hours || '—'}</dd><dt>联系电话</dt><dd>${agency.office_phone || '—'}</dd>
<dt>传真</dt><dd>${agency.office_fax || '—'}</dd><dt>电子邮箱</dt><dd>${agency.office_email || '—'}</dd></dl></section>
<p><a class="button" href="/apply?agency=${agency.code}">向${agency.name}申请政府信息公开</a></p>`;
    return reply.type('text/html; charset=utf-8').send(
      page({
        title: `${agency.name}政府信息公开专栏`,
        agency: { code: agency.code, name: agency.name, section: 'home' },
        main,
        breadcrumb: [{ href: '/', label: '首页' }, { label: agency.name }],
      }),
    );
  });
}
