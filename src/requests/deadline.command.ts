/**
 * `gongkai deadline`: the reply-deadline calculator on the command line.
 *
 *   gongkai deadline --received YYYY-MM-DD [--corrected YYYY-MM-DD] [--pause FROM..TO]... [--extend]
 *                    [--today YYYY-MM-DD] [--json]
 *
 * `--pause FROM..TO` is an interval not counted (both days included), e.g. a consultation from the day the
 * letter went out through the day the answer came (条例第三十三条第三款); it is taken as given. An optional
 * suffix `:third_party`, `:agency` or `:fee` applies that kind's statutory limit (15 / 20 working days).
 * `--extend` adds the 20 working days of 条例第三十三条第二款 after the first due date.
 * Invalid input → exit code 2 and one Chinese line on stderr. The computation itself is rules/clock.ts.
 */

import { RuleInputError, formatChineseDateWithWeekday, parseDate, tryParseDate, type Calendar } from '../rules/calendar/index.js';
import { PAUSE_KINDS, computeDeadline, type DeadlineInput, type PauseInput, type PauseKind } from '../rules/clock.js';
import { cite, spanText } from '../rules/citations.js';

export interface DeadlineCommandResult {
  stdout: string;
  stderr: string;
  exitCode: number;
}

export interface DeadlineCommandOptions {
  /** The calendar to use (the built-in one by default; the CLI passes the one with published years). */
  calendar?: Calendar;
}

export const DEADLINE_USAGE = `用法：gongkai deadline --received 日期 [--corrected 日期] [--pause 起始..结束]... [--extend] [--today 日期] [--json]

  --received 日期        收到申请之日（条例第三十一条），格式 YYYY-MM-DD
  --corrected 日期       收到补正后申请之日：答复期限自该日起重新计算（条例第三十条）
  --pause 起始..结束     不计入答复期限的期间，首尾两日均包括在内，可重复（条例第三十三条第三款）；
                         可加 :third_party、:agency 或 :fee，按征求第三方意见、征求其他机关意见
                         （${spanText('thirdPartyConsultation')}）或缴纳信息处理费（${spanText('feePayment')}）的期限计算
  --extend               经批准延期答复，在原期限后再加${spanText('extension')}（${cite('art33.2')}）
  --today 日期           计算剩余工作日
  --json                 以JSON格式输出
`;

class UsageError extends Error {}

const KNOWN_FLAGS = ['--received', '--corrected', '--pause', '--extend', '--today', '--json', '--help'];

function parseFlagDate(flag: string, value: string): string {
  if (tryParseDate(value) === undefined) {
    throw new UsageError(`${flag} 的日期「${value}」无效，应为真实存在的日期，格式为YYYY-MM-DD（如2024-09-27）`);
  }
  return value;
}

function parsePause(value: string): PauseInput {
  const match = /^(\d{4}-\d{2}-\d{2})\.\.(\d{4}-\d{2}-\d{2})(?::([a-z_]+))?$/.exec(value);
  if (match === null) {
    throw new UsageError(`--pause 的格式应为 起始日期..结束日期（如2024-10-08..2024-10-10），收到「${value}」`);
  }
  const [, from, to, kind = 'other'] = match;
  parseFlagDate('--pause', from);
  parseFlagDate('--pause', to);
  if (from > to) throw new UsageError(`--pause 的起始日期${from}晚于结束日期${to}`);
  if (!PAUSE_KINDS.includes(kind as PauseKind)) {
    throw new UsageError(`--pause 的类型「${kind}」无法识别，可用：third_party、agency、fee`);
  }
  return { from, to, kind: kind as PauseKind };
}

interface ParsedArgs {
  input: DeadlineInput;
  json: boolean;
  help: boolean;
}

