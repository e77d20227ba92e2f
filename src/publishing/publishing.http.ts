import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import type { FastifyBaseLogger, FastifyInstance, RawReplyDefaultExpression, RawRequestDefaultExpression, RawServerDefault } from 'fastify';
import { invalidatePages } from '../platform/web/page-cache.js';

/** What the publishing routes files share: the typed app, the OpenAPI tag and the hook of every write. */

export type TypedApp = FastifyInstance<RawServerDefault, RawRequestDefaultExpression, RawReplyDefaultExpression, FastifyBaseLogger, TypeBoxTypeProvider>;

export const tags = ['主动公开'];

/** A write changes what the public pages show: their cache is dropped once the answer is ready. */
export const write = {
  onSend: async (_req: unknown, _reply: unknown, payload: unknown) => {
    await invalidatePages();
    return payload;
  },
};
