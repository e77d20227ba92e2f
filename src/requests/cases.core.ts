import { createHash } from 'node:crypto';
import { type Actor, recordAudit } from '../platform/audit/audit.js';
import { actorOf } from '../platform/auth/accounts.service.js';
import { assertCan, type Principal } from '../platform/auth/permissions.js';
import type { AppContext } from '../platform/context.js';
import type { DbOrTx, Tx } from '../platform/db/index.js';
import { badRequest, conflict, notFound } from '../platform/errors.js';
import { randomToken } from '../platform/ids.js';
import { nowIso, todayInChina } from '../platform/time.js';
import { type Calendar, formatDate, parseDate } from '../rules/calendar/index.js';
import { loadCalendar } from './calendar.service.js';
import { type CaseEventData, type CaseProjection, projectCase, toLedger } from './projection.js';
import type { CaseState, CaseTable } from './requests.tables.js';
import { notifyApplicant } from './notifications.js';
import { notifyStaffOfCaseEvents } from './staff-notices.js';
import { STATE_LABELS } from './cases.labels.js';
import * as store from './cases.store.js';
import type { ActResult } from './requests.api.js';

/**
 * Use cases of 依申请公开: register, confirm, accept, correct, consult, charge, extend, close, transfer,
 * assign, note. Every write is one transaction: the version-checked update of the case (optimistic lock),
 * the appended events, the audit record. A stale `version` is a 409 and nothing is written.
 *
 * Lapsed applicant deadlines (补正 not received, fee not paid) are closed by the daily job `closeLapsedJob`
 * (`requests.close-lapsed`, 00:05 Beijing time; reads never write): it closes each lapsed case with `other_no_correction` /
 * `other_fee_unpaid`, dated the day after the deadline, as the system actor (audited).
 */

export const STALE = '该申请已被他人修改，请刷新后再操作。';
export const APPLICANT_ACTOR: Actor = { id: null, name: '申请人' };

export const today = () => todayInChina();
export const hashSecret = (s: string) => createHash('sha256').update(`gk-case:${s}`).digest('hex');
const CODE_ALPHABET = '23456789ABCDEFGHJKMNPQRSTUVWXYZ';

export function randomCode(len: number, bytes = randomToken(len * 2)): string {
  let out = '';
  for (let i = 0; i < len; i++) out += CODE_ALPHABET[bytes.charCodeAt(i) % CODE_ALPHABET.length];
  return out;
}

/** 查询码: year + 8 characters, e.g. 2026-7KQ4-M2XD. */
export function newTrackingCode(date: string): string {
  const r = randomCode(8);
  return `${date.slice(0, 4)}-${r.slice(0, 4)}-${r.slice(4)}`;
}

export function assertDate(v: unknown, label: string): string {
  if (typeof v !== 'string' || !/^\d{4}-\d{2}-\d{2}$/.test(v)) throw badRequest(`${label}应为 YYYY-MM-DD 格式的日期。`);
  try {
    return formatDate(parseDate(v, label));
  } catch {
    throw badRequest(`${label}「${v}」不是有效日期。`);
  }
}

export function notFuture(d: string, label: string, t = today()): string {
  if (d > t) throw badRequest(`${label}不能晚于今天。`);
  return d;
}

export const nextDay = (d: string) => formatDate(parseDate(d) + 1);

// ------------------------------------------------------------------------------------------ reading

export interface Loaded {
  row: store.CaseRow;
  events: ReturnType<typeof toLedger>;
  proj: CaseProjection;
  calendar: Calendar;
}

export async function load(tx: DbOrTx, row: store.CaseRow, calendar: Calendar, t?: string): Promise<Loaded> {
  const events = toLedger(await store.loadEvents(tx, row.id));
  return { row, events, proj: projectCase(events, calendar, t), calendar };
}

// ------------------------------------------------------------------------------------------ the write helper

export interface Step {
  events: CaseEventData[];
  changes?: Partial<CaseTable>;
  action: string;
  detail?: Record<string, unknown>;
  /** Runs in the same transaction after the events are written (the step's own notice is drafted or released here). */
  after?: (tx: Tx) => Promise<void>;
}

export type { ActResult };

/** Loads the visible case, checks the version, lets `decide` produce events, writes everything or nothing. */
export async function act(
  ctx: AppContext,
  p: Principal,
  id: string,
  version: number,
  permission: 'cases.write' | 'cases.approve',
  decide: (c: Loaded, tx: Tx) => Promise<Step> | Step,
): Promise<ActResult> {
  assertCan(p, 'cases.read');
  const calendar = await loadCalendar(ctx.db);
  return ctx.db.transaction().execute(async (tx) => {
    const row = await store.findVisibleCase(tx, p, id);
    if (!row) throw notFound('未找到该申请，或您无权查看。');
    assertCan(p, permission, permission === 'cases.approve' ? '此操作须由政府信息公开工作机构负责人批准（条例第三十三条）。' : '您没有办理依申请公开的权限。');
    if (!Number.isInteger(version) || row.version !== version) throw conflict(STALE, { currentVersion: row.version });
    const loaded = await load(tx, row, calendar);
    const step = await decide(loaded, tx);
    const res = await commit(tx, loaded, step, actorOf(p), version);
    await notifyApplicant(ctx, tx, row, step.events, res.dueDate);
    await notifyStaffOfCaseEvents(ctx, tx, row, step.events, res.dueDate);
    if (!step.after) return res;
    await step.after(tx);
    // The notice's release bumps the case again: answer with the version the caller must send next.
    const now = (await store.findCaseById(tx, id))!;
    return { ...res, version: now.version, state: now.state as CaseState, dueDate: now.due_date };
  });
}

export async function commit(tx: Tx, c: Loaded, step: Step, actor: Actor, version: number): Promise<ActResult> {
  const lastSeq = c.events.length ? c.events[c.events.length - 1].seq : 0;
  const at = nowIso();
  const next = [...c.events, ...step.events.map((data, i) => ({ seq: lastSeq + i + 1, at, actor: actor.name, data }))];
  const proj = projectCase(next, c.calendar);
  const changes = { ...store.projectionColumns(proj), ...(step.changes ?? {}) };
  if (!(await store.updateCaseLocked(tx, c.row.id, version, changes))) throw conflict(STALE);
  await store.appendEvents(tx, c.row, lastSeq, actor, step.events, at);
  await recordAudit(tx, actor, {
    action: step.action,
    entityType: 'case',
    entityId: c.row.id,
    agencyId: c.row.agency_id,
    before: publicRow(c.row),
    after: publicRow({ ...c.row, ...changes, version: version + 1 }),
    detail: { events: step.events.map((e) => e.type), ...(step.detail ?? {}) },
  });
  return { id: c.row.id, version: version + 1, state: proj.state, dueDate: proj.dueDate };
}

/** The row without personal data, for audit digests. */
export function publicRow(r: Partial<store.CaseRow>) {
  const { applicant_enc: _a, applicant_key: _k, applicant_name_key: _n, secret_hash: _s, ...rest } = r as store.CaseRow;
  return rest;
}

export function requireState(c: Loaded, allowed: CaseState[], message: string): void {
  if (!allowed.includes(c.proj.state)) throw conflict(`${message}（当前状态：${STATE_LABELS[c.proj.state]}）`);
}

export const WORKING: CaseState[] = ['received', 'in_progress', 'extended', 'consulting', 'awaiting_fee'];
