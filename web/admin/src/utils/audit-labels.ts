/**
 * Chinese names of audit actions and entity types. Capabilities add theirs here; an unknown action is shown
 * as its code so nothing is hidden.
 */

const ACTIONS: Record<string, string> = {
  'auth.login': '登录',
  'auth.logout': '退出登录',
  'auth.login_failed': '登录失败（密码错误）',
  'auth.locked': '账户因密码错误被锁定',
  'auth.login_refused_locked': '锁定期间尝试登录',
  'auth.session_revoked': '注销登录会话',
  'user.created': '新建用户',
  'user.updated': '修改用户',
  'user.password_changed': '修改密码',
  'user.password_reset': '重置密码',
  'agency.created': '新建机关',
  'agency.updated': '修改机关信息',
};

const ENTITIES: Record<string, string> = {
  user: '用户',
  agency: '机关',
  session: '会话',
  case: '申请',
  application: '申请',
  document: '信息',
  release: '发布',
  report: '年度报告',
  calendar: '工作日历',
};

/** Verbs of the capabilities' actions ('report.published'), so a new action reads in Chinese without a new entry. */
const VERBS: Record<string, string> = {
  created: '新建', updated: '修改', deleted: '删除', registered: '登记', submitted: '提交', returned: '退回', approved: '批准',
  signed_off: '审核通过', rejected: '驳回', published: '发布', unpublished: '撤销发布', withdrawn: '撤回', closed: '办结',
  replied: '答复', extended: '延期', corrected: '补正', reopened: '重新办理', assigned: '分派', imported: '导入', exported: '导出',
  built: '生成', validated: '校验', archived: '归档', restored: '恢复', paused: '中止计时', resumed: '恢复计时', sent: '送达',
};

export function actionLabel(action: string): string {
  if (ACTIONS[action]) return ACTIONS[action];
  const dot = action.indexOf('.');
  if (dot > 0) {
    const entity = action.slice(0, dot);
    const verb = action.slice(dot + 1);
    if (VERBS[verb]) return `${VERBS[verb]}${ENTITIES[entity] ?? ''}`;
  }
  return action;
}

export function entityLabel(type: string): string {
  return ENTITIES[type] ?? type;
}

export const KNOWN_ENTITY_TYPES = Object.keys(ENTITIES);
