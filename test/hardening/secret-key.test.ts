import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';

/**
 * Issue 8, 4: with no secret.key the server made a new key and every case then answered 500; with an empty file it
 * ran on a zero-length key. Start now refuses an empty, short or malformed key file, a missing one when the
 * database already holds data, and a key that is not the one the data was encrypted with: one Chinese line, exit 1.
 */

const BIN = new URL('../../bin/gongkai.js', import.meta.url).pathname;
const dir = mkdtempSync(join(tmpdir(), 'gk-key-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function gongkai(args: string[]) {
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    DATA_DIR: dir,
    DATABASE_URL: `sqlite:${join(dir, 'gk.db')}`,
    PORT: '0',
    HOST: '127.0.0.1',
    GONGKAI_DEMO_PASSWORD: 'Demo-Pass-2026!',
    WEB_CONCURRENCY: '1',
  };
  delete env.GONGKAI_SECRET;
  const r = spawnSync(process.execPath, [BIN, ...args], { env, encoding: 'utf8', timeout: 120_000 });
  return { code: r.status, stderr: r.stderr.trim(), stdout: r.stdout };
}

const keyFile = join(dir, 'secret.key');

function refusedWith(r: ReturnType<typeof gongkai>, pattern: RegExp) {
  expect(r.code).toBe(1);
  expect(r.stderr.split('\n')).toHaveLength(1);
  expect(r.stderr).toMatch(/[\u4e00-\u9fa5]/);
  expect(r.stderr).toMatch(pattern);
}

describe('secret.key at start', () => {
  let original = '';

  it('first start generates the key and stores its check value', () => {
    const r = gongkai(['jobs', 'list']);
    expect(r.code, r.stderr).toBe(0);
    original = readFileSync(keyFile, 'utf8');
    expect(Buffer.from(original, 'base64')).toHaveLength(32);
  }, 120_000);

  it('refuses an empty, short or malformed key file', () => {
    for (const [content, pattern] of [
      ['', /是空的/],
      ['\n', /是空的/],
      [Buffer.alloc(8).toString('base64'), /只有 8 字节/],
      ['这不是密钥!!', /格式不正确/],
    ] as const) {
      writeFileSync(keyFile, content);
      refusedWith(gongkai(['serve']), pattern);
    }
  }, 120_000);

  it('refuses a missing key when the database already holds data (and leaves no new key behind)', () => {
    rmSync(keyFile);
    refusedWith(gongkai(['serve']), /不存在.*数据库中已有/);
    expect(existsSync(keyFile)).toBe(false);
  }, 120_000);

  it('refuses a different key (the check value does not match)', () => {
    writeFileSync(keyFile, Buffer.alloc(32, 7).toString('base64'));
    refusedWith(gongkai(['jobs', 'list']), /与数据库不匹配/);
  }, 120_000);

  it('starts again with the original key', () => {
    writeFileSync(keyFile, original);
    expect(gongkai(['jobs', 'list']).code).toBe(0);
  }, 120_000);
});
