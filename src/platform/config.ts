import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { dirname, resolve } from 'node:path';

export type DatabaseConfig = { engine: 'sqlite'; path: string } | { engine: 'postgres'; url: string };

export interface Config {
  port: number;
  host: string;
  database: DatabaseConfig;
  dataDir: string;
  secretKey: Buffer;
  /** Where the key came from: GONGKAI_SECRET, DATA_DIR/secret.key, or generated now (no file was there). */
  secretSource?: 'env' | 'file' | 'generated';
  secretFile?: string;
  /** Called when the database refuses the key (removes a key file generated in this start). */
  onKeyRefused?: () => void;
  logLevel: 'fatal' | 'error' | 'warn' | 'info' | 'debug' | 'trace' | 'silent';
  /** Cookies marked Secure (set when served over HTTPS behind a proxy). */
  secureCookies: boolean;
  sessionIdleMinutes: number;
  sessionAbsoluteHours: number;
  demoPassword?: string;
  loadDemo: boolean;
  /** Sign-in attempts per minute per client address (in addition to the per-account lockout). */
  loginRateLimit: number;
  /**
   * Server processes sharing the port (WEB_CONCURRENCY). Default: one per core on PostgreSQL; 1 on SQLite (the
   * embedded demo: one writer at a time, and one process is plenty for it; set it higher to use every core).
   * An in-memory SQLite database is always served by one process.
   */
  webConcurrency: number;
  /** The public address of the portal (PUBLIC_URL), for the lookup link in notifications. */
  publicUrl?: string;
  /** E-mail: SMTP_URL (smtp://user:pass@host:587 or smtps://…) and SMTP_FROM; no e-mail is sent without it. */
  smtp?: { url: string; from: string };
  /** SMS: SMS_DRIVER = log (default) or tencent (TENCENT_SMS_SECRET_ID, _SECRET_KEY, _SDK_APP_ID, _SIGN_NAME, _TEMPLATES as name=id,…). */
  sms?:
    | { driver: 'log' }
    | { driver: 'tencent'; secretId: string; secretKey: string; sdkAppId: string; signName: string; templateIds: Record<string, string>; region?: string };
}

export class ConfigError extends Error {}

const LOG_LEVELS = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'] as const;

