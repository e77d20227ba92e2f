import type { Capability } from '../platform/capability.js';
import { inboxRoutes } from './inbox.routes.js';

/** 待我处理: each person's inbox across capabilities (no tables of its own). */
export const inbox: Capability = {
  name: 'inbox',
  routes: inboxRoutes,
};
