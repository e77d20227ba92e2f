import { formFields } from '../platform/http/form-body.js';
import type { FastifyInstance } from 'fastify';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { ModeQuery } from './portal.api.js';
import type { AppContext } from '../platform/context.js';
import type { Agency } from '../platform/org/agencies.service.js';
import { csrfToken, SESSION_COOKIE, setSessionCookie } from '../platform/http/auth-plugin.js';
import { signIn } from '../platform/auth/accounts.service.js';
import { AppError } from '../platform/errors.js';
import { html } from '../platform/web/html.js';
import { COLUMN_SECTIONS, page } from '../platform/web/layout.js';
import { ELDER_CSS, PORTAL_CSS, STANDARD_MODE_CSS } from './portal.css.js';
import { recentPublicItems as recentPublic } from '../publishing/items.service.js';
import { latestList } from './widgets.js';
import { siteSearch } from '../platform/web/widgets.js';
import { etagOf } from '../platform/web/page-cache.js';
import { FAVICON_SVG } from './favicon.js';
import { agencyPortalRoutes } from './agency.routes.js';
import { cachedHtml } from '../platform/web/page-cache.js';
import { publicAgencies } from '../platform/web/public-data.js';

/** The public portal shell: home, sign-in page, stylesheet. Capability pages register their own routes. */

const SECTION_HINTS: Record<string, string> = {
  guide: '公开的分类、编排体系、获取方式和公开工作机构的联系方式（条例第十二条）。',
  rules: '主动公开、依申请公开、保密审查、责任追究等工作制度。',
  statutory: '条例第二十条规定应当主动公开的政府信息：机构职能、政策文件、规划计划、财政预决算等。',
  reports: '每年1月31日前公布的上一年度政府信息公开工作年度报告（条例第四十九条）。',
};

export function agencyTree(agencies: Agency[]) {
  const children = new Map<string | null, Agency[]>();
  for (const a of agencies) children.set(a.parent_id, [...(children.get(a.parent_id) ?? []), a]);
  return children;
}

export const MODE_COOKIE = 'gk_mode';

