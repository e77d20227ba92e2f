import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ENGINES } from '../helpers/db.js';
import { Client, createTestApp, signedIn, type TestApp } from '../helpers/app.js';
import { channelCounts } from '../../src/publishing/channels.service.js';
import { proactiveTable } from '../../src/publishing/registers.service.js';
import { ALL_CHECKS } from './helpers.js';

describe.each(ENGINES)('publishing over HTTP on %s', (engine) => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp(engine);
  }, 60_000);
  afterAll(async () => t?.close());

  it('seeds the 2020 figures of the annual report', async () => {
    const xfj = t.demo.xfj.id;
    const counts = await channelCounts(t.ctx.db, [xfj], 2020);
    expect(counts).toMatchObject({ portal: 44, website: 191, wechat: 164, toutiao: 164 });
    const meetings = await t.ctx.db
      .selectFrom('pub_public_items')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .where('agency_id', '=', xfj)
      .where('column_code', '=', 'hygk')
      .where('published_at', '<', '2021')
      .executeTakeFirstOrThrow();
    expect(Number(meetings.n)).toBe(10);
    const table = (await proactiveTable(t.ctx.db, [xfj], 2020, '2019')) as any;
    expect(table.normative_documents).toEqual({ made: 0, published: 0, in_force_total: 0 });
  });

  it('serves the column pages, search, feed and sitemap', async () => {
    const c = new Client(t.app);
    for (const url of [
      '/a/zzxfj/guide',
      '/a/zzxfj/rules',
      '/a/zzxfj/statutory',
      '/a/zzxfj/statutory/hygk',
      '/a/zzxfj/statutory/tzgg?year=2020&page=2',
      '/search?q=预算',
      '/feed.xml',
      '/sitemap.xml',
    ]) {
      const res = await c.request('GET', url);
      expect(res.statusCode, url).toBe(200);
    }
    const guide = (await c.request('GET', '/a/zzxfj/guide')).body;
    for (const must of [
      '分类',
      '编排体系',
      '获取方式',
      '枣庄市信访局办公室',
      '0632-3314043',
      'zzxfbgs@zz.shandong.cn',
      '传真',
      '办公时间',
      '信息处理费',
      '行政复议',
      '行政诉讼',
      '第二十六条',
    ])
      expect(guide, must).toContain(must);
    const s = (await c.request('GET', '/search?q=' + encodeURIComponent('预算'))).body;
    expect(s).toContain('<mark>预算</mark>');
    expect(s).toContain('2020年部门<mark>预算</mark>公开');
    const cons = (await c.request('GET', '/search?kind=consultation&q=' + encodeURIComponent('征求意见'))).body;
    expect(cons).toContain('/consultations/');
    expect(cons).not.toContain('/items/');
    const doc = (await c.request('GET', '/search?q=' + encodeURIComponent('枣政办发〔2020〕27号'))).body;
    expect(doc).toContain('2020年政务公开工作要点');
    const hygk = await c.request('GET', '/a/zzxfj/statutory/hygk');
    const etag = hygk.headers.etag as string;
    expect(etag).toBeTruthy();
    expect((await c.request('GET', '/a/zzxfj/statutory/hygk', { headers: { 'if-none-match': etag } })).statusCode).toBe(304);
    expect((await c.request('GET', '/a/nope/guide')).statusCode).toBe(404);
    expect((await c.request('GET', '/a/zzxfj/statutory/nope')).statusCode).toBe(404);
  });

  it('drafted, unreviewed and withdrawn items are 404 publicly, even by direct URL', async () => {
    const c = new Client(t.app);
    const rows = await t.ctx.db
      .selectFrom('pub_items')
      .select(['id', 'status', 'kind'])
      .where('agency_id', '=', t.demo.xfj.id)
      .where('status', 'in', ['draft', 'in_review', 'withdrawn'])
      .execute();
    expect(rows.map((r) => r.status).sort()).toEqual(['draft', 'in_review', 'withdrawn']);
    for (const r of rows) {
      expect((await c.request('GET', `/a/zzxfj/items/${r.id}`)).statusCode).toBe(404);
      expect((await c.request('GET', `/a/zzxfj/consultations/${r.id}`)).statusCode).toBe(404);
    }
    const published = await t.ctx.db.selectFrom('pub_public_items').select('id').where('agency_id', '=', t.demo.xfj.id).executeTakeFirstOrThrow();
    expect((await c.request('GET', `/a/zzxfj/items/${published.id}`)).statusCode).toBe(200);
    // Another agency's code does not serve it either.
    expect((await c.request('GET', `/a/zzczj/items/${published.id}`)).statusCode).toBe(404);
  });

  it('drives the API: draft, attachments refused when disguised, review chain, release, public page, comment form', async () => {
    const clerk = await signedIn(t.app, 'xfj.clerk');
    const create = await clerk.request('POST', '/api/publishing/items', {
      json: {
        columnCode: 'tzgg',
        kind: 'general',
        title: '关于开展2026年“宪法宣传周”活动的通知',
        bodyHtml: '<p>正文</p><img src=x onerror=alert(1)><script>alert(1)</script>',
        createdOn: '2026-11-24',
        attribute: 'proactive',
      },
    });
    expect(create.statusCode).toBe(201);
    const id = create.json().item.id;
    expect(create.json().item.body_html).toBe('<p>正文</p>');
    const bad = await clerk.request('POST', `/api/publishing/items/${id}/attachments`, {
      json: { filename: '通知.pdf', contentBase64: Buffer.from('<html><script>alert(1)</script></html>').toString('base64') },
    });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().message).toMatch(/伪装/);
    const good = await clerk.request('POST', `/api/publishing/items/${id}/attachments`, {
      json: { filename: '活动安排.txt', contentBase64: Buffer.from('宪法宣传周活动安排：进社区、进学校').toString('base64') },
    });
    expect(good.statusCode).toBe(201);
    expect(
      (
        await clerk.request('POST', '/api/publishing/items', {
          json: { columnCode: 'tzgg', kind: 'general', title: 'x', createdOn: '2026-11-24', attribute: 'proactive', evil: 1 },
        })
      ).statusCode,
    ).toBe(400);
    // Multipart upload (the console's file input): a renamed executable is refused, a real PDF accepted.
    const multipart = (filename: string, data: Buffer) => {
      const b = '----gkboundary';
      const payload = Buffer.concat([
        Buffer.from(
          `--${b}\r\nContent-Disposition: form-data; name="filename"\r\n\r\n${filename}\r\n--${b}\r\nContent-Disposition: form-data; name="file"; filename="upload"\r\nContent-Type: application/octet-stream\r\n\r\n`,
        ),
        data,
        Buffer.from(`\r\n--${b}--\r\n`),
      ]);
      return clerk.request('POST', `/api/publishing/items/${id}/attachments`, { payload, headers: { 'content-type': `multipart/form-data; boundary=${b}` } });
    };
    const exe = await multipart('预算表.pdf', Buffer.from('MZ\x90\x00\x03 not a pdf'));
    expect(exe.statusCode, exe.body).toBe(400);
    expect(exe.json().message).toMatch(/伪装/);
    const pdf = await multipart('预算表.pdf', Buffer.from('%PDF-1.4\n1 0 obj<<>>stream\nBT (Budget table) Tj ET\nendstream\n%%EOF'));
    expect(pdf.statusCode, pdf.body).toBe(201);
    expect(pdf.json().attachment).toMatchObject({ filename: '预算表.pdf', mime: 'application/pdf' });
    expect((await clerk.request('POST', `/api/publishing/items/${id}/submit`)).statusCode).toBe(200);
    expect((await new Client(t.app).request('GET', `/a/zzxfj/items/${id}`)).statusCode).toBe(404);
    for (const u of ['xfj.head', 'xfj.deputy', 'xfj.principal']) {
      const r = await signedIn(t.app, u);
      const d = (await r.request('GET', `/api/publishing/items/${id}`)).json();
      const res = await r.request('POST', `/api/publishing/items/${id}/review`, {
        json: { decision: 'approved', checklist: ALL_CHECKS, contentHash: d.item.content_hash },
      });
      expect(res.statusCode, u).toBe(200);
    }
    const other = await signedIn(t.app, 'czj.clerk');
    expect((await other.request('GET', `/api/publishing/items/${id}`)).statusCode).toBe(404);
    expect((await clerk.request('POST', `/api/publishing/items/${id}/release`, { json: {} })).statusCode).toBe(200);
    const page = await new Client(t.app).request('GET', `/a/zzxfj/items/${id}`);
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain('活动安排.txt');
    expect(page.body).not.toContain('onerror');
    const att = page.body.match(/href="(\/a\/zzxfj\/items\/[^"]+\/attachments\/[^"]+)"/)![1];
    const dl = await new Client(t.app).request('GET', att);
    expect(dl.statusCode).toBe(200);
    expect(dl.headers['x-content-type-options']).toBe('nosniff');
    expect(String(dl.headers['content-disposition'])).toContain('attachment');
    expect((await new Client(t.app).request('GET', '/search?q=' + encodeURIComponent('进社区'))).body).toContain(id);

    // The public comments on the open consultation through the plain form.
    const cons = await t.ctx.db
      .selectFrom('pub_public_items')
      .select('id')
      .where('kind', '=', 'consultation')
      .where('comment_closes', '>=', '2026-12-01')
      .executeTakeFirstOrThrow();
    const visitor = new Client(t.app);
    const form = await visitor.request('GET', `/a/zzxfj/consultations/${cons.id}`);
    expect(form.statusCode).toBe(200);
    expect(form.body).toContain('张*');
    const token = form.body.match(/name="_csrf" value="([^"]+)"/)![1];
    const post = await visitor.request('POST', `/a/zzxfj/consultations/${cons.id}/comments`, {
      payload: new URLSearchParams({ _csrf: token, name: '王小明', body: '建议增加线下座谈会环节。' }).toString(),
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
    });
    expect(post.statusCode).toBe(303);
    const short = await visitor.request('POST', `/a/zzxfj/consultations/${cons.id}/comments`, {
      payload: new URLSearchParams({ _csrf: token, name: '王小明', body: '好' }).toString(),
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
    });
    expect(short.statusCode).toBe(400);
    expect(short.body).toContain('不能少于 5 个字');
    const comments = (await clerk.request('GET', `/api/publishing/items/${cons.id}/comments`)).json().comments;
    expect(comments.some((x: any) => x.name === '王小明' && x.status === 'pending')).toBe(true);
    const stored = await t.ctx.db.selectFrom('pub_comments').select('name_enc').execute();
    expect(stored.some((r) => r.name_enc.includes('王小明'))).toBe(false);
  });
});
