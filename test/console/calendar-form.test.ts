import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { scheduleFromForm } from '../../web/admin/src/views/cases/calendar-form.js';
import { createTestApp, signedIn, type TestApp } from '../helpers/app.js';

/** The holiday calendar form (no JSON to paste) and its preview of the open deadlines that move. */

describe('holiday calendar form', () => {
  it('turns holiday ranges and make-up days into the schedule, one entry per day', () => {
    const r = scheduleFromForm({
      year: 2027,
      source: '国办发明电〔2026〕X号',
      rows: [
        { name: '元旦', from: '2027-01-01', to: '2027-01-03', workdays: '' },
        { name: '春节', from: '2027-02-05', to: '2027-02-11', workdays: '2027-02-14、2027-02-20' },
      ],
    });
    expect(r.problems).toEqual([]);
    expect(r.schedule!.holidays.map((h) => h.date)).toEqual([
      '2027-01-01',
      '2027-01-02',
      '2027-01-03',
      '2027-02-05',
      '2027-02-06',
      '2027-02-07',
      '2027-02-08',
      '2027-02-09',
      '2027-02-10',
      '2027-02-11',
    ]);
    expect(r.schedule!.workdays).toEqual([
      { date: '2027-02-14', name: '春节' },
      { date: '2027-02-20', name: '春节' },
    ]);
  });

  it('says what is wrong in Chinese', () => {
    const r = scheduleFromForm({ year: 2027, source: '', rows: [{ name: '春节', from: '2027-02-11', to: '2027-02-05', workdays: '2.14' }] });
    expect(r.schedule).toBeUndefined();
    expect(r.problems).toEqual(['请填写依据（国务院办公厅通知的名称和文号）。', '春节：放假起始日期晚于结束日期。']);
  });

  describe('preview over HTTP', () => {
    let t: TestApp;
    beforeAll(async () => {
      t = await createTestApp('sqlite');
    }, 60_000);
    afterAll(async () => t?.close());

    it('lists the open cases whose deadline moves, writes nothing, and is for administrators only', async () => {
      // An open case whose 20 working days run into the (unpublished) first weeks of 2027.
      const c = await t.ctx.db.selectFrom('cases').select(['id', 'due_date']).where('state', 'in', ['received', 'in_progress']).executeTakeFirst();
      await t.ctx.db.updateTable('users').set({ must_change_password: 0 }).where('username', '=', 'admin').execute();
      const admin = await signedIn(t.app, 'admin');
      const schedule = scheduleFromForm({
        year: 2027,
        source: '测试用安排',
        rows: [
          { name: '元旦', from: '2027-01-01', to: '2027-01-03', workdays: '' },
          { name: '春节', from: '2027-01-04', to: '2027-01-29', workdays: '' },
        ],
      }).schedule!;
      const before = await t.ctx.db.selectFrom('cases').select(['id', 'due_date', 'due_provisional']).orderBy('id').execute();
      const res = await admin.request('POST', '/api/calendar/preview', { json: schedule });
      expect(res.statusCode, res.body).toBe(200);
      const body = res.json() as { year: number; holidays: number; moves: { id: string; dueBefore: string; dueAfter: string }[] };
      expect(body).toMatchObject({ year: 2027, holidays: 29 });
      for (const m of body.moves) expect(m.dueAfter > m.dueBefore || m.dueAfter !== m.dueBefore).toBe(true);
      expect(body.moves.length).toBeGreaterThan(0);
      expect(c).toBeDefined();
      // Nothing was written.
      expect(await t.ctx.db.selectFrom('cases').select(['id', 'due_date', 'due_provisional']).orderBy('id').execute()).toEqual(before);
      expect(await t.ctx.db.selectFrom('calendar_years').selectAll().where('year', '=', 2027).execute()).toEqual([]);
      // A clerk may not preview (nor publish); a bad schedule is a 400 with a Chinese message.
      const clerk = await signedIn(t.app, 'xfj.clerk');
      expect((await clerk.request('POST', '/api/calendar/preview', { json: schedule })).statusCode).toBe(403);
      const bad = await admin.request('POST', '/api/calendar/preview', { json: { ...schedule, workdays: [{ date: '2027-01-06', name: 'x' }] } });
      expect(bad.statusCode).toBe(400);
      expect(bad.json().message).toMatch(/[\u4e00-\u9fa5]/);
    });
  });
});
