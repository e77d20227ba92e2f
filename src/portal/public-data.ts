import type { AppContext } from '../platform/context.js';
import { listAllAgencies, type Agency } from '../platform/org/agencies.service.js';
import { notFound } from '../platform/errors.js';
import { columnsOf } from '../publishing/catalogue.service.js';
import { memoPublic } from '../platform/web/page-cache.js';

/**
 * The data every public page needs and that changes only with public data (agencies, catalogue columns), loaded once per generation of public data (see platform/web/page-cache.ts).
 * The returned objects are shared between requests: read them, never change them.
 */

/** Every agency, in tree order. */
export const publicAgencies = (ctx: AppContext): Promise<Agency[]> => memoPublic(ctx.db, 'agencies', () => listAllAgencies(ctx.db));

/** Agencies by code. */
const agenciesByCode = (ctx: AppContext) =>
  memoPublic(ctx.db, 'agencies-by-code', async () => new Map((await publicAgencies(ctx)).map((a) => [a.code, a])));

/** The agency with this code, or a 404 page. */
export async function publicAgency(ctx: AppContext, code: string): Promise<Agency> {
  const a = (await agenciesByCode(ctx)).get(code);
  if (!a) throw notFound('未找到该机关的公开专栏。');
  return a;
}

/** The agency's catalogue columns (visible ones, or all with includeHidden), in display order. */
export const publicColumns = (ctx: AppContext, agencyId: string, opts: { includeHidden?: boolean } = {}) =>
  memoPublic(ctx.db, `columns:${agencyId}:${opts.includeHidden ? 1 : 0}`, () => columnsOf(ctx.db, agencyId, opts));
