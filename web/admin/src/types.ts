/** Shapes of the JSON API (src/platform/http/platform.routes.ts), as the console uses them. */

export type Role = 'clerk' | 'office_head' | 'deputy_leader' | 'principal' | 'admin' | 'supervisor';

export type Permission =
  | 'org.manage'
  | 'calendar.publish'
  | 'audit.read'
  | 'cases.read'
  | 'cases.write'
  | 'cases.approve'
  | 'publishing.draft'
  | 'publishing.review'
  | 'reports.read'
  | 'reports.edit'
  | 'reports.review'
  | 'supervision.manage'
  | 'supervision.answer'
  | 'notifications.read';

/** Role names as the law and the agencies say them (same as ROLE_LABELS on the server). */
export const ROLE_LABELS: Record<Role, string> = {
  clerk: '经办人',
  office_head: '公开工作机构负责人',
  deputy_leader: '分管领导',
  principal: '主要负责人',
  admin: '系统管理员',
  supervisor: '政务公开办',
};

/** What each role does, shown when an administrator picks a role. */
export const ROLE_HINTS: Record<Role, string> = {
  clerk: '登记和办理申请、起草主动公开信息、编制年度报告',
  office_head: '审核答复、批准延期、初审主动公开信息和年度报告',
  deputy_leader: '复审主动公开信息和年度报告',
  principal: '终审主动公开信息和年度报告',
  admin: '管理机关、用户和系统设置，查看审计日志',
  supervisor: '查看本级及下级机关的办理情况和审计日志（只读）',
};

export interface SessionUser {
  id: string;
  username: string;
  displayName: string;
  role: Role;
  roleLabel: string;
  agencyId: string;
  agencyName: string;
}

export interface SessionInfo {
  user: SessionUser;
  mustChangePassword: boolean;
  permissions: Permission[];
  csrfToken: string;
}

export interface AccountSession {
  id: string;
  current: boolean;
  createdAt: string;
  lastSeenAt: string;
  expiresAt: string;
  ip: string;
  userAgent: string;
}

export type AgencyKind = 'government' | 'department' | 'unit';

export const AGENCY_KIND_LABELS: Record<AgencyKind, string> = { government: '人民政府', department: '政府部门', unit: '下属单位' };

/** The disclosure-office fields (条例第十二条) and the bodies named in reply letters. */
export interface AgencyFields {
  parentId: string | null;
  name: string;
  shortName: string | null;
  kind: AgencyKind;
  code: string;
  officeName: string;
  officeAddress: string;
  officeHours: string;
  officePhone: string;
  officeFax: string;
  officeEmail: string;
  officePostcode: string;
  website: string;
  /** 复议机关 set by hand; empty = derived from the tree (行政复议法第二十四条). */
  reconsiderationBody: string;
  /** 实行垂直领导 (行政复议法第二十七条). */
  verticallyLed: boolean;
  /** The 复议机关's online filing address (行政复议法第二十二条). */
  reconsiderationOnline: string;
  court: string;
  sortOrder: number;
}

export interface Agency extends AgencyFields {
  id: string;
  /** The 复议机关 in force and how it was found (server-side, src/rules/remedies.ts). */
  reconsiderationBodyInForce?: string;
  reconsiderationBasis?: string;
  reconsiderationSource?: 'override' | 'derived' | 'missing';
  kindLabel: string;
  depth: number;
  updatedAt: string;
}

export interface UserRow {
  id: string;
  agencyId: string;
  agencyName: string;
  username: string;
  displayName: string;
  role: Role;
  roleLabel: string;
  mustChangePassword: boolean;
  locked: boolean;
  disabled: boolean;
  lastLoginAt: string | null;
  version: number;
}

export interface NewUser {
  agencyId: string;
  username: string;
  displayName: string;
  role: Role;
}

export interface UserPatch {
  version: number;
  displayName?: string;
  role?: Role;
  disabled?: boolean;
  unlock?: boolean;
  resetPassword?: boolean;
}

export interface AuditRow {
  seq: number;
  at: string;
  actor_name: string;
  action: string;
  entity_type: string;
  entity_id: string;
  /** The tracking code, title or name of the entity (null when unknown or deleted). */
  entity_label?: string | null;
  agency_name: string | null;
}

export interface AuditProblem {
  seq: number;
  kind: 'modified' | 'deleted' | 'relinked' | 'truncated';
  message: string;
}

export interface AuditVerifyResult {
  ok: boolean;
  count: number;
  problems: AuditProblem[];
}
