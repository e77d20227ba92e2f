import type { CaseState, Channel } from './requests.api.js';

/** Labels of the case's channel and state (pure: the console imports them). */

export const CHANNEL_LABELS: Record<Channel, string> = {
  online: '网络',
  in_person: '当面',
  post_signed: '邮寄（需签收）',
  post_ordinary: '邮寄（平常信函）',
  fax: '传真',
};
export const STATE_LABELS: Record<CaseState, string> = {
  submitted: '待确认收到',
  received: '已收到',
  awaiting_correction: '待申请人补正',
  in_progress: '办理中',
  consulting: '征求意见中',
  awaiting_fee: '待缴费',
  extended: '已延期',
  replied: '已答复',
  closed: '已办结',
  transferred: '已转交其他机关',
};
