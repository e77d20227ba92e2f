/**
 * Chinese names of audit actions and entity types, so the audit log never shows a code to a disclosure
 * officer. A capability that adds actions adds them here; an unknown action falls back to its verb
 * ('x.item_published' → 发布) and, failing that, to the code itself so nothing is hidden.
 */

const ACTIONS: Record<string, string> = {
  // sign-in and accounts
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
  'calendar.published': '发布工作日历',
  // 依申请公开
  'case.registered': '登记申请',
  'case.seeded': '导入演示申请',
  'case.accepted': '受理申请',
  'case.assigned': '分派经办人',
  'case.transferred': '转办申请',
  'case.receipt_confirmed': '确认收到申请',
  'case.correction_requested': '告知补正',
  'case.corrected': '收到补正材料',
  'case.consultation_started': '征求意见',
  'case.consultation_answered': '收到征求意见答复',
  'case.extended': '延期答复',
  'case.later_deadline': '确定更晚的答复期限',
  'case.fee_notified': '通知缴纳信息处理费',
  'case.fee_paid': '登记缴费',
  'case.file_attached': '上传材料',
  'case.note_added': '添加办理备注',
  'case.closed': '办结申请',
  'case.auto_closed': '自动办结（视为放弃）',
  'letter.drafted': '起草告知书',
  'letter.released': '签发告知书',
  'appeal.created': '登记复议或诉讼',
  'appeal.updated': '修改复议或诉讼',
  'appeal.deleted': '删除复议或诉讼',
  // 主动公开
  'publishing.item_created': '起草信息',
  'publishing.item_edited': '修改信息',
  'publishing.item_revised': '修订信息',
  'publishing.item_submitted': '提交审核',
  'publishing.review_approved': '审核同意',
  'publishing.review_returned': '审核退回',
  'publishing.item_scheduled': '定时发布',
  'publishing.item_published': '发布信息',
  'publishing.item_republished': '重新发布信息',
  'publishing.item_withdrawn': '撤回信息',
  'publishing.items_imported': '导入已公开信息',
  'publishing.attachment_added': '添加附件',
  'publishing.attachment_removed': '删除附件',
  'publishing.comment_submitted': '收到公众意见',
  'publishing.comment_moderated': '审核公众意见',
  'publishing.feedback_published': '发布意见采纳情况',
  'publishing.channel_logged': '登记发布渠道',
  'publishing.column_added': '新增栏目',
  'publishing.column_changed': '修改栏目',
  'publishing.settings_changed': '修改公开设置',
  'register.doc_added': '登记台账文件',
  'register.stat_set': '填写台账统计数',
  // 年度报告
  'report.created': '新建年度报告',
  'report.recomputed': '重新生成年度报告数据',
  'report.narrative_updated': '修改年度报告文字部分',
  'report.warning_acknowledged': '确认年度报告校验提示',
  'report.signed_off': '审核通过年度报告',
  'report.approved': '批准年度报告',
  'report.published': '发布年度报告',
  'report.correction_started': '开始更正年度报告',
  'report.correction_published': '发布年度报告更正',
};

const ENTITIES: Record<string, string> = {
  user: '用户',
  agency: '机关',
  session: '会话',
  calendar_year: '工作日历',
  case: '申请',
  case_letter: '告知书',
  appeal: '复议诉讼',
  pub_item: '公开信息',
  pub_comment: '公众意见',
  pub_column: '栏目',
  pub_settings: '公开设置',
  pub_channel_log: '发布渠道记录',
  pub_register_doc: '台账文件',
  pub_register_stat: '台账统计',
  annual_report: '年度报告',
};

/** Verbs, for actions not listed above. */
const VERBS: Record<string, string> = {
  created: '新建',
  added: '新增',
  updated: '修改',
  edited: '修改',
  changed: '修改',
  deleted: '删除',
  removed: '删除',
  registered: '登记',
  submitted: '提交',
  returned: '退回',
  approved: '批准',
  signed_off: '审核通过',
  rejected: '驳回',
  published: '发布',
  republished: '重新发布',
  withdrawn: '撤回',
  closed: '办结',
  replied: '答复',
  extended: '延期',
  scheduled: '定时发布',
  assigned: '分派',
  imported: '导入',
  recomputed: '重新生成',
  released: '签发',
  drafted: '起草',
};

export function actionLabel(action: string): string {
  if (ACTIONS[action]) return ACTIONS[action];
  const verb = action.split('.').pop()?.split('_').slice(-2).join('_') ?? '';
  const last = action.split('_').pop() ?? '';
  return VERBS[verb] ?? VERBS[last] ?? action;
}

export function entityLabel(type: string): string {
  return ENTITIES[type] ?? type;
}

/** Entity types offered in the audit filter. */
export const KNOWN_ENTITY_TYPES = Object.keys(ENTITIES);

/** What an audit record is about: "申请 · 2026-ABCD-EFGH", "主动公开信息 · 标题", or the type and a short id when unknown. */
export function auditObject(row: { entity_type: string; entity_id: string; entity_label?: string | null }): string {
  return `${entityLabel(row.entity_type)} · ${row.entity_label ?? row.entity_id.slice(0, 8)}`;
}
