import type { AppContext } from '../platform/context.js';

/**
 * Published documents that may already answer an application (条例第三十六条第（一）项): a full-text search of
 * the agency's proactively disclosed documents by the document number, else the description. Never fails
 * the caller: no suggestions when the search finds nothing or is unavailable.
 */
export async function suggestPublished(ctx: AppContext, agencyId: string, description: string, docNumber: string | null) {
  const { search } = await import('../platform/search/index.js');
  // The applicant's words, without the request phrasing that published documents never contain.
  const cleaned = description
    .replace(/^(本人|我)?(特)?(请求?|申请|要求|希望)?(贵(局|单位|机关))?(依法)?(公开|提供|获取|查阅)?/, '')
    .replace(/(全文|的?相关(信息|材料|文件)|的?有关(信息|材料)|等信息)$/g, '')
    .trim();
  const clauses = cleaned
    .split(/[，,。；;、\s]+/)
    .filter((c) => c.length >= 4)
    .sort((a, b) => b.length - a.length);
  const tries = [docNumber, cleaned.slice(0, 60), clauses[0]].filter((x): x is string => !!x && x.trim().length >= 2);
  for (const q of tries) {
    try {
      const res = await search(ctx.db, { q, agencyIds: [agencyId], limit: 5 });
      if (res.hits.length) return res.hits.map((h) => ({ title: h.title, url: h.url, docNumber: h.docNumber, publishedAt: h.publishedAt }));
    } catch {
      return [];
    }
  }
  return [];
}
