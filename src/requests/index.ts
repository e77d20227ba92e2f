import type { Capability } from '../platform/capability.js';
import { requestsMigrations } from './migrations/index.js';
import { CALENDAR_IMPORT_USAGE, calendarImportCommand } from './calendar-import.command.js';
import { closeLapsedJob } from './cases.sweep.js';
import { DEADLINE_USAGE, runDeadlineCommand } from './deadline.command.js';
import { IMPORT_USAGE, LEDGER_EXPORT_USAGE, ledgerExportCommand, ledgerImportCommand, ledgerTemplateCommand } from './ledger.command.js';
import { rekeyRequests } from './rekey.js';
import { requestsRoutes } from './requests.routes.js';
import { requestsSeeder } from './requests.seed.js';

/** 依申请公开: applications, their clock, letters and appeals. */
export const requests: Capability = {
  name: 'requests',
  migrations: requestsMigrations,
  routes: requestsRoutes,
  seed: requestsSeeder.seed,
  commands: {
    // The public deadline calculator runs on the built-in State Council schedules (no database needed).
    deadline: { usage: DEADLINE_USAGE, run: (args) => runDeadlineCommand(args) },
    'calendar import': { usage: CALENDAR_IMPORT_USAGE, run: calendarImportCommand },
    'ledger export': { usage: LEDGER_EXPORT_USAGE, run: ledgerExportCommand },
    'ledger import': { usage: IMPORT_USAGE, run: ledgerImportCommand },
    'ledger template': { usage: IMPORT_USAGE, run: ledgerTemplateCommand },
  },
  jobs: [closeLapsedJob],
  rekey: rekeyRequests,
};
