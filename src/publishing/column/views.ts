import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import type { FastifyBaseLogger, FastifyInstance, RawReplyDefaultExpression, RawRequestDefaultExpression, RawServerDefault } from 'fastify';
import { beijingDate } from '../../platform/time.js';
import { html, raw, type Raw } from '../../platform/web/html.js';

/** Small shared pieces of the disclosure column's pages. */

/** The column's routes are declared on the app typed by the request schemas (publishing.api.ts). */
export type PublicApp = FastifyInstance<RawServerDefault, RawRequestDefaultExpression, RawReplyDefaultExpression, FastifyBaseLogger, TypeBoxTypeProvider>;

/** Rows per page of the lists and of search. */
export const PAGE_SIZE = 20;

export const COLUMN_CSS = raw(`<style>
.meta{display:grid;grid-template-columns:max-content 1fr;gap:.25rem 1rem;background:#fff;border:1px solid var(--line);padding:1rem;margin:1rem 0}
.meta dt{font-weight:600}.meta dd{margin:0}
.tree ul{list-style:none;padding-left:1rem}.tree>ul{padding-left:0}.tree li{margin:.25rem 0}
.filters{display:flex;flex-wrap:wrap;gap:.5rem 1rem;align-items:end;margin:1rem 0}.filters label{display:block;font-size:.9rem}
.filters input,.filters select{padding:.4rem;border:1px solid #8a919f;border-radius:3px;font:inherit}
.pager ul{list-style:none;display:flex;flex-wrap:wrap;gap:.5rem;padding:0}.pager a,.pager span{display:inline-block;padding:.25rem .6rem;border:1px solid var(--line)}
.pager [aria-current]{background:var(--link);color:#fff}
.badge{display:inline-block;padding:0 .4rem;border:1px solid currentColor;border-radius:3px;font-size:.85rem}
.badge.valid{color:#2f7d32}.badge.expired,.badge.repealed{color:#8a1c1c}
.body{background:#fff;border:1px solid var(--line);padding:1rem 1.5rem;line-height:1.9}
.hits li{margin:0 0 1rem}.hits .snippet{margin:.25rem 0;color:var(--ink)}
.nw{white-space:nowrap}
.col-layout{display:grid;grid-template-columns:14rem minmax(0,1fr);gap:1.5rem}
.table-scroll{overflow-x:auto}@media (max-width:720px){.col-layout{grid-template-columns:minmax(0,1fr)}}.col-main{min-width:0}
</style>`);

export const VALIDITY_TEXT: Record<string, string> = { valid: '有效', expired: '失效', repealed: '废止' };

export const validityBadge = (v: string) => html`<span class="badge ${v}">${VALIDITY_TEXT[v] ?? v}</span>`;

/** A date as people read it on the portal: the Beijing date (platform/time.ts `beijingDate`), or a dash. */
export const fmtDate = (iso: string | null | undefined) => beijingDate(iso) || '—';

/** Paging links that keep the other query parameters. */
export function pager(basePath: string, params: Record<string, string | number | undefined>, page: number, size: number, total: number): Raw {
  const pages = Math.max(1, Math.ceil(total / size));
  if (pages <= 1) return html``;
  const link = (p: number) => {
    const q = new URLSearchParams();
    for (const [k, v] of Object.entries(params)) if (v !== undefined && v !== '') q.set(k, String(v));
    if (p > 1) q.set('page', String(p));
    const s = q.toString();
    return s ? `${basePath}?${s}` : basePath;
  };
  const shown = [...new Set([1, page - 2, page - 1, page, page + 1, page + 2, pages])].filter((p) => p >= 1 && p <= pages).sort((a, b) => a - b);
  return html`<nav class="pager" aria-label="分页"><ul>
${page > 1 ? html`<li><a href="${link(page - 1)}" rel="prev">上一页</a></li>` : ''}
${shown.map((p) => (p === page ? html`<li><span aria-current="page">第 ${p} 页</span></li>` : html`<li><a href="${link(p)}">${p}</a></li>`))}
${page < pages ? html`<li><a href="${link(page + 1)}" rel="next">下一页</a></li>` : ''}
</ul><p class="muted">共 ${total} 条，${pages} 页</p></nav>`;
}

export function positiveInt(v: unknown, fallback: number, max = 10_000): number {
  const n = Number(v);
  return Number.isInteger(n) && n >= 1 && n <= max ? n : fallback;
}

export const fmtSize = (n: number) => (n >= 1024 * 1024 ? `${(n / 1024 / 1024).toFixed(1)} MB` : `${Math.max(1, Math.round(n / 1024))} KB`);
