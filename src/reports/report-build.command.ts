import type { Command } from '../commands.js';

/** `gongkai report build --agency NAME --year YYYY --out FILE` (filled in by the reports capability). */
export const reportBuildCommand: Command = () => ({ stdout: '', stderr: '尚未实现。\n', exitCode: 2 });
