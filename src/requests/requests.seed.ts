import type { CapabilitySeeder } from '../platform/capability.js';
import type { PlatformDemo } from '../platform/demo/platform.seed.js';
import type { Tx } from '../platform/db/index.js';
import type { AppContext } from '../platform/context.js';
import { todayInChina } from '../platform/time.js';
import { builtinCalendar } from '../rules/calendar/index.js';
import { closedDemoCases } from './requests.seed-closed.js';
import { openDemoCases } from './requests.seed-open.js';
import { caseWriter } from './requests.seed-writer.js';

/**
 * Demo data of 依申请公开 (all names and numbers fictitious; ID numbers carry valid check digits):
 * - 枣庄市信访局's 2020 applications as its published 2020 report has them: 4 new, all from natural persons,
 *   3 disclosed and 1 其他处理, all closed within 2020, nothing carried over, no appeals. In the 2019 format
 *   used for 2020 the three other_* rows are one row, （六）其他处理; the case is recorded as `other_misc`
 *   (其他), the most plausible leaf for a 2020 信访局 case that was neither abandoned nor unpaid (fees did not
 *   exist before 2021).
 * - Closed 2025 and 2026 cases with various outcomes, two of them appealed.
 * - Open cases as of today in every workbench list: due soon, overdue, awaiting correction, consulting,
 *   extended, awaiting receipt confirmation, awaiting fee.
 * Open cases are dated relative to today so the demo stays realistic whenever it is loaded.
 */

export async function seedRequests(tx: Tx, ctx: AppContext, demo: PlatformDemo): Promise<void> {
  const cal = builtinCalendar();
  const write = caseWriter(tx, ctx, cal);
  const users = await tx.selectFrom('users').select(['id', 'username']).execute();
  const uid = (u: string) => users.find((x) => x.username === u)?.id ?? null;
  for (const c of closedDemoCases(demo.agencies)) await write(c);
  for (const c of openDemoCases(demo.agencies, cal, todayInChina(), uid)) await write(c);
}

/** Demo data of the requests capability. */
export const requestsSeeder: CapabilitySeeder = { name: 'requests', seed: seedRequests };
