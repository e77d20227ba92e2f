import type { DbOrTx } from '../platform/db/index.js';
import type { Agency } from '../platform/org/agencies.service.js';
import { formatForYear, type ReportFormat } from '../rules/outcomes.js';
import { buildAppealsTable, buildRequestsTable, type Finding, type Report, type ReportTables } from '../rules/report/index.js';
import { proactiveTable } from '../publishing/registers.service.js';
import { countAppeals, countRequests, type ReportScope } from './reports.aggregate.js';

/** Computing a report's tables from the records: the ledger for tables 3 and 4, the Art. 20 registers for table 2. */

export interface Computed {
  report: Report;
  /** Ledger rows that fit no cell of the report (unknown applicant type or outcome): reported, never dropped silently. */
  ledgerFindings: Finding[];
}

/** The scope a report of this agency has by default: a government reports for itself and its departments. */
export const defaultScope = (agency: Pick<Agency, 'kind'>): ReportScope => (agency.kind === 'government' ? 'subtree' : 'agency');

/** Builds the three tables of an agency's (or a government's subtree's) report for a year from the records. */
export async function computeReport(
  db: DbOrTx,
  agency: Pick<Agency, 'id' | 'path' | 'name'>,
  year: number,
  scope: ReportScope,
  format: ReportFormat = formatForYear(year),
): Promise<Computed> {
  const ref = { agencyId: agency.id, agencyPath: agency.path, scope };
  const { counts, unknown } = await countRequests(db, ref, year);
  const appealCounts = await countAppeals(db, ref, year);
  // Table 2 comes from the Art. 20 registers of the publishing capability (zeros where a register is empty).
  const agencyIds =
    scope === 'subtree' ? (await db.selectFrom('agencies').select('id').where('path', 'like', `${agency.path}%`).execute()).map((a) => a.id) : [agency.id];
  const proactive = (await proactiveTable(db, agencyIds, year, format)) as ReportTables['proactive'];
  const tables: ReportTables = { proactive, requests: buildRequestsTable(counts, format), appeals: buildAppealsTable(appealCounts) };
  const ledgerFindings: Finding[] = unknown.map((u) => ({
    rule: 'format',
    severity: 'error',
    message: `台账中有${u.count}件申请（申请人类型“${u.applicant}”，办理结果“${u.outcome ?? '未填写'}”）无法归入年度报告表格，请先在申请台账中更正后再重新计算。`,
    expected: null,
    actual: u.count,
    where: 'requests',
  }));
  return { report: { agency: agency.name, year, format, tables, findings: [] }, ledgerFindings };
}
