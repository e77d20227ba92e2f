import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { testConfig } from '../helpers/db.js';
import { DEMO_PASSWORD } from '../helpers/app.js';
import { CAPABILITIES, openContext } from '../../src/capabilities.js';
import { seedDemo } from '../../src/platform/demo/seed.js';
import type { CommandEnv } from '../../src/platform/commands.js';
import { calendarImportCommand } from '../../src/requests/calendar-import.command.js';
import * as svc from '../../src/requests/cases.service.js';
import { createCalendar, BUILTIN_SCHEDULES } from '../../src/rules/calendar/index.js';
import { PERSON, principalOf } from './helpers.js';

describe('gongkai calendar import', () => {
  const dir = mkdtempSync(join(tmpdir(), 'gk-cal-'));
  const config = testConfig({ database: { engine: 'sqlite', path: join(dir, 'db.sqlite') }, demoPassword: DEMO_PASSWORD });
  const env: CommandEnv = { config: () => config, open: (o) => openContext(config, o) };
  const cleanup: (() => Promise<void>)[] = [];
  afterAll(async () => {
    for (const c of cleanup) await c();
  });

  it('publishes a year, audits it and recomputes open deadlines that ran into it', async () => {
    const ctx = await openContext(config, { seed: false });
    cleanup.push(() => ctx.db.destroy());
    await seedDemo(ctx, CAPABILITIES);
    const clerk = await principalOf(ctx.db, 'xfj.clerk');
    const head = await principalOf(ctx.db, 'xfj.head');
    const a = await svc.registerApplication(ctx, clerk, { channel: 'in_person', application: PERSON });
    const r = await svc.extendCase(ctx, head, a.id, { version: 1, reason: '需要汇总多个科室的数据' });
    const before = await ctx.db.selectFrom('cases').select(['due_date', 'due_provisional']).where('id', '=', a.id).executeTakeFirstOrThrow();
    expect(before.due_date).toBe(r.dueDate);
    expect(before.due_date! > '2027-01-01').toBe(true);
    expect(before.due_provisional).toBe(1);

    const schedule = {
      year: 2027,
      source: '测试数据：2027年部分节假日安排',
      holidays: [
        { date: '2027-01-01', name: '元旦' },
        { date: '2027-01-04', name: '测试假日' },
        { date: '2027-01-05', name: '测试假日' },
      ],
      workdays: [],
    };
    const file = join(dir, '2027.json');
    writeFileSync(file, JSON.stringify(schedule));
    expect((await calendarImportCommand([join(dir, 'missing.json')], env)).exitCode).toBe(2);
    writeFileSync(join(dir, 'bad.json'), JSON.stringify({ ...schedule, holidays: ['2027-02-30'] }));
    const bad = await calendarImportCommand([join(dir, 'bad.json')], env);
    expect(bad.exitCode).toBe(1);
    expect(bad.stderr).toMatch(/节假日安排数据有误/);
    const res = await calendarImportCommand([file], env);
    expect(res.stderr).toBe('');
    expect(res.exitCode).toBe(0);
    expect(res.stdout).toMatch(/已发布 2027 年节假日安排，重新计算了 \d+ 件/);

    const expected = createCalendar([...BUILTIN_SCHEDULES, schedule]);
    const after = await ctx.db.selectFrom('cases').select(['due_date', 'due_provisional']).where('id', '=', a.id).executeTakeFirstOrThrow();
    expect(after.due_provisional).toBe(0);
    expect(after.due_date! > before.due_date!).toBe(true);
    const { received_date } = await ctx.db.selectFrom('cases').select('received_date').where('id', '=', a.id).executeTakeFirstOrThrow();
    expect(after.due_date).toBe(expected.addWorkingDays(expected.addWorkingDays(received_date!, 20), 20));
    const audit = await ctx.db.selectFrom('audit_log').selectAll().where('action', '=', 'calendar.published').execute();
    expect(audit).toHaveLength(1);
    expect(audit[0].actor_name).toContain('calendar import');
  });
});
