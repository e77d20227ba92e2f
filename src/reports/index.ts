import type { Capability } from '../platform/capability.js';
import { reportsMigrations } from './migrations/index.js';
import { REPORT_BUILD_USAGE, reportBuildCommand } from './report-build.command.js';
import { REPORT_CHECK_USAGE, runReportCheckCommand } from './report-check.command.js';
import { reportsRoutes } from './reports.routes.js';
import { reportsSeeder } from './reports.seed.js';

/** 年度报告: the annual report built from the ledger, its review and publication, and the checker. */
export const reports: Capability = {
  name: 'reports',
  migrations: reportsMigrations,
  routes: reportsRoutes,
  seed: reportsSeeder.seed,
  commands: {
    'report build': { usage: REPORT_BUILD_USAGE, run: reportBuildCommand },
    // The checker reads files only: no database needed.
    'report check': { usage: REPORT_CHECK_USAGE, run: (args) => runReportCheckCommand(args) },
  },
};
