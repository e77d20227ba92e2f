import type { Attribute, Channel, ItemKind, ItemStatus, RegisterDocKind, RegisterStatKind, Validity } from './publishing.api.js';

/** The code tables of the publishing capability (pure: the console imports them too). */

export const KINDS: ItemKind[] = ['general', 'normative', 'rule', 'interpretation', 'meeting', 'consultation'];
export const KIND_LABELS: Record<ItemKind, string> = {
  general: '一般信息',
  normative: '行政规范性文件',
  rule: '规章',
  interpretation: '政策解读',
  meeting: '会议公开',
  consultation: '决策草案征求意见',
};
export const VALIDITY_LABELS: Record<Validity, string> = { valid: '有效', expired: '失效', repealed: '废止' };
export const ATTRIBUTE_LABELS: Record<Attribute, string> = { proactive: '主动公开', on_request: '依申请公开', withheld: '不予公开' };
export const STATUS_LABELS: Record<ItemStatus, string> = {
  draft: '草稿',
  in_review: '审核中',
  returned: '已退回',
  approved: '已审核待发布',
  scheduled: '定时发布',
  published: '已发布',
  withdrawn: '已撤回',
};

/** A status code the API accepts (the items list's filter). */
export const isItemStatus = (s: string): s is ItemStatus => s in STATUS_LABELS;

/** 条例第二十三条: where information goes out (政府网站、政务新媒体、公报…). */
export const CHANNEL_LABELS: Record<Channel, string> = {
  portal: '政府网站政府信息公开专栏',
  website: '部门网站',
  wechat: '微信公众号',
  toutiao: '今日头条号',
  weibo: '政务微博',
  gazette: '政府公报',
  other: '其他渠道',
};

/** The Art. 20 registers of yearly figures. */
export const REGISTER_STAT_LABELS: Record<RegisterStatKind, string> = {
  licensing: '行政许可',
  other_services: '其他对外管理服务事项',
  penalty: '行政处罚',
  enforcement: '行政强制',
  fees: '行政事业性收费',
  procurement: '政府集中采购',
};

export const REGISTER_DOC_LABELS: Record<RegisterDocKind, string> = { rule: '规章', normative: '行政规范性文件' };
