import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { generatePassword, hashPassword, passwordProblem, verifyPassword } from '../../src/platform/auth/passwords.js';
import { canonicalJson, createFieldCipher } from '../../src/platform/crypto.js';
import { ConfigError, loadConfig, parseDatabaseUrl } from '../../src/platform/config.js';
import { can } from '../../src/platform/auth/permissions.js';

describe('passwords', () => {
  it('hashes with scrypt and verifies', async () => {
    const h = await hashPassword('Correct-Horse-9');
    expect(h.startsWith('scrypt$')).toBe(true);
    expect(await verifyPassword('Correct-Horse-9', h)).toBe(true);
    expect(await verifyPassword('correct-horse-9', h)).toBe(false);
  });
  it('enforces the policy in Chinese', () => {
    expect(passwordProblem('Ab1!')).toContain('10');
    expect(passwordProblem('abcdefghijkl')).toContain('三类');
    expect(passwordProblem('Xfj.clerk-2026', 'xfj.clerk')).toContain('用户名');
    expect(passwordProblem('Good-Pass-2026')).toBeNull();
  });
  it('generates passwords that satisfy the policy', () => {
    for (let i = 0; i < 50; i++) expect(passwordProblem(generatePassword())).toBeNull();
  });
});

describe('field encryption (SM4-CTR + HMAC-SM3)', () => {
  const cipher = createFieldCipher(Buffer.alloc(32, 7));
  it('round-trips any text and detects tampering', () => {
    fc.assert(fc.property(fc.string(), (s) => cipher.decrypt(cipher.encrypt(s)) === s));
    const sealed = cipher.encrypt('370402199001011234');
    expect(sealed).not.toContain('3704');
    const tampered = sealed.slice(0, -2) + (sealed.endsWith('A') ? 'BB' : 'AA');
    expect(() => cipher.decrypt(tampered)).toThrow();
  });
  it('blind index is deterministic and keyed', () => {
    expect(cipher.blindIndex('37040219900101123x')).toBe(cipher.blindIndex('37040219900101123X'));
    expect(createFieldCipher(Buffer.alloc(32, 8)).blindIndex('a')).not.toBe(cipher.blindIndex('a'));
  });
  it('canonical JSON ignores key order', () => {
    expect(canonicalJson({ b: 1, a: [2, { d: 1, c: 2 }] })).toBe(canonicalJson({ a: [2, { c: 2, d: 1 }], b: 1 }));
  });
});

describe('configuration', () => {
  it('parses database URLs', () => {
    expect(parseDatabaseUrl('sqlite:./data/x.db')).toMatchObject({ engine: 'sqlite' });
    expect(parseDatabaseUrl('postgres://u@h:5432/db')).toEqual({ engine: 'postgres', url: 'postgres://u@h:5432/db' });
    expect(() => parseDatabaseUrl('mysql://x')).toThrow(ConfigError);
  });
  it('rejects invalid values with one Chinese line', () => {
    expect(() => loadConfig({ PORT: 'abc', GONGKAI_SECRET: 'x'.repeat(40) }, { generateSecret: false })).toThrow(/PORT/);
    expect(() => loadConfig({ LOG_LEVEL: 'loud', GONGKAI_SECRET: 'x'.repeat(40) }, { generateSecret: false })).toThrow(/LOG_LEVEL/);
    expect(() => loadConfig({ GONGKAI_SECRET: 'short' }, { generateSecret: false })).toThrow(/32/);
  });
});

describe('permissions', () => {
  it('only office heads approve; supervisors only read', () => {
    expect(can({ role: 'office_head' }, 'cases.approve')).toBe(true);
    expect(can({ role: 'clerk' }, 'cases.approve')).toBe(false);
    expect(can({ role: 'supervisor' }, 'cases.read')).toBe(true);
    expect(can({ role: 'supervisor' }, 'cases.write')).toBe(false);
  });
});
