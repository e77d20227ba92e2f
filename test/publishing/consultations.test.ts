import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ENGINES } from '../helpers/db.js';
import { Client, createTestApp, signedIn, type TestApp } from '../helpers/app.js';

describe.each(ENGINES)('consultations on %s', (engine) => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp(engine);
  }, 60_000);
  afterAll(async () => t?.close());

  it('moderates comments, publishes feedback, and refuses comments outside the period', async () => {
    const open = await t.ctx.db
      .selectFrom('pub_public_items')
      .select('id')
      .where('kind', '=', 'consultation')
      .where('comment_closes', '>=', '2026-12-01')
      .executeTakeFirstOrThrow();
    const closed = await t.ctx.db
      .selectFrom('pub_public_items')
      .select(['id', 'feedback_html'])
      .where('kind', '=', 'consultation')
      .where('comment_closes', '<', '2021-01-01')
      .executeTakeFirstOrThrow();
    expect(closed.feedback_html).toContain('采纳');

    const visitor = new Client(t.app);
    const page = await visitor.request('GET', `/a/zzxfj/consultations/${open.id}`);
    const token = page.body.match(/name="_csrf" value="([^"]+)"/)![1];
    const post = (id: string, body: string) =>
      visitor.request('POST', `/a/zzxfj/consultations/${id}/comments`, {
        payload: new URLSearchParams({ _csrf: token, name: '赵强', contact: '13800001234', body }).toString(),
        headers: { 'content-type': 'application/x-www-form-urlencoded' },
      });
    expect((await post(open.id, '<script>alert(1)</script>建议延长征求意见期限。')).statusCode).toBe(303);
    const late = await post(closed.id, '这条意见提交得太晚了。');
    expect(late.statusCode).toBe(409);
    expect(late.body).toContain('已于 2020-11-09 截止');
    // Without the CSRF token the form is refused.
    expect(
      (
        await visitor.request('POST', `/a/zzxfj/consultations/${open.id}/comments`, {
          payload: 'name=a&body=hello%20world',
          headers: { 'content-type': 'application/x-www-form-urlencoded' },
        })
      ).statusCode,
    ).toBe(403);

    const clerk = await signedIn(t.app, 'xfj.clerk');
    const comments = (await clerk.request('GET', `/api/publishing/items/${open.id}/comments`)).json().comments;
    const mine = comments.find((c: any) => c.name === '赵强');
    expect(mine.contact).toBe('138****1234');
    // Pending comments are not shown.
    expect((await new Client(t.app).request('GET', `/a/zzxfj/consultations/${open.id}`)).body).not.toContain('延长征求意见期限');
    expect(
      (await clerk.request('POST', `/api/publishing/comments/${mine.id}/moderate`, { json: { status: 'approved', reply: '感谢您的建议。' } })).statusCode,
    ).toBe(200);
    const after = (await new Client(t.app).request('GET', `/a/zzxfj/consultations/${open.id}`)).body;
    expect(after).toContain('延长征求意见期限');
    expect(after).toContain('&lt;script&gt;');
    expect(after).toContain('赵*');
    expect(after).not.toContain('13800001234');
    // Feedback is published by a reviewer, sanitised.
    expect((await clerk.request('POST', `/api/publishing/items/${open.id}/feedback`, { json: { feedbackHtml: '<p>x</p>' } })).statusCode).toBe(403);
    const head = await signedIn(t.app, 'xfj.head');
    expect(
      (
        await head.request('POST', `/api/publishing/items/${open.id}/feedback`, {
          json: { feedbackHtml: '<p>共收到意见 3 条，采纳 2 条。</p><script>x()</script>' },
        })
      ).statusCode,
    ).toBe(200);
    const fb = (await new Client(t.app).request('GET', `/a/zzxfj/consultations/${open.id}`)).body;
    expect(fb).toContain('意见采纳情况反馈');
    expect(fb).toContain('采纳 2 条');
    expect(fb).not.toContain('x()');
    // Another agency's clerk cannot moderate.
    const other = await signedIn(t.app, 'czj.clerk');
    expect((await other.request('POST', `/api/publishing/comments/${mine.id}/moderate`, { json: { status: 'rejected' } })).statusCode).toBe(404);
  });
});
