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

export const COMMANDS: Record<string, Command> = {
  'calendar import': calendarImportCommand,
  'report build': reportBuildCommand,
};
