import { createWriteStream, readFileSync, writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { finished } from 'node:stream/promises';
import type { Principal } from '../platform/auth/permissions.js';
import { parseOptions } from '../platform/cli-args.js';
import type { Command } from '../platform/commands.js';
import { writeLedger } from './ledger.js';
import { importLedger, importTemplate } from './ledger-import.js';

export const LEDGER_EXPORT_USAGE = '用法：gongkai ledger export --agency 机关名称 [--year YYYY] --out 文件.xlsx\n';

/** `gongkai ledger export`: the agency's ledger (台账) as .xlsx, as its own office sees it (names in full). */
export const ledgerExportCommand: Command = async (args, env) => {
  const o = parseOptions(args, ['agency', 'year', 'out']);
  if (typeof o === 'string') return { stdout: '', stderr: `${o}\n${LEDGER_EXPORT_USAGE}`, exitCode: 2 };
  if (!o.agency || !o.out) return { stdout: '', stderr: LEDGER_EXPORT_USAGE, exitCode: 2 };
  if (o.year && !/^\d{4}$/.test(o.year)) return { stdout: '', stderr: `年份应为四位数字：${o.year}\n`, exitCode: 2 };
  const ctx = await env.open({ seed: false });
  try {
    const a = await ctx.db
      .selectFrom('agencies')
      .select(['id', 'path', 'name'])
      .where((eb) => eb.or([eb('name', '=', o.agency!), eb('short_name', '=', o.agency!)]))
      .executeTakeFirst();
    if (!a) return { stdout: '', stderr: `未找到机关：${o.agency}\n`, exitCode: 1 };
    const p: Principal = {
      userId: 'cli',
      username: 'cli',
      displayName: '命令行（gongkai ledger export）',
      role: 'office_head',
      agencyId: a.id,
      agencyPath: a.path,
      mustChangePassword: false,
      sessionId: 'cli',
    };
    const out = createWriteStream(resolve(o.out));
    const n = await writeLedger(ctx, p, { agencyId: a.id, ...(o.year ? { receivedFrom: `${o.year}-01-01`, receivedTo: `${o.year}-12-31` } : {}) }, out);
    await finished(out);
    return { stdout: `已导出${a.name}${o.year ? ` ${o.year} 年` : ''}台账 ${n} 件：${resolve(o.out)}\n`, stderr: '', exitCode: 0 };
  } finally {
    await ctx.db.destroy();
  }
};

export const IMPORT_USAGE = '用法：gongkai ledger import 文件.xlsx --agency 机关名称 [--dry-run]；gongkai ledger template --out 文件.xlsx\n';

/** `gongkai ledger template --out FILE.xlsx`: the import template. */
export const ledgerTemplateCommand: Command = async (args) => {
  const o = parseOptions(args, ['out']);
  if (typeof o === 'string' || !o.out) return { stdout: '', stderr: IMPORT_USAGE, exitCode: 2 };
  writeFileSync(resolve(o.out), await importTemplate());
  return { stdout: `已生成导入模板：${resolve(o.out)}\n`, stderr: '', exitCode: 0 };
};

/** `gongkai ledger import FILE.xlsx --agency NAME [--dry-run]`: all rows or none; a re-import adds nothing. */
export const ledgerImportCommand: Command = async (args, env) => {
  const file = args[0];
  const o = parseOptions(args.slice(1), ['agency'], ['dry-run']);
  if (!file || file.startsWith('--') || typeof o === 'string' || !o.agency)
    return { stdout: '', stderr: `${typeof o === 'string' ? `${o}\n` : ''}${IMPORT_USAGE}`, exitCode: 2 };
  let bytes: Buffer;
  try {
    bytes = readFileSync(resolve(file));
  } catch {
    return { stdout: '', stderr: `文件不存在：${file}\n`, exitCode: 2 };
  }
  const ctx = await env.open({ seed: false });
  try {
    const a = await ctx.db
      .selectFrom('agencies')
      .select(['id', 'name'])
      .where((eb) => eb.or([eb('name', '=', o.agency!), eb('short_name', '=', o.agency!)]))
      .executeTakeFirst();
    if (!a) return { stdout: '', stderr: `未找到机关：${o.agency}\n`, exitCode: 1 };
    const res = await importLedger(ctx, a.id, { id: null, name: '命令行（gongkai ledger import）' }, bytes, {
      dryRun: o['dry-run'] === '1',
      today: ctx.clock.today(),
    });
    if (res.errors.length) {
      return {
        stdout: '',
        stderr: `有 ${res.errors.length} 行不正确，未导入任何记录：\n${res.errors.map((e) => `第 ${e.line} 行：${e.message}`).join('\n')}\n`,
        exitCode: 1,
      };
    }
    const verb = o['dry-run'] === '1' ? '检查通过，可导入' : '已导入';
    return { stdout: `${verb} ${res.imported} 件${res.skipped ? `，${res.skipped} 件此前已导入` : ''}（${a.name}）。\n`, stderr: '', exitCode: 0 };
  } finally {
    await ctx.db.destroy();
  }
};
