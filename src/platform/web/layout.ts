import type { FastifyRequest } from 'fastify';
import { html, raw, type Raw } from './html.js';

/** The page shell of the public pages: lang zh-CN, skip link, landmarks, works without JavaScript. */

export const SITE_NAME = '政府信息公开';

export interface PageOptions {
  title: string;
  main: Raw;
  nav?: 'home' | 'apply' | 'lookup' | 'search' | '';
  /** When the page belongs to one agency's disclosure column: its four sections are shown as a sub-navigation. */
  agency?: { code: string; name: string; section?: 'guide' | 'rules' | 'statutory' | 'reports' | 'home' };
  breadcrumb?: { href?: string; label: string }[];
  description?: string;
}

const NAV: { key: PageOptions['nav']; href: string; label: string }[] = [
  { key: 'home', href: '/', label: '首页' },
  { key: 'apply', href: '/apply', label: '依申请公开' },
  { key: 'lookup', href: '/lookup', label: '办理查询' },
  { key: 'search', href: '/search', label: '检索' },
];

export function page(o: PageOptions): string {
  return `<!DOCTYPE html>${html`<html lang="zh-CN">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${o.title} - ${SITE_NAME}</title>
${o.description ? html`<meta name="description" content="${o.description}">` : ''}
<meta name="referrer" content="same-origin">
<link rel="icon" href="/favicon.svg" type="image/svg+xml">
<link rel="stylesheet" href="/assets/portal.css">
<link rel="stylesheet" href="/assets/portal-mode.css">
<link rel="alternate" type="application/atom+xml" title="最新公开信息" href="/feed.xml">
</head>
<body>
<a class="skip" href="#main">跳到主要内容</a>
<header class="site" role="banner"><div class="wrap">
<div class="brand"><a href="/">${SITE_NAME}</a></div>
<nav class="main" aria-label="主导航"><ul>
${NAV.map((n) => html`<li><a href="${n.href}"${o.nav === n.key ? raw(' aria-current="page"') : ''}>${n.label}</a></li>`)}
<li class="mode"><a class="to-elder" href="/mode?set=elder">长者模式</a><a class="to-standard" href="/mode?set=standard">标准模式</a></li>
</ul></nav>
</div></header>
<main id="main" tabindex="-1"><div class="wrap">
${o.agency ? agencyNav(o.agency) : ''}
${o.breadcrumb?.length ? html`<nav class="breadcrumb" aria-label="当前位置"><ol>${o.breadcrumb.map((b) => html`<li>${b.href ? html`<a href="${b.href}">${b.label}</a>` : html`<span aria-current="page">${b.label}</span>`}</li>`)}</ol></nav>` : ''}
${o.main}
</div></main>
<footer class="site" role="contentinfo"><div class="wrap">
<p>依据《中华人民共和国政府信息公开条例》设立。<a href="/apply">申请公开</a> · <a href="/statistics">依申请公开统计</a> · <a href="/sitemap">网站地图</a> · <a href="/mode?set=elder" class="to-elder">长者模式</a><a href="/mode?set=standard" class="to-standard">标准模式</a></p>
</div></footer>
</body>
</html>`}`;
}

/** The disclosure column's four first-level sections (国办公开办函〔2019〕61号). */
export const COLUMN_SECTIONS = [
  { key: 'guide', path: 'guide', label: '政府信息公开指南' },
  { key: 'rules', path: 'rules', label: '政府信息公开制度' },
  { key: 'statutory', path: 'statutory', label: '法定主动公开内容' },
  { key: 'reports', path: 'reports', label: '政府信息公开年报' },
] as const;

function agencyNav(a: NonNullable<PageOptions['agency']>): Raw {
  return html`<nav class="panel column-nav" aria-label="${a.name}政府信息公开专栏"><strong><a href="/a/${a.code}/">${a.name}</a></strong>
<ul class="inline">${COLUMN_SECTIONS.map((s) => html`<li><a href="/a/${a.code}/${s.path}"${a.section === s.key ? raw(' aria-current="page"') : ''}>${s.label}</a></li>`)}</ul></nav>`;
}

export function renderErrorPage(status: number, message: string, _req?: FastifyRequest): string {
  const title = status === 404 ? '页面不存在' : status >= 500 ? '服务暂时不可用' : '请求未能完成';
  return page({ title, nav: '', main: html`<h1>${title}</h1><div class="error" role="alert"><p>${message}</p></div><p><a href="/">返回首页</a></p>` });
}
