import { randomBytes } from 'node:crypto';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { dispatch } from '../../src/cli.js';
import { createApp, openContext } from '../../src/capabilities.js';
import { ConfigError, loadConfig } from '../../src/platform/config.js';
import { createFieldCipher } from '../../src/platform/crypto.js';
import type { AppContext } from '../../src/platform/context.js';
import { identityKeyOf, type ApplicantData } from '../../src/requests/application.js';
import { DEMO_PASSWORD, signedIn } from '../helpers/app.js';
import { ENGINES, PG_URL } from '../helpers/db.js';

/**
 * Issue 8, 4 (rotation): `gongkai key rotate` re-seals every sealed column and blind index under a new key in one
 * transaction, writes the new key file 0600 and keeps the old one as a backup, and stores the new key check. After
 * it every case detail decrypts as before, the blind-index lookups (same applicant, likely repeats) find the same
 * cases, and the old key no longer starts the server.
 */

async function details(ctx: AppContext): Promise<unknown[]> {
  await ctx.db.updateTable('users').set({ must_change_password: 0 }).execute();
  const app = await createApp(ctx);
  try {
    const out: unknown[] = [];
    for (const user of ['xfj.clerk', 'czj.clerk']) {
      const c = await signedIn(app, user);
      const listed = await c.request('GET', '/api/cases?pageSize=100');
      expect(listed.statusCode, listed.body).toBe(200);
      const list = listed.json().items as Array<{ id: string }>;
      for (const { id } of list) {
        const res = await c.request('GET', `/api/cases/${id}`);
        expect(res.statusCode, res.body).toBe(200);
        out.push(res.json());
      }
      const comments = await c.request('GET', '/api/publishing/comments?pageSize=100');
      out.push(comments.statusCode === 200 ? comments.json() : comments.statusCode);
    }
    return out;
  } finally {
    await app.close();
  }
}

