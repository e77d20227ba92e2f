import { writeFileSync } from 'node:fs';
import { extname, resolve } from 'node:path';
import type { Command } from '../platform/commands.js';
import type { Principal } from '../platform/auth/permissions.js';
import { parseOptions } from '../platform/cli-args.js';
import type { DbOrTx } from '../platform/db/index.js';
import { findAgencyByName, type Agency } from '../platform/org/agencies.service.js';
import { todayInChina } from '../platform/time.js';
import { grade } from '../rules/assessment/index.js';
import type { AssessmentResult } from './supervision.api.js';
import { assess, board, getScheme } from './supervision.service.js';
import { assessmentDocx, boardXlsx } from './supervision.export.js';

/**
 * `gongkai assess --agency NAME --year YYYY [--subtree] [--json] [--out FILE]`: the assessment (考核) of an agency
 * (with --subtree: it and every agency below it, ranked) for a year, under the scheme of the nearest supervising
 * office above it that saved one (else the default scheme). --out writes .json, .xlsx or the 通报 .docx.
 */

export const ASSESS_USAGE = '用法：gongkai assess --agency 机关名称 --year 年度 [--subtree] [--json] [--out 文件(.json|.xlsx|.docx)]\n';

/** The office whose scheme applies: the nearest agency at or above `agency` that saved a scheme, else the root. */
async function officeFor(db: DbOrTx, agency: Agency): Promise<Agency> {
  const ids = agency.path.split('/').filter(Boolean);
  const rows = await db.selectFrom('agencies').selectAll().where('id', 'in', ids).execute();
  const schemes = new Set((await db.selectFrom('supervision_schemes').select('agency_id').where('agency_id', 'in', ids).execute()).map((r) => r.agency_id));
  const byId = new Map(rows.map((r) => [r.id, r]));
  for (const id of [...ids].reverse()) if (schemes.has(id)) return byId.get(id)!;
  return byId.get(ids[0]!)!;
}

function summary(r: AssessmentResult): string {
  const lines = [`${r.year}年度政务公开工作考核（${r.scheme.name}，截至${r.asOf}）`];
  for (const a of r.agencies) {
    lines.push(`${r.agencies.length > 1 ? `第${a.rank}名 ` : ''}${a.agencyName}：${a.score}分（${grade(a.score, r.scheme.total)}），扣${a.deducted}分`);
    for (const d of a.deductions) lines.push(`  - ${d.label}：${d.count}项，扣${d.points}分${d.capped ? '（已达上限）' : ''}`);
  }
  return `${lines.join('\n')}\n`;
}

export const assessCommand: Command = async (args, env) => {
  const parsed = parseOptions(args, ['agency', 'year', 'out'], ['json', 'subtree']);
  if (typeof parsed === 'string') return { stdout: '', stderr: `${parsed}\n${ASSESS_USAGE}`, exitCode: 2 };
  const { agency: name, year: yearText, out } = parsed;
  if (!name || !yearText) return { stdout: '', stderr: ASSESS_USAGE, exitCode: 2 };
  const thisYear = Number(todayInChina().slice(0, 4));
  if (!/^\d{4}$/.test(yearText) || Number(yearText) < 2008 || Number(yearText) > thisYear)
    return { stdout: '', stderr: `年度“${yearText}”不正确：应为2008年至${thisYear}年之间的四位年份。\n`, exitCode: 2 };
  const ext = out ? extname(out).toLowerCase().slice(1) : '';
  if (out && !['json', 'xlsx', 'docx'].includes(ext)) return { stdout: '', stderr: `输出文件须以 .json、.xlsx 或 .docx 结尾：${out}\n`, exitCode: 2 };
  const ctx = await env.open({ seed: false });
  try {
    const agency = await findAgencyByName(ctx.db, name.trim());
    if (!agency) return { stdout: '', stderr: `未找到机关“${name}”。请使用机关全称，例如“枣庄市信访局”。\n`, exitCode: 2 };
    const office = await officeFor(ctx.db, agency);
    const officer = (a: Agency): Principal => ({
      userId: 'cli',
      username: 'cli',
      displayName: '命令行',
      role: 'supervisor',
      agencyId: a.id,
      agencyPath: a.path,
      mustChangePassword: false,
      sessionId: 'cli',
    });
    const { scheme } = await getScheme(ctx.db, officer(office));
    // With --subtree the ranking is among the named agency and those below it; else the agency alone.
    const p = officer(parsed.subtree ? agency : office);
    const year = Number(yearText);
    const result = await assess(ctx, p, year, parsed.subtree ? { scheme } : { agencyId: agency.id, scheme });
    if (out) {
      const path = resolve(out);
      if (ext === 'json') writeFileSync(path, `${JSON.stringify(result, null, 2)}\n`);
      else if (ext === 'docx') writeFileSync(path, await assessmentDocx(result, office.office_name || office.name, todayInChina()));
      else writeFileSync(path, await boardXlsx(await board(ctx, p, { from: `${year}-01-01`, to: `${year}-12-31` }), result));
    }
    return { stdout: parsed.json ? `${JSON.stringify(result, null, 2)}\n` : summary(result), stderr: '', exitCode: 0 };
  } finally {
    await ctx.db.destroy();
  }
};
