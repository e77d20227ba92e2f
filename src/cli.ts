import { spawnSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { chmodSync, closeSync, existsSync, openSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { ConfigError, loadConfig, type Config } from './platform/config.js';
import type { CommandResult, CommandSpec } from './platform/commands.js';

/**
 * The composition root (every capability, with fastify, kysely, docx…) is loaded only when a command needs it, so
 * that `--help` and usage errors answer at once (the built dist/ is split into chunks for this).
 */
const root = () => import('./capabilities.js');

/** One entry for every command: serve, deadline, report build|check, calendar import, audit verify, backup, key rotate. */

const HELP = `用法：gongkai <命令> [参数]

  serve                       启动服务（默认端口 3000，环境变量 PORT）
  deadline --received 日期 …  计算依申请公开的答复期限（--json 输出 JSON）
  report check 文件…          检查已发布的年度报告（--json, --previous 文件）
  report build --agency 名称 --year 年份 --out 文件   由台账生成年度报告
  assess --agency 名称 --year 年份 [--subtree] [--json] [--out 文件]   政务公开工作考核（.json/.xlsx/.docx）
  calendar import 文件         发布一个年度的节假日安排
  ledger export --agency 名称 [--year 年份] --out 文件.xlsx   导出依申请公开台账（Excel）
  ledger import 文件.xlsx --agency 名称 [--dry-run]   导入历史台账（逐行校验，全部正确才写入）
  ledger template --out 文件.xlsx   生成历史台账导入模板
  publishing import 文件.xlsx --agency 名称 [--dry-run] [--files 目录]   导入已公开信息（逐行校验，全部正确才发布）
  publishing template --out 文件.xlsx   生成已公开信息导入模板
  audit verify                校验审计链，找出被修改或删除的记录
  jobs list                   列出后台任务及其最近一次运行
  jobs run 任务名              立即运行一个后台任务（多个服务进程时同一时间只运行一次）
  backup 文件                  在线备份数据库
  key rotate                  更换密钥：用新密钥重新加密全部个人信息（须先停止所有服务进程）

每个命令后加 --help 查看其用法，例如：gongkai report check --help

配置（环境变量）：PORT、DATABASE_URL（sqlite:路径 或 postgres://…）、GONGKAI_SECRET、LOG_LEVEL

密钥：DATA_DIR/secret.key（或 GONGKAI_SECRET）加密申请人的个人信息并签署 CSRF 令牌，首次启动时生成；数据库中存有
  它的校验值。密钥文件缺失（而数据库已有数据）、为空、过短、格式不对或与数据库不匹配时，启动会拒绝并说明原因。
  请把 secret.key 与数据库备份分开、妥善保存：丢失后已加密的个人信息无法恢复。
  密钥轮换：不能直接替换密钥文件（启动会因校验值不符而拒绝）。停止所有服务进程、备份数据库后运行
  \`gongkai key rotate\`：在一个事务中用新密钥重新加密全部个人信息字段、重算盲索引并更新校验值，新密钥写入
  secret.key（0600），旧密钥改名保留为 secret.key.old-时间；之后以新密钥启动。详见 gongkai key rotate --help。`;

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
  const [{ createApp, openContext }, { runCluster }] = await Promise.all([root(), import('./platform/cluster.js')]);
  const log = (l: string) => process.stdout.write(`${l}\n`);
  await runCluster({
    workers: config.webConcurrency,
    log,
    // The primary (or the only process) migrates and loads the demo data; workers find the database ready.
    prepare: async () => {
      const ctx = await openContext(config, { log });
      await ctx.db.destroy();
    },
    serve: async () => {
      const ctx = await openContext(config, { seed: false });
      const app = await createApp(ctx);
      let closing = false;
      const shutdown = async (signal: string) => {
        if (closing) return;
        closing = true;
        app.log.info({ signal }, '正在停止服务（等待进行中的请求完成）');
        const timer = setTimeout(() => process.exit(1), 10_000).unref();
        await ctx.jobs.stop();
        await app.close();
        await ctx.db.destroy();
        clearTimeout(timer);
        process.exit(0);
      };
      process.on('SIGTERM', () => void shutdown('SIGTERM'));
      process.on('SIGINT', () => void shutdown('SIGINT'));
      await app.listen({ port: config.port, host: config.host });
      // Background jobs: every server process ticks; a lease row lets one process run each due slot.
      ctx.jobs.start({ tickSeconds: jobTickSeconds() });
    },
    ready: () => log(`Gongkai 政务公开平台已启动：http://127.0.0.1:${config.port}/ （管理后台 /admin/，接口文档 /api/docs）`),
  });
}

function jobTickSeconds(): number {
  const raw = process.env.JOBS_TICK_SECONDS;
  if (!raw) return 15;
  if (!/^\d+$/.test(raw) || Number(raw) < 1 || Number(raw) > 3600) {
    process.stderr.write(`配置错误：JOBS_TICK_SECONDS 必须是 1 到 3600 之间的整数，当前值为「${raw}」\n`);
    process.exit(1);
  }
  return Number(raw);
}

async function jobs(args: string[]): Promise<CommandResult> {
  const [sub, name, ...extra] = args;
  if (sub !== 'list' && sub !== 'run') return { stdout: '', stderr: '用法：gongkai jobs list | gongkai jobs run 任务名\n', exitCode: 2 };
  const { openContext } = await root();
  const ctx = await openContext(configOrExit(), { seed: false });
  try {
    const names = ctx.jobs.definitions().map((d) => d.name);
    if (sub === 'list') {
      const rows = await ctx.jobs.list();
      const fmt = (r: (typeof rows)[number]) => {
        const last = r.lastRun
          ? `最近运行：${r.lastRun.startedAt}（${r.lastRun.trigger === 'manual' ? '手动' : '定时'}，${r.lastRun.status === 'ok' ? '成功' : r.lastRun.status === 'failed' ? '失败' : '运行中'}）${r.lastRun.message ?? ''}`
          : '尚未运行';
        return `${r.name}  ${r.schedule}${r.running ? '  [运行中]' : ''}\n  ${r.title}\n  ${last}`;
      };
      return { stdout: `${rows.map(fmt).join('\n')}\n`, stderr: '', exitCode: 0 };
    }
    if (!name || extra.length) return { stdout: '', stderr: '用法：gongkai jobs run 任务名\n', exitCode: 2 };
    if (!names.includes(name)) return { stdout: '', stderr: `没有名为“${name}”的任务。可用的任务：${names.join('、')}\n`, exitCode: 2 };
    const out = await ctx.jobs.run(name);
    if (!out.ran) return { stdout: '', stderr: `${out.message}\n`, exitCode: 1 };
    return { stdout: `任务 ${name}：${out.message}\n`, stderr: '', exitCode: out.status === 'ok' ? 0 : 1 };
  } finally {
    await ctx.db.destroy();
  }
}

async function auditVerify(): Promise<CommandResult> {
  const [{ openContext }, { verifyAudit }] = await Promise.all([root(), import('./platform/audit/audit.js')]);
  const ctx = await openContext(configOrExit(), { seed: false });
  try {
    const res = await verifyAudit(ctx.db);
    if (res.ok) return { stdout: `审计链完整：共 ${res.count} 条记录，未发现修改或删除。\n`, stderr: '', exitCode: 0 };
    return {
      stdout: `审计链校验未通过：共 ${res.count} 条记录，发现 ${res.problems.length} 处问题。\n${res.problems.map((p) => `  - ${p.message}`).join('\n')}\n`,
      stderr: '',
      exitCode: 1,
    };
  } finally {
    await ctx.db.destroy();
  }
}

async function backup(args: string[]): Promise<CommandResult> {
  const file = args[0];
  if (!file || args.length > 1) return { stdout: '', stderr: BACKUP_USAGE, exitCode: 2 };
  // An option-looking argument is never taken as a file name (`backup --help` once wrote a file named "--help").
  if (file.startsWith('-')) return { stdout: '', stderr: `无法识别的参数：${file}\n${BACKUP_USAGE}`, exitCode: 2 };
  const config = configOrExit();
  if (config.database.engine === 'sqlite') {
    const { default: Sqlite } = await import('better-sqlite3');
    if (config.database.path === ':memory:' || !existsSync(config.database.path))
      return { stdout: '', stderr: `数据库文件不存在：${config.database.path}\n`, exitCode: 2 };
    const conn = new Sqlite(config.database.path, { readonly: true, fileMustExist: true });
    try {
      // The copy holds the same personal data: created readable by the owner only.
      closeSync(openSync(resolve(file), 'w', 0o600));
      await conn.backup(resolve(file));
      chmodSync(resolve(file), 0o600);
    } finally {
      conn.close();
    }
    return {
      stdout: `已将 SQLite 数据库在线备份到 ${resolve(file)}。恢复：停止服务后用该文件替换 ${config.database.path}（并删除同目录的 -wal、-shm 文件），再启动服务。\n`,
      stderr: '',
      exitCode: 0,
    };
  }
  const probe = spawnSync('pg_dump', ['--version'], { encoding: 'utf8' });
  if (probe.status !== 0) {
    return {
      stdout: '',
      stderr: `未找到 pg_dump。PostgreSQL 部署请安装 postgresql-client 后运行：pg_dump --format=custom --file ${file} "$DATABASE_URL"；恢复：pg_restore --clean --if-exists --dbname "$DATABASE_URL" ${file}\n`,
      exitCode: 2,
    };
  }
  closeSync(openSync(resolve(file), 'w', 0o600));
  const res = spawnSync('pg_dump', ['--format=custom', `--file=${resolve(file)}`, config.database.url], { encoding: 'utf8' });
  chmodSync(resolve(file), 0o600);
  if (res.status !== 0) return { stdout: '', stderr: `pg_dump 失败：${res.stderr.trim()}\n`, exitCode: 1 };
  return {
    stdout: `已用 pg_dump 备份到 ${resolve(file)}（custom 格式）。恢复：pg_restore --clean --if-exists --dbname "$DATABASE_URL" ${file}\n`,
    stderr: '',
    exitCode: 0,
  };
}

const KEY_ROTATE_USAGE = `用法：gongkai key rotate

  更换 DATA_DIR/secret.key：生成新密钥，在一个数据库事务中用旧密钥解密、新密钥重新加密全部个人信息字段（申请人
  信息、申请材料、征集意见人的姓名和联系方式、待发送通知的收件人和内容），重算盲索引，并写入新密钥的校验值。
  事务成功后，新密钥写入 secret.key（权限 0600），旧密钥改名保留为 secret.key.old-时间（0600）；失败时数据库
  不作任何修改，原密钥继续有效。

  运行前：停止所有服务进程（运行中的进程仍持有旧密钥，会继续用旧密钥写入），并备份数据库（gongkai backup）。
  运行后：以新密钥启动服务；已登录的用户需刷新页面（CSRF 令牌由密钥签署）。旧的数据库备份只能用旧密钥解密：
  请把旧密钥与旧备份放在一起妥善保管，不再需要时一并销毁。使用 GONGKAI_SECRET 时不能用本命令轮换。
`;

/** `gongkai key rotate`: re-seal every sealed value under a new key, then swap the key files. */
async function keyRotate(args: string[]): Promise<CommandResult> {
  if (args.length) return { stdout: '', stderr: `无法识别的参数：${args[0]}\n${KEY_ROTATE_USAGE}`, exitCode: 2 };
  const config = configOrExit();
  if (config.secretSource === 'env') {
    return { stdout: '', stderr: '密钥由环境变量 GONGKAI_SECRET 给出，本命令只轮换 DATA_DIR/secret.key；请改用密钥文件，或联系开发人员。\n', exitCode: 2 };
  }
  if (config.secretSource !== 'file' || !config.secretFile) {
    config.onKeyRefused?.();
    return { stdout: '', stderr: `密钥文件 ${config.secretFile ?? 'secret.key'} 不存在，没有可轮换的密钥。\n`, exitCode: 2 };
  }
  const [{ openContext, CAPABILITIES }, { rotateKey }, { createFieldCipher }] = await Promise.all([
    root(),
    import('./platform/key-rotation.js'),
    import('./platform/crypto.js'),
  ]);
  // Opening the context checks the current key against the database (a wrong key is refused here, untouched).
  const ctx = await openContext(config, { seed: false });
  const file = config.secretFile;
  const next = `${file}.new`;
  try {
    const key = randomBytes(32);
    // The new key is on disk before the database moves to it: a crash after the commit leaves it in secret.key.new.
    writeFileSync(next, key.toString('base64'), { mode: 0o600 });
    let result: Awaited<ReturnType<typeof rotateKey>>;
    try {
      result = await rotateKey(ctx.db, CAPABILITIES, ctx.cipher, createFieldCipher(key));
    } catch (err) {
      rmSync(next, { force: true });
      return { stdout: '', stderr: `密钥轮换失败，数据库未作任何修改，原密钥继续有效：${err instanceof Error ? err.message : String(err)}\n`, exitCode: 1 };
    }
    const stamp = new Date().toISOString().replace(/[-:]/g, '').replace(/\..*$/, '');
    const old = `${file}.old-${stamp}`;
    renameSync(file, old);
    chmodSync(old, 0o600);
    renameSync(next, file);
    chmodSync(file, 0o600);
    const total = Object.values(result.rows).reduce((a, b) => a + b, 0);
    const detail = Object.entries(result.rows)
      .map(([k, v]) => `${k} ${v}`)
      .join('，');
    return {
      stdout: `密钥已轮换：${total} 条记录已用新密钥重新加密（${detail}），盲索引与校验值已更新。\n新密钥：${file}（0600）\n旧密钥：${old}（0600，只用于解密轮换前的数据库备份）\n请以新密钥重新启动所有服务进程。\n`,
      stderr: '',
      exitCode: 0,
    };
  } finally {
    await ctx.db.destroy();
  }
}

const JOBS_USAGE = `用法：gongkai jobs list
       gongkai jobs run 任务名

  list   列出后台任务、运行计划及其最近一次运行
  run    立即运行一个后台任务（多个服务进程时同一时间只运行一次）
`;
const BACKUP_USAGE = `用法：gongkai backup 备份文件路径

  在线备份数据库：SQLite 用其在线备份接口，PostgreSQL 调用 pg_dump（custom 格式）。服务无需停止。
`;

/** The platform's own commands, beside the capabilities' (which come with the composition root). */
const PLATFORM_COMMANDS: Record<string, CommandSpec> = {
  serve: {
    usage: `用法：gongkai serve\n\n  启动服务（端口 PORT，默认 3000；进程数 WEB_CONCURRENCY）。首次启动时迁移数据库并载入演示数据。\n`,
    run: async () => ({ stdout: '', stderr: '', exitCode: 0 }),
  },
  'audit verify': {
    usage: `用法：gongkai audit verify\n\n  校验审计链（SM3），列出被修改、删除或截断的记录；完整时退出码 0，否则 1。\n`,
    run: () => auditVerify(),
  },
  'jobs list': { usage: JOBS_USAGE, run: () => jobs(['list']) },
  'jobs run': { usage: JOBS_USAGE, run: (args) => jobs(['run', ...args]) },
  backup: { usage: BACKUP_USAGE, run: (args) => backup(args) },
  'key rotate': { usage: KEY_ROTATE_USAGE, run: (args) => keyRotate(args) },
};

const isHelp = (a: string) => a === '--help' || a === '-h';

/** The command named by the first one or two words, and its arguments. */
function resolveCommand(argv: readonly string[], table: Record<string, CommandSpec>): { key: string; spec: CommandSpec; args: string[] } | undefined {
  const [cmd, sub, ...rest] = argv;
  if (cmd && sub && table[`${cmd} ${sub}`]) return { key: `${cmd} ${sub}`, spec: table[`${cmd} ${sub}`]!, args: rest };
  if (cmd && table[cmd]) return { key: cmd, spec: table[cmd]!, args: argv.slice(1) };
  return undefined;
}

export async function main(argv: string[]): Promise<number> {
  let res: CommandResult | 'serving';
  try {
    res = await dispatch(argv);
  } catch (err) {
    // A refused configuration or key: one line, exit 1 (whatever started the CLI: bin/gongkai.js, tsx, dist).
    if (err instanceof ConfigError) {
      process.stderr.write(`${err.message}\n`);
      return 1;
    }
    throw err;
  }
  if (res === 'serving') return -1;
  const line = (s: string) => (s.endsWith('\n') ? s : `${s}\n`);
  if (res.stdout) process.stdout.write(line(res.stdout));
  if (res.stderr) process.stderr.write(line(res.stderr));
  return res.exitCode;
}

export async function dispatch(argv: string[]): Promise<CommandResult | 'serving'> {
  const [cmd] = argv;
  if (!cmd) return { stdout: '', stderr: `${HELP}\n`, exitCode: 2 };
  if (cmd === 'help' || isHelp(cmd)) return { stdout: `${HELP}\n`, stderr: '', exitCode: 0 };
  const wantsHelp = argv.some(isHelp);
  let found = resolveCommand(argv, PLATFORM_COMMANDS);
  if (!found) {
    // A group word alone ("report", "calendar --help"): the usage of each of its commands.
    const group = (table: Record<string, CommandSpec>) => Object.entries(table).filter(([k]) => k.startsWith(`${cmd} `));
    const platformGroup = group(PLATFORM_COMMANDS);
    const { COMMANDS } = await root();
    found = resolveCommand(argv, COMMANDS);
    if (!found) {
      const members = platformGroup.length ? platformGroup : group(COMMANDS);
      if (members.length) {
        const usage = [...new Set(members.map(([, s]) => s.usage))].join('\n');
        const unknown = argv[1] && !isHelp(argv[1]) ? `未知命令：${argv.slice(0, 2).join(' ')}\n` : '';
        return wantsHelp && !unknown ? { stdout: usage, stderr: '', exitCode: 0 } : { stdout: '', stderr: `${unknown}${usage}`, exitCode: 2 };
      }
      return { stdout: '', stderr: `未知命令：${argv.join(' ')}\n${HELP}\n`, exitCode: 2 };
    }
    if (wantsHelp) return { stdout: found.spec.usage, stderr: '', exitCode: 0 };
    const { openContext } = await root();
    return found.spec.run(found.args, { config: configOrExit, open: (opts) => openContext(configOrExit(), opts) });
  }
  if (wantsHelp) return { stdout: found.spec.usage, stderr: '', exitCode: 0 };
  if (found.key === 'serve') {
    if (found.args.length) return { stdout: '', stderr: `无法识别的参数：${found.args[0]}\n${found.spec.usage}`, exitCode: 2 };
    await serve();
    return 'serving';
  }
  return found.spec.run(found.args, { config: configOrExit, open: async (opts) => (await root()).openContext(configOrExit(), opts) });
}

const isMain = process.argv[1] && /cli\.(ts|js)$/.test(process.argv[1]);
if (isMain) {
  main(process.argv.slice(2)).then(
    (code) => {
      if (code >= 0) process.exit(code);
    },
    (err) => {
      // A refused configuration (or key) is one line of its own; anything else is an unexpected error.
      process.stderr.write(err instanceof ConfigError ? `${err.message}\n` : `错误：${err instanceof Error ? err.message : String(err)}\n`);
      process.exit(err instanceof ConfigError ? 1 : 70);
    },
  );
}
