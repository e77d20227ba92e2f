import { createHash, createHmac } from 'node:crypto';
import { smsSendableAt } from '../../rules/quiet-hours.js';
import { PermanentDeliveryError, type Deliverable, type OutboxDriver } from './outbox.js';

/**
 * Text messages. Every SMS driver holds messages in the quiet hours (21:00–08:00 Beijing time, src/rules) and
 * takes the text rendered in its params (`text`, and for template-based providers `smsTemplate` + `smsParams`).
 * Drivers: `log` (the default: one line in the server log) and `tencent` (Tencent Cloud SMS, API 3.0, signed
 * with TC3-HMAC-SHA256). Configured by `SMS_DRIVER` (log | tencent) and, for tencent, `TENCENT_SMS_*`.
 */

const quiet = { holdUntil: (_m: Deliverable, now: Date) => smsSendableAt(now) };

const MOBILE = /^(?:\+?86)?1[3-9]\d{9}$/;

export function normalizeMobile(n: string): string {
  const digits = n.replace(/[\s-]/g, '');
  if (!MOBILE.test(digits)) throw new PermanentDeliveryError('收信号码不是有效的中国大陆手机号码。');
  return `+86${digits.slice(-11)}`;
}

export function logSmsDriver(write: (line: string) => void): OutboxDriver {
  return {
    name: 'sms-log',
    ...quiet,
    async send(m) {
      const to = normalizeMobile(m.recipient);
      write(`[sms] → ${to}：${String(m.params.text ?? '')}（${m.idempotencyKey}）`);
    },
  };
}

// ------------------------------------------------------------------ TC3-HMAC-SHA256

export interface Tc3Request {
  secretId: string;
  secretKey: string;
  service: string;
  host: string;
  action: string;
  version: string;
  region?: string;
  payload: string;
  /** Unix seconds. */
  timestamp: number;
}

const sha256 = (s: string) => createHash('sha256').update(s, 'utf8').digest('hex');
const hmac = (key: Buffer | string, s: string) => createHmac('sha256', key).update(s, 'utf8').digest();

/**
 * The request headers of a Tencent Cloud API 3.0 call, signed with TC3-HMAC-SHA256 (POST, JSON body): the
 * canonical request over content-type, host and x-tc-action; the string to sign with the credential scope
 * date/service/tc3_request; the key derived as HMAC chains from "TC3" + SecretKey.
 */
export function tc3Headers(r: Tc3Request): Record<string, string> {
  const date = new Date(r.timestamp * 1000).toISOString().slice(0, 10);
  const contentType = 'application/json; charset=utf-8';
  const signedHeaders = 'content-type;host;x-tc-action';
  const canonicalHeaders = `content-type:${contentType}\nhost:${r.host}\nx-tc-action:${r.action.toLowerCase()}\n`;
  const canonicalRequest = ['POST', '/', '', canonicalHeaders, signedHeaders, sha256(r.payload)].join('\n');
  const scope = `${date}/${r.service}/tc3_request`;
  const stringToSign = ['TC3-HMAC-SHA256', String(r.timestamp), scope, sha256(canonicalRequest)].join('\n');
  const signing = hmac(hmac(hmac(`TC3${r.secretKey}`, date), r.service), 'tc3_request');
  const signature = createHmac('sha256', signing).update(stringToSign, 'utf8').digest('hex');
  return {
    Authorization: `TC3-HMAC-SHA256 Credential=${r.secretId}/${scope}, SignedHeaders=${signedHeaders}, Signature=${signature}`,
    'Content-Type': contentType,
    Host: r.host,
    'X-TC-Action': r.action,
    'X-TC-Timestamp': String(r.timestamp),
    'X-TC-Version': r.version,
    ...(r.region ? { 'X-TC-Region': r.region } : {}),
  };
}

export interface TencentSmsOptions {
  secretId: string;
  secretKey: string;
  sdkAppId: string;
  signName: string;
  /** Outbox template name → the provider's approved template id. */
  templateIds: Record<string, string>;
  region?: string;
  /** Defaults to https://sms.tencentcloudapi.com (tests point it at loopback). */
  endpoint?: string;
  now?: () => Date;
}

export function tencentSmsDriver(o: TencentSmsOptions): OutboxDriver {
  const endpoint = new URL(o.endpoint ?? 'https://sms.tencentcloudapi.com');
  return {
    name: 'sms-tencent',
    ...quiet,
    async send(m) {
      const to = normalizeMobile(m.recipient);
      const templateId = o.templateIds[m.template];
      if (!templateId) throw new PermanentDeliveryError(`短信模板“${m.template}”未在腾讯云登记（TENCENT_SMS_TEMPLATES）。`);
      const params = Array.isArray(m.params.smsParams) ? (m.params.smsParams as unknown[]).map(String) : [];
      const payload = JSON.stringify({
        PhoneNumberSet: [to],
        SmsSdkAppId: o.sdkAppId,
        SignName: o.signName,
        TemplateId: templateId,
        TemplateParamSet: params,
        SessionContext: m.idempotencyKey,
      });
      const headers = tc3Headers({
        secretId: o.secretId,
        secretKey: o.secretKey,
        service: 'sms',
        host: endpoint.host,
        action: 'SendSms',
        version: '2021-01-11',
        region: o.region ?? 'ap-guangzhou',
        payload,
        timestamp: Math.floor((o.now?.() ?? new Date()).getTime() / 1000),
      });
      const res = await fetch(endpoint, { method: 'POST', headers, body: payload, signal: AbortSignal.timeout(20_000) });
      const body = (await res.json().catch(() => ({}))) as {
        Response?: { Error?: { Code: string; Message: string }; SendStatusSet?: { Code: string; Message: string; SerialNo?: string }[] };
      };
      const err = body.Response?.Error;
      if (err) {
        const permanent =
          /^(AuthFailure|InvalidParameter|UnauthorizedOperation|FailedOperation\.(?:TemplateIncorrectOrUnapproved|SignatureIncorrectOrUnapproved|PhoneNumberInBlacklist))/.test(
            err.Code,
          );
        const msg = `腾讯云短信：${err.Code} ${err.Message}`;
        throw permanent ? new PermanentDeliveryError(msg) : new Error(msg);
      }
      if (!res.ok) throw new Error(`腾讯云短信：HTTP ${res.status}`);
      const st = body.Response?.SendStatusSet?.[0];
      if (st && st.Code !== 'Ok') throw new Error(`腾讯云短信：${st.Code} ${st.Message}`);
      return { providerId: st?.SerialNo };
    },
  };
}
