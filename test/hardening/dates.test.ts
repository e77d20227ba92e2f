import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ENGINES } from '../helpers/db.js';
import { createTestApp, signedIn, type Client, type TestApp } from '../helpers/app.js';

/**
 * Issue 8, 3: an item created with "createdOn": "9999-12-31" was accepted (201), and from then on the item list,
 * the Art. 26 watch list and the item itself answered 500 for the whole agency. Dates are now refused at the edge
 * outside 1949-10-01..2099-12-31 (400), and a bad row already stored is flagged instead of breaking the pages.
 */

for (const engine of ENGINES) {
  describe(`dates at the edge (${engine})`, () => {
    let t: TestApp;
    let clerk: Client;
    beforeAll(async () => {
      t = await createTestApp(engine);
      clerk = await signedIn(t.app, 'xfj.clerk');
    }, 60_000);
    afterAll(() => t?.close());

    const item = (createdOn: string) => ({
      columnCode: 'tzgg',
      kind: 'general',
      title: '日期测试',
      bodyHtml: '<p>正文</p>',
      createdOn,
      attribute: 'proactive',
    });

    it('refuses dates outside the calendar range with a clear 400', async () => {
      for (const d of ['9999-12-31', '1949-09-30', '2100-01-01', '2026-02-30']) {
        const res = await clerk.request('POST', '/api/publishing/items', { json: item(d) });
        expect(res.statusCode, d).toBe(400);
        expect(res.json().message, d).toMatch(/1949-10-01至2099-12-31/);
      }
      expect((await clerk.request('POST', '/api/publishing/items', { json: item('2026-11-24') })).statusCode).toBe(201);
      // Another date field: a register entry's 制发日期.
      const reg = await clerk.request('POST', '/api/publishing/registers/docs', { json: { kind: 'rule', title: '规章', madeOn: '9999-12-31' } });
      expect(reg.statusCode).toBeGreaterThanOrEqual(400);
      expect(reg.statusCode).toBeLessThan(500);
    });

    it('a bad date already stored is flagged; the list, the watch list and the item still answer', async () => {
      const created = await clerk.request('POST', '/api/publishing/items', { json: item('2026-11-20') });
      const id = created.json().item.id as string;
      await t.ctx.db.updateTable('pub_items').set({ created_on: '9999-12-31' }).where('id', '=', id).execute();
      const list = await clerk.request('GET', '/api/publishing/items');
      expect(list.statusCode).toBe(200);
      const row = list.json().items.find((r: { id: string }) => r.id === id);
      expect(row.art26.level).toBe('invalid');
      expect(row.art26.message).toMatch(/无效或超出可计算范围/);
      const due = await clerk.request('GET', '/api/publishing/due');
      expect(due.statusCode).toBe(200);
      expect(due.json().items.some((r: { id: string; art26: { level: string } }) => r.id === id && r.art26.level === 'invalid')).toBe(true);
      const one = await clerk.request('GET', `/api/publishing/items/${id}`);
      expect(one.statusCode).toBe(200);
    });
  });
}
