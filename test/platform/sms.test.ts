import { createHash, createHmac } from 'node:crypto';
import { createServer, type IncomingMessage } from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { normalizeMobile, tc3Headers, tencentSmsDriver } from '../../src/platform/outbox/sms.js';
import { PermanentDeliveryError, type Deliverable } from '../../src/platform/outbox/outbox.js';

/**
 * The Tencent Cloud SMS driver against a loopback HTTP server that checks the TC3-HMAC-SHA256 signature the
 * way the documentation describes it, step by step (written separately from the driver's code).
 */
const SECRET_ID = 'AKIDtest0000000000000000000000000000';
const SECRET_KEY = 'test-secret-key-0000000000000000';

function expectedSignature(req: IncomingMessage, body: string): string {
  const ts = Number(req.headers['x-tc-timestamp']);
  const date = new Date(ts * 1000).toISOString().slice(0, 10);
  const canonical = `POST\n/\n\ncontent-type:${req.headers['content-type']}\nhost:${req.headers.host}\nx-tc-action:${String(req.headers['x-tc-action']).toLowerCase()}\n\ncontent-type;host;x-tc-action\n${createHash('sha256').update(body).digest('hex')}`;
  const toSign = `TC3-HMAC-SHA256\n${ts}\n${date}/sms/tc3_request\n${createHash('sha256').update(canonical).digest('hex')}`;
  const kDate = createHmac('sha256', `TC3${SECRET_KEY}`).update(date).digest();
  const kService = createHmac('sha256', kDate).update('sms').digest();
  const kSigning = createHmac('sha256', kService).update('tc3_request').digest();
  return createHmac('sha256', kSigning).update(toSign).digest('hex');
}

describe('Tencent Cloud SMS driver (TC3-HMAC-SHA256)', () => {
  const seen: { auth: string; ok: boolean; body: Record<string, unknown> }[] = [];
  let answer: 'ok' | 'auth' | 'busy' = 'ok';
  const server = createServer((req, res) => {
    let body = '';
    req.on('data', (c) => {
      body += c;
    });
    req.on('end', () => {
      const auth = String(req.headers.authorization ?? '');
      const sig = /Signature=([0-9a-f]{64})$/.exec(auth)?.[1];
      const ok = sig === expectedSignature(req, body) && auth.startsWith(`TC3-HMAC-SHA256 Credential=${SECRET_ID}/`);
      seen.push({ auth, ok, body: JSON.parse(body) });
      res.setHeader('content-type', 'application/json');
      if (!ok || answer === 'auth')
        return res.end(JSON.stringify({ Response: { Error: { Code: 'AuthFailure.SignatureFailure', Message: '签名错误' }, RequestId: 'r1' } }));
      if (answer === 'busy') return res.end(JSON.stringify({ Response: { Error: { Code: 'InternalError.Timeout', Message: '超时' }, RequestId: 'r2' } }));
      res.end(JSON.stringify({ Response: { SendStatusSet: [{ Code: 'Ok', Message: 'send success', SerialNo: 'serial-1' }], RequestId: 'r3' } }));
    });
  });
  let endpoint = '';
  beforeAll(async () => {
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', () => r()));
    endpoint = `http://127.0.0.1:${(server.address() as { port: number }).port}`;
  });
  afterAll(() => new Promise<void>((r) => server.close(() => r())));

  const msg: Deliverable = {
    id: 'm1',
    attempt: 1,
    channel: 'sms',
    recipient: '138 0000 0001',
    template: 'case.received',
    params: { text: 'x', smsParams: ['2026-ABCD-EFGH', '2026-12-30'] },
    idempotencyKey: 'case:1:received',
  };
  const driver = (key = SECRET_KEY) =>
    tencentSmsDriver({
      secretId: SECRET_ID,
      secretKey: key,
      sdkAppId: '1400000000',
      signName: '枣庄市信访局',
      templateIds: { 'case.received': '100001' },
      endpoint,
    });

  it('signs a request the server verifies, with the number, template and parameters', async () => {
    answer = 'ok';
    const r = await driver().send(msg);
    expect(r).toEqual({ providerId: 'serial-1' });
    const last = seen.at(-1)!;
    expect(last.ok).toBe(true);
    expect(last.body).toMatchObject({
      PhoneNumberSet: ['+8613800000001'],
      SmsSdkAppId: '1400000000',
      SignName: '枣庄市信访局',
      TemplateId: '100001',
      TemplateParamSet: ['2026-ABCD-EFGH', '2026-12-30'],
      SessionContext: 'case:1:received',
    });
  });

  it('a wrong key fails the signature: a permanent error; a provider timeout is retried', async () => {
    answer = 'ok';
    await expect(driver('wrong-key').send(msg)).rejects.toBeInstanceOf(PermanentDeliveryError);
    expect(seen.at(-1)!.ok).toBe(false);
    answer = 'busy';
    const err = await driver()
      .send(msg)
      .catch((e: unknown) => e);
    expect(err).toBeInstanceOf(Error);
    expect(err).not.toBeInstanceOf(PermanentDeliveryError);
  });

  it('refuses numbers that are not mainland mobiles and templates not registered, permanently', async () => {
    expect(() => normalizeMobile('0632-1234567')).toThrow(PermanentDeliveryError);
    expect(normalizeMobile('+86 13800000001')).toBe('+8613800000001');
    await expect(driver().send({ ...msg, template: 'case.unknown' })).rejects.toBeInstanceOf(PermanentDeliveryError);
  });

  it('the signature changes with the payload, the time and the key', () => {
    const base = {
      secretId: SECRET_ID,
      secretKey: SECRET_KEY,
      service: 'sms',
      host: 'sms.tencentcloudapi.com',
      action: 'SendSms',
      version: '2021-01-11',
      payload: '{}',
      timestamp: 1764554400,
    };
    const sig = (o: Partial<typeof base>) => tc3Headers({ ...base, ...o }).Authorization;
    expect(sig({})).toContain('Credential=AKIDtest0000000000000000000000000000/2025-12-01/sms/tc3_request');
    expect(new Set([sig({}), sig({ payload: '{"a":1}' }), sig({ timestamp: base.timestamp + 1 }), sig({ secretKey: 'other' })]).size).toBe(4);
  });
});
