import { readFileSync, statSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import type { Principal } from '../platform/auth/permissions.js';
import { invalidatePages } from '../platform/http/public-cache.js';
import { parseOptions } from '../platform/cli-args.js';
import type { Command } from '../platform/commands.js';
import { documentImportTemplate, importDocuments } from './document-import.js';

export const PUBLISHING_IMPORT_USAGE = [
  '用法：gongkai publishing import 文件.xlsx --agency 机关名称 [--dry-run] [--files 附件目录]',
  '      gongkai publishing template --out 文件.xlsx',
  '将已经公开的信息（标题、发布日期、文号、栏目、链接或附件文件名等）导入公开目录：逐行校验，全部正确才写入；',
  '同一文号（无文号的按标题和发布日期）只导入一次。--dry-run 只检查不写入；--files 为附件文件所在目录。',
  '',
].join('\n');

/** `gongkai publishing template --out FILE.xlsx`: the import template. */
export const publishingTemplateCommand: Command = async (args) => {
  const o = parseOptions(args, ['out']);
  if (typeof o === 'string' || !o.out) return { stdout: '', stderr: PUBLISHING_IMPORT_USAGE, exitCode: 2 };
  writeFileSync(resolve(o.out), await documentImportTemplate());
  return { stdout: `已生成已公开信息导入模板：${resolve(o.out)}\n`, stderr: '', exitCode: 0 };
};

/** `gongkai publishing import FILE.xlsx --agency NAME [--dry-run] [--files DIR]`: all rows or none. */
export const publishingImportCommand: Command = async (args, env) => {
  const file = args[0];
  const o = parseOptions(args.slice(1), ['agency', 'files'], ['dry-run']);
  if (!file || file.startsWith('--') || typeof o === 'string' || !o.agency)
    return { stdout: '', stderr: `${typeof o === 'string' ? `${o}\n` : ''}${PUBLISHING_IMPORT_USAGE}`, exitCode: 2 };
  let bytes: Buffer;
  try {
    bytes = readFileSync(resolve(file));
  } catch {
    return { stdout: '', stderr: `文件不存在：${file}\n`, exitCode: 2 };
  }
  let dir: string | undefined;
  if (o.files) {
    dir = resolve(o.files);
    try {
      if (!statSync(dir).isDirectory()) throw new Error();
    } catch {
      return { stdout: '', stderr: `附件目录不存在：${o.files}\n`, exitCode: 2 };
    }
  }
  const files = dir
    ? (name: string) => {
        try {
          const path = join(dir, name);
          return statSync(path).isFile() ? readFileSync(path) : null;
        } catch {
          return null;
        }
      }
    : undefined;
  const ctx = await env.open({ seed: false });
  try {
    const a = await ctx.db
      .selectFrom('agencies')
      .select(['id', 'path', 'name'])
      .where((eb) => eb.or([eb('name', '=', o.agency!), eb('short_name', '=', o.agency!)]))
      .executeTakeFirst();
    if (!a) return { stdout: '', stderr: `未找到机关：${o.agency}\n`, exitCode: 1 };
    const name = '命令行（gongkai publishing import）';
    const p: Principal = {
      userId: 'cli',
      username: 'cli',
      displayName: name,
      role: 'office_head',
      agencyId: a.id,
      agencyPath: a.path,
      mustChangePassword: false,
      sessionId: 'cli',
    };
    const dryRun = o['dry-run'] === '1';
    const res = await importDocuments(ctx.db, p, a.id, bytes, { dryRun, today: ctx.clock.today(), actor: { id: null, name }, ...(files ? { files } : {}) });
    if (res.errors.length) {
      return {
        stdout: '',
        stderr: `有 ${res.errors.length} 行不正确，未导入任何信息：\n${res.errors.map((e) => `第 ${e.line} 行：${e.message}`).join('\n')}\n`,
        exitCode: 1,
      };
    }
    if (!dryRun && res.imported) {
      await invalidatePages(ctx.db);
    }
    const verb = dryRun ? '检查通过，可导入' : '已导入并发布';
    return { stdout: `${verb} ${res.imported} 条${res.skipped ? `，${res.skipped} 条此前已在公开目录中` : ''}（${a.name}）。\n`, stderr: '', exitCode: 0 };
  } finally {
    await ctx.db.destroy();
  }
};
