import { describe, expect, it } from 'vitest';
import { BUILTIN_SCHEDULES, createCalendar } from '../rules/calendar/index.js';
import { runDeadlineCommand } from './deadline.command.js';

function json(argv: string[]) {
  const r = runDeadlineCommand([...argv, '--json']);
  expect(r.exitCode).toBe(0);
  expect(r.stderr).toBe('');
  return JSON.parse(r.stdout) as Record<string, unknown> & { trace: { date: string; kind: string; note: string }[] };
}

function fails(argv: string[], message: RegExp) {
  const r = runDeadlineCommand(argv);
  expect(r.exitCode).toBe(2);
  expect(r.stdout).toBe('');
  expect(r.stderr).toMatch(message);
  expect(r.stderr.trimEnd().split('\n')).toHaveLength(1);
}

describe('gongkai deadline --json', () => {
  it('prints one JSON object with the due date, provisional flag and trace', () => {
    const out = json(['--received', '2024-09-27']);
    expect(out).toMatchObject({
      received: '2024-09-27',
      firstDue: '2024-10-30',
      due: '2024-10-30',
      provisional: false,
      correctionRequestDeadline: '2024-10-12', // 9/29 Sun* 1, 9/30 2, 10/8–11 3–6, 10/12 Sat* 7
    });
    expect(out.trace[0]).toEqual({ date: '2024-09-27', kind: 'received', note: '收到申请（条例第三十一条）' });
    expect(out.trace.at(-1)).toMatchObject({ kind: 'due', date: '2024-10-30' });
  });

  it('handles a correction, pauses (inclusive) and the extension', () => {
    // corrected 27 Sep → 30 Oct; pause 8–10 Oct = 3 working days → 4 Nov; extension → 20 more
    const out = json(['--received', '2024-09-02', '--corrected', '2024-09-27', '--pause', '2024-10-08..2024-10-10', '--extend']);
    expect(out.firstDue).toBe('2024-11-04');
    // 11/5–8 1–4, 11/11–15 5–9, 11/18–22 10–14, 11/25–29 15–19, 12/2 20
    expect(out.due).toBe('2024-12-02');
    expect(out.corrected).toBe('2024-09-27');
    expect(out.pausedWorkingDays).toBe(3);
    expect(out.trace.map((t) => t.kind)).toEqual(expect.arrayContaining(['correction', 'pause', 'extension', 'due']));
  });

  it('counts two pauses that overlap once, and accepts --flag=value', () => {
    const out = json(['--received=2024-03-01', '--pause=2024-03-11..2024-03-15', '--pause', '2024-03-13..2024-03-20']);
    expect(out.due).toBe('2024-04-11');
    expect(out.pausedWorkingDays).toBe(8);
  });

  it('takes a pause literally (beyond 15 working days) unless a kind is given', () => {
    // 3/11–4/10 literally: 22 working days paused; counted 3/4–8 1–5; 4/11 6, 4/12 7, 4/15–19 8–12, 4/22–26 13–17, 4/28 Sun* 18, 4/29 19, 4/30 20
    expect(json(['--received', '2024-03-01', '--pause', '2024-03-11..2024-04-10']).due).toBe('2024-04-30');
    // as an agency consultation the pause stops at its limit (1 April)
    expect(json(['--received', '2024-03-01', '--pause', '2024-03-11..2024-04-10:agency']).due).toBe('2024-04-23');
  });

  it('is provisional when the count runs into 2027', () => {
    const out = json(['--received', '2026-12-10']);
    expect(out.due).toBe('2027-01-08');
    expect(out.provisional).toBe(true);
    expect(out.trace.some((t) => t.kind === 'provisional')).toBe(true);
  });

  it('uses the calendar it is given', () => {
    const with2027 = createCalendar([...BUILTIN_SCHEDULES, { year: 2027, holidays: ['2027-01-01'], source: '示例' }]);
    const r = runDeadlineCommand(['--received', '2026-12-10', '--json'], { calendar: with2027 });
    expect(JSON.parse(r.stdout)).toMatchObject({ due: '2027-01-08', provisional: false });
  });

  it('reports days left with --today and accepts a leading "deadline"', () => {
    const out = json(['deadline', '--received', '2024-09-27', '--today', '2024-10-28']);
    expect(out.workingDaysLeft).toBe(2);
  });
});

describe('gongkai deadline (text)', () => {
  it('explains the result in Chinese', () => {
    const r = runDeadlineCommand(['--received', '2020-01-20']);
    expect(r.exitCode).toBe(0);
    expect(r.stderr).toBe('');
    expect(r.stdout).toContain('收到申请之日：2020年1月20日（星期一）');
    expect(r.stdout).toContain('答复期限：2020年2月25日（星期二）');
    expect(r.stdout).toContain('  2020-01-24  春节放假（2020年1月24日至2月2日），不计入工作日');
    expect(r.stdout).toContain('计算过程：');
    expect(r.stdout.endsWith('\n')).toBe(true);
  });

  it('marks provisional and extended results', () => {
    const r = runDeadlineCommand(['--received', '2026-12-02', '--extend']);
    expect(r.stdout).toContain('原答复期限：2026年12月30日（星期三）（已延期）');
    expect(r.stdout).toContain('答复期限：2027年1月28日（星期四）（暂定）');
    expect(r.stdout).toContain('2027年节假日安排尚未公布');
  });

  it('prints usage for --help', () => {
    const r = runDeadlineCommand(['--help']);
    expect(r.exitCode).toBe(0);
    expect(r.stdout).toMatch(/^用法：gongkai deadline --received/);
  });
});

describe('invalid input → exit code 2, one Chinese line on stderr', () => {
  it('rejects a date that does not exist', () => {
    fails(['--received', '2024-02-30'], /^--received 的日期「2024-02-30」无效/);
    fails(['--received', '2024-09-27', '--corrected', '2023-02-29'], /--corrected 的日期「2023-02-29」无效/);
    fails(['--received', '2024/09/27'], /无效/);
    fails(['--received', '2024-09-27', '--pause', '2024-02-30..2024-03-02'], /--pause 的日期「2024-02-30」无效/);
  });

  it('rejects a pause whose start is after its end, or malformed', () => {
    fails(['--received', '2024-09-27', '--pause', '2024-10-10..2024-10-08'], /^--pause 的起始日期2024-10-10晚于结束日期2024-10-08/);
    fails(['--received', '2024-09-27', '--pause', '2024-10-10'], /--pause 的格式应为 起始日期..结束日期/);
    fails(['--received', '2024-09-27', '--pause', '2024-10-08..2024-10-10:pigeon'], /类型「pigeon」无法识别/);
  });

  it('rejects unknown flags, stray words and missing values', () => {
    fails(['--received', '2024-09-27', '--foo'], /^无法识别的参数：--foo/);
    fails(['--received', '2024-09-27', 'extra'], /^无法识别的参数：「extra」/);
    fails(['--received'], /^--received 缺少参数值/);
    fails(['--received', '--json'], /^--received 缺少参数值/);
    fails(['--received', '2024-09-27', '--received', '2024-09-28'], /只能指定一次/);
    fails(['--extend=yes', '--received', '2024-09-27'], /--extend 不带参数值/);
  });

  it('requires --received', () => {
    fails([], /^缺少 --received 参数/);
    fails(['--json', '--extend'], /^缺少 --received 参数/);
  });

  it('rejects inconsistent dates', () => {
    fails(['--received', '2024-09-27', '--corrected', '2024-09-01'], /早于收到原申请的日期/);
    fails(['--received', '2024-09-27', '--pause', '2024-09-01..2024-09-30'], /早于收到申请之日/);
  });
});
