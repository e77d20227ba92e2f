/**
 * Remedies (救济途径) under the revised 行政复议法 (2023, in force 2024-01-01) and the 行政诉讼法: which
 * route a reply must state, which body is the 复议机关, and the sentence that tells the applicant.
 *
 * - 行政复议法第二十三条第一款第（四）项: 申请政府信息公开，行政机关不予公开 → the applicant must apply for
 *   复议 first and may sue only after the 复议 decision (复议前置); 第二款: the agency says so in its decision.
 * - Every other reply keeps the choice: 复议 within 60 days (第二十条) or litigation within 6 months
 *   (行政诉讼法第四十六条).
 * - 复议 first, then litigation within 15 days of receiving the 复议 decision (行政诉讼法第四十五条).
 * - 第二十四条: the county-level-and-above government is the 复议机关 of its departments, of the government
 *   one level below, and of the organisations it or its departments manage (法律、法规、规章授权的组织);
 *   第二十七条: customs, finance, foreign exchange, tax and state security (vertically led) → the upper
 *   department.
 * - 第二十二条第三款: a decision delivered online also gives the online channel to file 复议.
 *
 * DECISION (the law names only 不予公开): 无法提供 (条例第三十六条第（四）（五）项、第三十八条), 不予处理
 * (第三十六条第（六）项、第三十九条) and 其他处理 keep the choice of 复议 or litigation. 复议前置 limits the
 * right of action and is read as written (行政诉讼法第四十四条: only where a law or regulation so provides);
 * these replies are not refusals to disclose held information. `partly_disclosed` states 复议 first for its
 * withheld part and the choice for the rest. Every `withheld_*` outcome (table 3 （三）, including
 * 行政查询事项, which the Regulation files under 不予公开 in the report) is a refusal.
 */

import { addWorkingDays } from './clock.js';
import { APPEAL_ANSWER_SIMPLIFIED_WORKING_DAYS, APPEAL_ANSWER_WORKING_DAYS, spanText } from './citations.js';
import type { Calendar, IsoDate } from './calendar/index.js';
import { outcome, type OutcomeKey } from './outcomes.js';

/** The day the revised 行政复议法 took effect. */
export const RECONSIDERATION_LAW_2023_IN_FORCE: IsoDate = '2024-01-01';

/** `reconsideration_first`: 复议前置 for all of the reply; `split`: for the withheld part only; `choice`: either route. */
export type RemedyRoute = 'reconsideration_first' | 'split' | 'choice';

/** The route a reply with this outcome must state (replies dated before 2024-01-01 followed the old law: choice). */
export function remedyRoute(key: OutcomeKey, replyDate?: IsoDate): RemedyRoute {
  if (replyDate !== undefined && replyDate < RECONSIDERATION_LAW_2023_IN_FORCE) return 'choice';
  const group = outcome(key).group;
  if (group === 'withheld') return 'reconsideration_first';
  if (group === 'partly_disclosed') return 'split';
  return 'choice';
}

/** The outcome refuses disclosure (in whole or in part): a direct lawsuit is not admissible (第二十三条). */
export function isRefusal(key: OutcomeKey): boolean {
  const g = outcome(key).group;
  return g === 'withheld' || g === 'partly_disclosed';
}

// ------------------------------------------------------------------------------------- the 复议机关

export type AgencyKind = 'government' | 'department' | 'unit';

/** What the derivation needs of an agency (the tree's own data). */
export interface RemedyAgency {
  name: string;
  kind: AgencyKind;
  verticallyLed: boolean;
  /** A 复议机关 set by hand for this agency (empty or absent: derived). */
  override?: string;
}

export interface ReconsiderationBody {
  /** The 复议机关's name; empty when the tree cannot tell and no override is set. */
  name: string;
  /** How it was found, a Chinese sentence with the article (shown in the console and the guide). */
  basis: string;
  /** `override`: set by hand; `derived`: from the tree; `missing`: must be set by hand. */
  source: 'override' | 'derived' | 'missing';
}

/**
 * The 复议机关 of `agency` by 行政复议法第二十四条、第二十七条, given its ancestors in the agency tree (nearest
 * first). An override wins. A government's 复议机关 is the government above it; a department's, or a managed
 * unit's, is the nearest government above it; a vertically led agency's is its upper department (its
 * parent when that is vertically led too; otherwise it is outside the tree and must be set by hand).
 */
