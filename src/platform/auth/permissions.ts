import { sql, type ExpressionBuilder, type Expression, type SqlBool } from 'kysely';
import type { Database } from '../db/tables.js';
import { forbidden } from '../errors.js';
import type { Permission, Role } from './roles.js';

export { ROLE_LABELS, type Permission } from './roles.js';

/**
 * Who may do what, and which agencies' records they may see: the one place for permission checks.
 * Staff roles see their own agency; a supervising office (政务公开办) and a system administrator see the
 * agency they belong to and everything below it in the agency tree.
 */

export interface Principal {
  userId: string;
  username: string;
  displayName: string;
  role: Role;
  agencyId: string;
  /** The agency's materialised path, e.g. '/gov/dept/'. */
  agencyPath: string;
  mustChangePassword: boolean;
  sessionId: string;
}

const STAFF: Permission[] = ['cases.read', 'reports.read'];
const ROLE_PERMISSIONS: Record<Role, Permission[]> = {
  clerk: [...STAFF, 'cases.write', 'publishing.draft', 'reports.edit', 'supervision.answer'],
  office_head: [
    ...STAFF,
    'cases.write',
    'cases.approve',
    'publishing.draft',
    'publishing.review',
    'reports.edit',
    'reports.review',
    'supervision.answer',
    'notifications.read',
  ],
  deputy_leader: [...STAFF, 'publishing.review', 'reports.review'],
  principal: [...STAFF, 'publishing.review', 'reports.review'],
  admin: ['org.manage', 'calendar.publish', 'audit.read', 'cases.read', 'reports.read', 'notifications.read'],
  supervisor: ['cases.read', 'reports.read', 'audit.read', 'supervision.manage', 'notifications.read'],
};

export function can(p: Pick<Principal, 'role'>, permission: Permission): boolean {
  return ROLE_PERMISSIONS[p.role]?.includes(permission) ?? false;
}

export function permissionsOf(role: Role): Permission[] {
  return [...(ROLE_PERMISSIONS[role] ?? [])];
}

export function assertCan(p: Principal, permission: Permission, message?: string): void {
  if (!can(p, permission)) throw forbidden(message);
}

/** True when the principal sees a whole subtree rather than only its own agency. */
export const seesSubtree = (p: Pick<Principal, 'role'>) => p.role === 'supervisor' || p.role === 'admin';

/**
 * Whether an applicant's personal data is masked for this principal on a case of `agencyId`: supervisors and
 * administrators overseeing an agency see the applicant masked; the handling agency's own staff see it in full.
 * The one rule for every representation of a case — the case page, letters (preview and .docx), exports, files.
 */
export const masksApplicantOf = (p: Pick<Principal, 'role' | 'agencyId'>, agencyId: string) => seesSubtree(p) && p.agencyId !== agencyId;

/** Whether a principal may see records of an agency with the given path. */
export function canSeeAgency(p: Principal, agency: { id: string; path: string }): boolean {
  return seesSubtree(p) ? agency.path.startsWith(p.agencyPath) : agency.id === p.agencyId;
}

/**
 * A where-clause restricting `column` (an agency id column) to what the principal may see. Use it in every
 * list and fetch: `.where((eb) => visibleAgency(eb, 'cases.agency_id', principal))`.
 */
export function visibleAgency<DB extends Database, TB extends keyof DB>(eb: ExpressionBuilder<DB, TB>, column: string, p: Principal): Expression<SqlBool> {
  const ref = sql.ref(column);
  if (!seesSubtree(p)) return sql<SqlBool>`${ref} = ${p.agencyId}`;
  return sql<SqlBool>`${ref} in (select id from agencies where path like ${`${p.agencyPath}%`})`;
}
