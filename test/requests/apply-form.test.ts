import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Client, createTestApp, type TestApp } from '../helpers/app.js';
import { ORG as ORGANIZATION, PERSON } from './helpers.js';

/** The public application form: every error at once, one form per applicant type, a receipt that restates the request. */

const csrfOf = (body: string) => /name="_csrf" value="([^"]+)"/.exec(body)![1]!;
const formTokenOf = (body: string) => /name="formToken" value="([^"]+)"/.exec(body)![1]!;
const post = (c: Client, fields: Record<string, string>) =>
  c.request('POST', '/apply', { payload: new URLSearchParams(fields).toString(), headers: { 'content-type': 'application/x-www-form-urlencoded' } });
const summary = (body: string) =>
  [...(/<div class="error" role="alert" tabindex="-1" id="error-summary">([\s\S]*?)<\/div>/.exec(body)?.[1] ?? '').matchAll(/<li><a href="#f-(\w+)">/g)].map(
    (m) => m[1],
  );

describe('the application form', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp('sqlite');
  }, 60_000);
  afterAll(async () => t?.close());

  it('an empty submit lists every missing field at once, the agency among them', async () => {
    const c = new Client(t.app);
    const page = await c.request('GET', '/apply');
    const res = await post(c, { _csrf: csrfOf(page.body), formToken: formTokenOf(page.body), applicantKind: 'person' });
    expect(res.statusCode).toBe(400);
    expect(summary(res.body)).toEqual(['agency', 'name', 'phone', 'idNumber', 'description', 'form', 'delivery']);
    expect(res.body).toContain('请修改以下 7 处');
    // The same for an organisation: its own four fields, never a citizen's ID number.
    const org = await post(c, { _csrf: csrfOf(page.body), formToken: formTokenOf(page.body), applicantKind: 'organization' });
    expect(summary(org.body)).toEqual([
      'agency',
      'name',
      'phone',
      'orgType',
      'creditCode',
      'legalRepresentative',
      'contactName',
      'description',
      'form',
      'delivery',
    ]);
    expect(org.body).not.toContain('name="idNumber"');
  });

  it('each applicant type sees only its own fields, chosen by a plain link; required fields are marked', async () => {
    const c = new Client(t.app);
    const person = (await c.request('GET', '/apply?agency=zzxfj')).body;
    expect(person).toContain('name="idNumber"');
    expect(person).not.toContain('name="creditCode"');
    expect(person).toContain('href="/apply?type=organization&amp;agency=zzxfj"');
    expect(person).toMatch(/<a href="\/apply\?type=person&amp;agency=zzxfj" aria-current="page">公民申请<\/a>/);
    const org = (await c.request('GET', '/apply?type=organization&agency=zzxfj')).body;
    expect(org).toContain('name="creditCode"');
    expect(org).toContain('name="legalRepresentative"');
    expect(org).not.toContain('name="idNumber"');
    expect(org).toContain('<input type="hidden" name="applicantKind" value="organization">');
    // Required: the visible star and the required attribute on the same inputs.
    for (const name of ['name', 'creditCode', 'legalRepresentative', 'contactName', 'phone']) {
      expect(org, name).toMatch(new RegExp(`name="${name}"[^>]* required aria-required="true"`));
    }
    expect(org).not.toMatch(/name="email"[^>]* required/);
  });

  it('the receipt restates what was asked for and has a print button', async () => {
    const c = new Client(t.app);
    const page = await c.request('GET', '/apply?type=organization&agency=zzxfj');
    const res = await post(c, {
      _csrf: csrfOf(page.body),
      formToken: formTokenOf(page.body),
      agency: 'zzxfj',
      ...ORGANIZATION,
      description: '请公开2025年本局政府采购合同目录',
      docNumber: '枣信发〔2025〕1号',
    } as Record<string, string>);
    expect(res.statusCode, res.body.slice(0, 2000)).toBe(201);
    expect(res.body).toContain('<dd id="asked-description">请公开2025年本局政府采购合同目录</dd>');
    expect(res.body).toContain('枣信发〔2025〕1号');
    expect(res.body).toContain(`${ORGANIZATION.name}（法人或者其他组织）`);
    expect(res.body).toMatch(/<button type="button" class="secondary" data-print hidden>打印<\/button>/);
    expect(res.body).toContain('src="/assets/print.js"');
    expect(PERSON.applicantKind).toBe('person');
  });
});