export function reconsiderationBodyOf(agency: RemedyAgency, ancestors: readonly RemedyAgency[]): ReconsiderationBody {
  const override = agency.override?.trim();
  if (override) return { name: override, basis: '由本机关设置', source: 'override' };
  if (agency.verticallyLed) {
    const parent = ancestors[0];
    if (parent?.verticallyLed)
      return { name: parent.name, basis: '实行垂直领导的行政机关，向上一级主管部门申请行政复议（《行政复议法》第二十七条）', source: 'derived' };
    return {
      name: '',
      basis: '实行垂直领导的行政机关，复议机关为上一级主管部门（《行政复议法》第二十七条），请填写该主管部门的名称',
      source: 'missing',
    };
  }
  const government = ancestors.find((a) => a.kind === 'government');
  if (agency.kind === 'government') {
    if (government)
      return {
        name: government.name,
        basis: '对下一级人民政府的行政行为不服的，由上一级人民政府管辖（《行政复议法》第二十四条第一款第（二）项）',
        source: 'derived',
      };
    return { name: '', basis: '本级人民政府的复议机关为上一级人民政府（《行政复议法》第二十四条），请填写其名称', source: 'missing' };
  }
  if (government) {
    const basis =
      agency.kind === 'department' && ancestors[0]?.kind === 'government'
        ? '对本级人民政府工作部门的行政行为不服的，由本级人民政府管辖（《行政复议法》第二十四条第一款第（一）项）'
        : '对本级人民政府或者其工作部门管理的组织的行政行为不服的，由本级人民政府管辖（《行政复议法》第二十四条第一款第（四）项）';
    return { name: government.name, basis, source: 'derived' };
  }
  return { name: '', basis: '未找到上级人民政府（《行政复议法》第二十四条），请填写复议机关名称', source: 'missing' };
}

// ------------------------------------------------------------------------------------- the sentence

export interface RemediesInput {
  route: RemedyRoute;
  /** The 复议机关's name. */
  body: string;
  court: string;
  /** The 复议机关's online filing address (行政复议法第二十二条), when it has one. */
  online?: string;
  /** 「本答复」 or 「本决定」. */
  noun?: '答复' | '决定';
}

/** The remedies paragraph of a reply, as a disclosure lawyer would write it. */
export function remediesText(input: RemediesInput): string {
  const noun = `本${input.noun ?? '答复'}`;
  const body = input.body.trim();
  const court = input.court.trim();
  const online = input.online?.trim() ? `（可以通过${input.online.trim()}在线提交行政复议申请）` : '';
  const reconsider = `自收到${noun}之日起${spanText('reconsiderationApplication')}内向${body}申请行政复议${online}`;
  const first =
    `依照《中华人民共和国行政复议法》第二十三条第一款第（四）项的规定，应当先${reconsider}；` +
    `对行政复议决定不服的，可以自收到行政复议决定书之日起${spanText('litigationAfterReconsideration')}内依法向${court}提起行政诉讼。`;
  const choice = `可以${reconsider}，也可以自收到${noun}之日起${spanText('litigationDirect')}内依法向${court}提起行政诉讼。`;
  switch (input.route) {
    case 'reconsideration_first':
      return `如对${noun}不服，${first}`;
    case 'split':
      return `如对${noun}中不予公开的部分不服，${first}如对${noun}的其他内容不服，${choice}`;
    case 'choice':
      return `如对${noun}不服，${choice}`;
  }
}

// ------------------------------------------------------------------------------------- appeals

/**
 * The agency's answer deadline in a 复议 case: 10 working days from receiving the application copy
 * (行政复议法第四十八条), 5 under the simplified procedure (第五十三条、第五十四条); 第八十八条第二款 makes these
 * working days (the day of receipt not counted).
 */
export function appealAnswerDeadline(noticeReceived: IsoDate, simplified: boolean, calendar?: Calendar): IsoDate {
  return addWorkingDays(noticeReceived, simplified ? APPEAL_ANSWER_SIMPLIFIED_WORKING_DAYS : APPEAL_ANSWER_WORKING_DAYS, calendar);
}

/**
 * Why a direct lawsuit against this reply is not admissible (复议前置), or null when it is. `replyDate` is
 * the day of the reply; replies before 2024-01-01 followed the old law.
 */
export function directLitigationRefusal(key: OutcomeKey, replyDate: IsoDate | undefined): string | null {
  if (!isRefusal(key)) return null;
  if (replyDate !== undefined && replyDate < RECONSIDERATION_LAW_2023_IN_FORCE) return null;
  return '该申请的答复为不予公开（含部分不予公开），依照《中华人民共和国行政复议法》第二十三条第一款第（四）项，申请人应当先申请行政复议，对复议决定不服的才能提起行政诉讼；不能登记为“未经复议直接起诉”，请登记行政复议，或在复议后登记“复议后起诉”。';
}
