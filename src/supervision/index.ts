import type { Capability } from '../platform/capability.js';
import { supervisionMigrations } from './migrations/index.js';
import { ASSESS_USAGE, assessCommand } from './assess.command.js';
import { supervisionPortalRoutes } from './supervision.portal.js';
import { supervisionRoutes } from './supervision.routes.js';

/** 政务公开办: the supervising office's board, assessment (考核), 督办, collected reports and public statistics. */
export const supervision: Capability = {
  name: 'supervision',
  migrations: supervisionMigrations,
  routes: supervisionRoutes,
  publicPages: supervisionPortalRoutes,
  commands: { assess: { usage: ASSESS_USAGE, run: assessCommand } },
};
