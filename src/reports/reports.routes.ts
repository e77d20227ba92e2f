import type { FastifyInstance } from 'fastify';
import type { AppContext } from '../platform/context.js';

/** HTTP routes of the reports capability (JSON API and portal pages). */
export async function reportsRoutes(_app: FastifyInstance, _ctx: AppContext): Promise<void> {}
