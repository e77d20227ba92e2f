import type { Config } from './platform/config.js';

/** Commands of the capabilities, by name ("deadline", "report check"…). Each capability adds its line. */

export interface CommandResult {
  stdout: string;
  stderr: string;
  exitCode: number;
}

export interface CommandEnv {
  /** Loads the configuration (exits with a one-line message when it is invalid). */
  config: () => Config;
}

export type Command = (args: string[], env: CommandEnv) => Promise<CommandResult> | CommandResult;

import { calendarImportCommand } from './requests/calendar-import.command.js';
import { reportBuildCommand } from './reports/report-build.command.js';
import { runDeadlineCommand } from './requests/deadline.command.js';
import { runReportCheckCommand } from './reports/report-check.command.js';

export const COMMANDS: Record<string, Command> = {
  // The public deadline calculator runs on the built-in State Council schedules (no database needed).
  deadline: (args) => runDeadlineCommand(args),
  'calendar import': calendarImportCommand,
  'report build': reportBuildCommand,
  // The checker reads files only: no database needed.
  'report check': (args) => runReportCheckCommand(args),
};
