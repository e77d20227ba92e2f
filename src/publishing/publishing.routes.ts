import type { FastifyInstance } from 'fastify';
import type { AppContext } from '../platform/context.js';

/** HTTP routes of the publishing capability (JSON API and portal pages). */
export async function publishingRoutes(_app: FastifyInstance, _ctx: AppContext): Promise<void> {}
