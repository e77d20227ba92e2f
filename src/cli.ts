import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import Sqlite from 'better-sqlite3';
import { ConfigError, loadConfig, type Config } from './platform/config.js';
import { bootstrap } from './platform/bootstrap.js';
import { buildApp } from './platform/http/app.js';
import { verifyAudit } from './platform/audit/audit.js';
import { COMMANDS, type CommandResult } from './commands.js';

/** One entry for every command: serve, deadline, report build|check, calendar import, audit verify, backup. */

const HELP = `用法：gongkai <命令> [参数]

  serve                       启动服务（默认端口 3000，环境变量 PORT）
  deadline --received 日期 …  计算依申请公开的答复期限（--json 输出 JSON）
  report check 文件…          检查已发布的年度报告（--json, --previous 文件）
  report build --agency 名称 --year 年份 --out 文件   由台账生成年度报告
  calendar import 文件         发布一个年度的节假日安排
  audit verify                校验审计链，找出被修改或删除的记录
  backup 文件                  在线备份数据库

配置（环境变量）：PORT、DATABASE_URL（sqlite:路径 或 postgres://…）、GONGKAI_SECRET、LOG_LEVEL`;

function configOrExit(): Config {
  try {
    return loadConfig();
  } catch (err) {
    if (err instanceof ConfigError) {
      process.stderr.write(`${err.message}\n`);
      process.exit(1);
    }
    throw err;
  }
}

async function serve(): Promise<void> {
  const config = configOrExit();
  const ctx = await bootstrap(config, { log: (l) => process.stdout.write(`${l}\n`) });
  const app = await buildApp(ctx);
  let closing = false;
  const shutdown = async (signal: string) => {
    if (closing) return;
    closing = true;
    app.log.info({ signal }, '正在停止服务（等待进行中的请求完成）');
    const timer = setTimeout(() => process.exit(1), 10_000).unref();
    await app.close();
    await ctx.db.destroy();
    clearTimeout(timer);
    process.exit(0);
  };
  process.on('SIGTERM', () => void shutdown('SIGTERM'));
  process.on('SIGINT', () => void shutdown('SIGINT'));
  await app.listen({ port: config.port, host: config.host });
  process.stdout.write(`Gongkai 政务公开平台已启动：http://127.0.0.1:${config.port}/ （管理后台 /admin/，接口文档 /api/docs）\n`);
}

async function auditVerify(): Promise<CommandResult> {
  const ctx = await bootstrap(configOrExit(), { seed: false });
  try {
    const res = await verifyAudit(ctx.db);
    if (res.ok) return { stdout: `审计链完整：共 ${res.count} 条记录，未发现修改或删除。\n`, stderr: '', exitCode: 0 };
    return { stdout: `审计链校验未通过：共 ${res.count} 条记录，发现 ${res.problems.length} 处问题。\n${res.problems.map((p) => `  - ${p.message}`).join('\n')}\n`, stderr: '', exitCode: 1 };
  } finally {
    await ctx.db.destroy();
  }
}

async function backup(args: string[]): Promise<CommandResult> {
  const file = args[0];
  if (!file) return { stdout: '', stderr: '用法：gongkai backup 备份文件路径\n', exitCode: 2 };
  const config = configOrExit();
  if (config.database.engine === 'sqlite') {
    if (config.database.path === ':memory:' || !existsSync(config.database.path)) return { stdout: '', stderr: `数据库文件不存在：${config.database.path}\n`, exitCode: 2 };
    const conn = new Sqlite(config.database.path, { readonly: true, fileMustExist: true });
    try {
      await conn.backup(resolve(file));
    } finally {
      conn.close();
    }
    return { stdout: `已将 SQLite 数据库在线备份到 ${resolve(file)}。恢复：停止服务后用该文件替换 ${config.database.path}（并删除同目录的 -wal、-shm 文件），再启动服务。\n`, stderr: '', exitCode: 0 };
  }
  const probe = spawnSync('pg_dump', ['--version'], { encoding: 'utf8' });
  if (probe.status !== 0) {
    return { stdout: '', stderr: `未找到 pg_dump。PostgreSQL 部署请安装 postgresql-client 后运行：pg_dump --format=custom --file ${file} "$DATABASE_URL"；恢复：pg_restore --clean --if-exists --dbname "$DATABASE_URL" ${file}\n`, exitCode: 2 };
  }
  const res = spawnSync('pg_dump', ['--format=custom', `--file=${resolve(file)}`, config.database.url], { encoding: 'utf8' });
  if (res.status !== 0) return { stdout: '', stderr: `pg_dump 失败：${res.stderr.trim()}\n`, exitCode: 1 };
  return { stdout: `已用 pg_dump 备份到 ${resolve(file)}（custom 格式）。恢复：pg_restore --clean --if-exists --dbname "$DATABASE_URL" ${file}\n`, stderr: '', exitCode: 0 };
}

export async function main(argv: string[]): Promise<number> {
  const [cmd, ...rest] = argv;
  let res: CommandResult;
  if (!cmd || cmd === 'help' || cmd === '--help' || cmd === '-h') res = { stdout: `${HELP}\n`, stderr: '', exitCode: cmd ? 0 : 2 };
  else if (cmd === 'serve') {
    await serve();
    return -1;
  } else if (cmd === 'audit' && rest[0] === 'verify') res = await auditVerify();
  else if (cmd === 'backup') res = await backup(rest);
  else {
    const key = COMMANDS[`${cmd} ${rest[0] ?? ''}`] ? `${cmd} ${rest[0]}` : cmd;
    const handler = COMMANDS[key];
    if (!handler) res = { stdout: '', stderr: `未知命令：${argv.join(' ')}\n${HELP}\n`, exitCode: 2 };
    else {
      const args = key.includes(' ') ? rest.slice(1) : rest;
      res = await handler(args, { config: configOrExit });
    }
  }
  const line = (s: string) => (s.endsWith('\n') ? s : `${s}\n`);
  if (res.stdout) process.stdout.write(line(res.stdout));
  if (res.stderr) process.stderr.write(line(res.stderr));
  return res.exitCode;
}

const isMain = process.argv[1] && /cli\.(ts|js)$/.test(process.argv[1]);
if (isMain) {
  main(process.argv.slice(2)).then(
    (code) => {
      if (code >= 0) process.exit(code);
    },
    (err) => {
      process.stderr.write(`错误：${err instanceof Error ? err.message : String(err)}\n`);
      process.exit(err instanceof ConfigError ? 1 : 70);
    },
  );
}