describe.each(ENGINES)('gongkai key rotate on %s', (engine) => {
  const dir = mkdtempSync(join(tmpdir(), 'gk-rotate-'));
  const keyFile = join(dir, 'secret.key');
  const saved = { ...process.env };
  let dropPg = async () => {};
  let before: unknown[] = [];

  beforeAll(async () => {
    let url = `sqlite:${join(dir, 'gk.db')}`;
    if (engine === 'postgres') {
      const name = `gk_rotate_${randomBytes(4).toString('hex')}`;
      const admin = new pg.Client({ connectionString: PG_URL });
      await admin.connect();
      await admin.query(`create database ${name}`);
      await admin.end();
      const u = new URL(PG_URL!);
      u.pathname = `/${name}`;
      url = u.toString();
      dropPg = async () => {
        const c = new pg.Client({ connectionString: PG_URL });
        await c.connect();
        await c.query(`drop database if exists ${name} with (force)`);
        await c.end();
      };
    }
    Object.assign(process.env, { DATA_DIR: dir, DATABASE_URL: url, GONGKAI_DEMO_PASSWORD: DEMO_PASSWORD, LOG_LEVEL: 'silent', PORTAL_CACHE_SECONDS: '0' });
    delete process.env.GONGKAI_SECRET;
    // First start: the key is generated, the demo data (cases, files, comments) sealed with it.
    const ctx = await openContext({ ...loadConfig(), loginRateLimit: 10_000 }, { seed: true });
    before = await details(ctx);
    // A staff member's contacts (个人设置) are sealed too.
    await ctx.db
      .updateTable('users')
      .set({ email_enc: ctx.cipher.encrypt('clerk@example.cn'), mobile_enc: ctx.cipher.encrypt('13800138000') })
      .where('username', '=', 'xfj.clerk')
      .execute();
    await ctx.db.destroy();
  }, 180_000);

  afterAll(async () => {
    process.env = saved;
    await dropPg();
    rmSync(dir, { recursive: true, force: true });
  });

  it('documents itself (--help) and in gongkai --help', async () => {
    const help = await dispatch(['key', 'rotate', '--help']);
    expect(help).toMatchObject({ exitCode: 0 });
    expect((help as { stdout: string }).stdout).toMatch(/用法：gongkai key rotate[\s\S]*一个数据库事务[\s\S]*停止所有服务进程/);
    expect(((await dispatch(['--help'])) as { stdout: string }).stdout).toMatch(/key rotate/);
    expect(await dispatch(['key', 'rotate', 'extra'])).toMatchObject({ exitCode: 2 });
  });

  it('re-seals everything under a new key; case details and blind-index lookups are unchanged; the old key is refused', async () => {
    const oldKey = readFileSync(keyFile, 'utf8');
    const res = (await dispatch(['key', 'rotate'])) as { stdout: string; stderr: string; exitCode: number };
    expect(res.exitCode, res.stderr).toBe(0);
    expect(res.stdout).toMatch(/密钥已轮换/);
    expect(res.stdout).toMatch(/requests [1-9]\d*/);
    expect(res.stdout).toMatch(/publishing [1-9]\d*/);
    const newKey = readFileSync(keyFile, 'utf8');
    expect(newKey).not.toBe(oldKey);
    expect(Buffer.from(newKey, 'base64')).toHaveLength(32);
    expect(statSync(keyFile).mode & 0o777).toBe(0o600);
    const backups = readdirSync(dir).filter((f) => f.startsWith('secret.key.old-'));
    expect(backups).toHaveLength(1);
    expect(readFileSync(join(dir, backups[0]!), 'utf8')).toBe(oldKey);
    expect(statSync(join(dir, backups[0]!)).mode & 0o777).toBe(0o600);
    expect(existsSync(`${keyFile}.new`)).toBe(false);

    const ctx = await openContext({ ...loadConfig(), loginRateLimit: 10_000 }, { seed: false });
    try {
      // Every sealed value is under the new key only; every blind index is the new key's.
      const oldCipher = createFieldCipher(Buffer.from(oldKey, 'base64'));
      const cases = await ctx.db.selectFrom('cases').select(['applicant_enc', 'applicant_key', 'applicant_name_key']).execute();
      expect(cases.length).toBeGreaterThan(10);
      for (const c of cases) {
        expect(() => oldCipher.decrypt(c.applicant_enc)).toThrow();
        const a = JSON.parse(ctx.cipher.decrypt(c.applicant_enc)) as ApplicantData;
        expect(c.applicant_key).toBe(ctx.cipher.blindIndex(identityKeyOf(a)));
        expect(c.applicant_name_key).toBe(ctx.cipher.blindIndex(a.name));
      }
      for (const f of await ctx.db.selectFrom('case_files').select('content_enc').execute()) ctx.cipher.decrypt(f.content_enc);
      for (const r of await ctx.db.selectFrom('pub_comments').select('name_enc').execute()) ctx.cipher.decrypt(r.name_enc);
      const staff = await ctx.db.selectFrom('users').select(['email_enc', 'mobile_enc']).where('username', '=', 'xfj.clerk').executeTakeFirstOrThrow();
      expect(() => oldCipher.decrypt(staff.email_enc!)).toThrow();
      expect([ctx.cipher.decrypt(staff.email_enc!), ctx.cipher.decrypt(staff.mobile_enc!)]).toEqual(['clerk@example.cn', '13800138000']);
      // The same details (applicants decrypted, earlier cases of the same applicant and repeat warnings found by
      // the blind indexes) as before the rotation.
      expect(await details(ctx)).toEqual(before);
    } finally {
      await ctx.db.destroy();
    }

    // The old key no longer starts the server (its check value is not the stored one).
    writeFileSync(keyFile, oldKey);
    const refused = await openContext(loadConfig(), { seed: false }).then(
      async (c) => {
        await c.db.destroy();
        return null;
      },
      (e: unknown) => e,
    );
    expect(refused).toBeInstanceOf(ConfigError);
    expect((refused as Error).message).toMatch(/不匹配/);
    writeFileSync(keyFile, newKey);
  }, 240_000);
});