export async function portalRoutes(app: FastifyInstance, ctx: AppContext): Promise<void> {
  const css = Buffer.from(PORTAL_CSS);
  app.get('/assets/portal.css', { schema: { hide: true } }, (_req, reply) =>
    reply.type('text/css; charset=utf-8').header('cache-control', 'public, max-age=3600').send(css),
  );

  // Large-print mode (长者模式): a cookie set by a plain link, read by the mode stylesheet. The pages themselves
  // are the same in both modes (so their cache and ETags are shared); only /assets/portal-mode.css differs.
  const modeCss = { elder: Buffer.from(ELDER_CSS), standard: Buffer.from(STANDARD_MODE_CSS) };
  const modeTags = { elder: etagOf(modeCss.elder), standard: etagOf(modeCss.standard) };
  app.get('/assets/portal-mode.css', { schema: { hide: true } }, (req, reply) => {
    const mode = req.cookies[MODE_COOKIE] === 'elder' ? 'elder' : 'standard';
    reply.type('text/css; charset=utf-8').header('cache-control', 'private, no-cache').header('vary', 'Cookie').header('etag', modeTags[mode]);
    if (req.headers['if-none-match'] === modeTags[mode]) return reply.status(304).send();
    return reply.send(modeCss[mode]);
  });
  app.withTypeProvider<TypeBoxTypeProvider>().get('/mode', { schema: { hide: true, querystring: ModeQuery } }, (req, reply) => {
    const set = req.query.set;
    if (set === 'elder')
      reply.setCookie(MODE_COOKIE, 'elder', { path: '/', maxAge: 365 * 24 * 3600, sameSite: 'lax', httpOnly: true, secure: ctx.config.secureCookies });
    else reply.clearCookie(MODE_COOKIE, { path: '/' });
    // Back to the page the link was on (same site only; the portal's pages send a same-origin referrer).
    let back = '/';
    try {
      const ref = new URL(String(req.headers.referer ?? ''));
      if (ref.host === req.host && ref.pathname.startsWith('/') && !ref.pathname.startsWith('//') && ref.pathname !== '/mode') back = ref.pathname + ref.search;
    } catch {
      // no or foreign referrer: the home page
    }
    return reply.header('cache-control', 'no-store').redirect(back, 303);
  });

  const printJs = Buffer.from("for(const b of document.querySelectorAll('[data-print]')){b.hidden=false;b.addEventListener('click',()=>window.print())}\n");
  app.get('/assets/print.js', { schema: { hide: true } }, (_req, reply) =>
    reply.type('text/javascript; charset=utf-8').header('cache-control', 'public, max-age=3600').send(printJs),
  );

  const favicon = Buffer.from(FAVICON_SVG);
  app.get('/favicon.svg', { schema: { hide: true } }, (_req, reply) =>
    reply.type('image/svg+xml').header('cache-control', 'public, max-age=86400').send(favicon),
  );
  app.get('/favicon.ico', { schema: { hide: true } }, (_req, reply) => reply.header('cache-control', 'public, max-age=86400').redirect('/favicon.svg', 301));

  app.get('/', { schema: { hide: true } }, async (req, reply) =>
    cachedHtml(req, reply, 'home', async () => {
      const [agencies, latest] = await Promise.all([publicAgencies(ctx), recentPublic(ctx.db, 8)]);
      const children = agencyTree(agencies);
      const renderBranch = (parent: string | null): ReturnType<typeof html> =>
        html`<ul>${(children.get(parent) ?? []).map((a) => html`<li><a href="/a/${a.code}/">${a.name}</a>${children.has(a.id) ? renderBranch(a.id) : ''}</li>`)}</ul>`;
      const main = html`<h1>政府信息公开</h1>
<p class="muted">本平台依据《中华人民共和国政府信息公开条例》集中发布各机关的政府信息公开专栏，提供检索、查阅、下载和在线申请。</p>
${siteSearch()}
<section aria-labelledby="sec-latest" class="panel"><h2 id="sec-latest">最新公开</h2>${latestList(latest)}
<p><a href="/feed.xml">订阅（Atom）</a> · <a href="/sitemap">网站地图</a></p></section>
<section aria-labelledby="sec-col"><h2 id="sec-col">政府信息公开专栏</h2>
<ul class="sections">${COLUMN_SECTIONS.map(
        (s) => html`<li><h3>${s.label}</h3><p class="muted">${SECTION_HINTS[s.key]}</p>
<p>${agencies.slice(0, 6).map((a, i) => html`${i ? ' · ' : ''}<a href="/a/${a.code}/${s.path}">${a.short_name || a.name}</a>`)}</p></li>`,
      )}</ul></section>
<section aria-labelledby="sec-agencies" class="panel"><h2 id="sec-agencies">各机关公开专栏</h2>${renderBranch(null)}</section>
<section aria-labelledby="sec-apply" class="panel"><h2 id="sec-apply">依申请公开</h2>
<p>主动公开以外的政府信息，公民、法人或者其他组织可以向有关机关申请获取（条例第二十七条）。</p>
<p><a class="button" href="/apply">在线提交申请</a> <a href="/lookup">查询办理进度</a></p></section>`;
      return page({ title: '首页', nav: 'home', main, description: '政府信息公开专栏：公开指南、公开制度、法定主动公开内容、年度报告和依申请公开。' });
    }),
  );

  await agencyPortalRoutes(app, ctx);

  // A sign-in page that works without JavaScript (the admin console uses the JSON API instead).
  const loginPage = (token: string, error?: string, username = '') =>
    page({
      title: '工作人员登录',
      nav: '',
      main: html`<h1>工作人员登录</h1>
${error ? html`<div class="error" role="alert"><p>${error}</p></div>` : ''}
<form class="stack panel" method="post" action="/login">
<input type="hidden" name="_csrf" value="${token}">
<label for="username">用户名</label><input id="username" name="username" autocomplete="username" required maxlength="64" value="${username}">
<label for="password">密码</label><input id="password" name="password" type="password" autocomplete="current-password" required maxlength="256">
<p><button type="submit">登录</button></p>
</form>`,
    });

  app.get('/login', { schema: { hide: true } }, async (req, reply) => reply.type('text/html; charset=utf-8').send(loginPage(csrfToken(ctx, req, reply))));

  app.post(
    '/login',
    { schema: { hide: true }, config: { rateLimit: { max: ctx.config.loginRateLimit, timeWindow: '1 minute', groupId: 'sign-in' } } },
    async (req, reply) => {
      const field = (name: string, max: number) => {
        const v: unknown = formFields(req.body)[name];
        return typeof v === 'string' ? v.slice(0, max) : '';
      };
      const username = field('username', 64);
      const password = field('password', 256);
      try {
        if (!username || !password) throw new AppError(400, '请输入用户名和密码。');
        const res = await signIn(
          ctx.db,
          { username, password },
          { idleMinutes: ctx.config.sessionIdleMinutes, absoluteHours: ctx.config.sessionAbsoluteHours },
          { ip: req.ip, userAgent: String(req.headers['user-agent'] ?? '') },
        );
        setSessionCookie(ctx, reply, res.token);
        return reply.redirect('/admin/', 303);
      } catch (err) {
        if (!(err instanceof AppError)) throw err;
        reply.clearCookie(SESSION_COOKIE, { path: '/' });
        return reply
          .status(err.status)
          .type('text/html; charset=utf-8')
          .send(loginPage(csrfToken(ctx, req, reply), err.message, username));
      }
    },
  );
}
