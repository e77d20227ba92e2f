import type { AppContext } from '../../platform/context.js';
import { memoPublic } from '../../platform/web/page-cache.js';
import { columnsOf } from '../catalogue.service.js';

/**
 * The catalogue columns as the public pages need them, loaded once per generation of public data (see
 * platform/web/page-cache.ts). The returned objects are shared between requests: read them, never change them.
 */

/** The agency's catalogue columns (visible ones, or all with includeHidden), in display order. */
export const publicColumns = (ctx: AppContext, agencyId: string, opts: { includeHidden?: boolean } = {}) =>
  memoPublic(ctx.db, `columns:${agencyId}:${opts.includeHidden ? 1 : 0}`, () => columnsOf(ctx.db, agencyId, opts));
