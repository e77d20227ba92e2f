/**
 * The six staff roles, their names and the permission names: pure data (imports nothing), so the admin console
 * imports the same labels and types the server checks against. Which role holds which permission is in
 * permissions.ts.
 */

/** Every role, in the order the console lists them. */
export const ROLES = ['clerk', 'office_head', 'deputy_leader', 'principal', 'admin', 'supervisor'] as const;
export type Role = (typeof ROLES)[number];

/** Role names as the law and the agencies say them. */
export const ROLE_LABELS: Record<Role, string> = {
  clerk: '经办人',
  office_head: '公开工作机构负责人',
  deputy_leader: '分管领导',
  principal: '主要负责人',
  admin: '系统管理员',
  supervisor: '政务公开办',
};

export type Permission =
  | 'org.manage' // agencies and users
  | 'calendar.publish'
  | 'audit.read'
  | 'cases.read'
  | 'cases.write' // register, act on, close applications
  | 'cases.approve' // approve extensions, sign off letters (公开工作机构负责人, 条例第三十三条)
  | 'publishing.draft'
  | 'publishing.review'
  | 'reports.read'
  | 'reports.edit'
  | 'reports.review'
  | 'supervision.manage' // the supervising office: board, assessment, 督办, collected reports
  | 'supervision.answer' // an agency answers the 督办 it received
  | 'notifications.read'; // the delivery log of e-mails and SMS sent for the agency (or the subtree)
