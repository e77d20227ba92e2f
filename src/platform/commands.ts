import type { Config } from './config.js';
import type { AppContext } from './context.js';

/** A CLI command of a capability ("deadline", "report check"…), listed in its descriptor's `commands`. */

export interface CommandResult {
  stdout: string;
  stderr: string;
  exitCode: number;
}

export interface CommandEnv {
  /** Loads the configuration (exits with a one-line message when it is invalid). */
  config: () => Config;
  /**
   * Opens the database with every capability wired (migrations, jobs); `seed` loads the demo data into an
   * empty database as `npm start` does. The caller destroys `ctx.db` when done.
   */
  open: (opts?: { seed?: boolean; log?: (line: string) => void }) => Promise<AppContext>;
}

export type Command = (args: string[], env: CommandEnv) => Promise<CommandResult> | CommandResult;

/**
 * A command as a capability declares it: how to run it and its usage text (printed, with exit code 0, for
 * `--help` or `-h` anywhere among its arguments — the command itself never sees them).
 */
export interface CommandSpec {
  usage: string;
  run: Command;
}