/** Parses DATABASE_URL: `sqlite:PATH`, `sqlite::memory:` or `postgres://…`. */
export function parseDatabaseUrl(url: string): DatabaseConfig {
  if (url.startsWith('sqlite:')) {
    const path = url.slice('sqlite:'.length).replace(/^\/\//, '');
    if (!path) throw new ConfigError(`配置错误：DATABASE_URL「${url}」缺少 SQLite 数据库文件路径，例如 sqlite:./data/gongkai.db`);
    return { engine: 'sqlite', path: path === ':memory:' ? ':memory:' : resolve(path) };
  }
  if (/^postgres(ql)?:\/\//.test(url)) {
    try {
      new URL(url);
    } catch {
      throw new ConfigError(`配置错误：DATABASE_URL「${url}」不是有效的 PostgreSQL 连接地址`);
    }
    return { engine: 'postgres', url };
  }
  throw new ConfigError(`配置错误：DATABASE_URL 必须是 sqlite:路径 或 postgres://… 形式，当前值为「${url}」`);
}

function intFromEnv(env: NodeJS.ProcessEnv, name: string, dflt: number, min: number, max: number): number {
  const raw = env[name];
  if (raw === undefined || raw === '') return dflt;
  if (!/^\d+$/.test(raw) || Number(raw) < min || Number(raw) > max) {
    throw new ConfigError(`配置错误：${name} 必须是 ${min} 到 ${max} 之间的整数，当前值为「${raw}」`);
  }
  return Number(raw);
}

/**
 * Reads the secret key from GONGKAI_SECRET, else from DATA_DIR/secret.key (base64 of 32 random bytes), generating
 * it on first start. An empty, short or malformed key file is refused: running on it would encrypt personal data
 * and sign CSRF tokens with a key anyone can derive.
 */
function loadSecret(env: NodeJS.ProcessEnv, dataDir: string, generate: boolean): Pick<Config, 'secretKey' | 'secretSource' | 'secretFile' | 'onKeyRefused'> {
  const given = env.GONGKAI_SECRET;
  if (given !== undefined && given !== '') {
    if (given.length < 32) throw new ConfigError('配置错误：GONGKAI_SECRET 至少需要 32 个字符');
    return { secretKey: Buffer.from(given, 'utf8'), secretSource: 'env' };
  }
  const file = resolve(dataDir, 'secret.key');
  if (existsSync(file)) {
    const text = readFileSync(file, 'utf8').trim();
    if (text === '') throw new ConfigError(`配置错误：密钥文件 ${file} 是空的；请从备份恢复原来的 secret.key（全新安装可删除该文件，启动时会生成新密钥）`);
    const key = /^[A-Za-z0-9+/]+={0,2}$/.test(text) ? Buffer.from(text, 'base64') : null;
    if (!key || key.length < 32) {
      throw new ConfigError(
        `配置错误：密钥文件 ${file} 格式不正确${key ? `（只有 ${key.length} 字节，应为 32 字节的 base64）` : '（应为 32 字节随机数的 base64 编码）'}；请从备份恢复原来的 secret.key`,
      );
    }
    return { secretKey: key, secretSource: 'file', secretFile: file };
  }
  if (!generate) return { secretKey: randomBytes(32), secretSource: 'generated', secretFile: file };
  mkdirSync(dataDir, { recursive: true });
  const key = randomBytes(32);
  writeFileSync(file, key.toString('base64'), { mode: 0o600 });
  return { secretKey: key, secretSource: 'generated', secretFile: file, onKeyRefused: () => rmSync(file, { force: true }) };
}

export function loadConfig(env: NodeJS.ProcessEnv = process.env, opts: { generateSecret?: boolean } = {}): Config {
  const port = intFromEnv(env, 'PORT', 3000, 0, 65535);
  const database = parseDatabaseUrl(env.DATABASE_URL || 'sqlite:./data/gongkai.db');
  const dataDir = resolve(env.DATA_DIR || (database.engine === 'sqlite' && database.path !== ':memory:' ? dirname(database.path) : './data'));
  const logLevel = (env.LOG_LEVEL || 'info') as Config['logLevel'];
  if (!LOG_LEVELS.includes(logLevel)) {
    throw new ConfigError(`配置错误：LOG_LEVEL 必须是 ${LOG_LEVELS.join('、')} 之一，当前值为「${env.LOG_LEVEL}」`);
  }
  const secure = env.SECURE_COOKIES ?? '';
  if (!['', '0', '1', 'true', 'false'].includes(secure)) throw new ConfigError(`配置错误：SECURE_COOKIES 必须是 true 或 false，当前值为「${secure}」`);
  const demoPassword = env.GONGKAI_DEMO_PASSWORD || undefined;
  const smtpUrl = env.SMTP_URL || '';
  if (smtpUrl && !/^smtps?:\/\//.test(smtpUrl)) throw new ConfigError(`配置错误：SMTP_URL 必须是 smtp://… 或 smtps://… 形式，当前值为「${smtpUrl}」`);
  const smsDriver = env.SMS_DRIVER || 'log';
  if (!['log', 'tencent'].includes(smsDriver)) throw new ConfigError(`配置错误：SMS_DRIVER 必须是 log 或 tencent，当前值为「${smsDriver}」`);
  let sms: Config['sms'] = { driver: 'log' };
  if (smsDriver === 'tencent') {
    const need = ['TENCENT_SMS_SECRET_ID', 'TENCENT_SMS_SECRET_KEY', 'TENCENT_SMS_SDK_APP_ID', 'TENCENT_SMS_SIGN_NAME', 'TENCENT_SMS_TEMPLATES'].filter(
      (k) => !env[k],
    );
    if (need.length) throw new ConfigError(`配置错误：SMS_DRIVER=tencent 需要设置 ${need.join('、')}`);
    const templateIds = Object.fromEntries(
      String(env.TENCENT_SMS_TEMPLATES)
        .split(',')
        .map((p) => p.split('=').map((x) => x.trim()))
        .filter((p) => p.length === 2 && p[0] && p[1]),
    );
    sms = {
      driver: 'tencent',
      secretId: env.TENCENT_SMS_SECRET_ID!,
      secretKey: env.TENCENT_SMS_SECRET_KEY!,
      sdkAppId: env.TENCENT_SMS_SDK_APP_ID!,
      signName: env.TENCENT_SMS_SIGN_NAME!,
      templateIds,
      ...(env.TENCENT_SMS_REGION ? { region: env.TENCENT_SMS_REGION } : {}),
    };
  }
  return {
    ...(env.PUBLIC_URL ? { publicUrl: env.PUBLIC_URL.replace(/\/+$/, '') } : {}),
    ...(smtpUrl ? { smtp: { url: smtpUrl, from: env.SMTP_FROM || 'gongkai@localhost' } } : {}),
    sms,
    port,
    host: env.HOST || '0.0.0.0',
    database,
    dataDir,
    ...loadSecret(env, dataDir, opts.generateSecret ?? true),
    logLevel,
    secureCookies: secure === '1' || secure === 'true',
    sessionIdleMinutes: intFromEnv(env, 'SESSION_IDLE_MINUTES', 30, 1, 24 * 60),
    sessionAbsoluteHours: intFromEnv(env, 'SESSION_ABSOLUTE_HOURS', 12, 1, 24 * 30),
    demoPassword,
    loadDemo: env.GONGKAI_DEMO !== '0',
    loginRateLimit: intFromEnv(env, 'LOGIN_RATE_LIMIT', 20, 1, 100000),
    webConcurrency:
      database.engine === 'sqlite' && database.path === ':memory:'
        ? 1
        : intFromEnv(env, 'WEB_CONCURRENCY', database.engine === 'postgres' ? availableParallelism() : 1, 1, 256),
  };
}
