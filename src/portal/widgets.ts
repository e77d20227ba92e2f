import { html } from '../platform/web/html.js';
import { beijingDate } from '../platform/time.js';
import type { recentPublicItems as recentPublic } from '../publishing/items.service.js';
import { itemUrl } from '../publishing/items.service.js';

/** The portal's own pieces (the shared ones, siteSearch and printButton, are in platform/web/widgets.ts). */

/** The newest releases as a short list: title, agency, date. */
export function latestList(rows: Awaited<ReturnType<typeof recentPublic>>) {
  if (!rows.length) return html`<p class="muted">暂无公开信息。</p>`;
  return html`<ul class="latest">${rows.map((r) => html`<li><a href="${itemUrl(r.agency_code, r)}">${r.title}</a><br><span class="muted">${r.agency_name} · ${beijingDate(r.published_at)}</span></li>`)}</ul>`;
}
