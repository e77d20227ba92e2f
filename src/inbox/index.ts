import type { Capability } from '../platform/capability.js';
import { inboxRoutes } from './inbox.routes.js';
import { remindStaffJob } from './staff-notify.job.js';

/** 待我处理: each person's inbox across capabilities (no tables of its own), and the staff's morning reminders of it. */
export const inbox: Capability = {
  name: 'inbox',
  routes: inboxRoutes,
  jobs: [remindStaffJob],
};
