import { existsSync, readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, signedIn, Client, type TestApp } from '../helpers/app.js';

/** The console's checker: upload a published report file, get the report-data.md object with its findings. */

const SEED = '/work/shared/seed/000_2cd9b6a100333966.txt';

function multipart(fields: Record<string, Buffer>): { payload: Buffer; headers: Record<string, string> } {
  const boundary = `----gk${Date.now().toString(16)}`;
  const parts: Buffer[] = [];
  for (const [name, data] of Object.entries(fields)) {
    parts.push(
      Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="${name}"; filename="${name}.bin"\r\nContent-Type: application/octet-stream\r\n\r\n`),
      data,
      Buffer.from('\r\n'),
    );
  }
  parts.push(Buffer.from(`--${boundary}--\r\n`));
  return { payload: Buffer.concat(parts), headers: { 'content-type': `multipart/form-data; boundary=${boundary}` } };
}

describe('POST /api/reports/check', () => {
  let t: TestApp;
  let clerk: Client;
  beforeAll(async () => {
    t = await createTestApp('sqlite');
    clerk = await signedIn(t.app, 'xfj.clerk');
  });
  afterAll(() => t.close());

  it.skipIf(!existsSync(SEED))('finds the prose/table contradiction of the seed report', async () => {
    const res = await clerk.request('POST', '/api/reports/check', multipart({ file: readFileSync(SEED) }));
    expect(res.statusCode).toBe(200);
    const body = res.json();
    expect(body.report).toMatchObject({ year: 2020, format: '2019' });
    expect(body.summary.ok).toBe(false);
    expect(body.report.findings.some((f: any) => f.rule === 'prose' && f.severity === 'error')).toBe(true);
  });

  it('checks the demo report as published on the portal: no error', async () => {
    const docx = await new Client(t.app).request('GET', '/a/zzxfj/reports/2020.docx');
    expect(docx.statusCode).toBe(200);
    const res = await clerk.request('POST', '/api/reports/check', multipart({ file: docx.rawPayload }));
    expect(res.statusCode).toBe(200);
    expect(res.json().summary).toMatchObject({ errors: 0, ok: true });
    expect(res.json().source).toBe('docx');
  });

  it('answers unreadable or wrong input with a 4xx and a Chinese message', async () => {
    const garbage = await clerk.request('POST', '/api/reports/check', multipart({ file: Buffer.from([0, 1, 2, 3, 255, 254, 0, 0, 7]) }));
    expect(garbage.statusCode).toBe(422);
    expect(garbage.json().message).toMatch(/[\u4e00-\u9fa5]/);
    const empty = await clerk.request('POST', '/api/reports/check', multipart({ file: Buffer.alloc(0) }));
    expect(empty.statusCode).toBeGreaterThanOrEqual(400);
    expect(empty.statusCode).toBeLessThan(500);
    const json = await clerk.request('POST', '/api/reports/check', { json: { file: 'x' } });
    expect(json.statusCode).toBe(400);
    const extra = await clerk.request('POST', '/api/reports/check', multipart({ file: Buffer.from('x'), other: Buffer.from('y') }));
    expect(extra.statusCode).toBe(400);
    const anon = new Client(t.app);
    await anon.fetchCsrf();
    expect((await anon.request('POST', '/api/reports/check', multipart({ file: Buffer.from('x') }))).statusCode).toBe(401);
  });
});
