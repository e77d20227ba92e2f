/** Shapes of the platform's JSON API: the server's own types (src/platform/http/platform.api.ts), never copies. */

import type { Role } from '../../../src/platform/auth/roles.js';

export type { Permission, Role } from '../../../src/platform/auth/roles.js';
export { ROLE_LABELS } from '../../../src/platform/auth/roles.js';
export { AGENCY_KIND_LABELS, type AgencyKind } from '../../../src/platform/org/agency-kinds.js';
export type {
  AccountSession,
  AgencyFields,
  AgencyView as Agency,
  AuditProblem,
  AuditRow,
  AuditVerifyResult,
  CreateUserBody as NewUser,
  SessionInfo,
  SessionUser,
  UpdateUserBody as UserPatch,
  UserView as UserRow,
} from '../../../src/platform/http/platform.api.js';

/** What each role does, shown when an administrator picks a role. */
export const ROLE_HINTS: Record<Role, string> = {
  clerk: '登记和办理申请、起草主动公开信息、编制年度报告',
  office_head: '审核答复、批准延期、初审主动公开信息和年度报告',
  deputy_leader: '复审主动公开信息和年度报告',
  principal: '终审主动公开信息和年度报告',
  admin: '管理机关、用户和系统设置，查看审计日志',
  supervisor: '查看本级及下级机关的办理情况和审计日志（只读）',
};
