import type { FastifyInstance } from 'fastify';
import type { AppContext } from '../platform/context.js';

/** HTTP routes of the requests capability (JSON API and portal pages). */
export async function requestsRoutes(_app: FastifyInstance, _ctx: AppContext): Promise<void> {}
