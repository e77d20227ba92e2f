import type { FastifyInstance } from 'fastify';
import type { AppContext } from '../context.js';
import { requestsRoutes } from '../../requests/requests.routes.js';
import { publishingRoutes } from '../../publishing/publishing.routes.js';
import { reportsRoutes } from '../../reports/reports.routes.js';

/** Routes of the capabilities: applications (依申请公开), publishing (主动公开), annual reports (年度报告). */
export async function capabilityRoutes(app: FastifyInstance, ctx: AppContext): Promise<void> {
  await requestsRoutes(app, ctx);
  await publishingRoutes(app, ctx);
  await reportsRoutes(app, ctx);
}
