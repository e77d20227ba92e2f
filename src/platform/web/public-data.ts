import type { AppContext } from '../context.js';
import { listAllAgencies, type Agency } from '../org/agencies.service.js';
import { notFound } from '../errors.js';
import { memoPublic } from './page-cache.js';

/**
 * The data every public page needs and that changes only with public data (the agencies), loaded once per generation of public data (see page-cache.ts).
 * The returned objects are shared between requests: read them, never change them.
 */

/** Every agency, in tree order. */
export const publicAgencies = (ctx: AppContext): Promise<Agency[]> => memoPublic(ctx.db, 'agencies', () => listAllAgencies(ctx.db));

/** Agencies by code. */
const agenciesByCode = (ctx: AppContext) => memoPublic(ctx.db, 'agencies-by-code', async () => new Map((await publicAgencies(ctx)).map((a) => [a.code, a])));

/** The agency with this code, or a 404 page. */
export async function publicAgency(ctx: AppContext, code: string): Promise<Agency> {
  const a = (await agenciesByCode(ctx)).get(code);
  if (!a) throw notFound('未找到该机关的公开专栏。');
  return a;
}
