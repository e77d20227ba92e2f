import type { Command } from '../commands.js';

/** `gongkai calendar import FILE`: publishes a year's holiday schedule (filled in by the requests capability). */
export const calendarImportCommand: Command = () => ({ stdout: '', stderr: '尚未实现。\n', exitCode: 2 });