function parseArgs(argv: readonly string[]): ParsedArgs {
  const args = argv[0] === 'deadline' ? argv.slice(1) : [...argv];
  const pauses: PauseInput[] = [];
  const single = new Map<string, string>();
  let extended = false;
  let json = false;
  let help = false;
  for (let i = 0; i < args.length; i++) {
    const arg = args[i];
    const eq = arg.startsWith('--') ? arg.indexOf('=') : -1;
    const flag = eq > 0 ? arg.slice(0, eq) : arg;
    const inline = eq > 0 ? arg.slice(eq + 1) : undefined;
    if (flag === '-h' || flag === '--help') {
      help = true;
      continue;
    }
    if (!KNOWN_FLAGS.includes(flag)) {
      throw new UsageError(
        flag.startsWith('-')
          ? `无法识别的参数：${flag}（可用参数：--received、--corrected、--pause、--extend、--today、--json）`
          : `无法识别的参数：「${arg}」（日期应写在参数名之后，如 --received 2024-09-27）`,
      );
    }
    if (flag === '--extend' || flag === '--json') {
      if (inline !== undefined) throw new UsageError(`${flag} 不带参数值`);
      if (flag === '--extend') extended = true;
      else json = true;
      continue;
    }
    let value = inline;
    if (value === undefined) {
      const next = args[i + 1];
      if (next === undefined || next.startsWith('--')) throw new UsageError(`${flag} 缺少参数值`);
      value = next;
      i++;
    }
    if (flag === '--pause') {
      pauses.push(parsePause(value));
    } else {
      if (single.has(flag)) throw new UsageError(`${flag} 只能指定一次`);
      single.set(flag, parseFlagDate(flag, value));
    }
  }
  const received = single.get('--received');
  if (received === undefined) {
    if (help) return { input: { received: '' }, json, help };
    throw new UsageError('缺少 --received 参数（收到申请之日，格式YYYY-MM-DD）');
  }
  const input: DeadlineInput = { received, pauses, extended };
  const corrected = single.get('--corrected');
  if (corrected !== undefined) input.corrected = corrected;
  const today = single.get('--today');
  if (today !== undefined) input.today = today;
  return { input, json, help };
}

function textReport(r: ReturnType<typeof computeDeadline>): string {
  const day = (d: string) => formatChineseDateWithWeekday(parseDate(d));
  const lines: string[] = [];
  lines.push(`收到申请之日：${day(r.received)}`);
  if (r.corrected !== undefined) lines.push(`收到补正申请之日：${day(r.corrected)}（答复期限重新计算）`);
  if (r.extended) lines.push(`原答复期限：${day(r.firstDue)}（已延期）`);
  lines.push(`答复期限：${day(r.due)}${r.provisional ? '（暂定）' : ''}`);
  if (r.pausedWorkingDays > 0) lines.push(`暂停不计：${r.pausedWorkingDays}个工作日`);
  if (r.corrected === undefined) lines.push(`补正告知期限：${day(r.correctionRequestDeadline)}（收到申请后${spanText('correctionRequest')}内，条例第三十条）`);
  if (r.workingDaysLeft !== undefined) {
    lines.push(r.overdue ? `已逾期：${-r.workingDaysLeft}个工作日` : `剩余：${r.workingDaysLeft}个工作日`);
  }
  lines.push('', '计算过程：');
  for (const s of r.trace) lines.push(`  ${s.date}  ${s.note}`);
  if (r.warnings.length > 0) {
    lines.push('', '提示：');
    for (const w of r.warnings) lines.push(`  - ${w.message}`);
  }
  return `${lines.join('\n')}\n`;
}

/** Run `gongkai deadline` with the arguments after the command name (a leading "deadline" is accepted). */
export function runDeadlineCommand(argv: string[], opts: DeadlineCommandOptions = {}): DeadlineCommandResult {
  let parsed: ParsedArgs;
  try {
    parsed = parseArgs(argv);
  } catch (e) {
    if (e instanceof UsageError) return { stdout: '', stderr: `${e.message}\n`, exitCode: 2 };
    throw e;
  }
  if (parsed.help) return { stdout: DEADLINE_USAGE, stderr: '', exitCode: 0 };
  let result: ReturnType<typeof computeDeadline>;
  try {
    result = computeDeadline(parsed.input, opts.calendar);
  } catch (e) {
    if (e instanceof RuleInputError) return { stdout: '', stderr: `${e.message.replace(/\s*\n\s*/g, ' ')}\n`, exitCode: 2 };
    throw e;
  }
  if (parsed.json) return { stdout: `${JSON.stringify(result, null, 2)}\n`, stderr: '', exitCode: 0 };
  return { stdout: textReport(result), stderr: '', exitCode: 0 };
}
