import { createWriteStream } from 'node:fs';
import { resolve } from 'node:path';
import { finished } from 'node:stream/promises';
import type { Principal } from '../platform/auth/permissions.js';
import { parseOptions } from '../platform/cli-args.js';
import type { Command } from '../platform/commands.js';
import { writeLedger } from './ledger.js';

export const LEDGER_EXPORT_USAGE = '用法：gongkai ledger export --agency 机关名称 [--year YYYY] --out 文件.xlsx\n';

/** `gongkai ledger export`: the agency's ledger (台账) as .xlsx, as its own office sees it (names in full). */
export const ledgerExportCommand: Command = async (args, env) => {
  const o = parseOptions(args, ['agency', 'year', 'out']);
  if (typeof o === 'string') return { stdout: '', stderr: `${o}\n${LEDGER_EXPORT_USAGE}`, exitCode: 2 };
  if (!o.agency || !o.out) return { stdout: '', stderr: LEDGER_EXPORT_USAGE, exitCode: 2 };
  if (o.year && !/^\d{4}$/.test(o.year)) return { stdout: '', stderr: `年份应为四位数字：${o.year}\n`, exitCode: 2 };
  const ctx = await env.open({ seed: false });
  try {
    const a = await ctx.db.selectFrom('agencies').select(['id', 'path', 'name']).where((eb) => eb.or([eb('name', '=', o.agency!), eb('short_name', '=', o.agency!)])).executeTakeFirst();
    if (!a) return { stdout: '', stderr: `未找到机关：${o.agency}\n`, exitCode: 1 };
    const p: Principal = { userId: 'cli', username: 'cli', displayName: '命令行（gongkai ledger export）', role: 'office_head', agencyId: a.id, agencyPath: a.path, mustChangePassword: false, sessionId: 'cli' };
    const out = createWriteStream(resolve(o.out));
    const n = await writeLedger(ctx, p, { agencyId: a.id, ...(o.year ? { receivedFrom: `${o.year}-01-01`, receivedTo: `${o.year}-12-31` } : {}) }, out);
    await finished(out);
    return { stdout: `已导出${a.name}${o.year ? ` ${o.year} 年` : ''}台账 ${n} 件：${resolve(o.out)}\n`, stderr: '', exitCode: 0 };
  } finally {
    await ctx.db.destroy();
  }
};
