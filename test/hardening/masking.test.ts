import JSZip from 'jszip';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ENGINES } from '../helpers/db.js';
import { createTestApp, signedIn, type TestApp } from '../helpers/app.js';
import { loadCalendar } from '../../src/requests/calendar.service.js';
import { todayInChina } from '../../src/platform/time.js';

/**
 * The same masking in every representation of a case (issue 8, point 7): a supervisor or administrator above
 * the agency sees the applicant masked on the case page, in the letter preview and in the released letter's
 * .docx; the handling agency's staff get the archived original.
 */

async function docxText(bytes: Buffer): Promise<string> {
  const zip = await JSZip.loadAsync(bytes);
  return (await zip.file('word/document.xml')!.async('string')).replace(/<[^>]+>/g, '');
}

describe.each(ENGINES)('masking of letters on %s', (engine) => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp(engine);
  }, 120_000);
  afterAll(async () => t?.close());

  it('the released .docx is masked for the supervisor and the administrator, in full for the agency', async () => {
    const clerk = await signedIn(t.app, 'xfj.clerk');
    const list = (await clerk.request('GET', '/api/cases?pageSize=100')).json().items as Array<{ id: string; applicantType: string }>;
    let found: { letterId: string; name: string } | undefined;
    const head = await signedIn(t.app, 'xfj.head');
    const cal = await loadCalendar(t.ctx.db);
    for (const c of list) {
      const d = (await clerk.request('GET', `/api/cases/${c.id}`)).json();
      if (d.applicant?.kind !== 'person' || !d.allowedActions?.includes('request_correction')) continue;
      // A correction request drafts its 补正告知书; the office head releases it.
      const r = await clerk.request('POST', `/api/cases/${c.id}/correction-request`, {
        json: { version: d.version, items: '请写明所需信息的具体年度。', deadline: cal.addWorkingDays(todayInChina(), 10) },
      });
      expect(r.statusCode, r.body).toBe(200);
      const letters = (await clerk.request('GET', `/api/cases/${c.id}/letters`)).json() as Array<{ id: string; status: string; version: number }>;
      const draft = letters.find((l) => l.status === 'draft')!;
      const rel = await head.request('POST', `/api/letters/${draft.id}/release`, { json: { version: draft.version } });
      expect(rel.statusCode, rel.body).toBe(200);
      found = { letterId: draft.id, name: d.applicant.name };
      break;
    }
    expect(found, 'a released letter of a natural person in the demo data').toBeDefined();
    const own = await clerk.request('GET', `/api/letters/${found!.letterId}/docx`);
    expect(own.statusCode).toBe(200);
    expect(await docxText(own.rawPayload)).toContain(found!.name);
    await t.ctx.db.updateTable('users').set({ must_change_password: 0 }).where('username', '=', 'admin').execute();
    for (const who of ['gkb', 'admin']) {
      const c = await signedIn(t.app, who);
      const res = await c.request('GET', `/api/letters/${found!.letterId}/docx`);
      expect(res.statusCode, who).toBe(200);
      const text = await docxText(res.rawPayload);
      expect(text, who).not.toContain(found!.name);
      expect(text, who).toContain(`${found!.name.slice(0, 1)}*`);
      expect(String(res.headers['content-disposition']), who).toContain(encodeURIComponent('（个人信息已隐去）'));
      expect(String(res.headers['cache-control']), who).toContain('no-store');
    }
  });

  it("an applicant's uploaded files are refused to the supervisor and the administrator by permissions.ts's rule", async () => {
    // The refusal in getCaseFile is masksApplicantOf (src/platform/auth/permissions.ts), the rule that masks them
    // everywhere else; the agency's own clerk downloads the file.
    const clerk = await signedIn(t.app, 'xfj.clerk');
    const id = ((await clerk.request('GET', '/api/cases?pageSize=1')).json().items as Array<{ id: string }>)[0]!.id;
    const boundary = '----gkmask';
    const png = Buffer.from('89504e470d0a1a0a0000000d49484452', 'hex');
    const payload = Buffer.concat([
      Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="kind"\r\n\r\nidentity_proof\r\n`),
      Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="id.png"\r\nContent-Type: image/png\r\n\r\n`),
      png,
      Buffer.from(`\r\n--${boundary}--\r\n`),
    ]);
    const up = await clerk.request('POST', `/api/cases/${id}/files`, { payload, headers: { 'content-type': `multipart/form-data; boundary=${boundary}` } });
    expect(up.statusCode, up.body).toBe(201);
    const fileId = ((await clerk.request('GET', `/api/cases/${id}`)).json().files as Array<{ id: string }>).at(-1)!.id;
    expect((await clerk.request('GET', `/api/cases/${id}/files/${fileId}`)).rawPayload.equals(png)).toBe(true);
    await t.ctx.db.updateTable('users').set({ must_change_password: 0 }).where('username', '=', 'admin').execute();
    for (const who of ['gkb', 'admin']) {
      const c = await signedIn(t.app, who);
      expect((await c.request('GET', `/api/cases/${id}`)).statusCode, who).toBe(200);
      const res = await c.request('GET', `/api/cases/${id}/files/${fileId}`);
      expect(res.statusCode, who).toBe(403);
      expect(res.json().message, who).toMatch(/只有办理机关的工作人员可以查看/);
    }
  });
});
