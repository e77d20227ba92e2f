import type { FastifyInstance } from 'fastify';
import type { AppContext } from '../context.js';

/** Routes of the capabilities (applications, publishing, reports). Each capability adds one line here. */
export async function capabilityRoutes(_app: FastifyInstance, _ctx: AppContext): Promise<void> {
  // e.g. await requestsRoutes(app, ctx);
}
