import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Principal } from '../../src/platform/auth/permissions.js';
import type { DbOrTx } from '../../src/platform/db/index.js';
import { newId } from '../../src/platform/ids.js';
import { insertAgency, type Agency } from '../../src/platform/org/agencies.service.js';
import { computeReport } from '../../src/reports/reports.compute.js';
import { insertMany } from '../reports/ledger.js';

/** Hand-built records for the supervision tests: agencies, cases, appeals, releases, columns and reports, written directly. */

export const sqliteFile = () => join(mkdtempSync(join(tmpdir(), 'gk-sup-')), 'test.db');

export const officer = (a: Agency, role: Principal['role'] = 'supervisor'): Principal => ({
  userId: `u-${a.code}-${role}`,
  username: `${a.code}.${role}`,
  displayName: role === 'supervisor' ? '政务公开办' : '经办人',
  role,
  agencyId: a.id,
  agencyPath: a.path,
  mustChangePassword: false,
  sessionId: 's',
});

export async function agency(db: DbOrTx, name: string, code: string, parent?: Agency, kind: Agency['kind'] = 'department'): Promise<Agency> {
  return insertAgency(db, {
    parentId: parent?.id ?? null,
    name,
    kind,
    code,
    officeName: `${name}办公室`,
    officeAddress: '某市某路1号',
    officeHours: '工作日',
    officePhone: '0000-1234567',
    officeEmail: `${code}@example.cn`,
    officePostcode: '100000',
    reconsiderationBody: '某市人民政府',
    court: '某区人民法院',
  });
}

let seq = 0;
export interface HandCase {
  agency: Agency;
  received: string;
  due: string;
  closed?: string;
  state?: string;
  outcome?: string;
}

export async function cases(db: DbOrTx, rows: HandCase[]): Promise<string[]> {
  const out = rows.map((c) => ({
    id: newId(),
    agency_id: c.agency.id,
    tracking_code: `GK${String(++seq).padStart(6, '0')}`,
    applicant_type: 'natural_person',
    applicant_masked: '张*',
    received_date: c.received,
    due_date: c.due,
    closed_date: c.closed ?? null,
    state: c.state ?? (c.closed ? 'closed' : 'in_progress'),
    outcome: c.outcome ?? (c.closed ? 'disclosed' : null),
    description: '申请公开某项目的批复文件',
  }));
  await insertMany(db, 'cases', out);
  return out.map((r) => r.id);
}

export async function appeal(db: DbOrTx, a: Agency, caseId: string, filed: string, result: string) {
  await insertMany(db, 'appeals', [
    { id: newId(), agency_id: a.id, case_id: caseId, kind: 'reconsideration', filed_date: filed, result, decided_date: result === 'pending' ? null : filed },
  ]);
}

export async function release(db: DbOrTx, a: Agency, created: string, publishedAt: string, title = '关于某事项的通知') {
  const id = newId();
  await insertMany(db, 'pub_items', [
    {
      id,
      agency_id: a.id,
      column_code: 'tzgg',
      kind: 'general',
      title,
      created_on: created,
      changed_on: null,
      attribute: 'proactive',
      status: 'published',
      published_at: publishedAt,
      validity: 'valid',
    },
  ]);
  return id;
}

export async function column(db: DbOrTx, a: Agency, code: string, name: string) {
  await insertMany(db, 'pub_columns', [{ id: newId(), agency_id: a.id, code, name, section: 'statutory', hidden: 0, sort_order: 1 }]);
}

/** A published annual report of `year` (tables computed from the records, the given text), first published at `publishedAt`. */
export async function publishedReport(db: DbOrTx, a: Agency, year: number, publishedAt: string, text: string) {
  const { report } = await computeReport(db, a, year, 'agency');
  const reportId = newId();
  await insertMany(db, 'annual_reports', [
    {
      id: reportId,
      agency_id: a.id,
      year,
      scope: 'agency',
      format: report.format,
      status: 'published',
      tables: JSON.stringify(report.tables),
      narrative: '{}',
      published_version: 1,
      first_published_at: publishedAt,
      last_published_at: publishedAt,
    },
  ]);
  await insertMany(db, 'annual_report_versions', [
    {
      id: newId(),
      report_id: reportId,
      agency_id: a.id,
      year,
      version: 1,
      format: report.format,
      revision: 1,
      data: JSON.stringify(report),
      chapters: JSON.stringify({ preamble: text, chapters: [] }),
      signoffs: '[]',
      acknowledgements: '[]',
      signed_date: publishedAt.slice(0, 10),
      published_at: publishedAt,
      published_by_name: '测试',
    },
  ]);
}
