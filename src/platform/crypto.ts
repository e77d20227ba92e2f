import { createCipheriv, createDecipheriv, createHash, createHmac, hkdfSync, randomBytes, timingSafeEqual } from 'node:crypto';

/**
 * 国密 primitives from Node's OpenSSL: SM3 for hashing (audit chain, digests), SM4-CTR + HMAC-SM3
 * (encrypt-then-MAC) for applicants' personal data at rest, and HMAC-SM3 blind indexes for lookups.
 */

export const sm3Hex = (data: string | Buffer): string => createHash('sm3').update(data).digest('hex');

/** JSON with sorted keys, so that a digest does not depend on key order. */
export function canonicalJson(value: unknown): string {
  if (value === null || typeof value !== 'object') return JSON.stringify(value ?? null);
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  const entries = Object.entries(value as Record<string, unknown>)
    .filter(([, v]) => v !== undefined)
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonicalJson(v)}`).join(',')}}`;
}

export const digest = (value: unknown): string => sm3Hex(canonicalJson(value));

export interface FieldCipher {
  encrypt(plain: string): string;
  decrypt(sealed: string): string;
  /** A keyed, deterministic digest for equality lookups (e.g. the same ID number) without storing the value. */
  blindIndex(value: string): string;
  /** HMAC of a message with a purpose-bound key, base64url. */
  mac(purpose: string, message: string): string;
  verifyMac(purpose: string, message: string, tag: string): boolean;
}

export function createFieldCipher(secret: Buffer): FieldCipher {
  const derive = (info: string) => Buffer.from(hkdfSync('sha256', secret, Buffer.alloc(0), `gongkai:${info}`, 32));
  const encKey = derive('field-enc').subarray(0, 16);
  const macKey = derive('field-mac');
  const idxKey = derive('blind-index');
  const hmac = (key: Buffer, data: Buffer | string) => createHmac('sm3', key).update(data).digest();
  // Purpose keys are derived once, not on every CSRF token of every request.
  const macKeys = new Map<string, Buffer>();
  const purposeKey = (purpose: string) => {
    let key = macKeys.get(purpose);
    if (key === undefined) macKeys.set(purpose, (key = derive(`mac:${purpose}`)));
    return key;
  };
  return {
    encrypt(plain) {
      const iv = randomBytes(16);
      const c = createCipheriv('sm4-ctr', encKey, iv);
      const body = Buffer.concat([iv, c.update(plain, 'utf8'), c.final()]);
      return `v1.${Buffer.concat([body, hmac(macKey, body)]).toString('base64url')}`;
    },
    decrypt(sealed) {
      if (!sealed.startsWith('v1.')) throw new Error('unknown ciphertext version');
      const raw = Buffer.from(sealed.slice(3), 'base64url');
      const body = raw.subarray(0, raw.length - 32);
      const tag = raw.subarray(raw.length - 32);
      if (tag.length !== 32 || !timingSafeEqual(tag, hmac(macKey, body))) throw new Error('ciphertext integrity check failed');
      const d = createDecipheriv('sm4-ctr', encKey, body.subarray(0, 16));
      return Buffer.concat([d.update(body.subarray(16)), d.final()]).toString('utf8');
    },
    blindIndex: (value) => hmac(idxKey, value.trim().toUpperCase()).toString('hex'),
    mac: (purpose, message) => hmac(purposeKey(purpose), message).toString('base64url'),
    verifyMac(purpose, message, tag) {
      const expected = hmac(purposeKey(purpose), message);
      const given = Buffer.from(tag, 'base64url');
      return given.length === expected.length && timingSafeEqual(given, expected);
    },
  };
}
