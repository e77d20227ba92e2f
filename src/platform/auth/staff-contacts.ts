import type { AppContext } from '../context.js';
import type { Db, DbOrTx, Tx } from '../db/index.js';
import type { Role, StaffChannel } from '../db/tables.js';
import { recordAudit } from '../audit/audit.js';
import { badRequest, conflict, notFound } from '../errors.js';
import { maskPhone } from '../../rules/identity.js';
import { smsSendableAt } from '../../rules/quiet-hours.js';
import { actorOf } from './accounts.service.js';
import { assertCan, can, type Permission, type Principal } from './permissions.js';
import { REMIND_DAYS_MAX, type StaffContacts } from '../http/platform.api.js';

/**
 * Staff contacts and how each person wants to be told (个人设置): an optional e-mail address and mobile number
 * (sealed with ctx.cipher, like applicants' personal data: a stolen database does not yield staff phone numbers),
 * the channel (e-mail / SMS / none) and "到期前 N 个工作日提醒". Editable by the user and by the administrator.
 * `staffRecipients` and `enqueueStaffMessage` are what capabilities use to notify staff through the outbox.
 */

export const STAFF_CHANNEL_LABELS: Record<StaffChannel, string> = { email: '电子邮件', sms: '短信', none: '不通知（仅在待我处理中查看）' };
export const REMIND_DAYS_DEFAULT = 3;

const EMAIL = /^[^\s@]{1,64}@[^\s@]{1,190}\.[^\s@]{2,}$/;
const MOBILE = /^1[3-9]\d{9}$/;

export interface ContactsInput {
  version: number;
  email?: string | null;
  mobile?: string | null;
  channel?: string;
  remindDays?: number;
}

type ContactRow = { email_enc: string | null; mobile_enc: string | null; notify_channel: StaffChannel; remind_days: number; version: number };

function contactsOf(ctx: AppContext, r: ContactRow): StaffContacts {
  return {
    email: r.email_enc ? ctx.cipher.decrypt(r.email_enc) : null,
    mobile: r.mobile_enc ? ctx.cipher.decrypt(r.mobile_enc) : null,
    channel: r.notify_channel,
    remindDays: r.remind_days,
    version: r.version,
  };
}

const masked = (c: StaffContacts) => ({
  email: c.email ? `${c.email.slice(0, 1)}***${c.email.slice(c.email.indexOf('@'))}` : null,
  mobile: c.mobile ? maskPhone(c.mobile) : null,
  channel: c.channel,
  remindDays: c.remindDays,
});

/** Validates the input against the current contacts; every problem is one Chinese sentence (400). */
function merged(cur: StaffContacts, input: ContactsInput): StaffContacts {
  const email = input.email === undefined ? cur.email : String(input.email ?? '').trim() || null;
  const mobile =
    input.mobile === undefined
      ? cur.mobile
      : String(input.mobile ?? '')
          .replace(/[\s-]/g, '')
          .replace(/^\+?86/, '') || null;
  if (email && !EMAIL.test(email)) throw badRequest('电子邮件地址格式不正确。');
  if (mobile && !MOBILE.test(mobile)) throw badRequest('手机号码须为 11 位中国大陆手机号。');
  const channel = (input.channel ?? cur.channel) as StaffChannel;
  if (!(channel in STAFF_CHANNEL_LABELS)) throw badRequest('通知方式须为电子邮件、短信或不通知。');
  if (channel === 'email' && !email && input.channel === 'email') throw badRequest('选择电子邮件通知，请先填写电子邮件地址。');
  if (channel === 'sms' && !mobile) throw badRequest('选择短信通知，请先填写手机号码。');
  const remindDays = input.remindDays ?? cur.remindDays;
  if (!Number.isInteger(remindDays) || remindDays < 1 || remindDays > REMIND_DAYS_MAX) throw badRequest(`到期提醒须为 1 至 ${REMIND_DAYS_MAX} 个工作日。`);
  return { email, mobile, channel, remindDays, version: cur.version };
}

async function load(ctx: AppContext, userId: string) {
  const r = await ctx.db
    .selectFrom('users')
    .select(['id', 'agency_id', 'email_enc', 'mobile_enc', 'notify_channel', 'remind_days', 'version'])
    .where('id', '=', userId)
    .executeTakeFirst();
  if (!r) throw notFound('未找到该用户。');
  return r;
}

async function save(ctx: AppContext, p: Principal, row: Awaited<ReturnType<typeof load>>, input: ContactsInput): Promise<StaffContacts> {
  const cur = contactsOf(ctx, row);
  if (input.version !== row.version) throw conflict('该用户信息已被修改，请刷新后重试。');
  const next = merged(cur, input);
  const version = row.version + 1;
  await ctx.db.transaction().execute(async (tx) => {
    const res = await tx
      .updateTable('users')
      .set({
        email_enc: next.email ? ctx.cipher.encrypt(next.email) : null,
        mobile_enc: next.mobile ? ctx.cipher.encrypt(next.mobile) : null,
        notify_channel: next.channel,
        remind_days: next.remindDays,
        version,
        updated_at: ctx.clock.nowIso(),
      })
      .where('id', '=', row.id)
      .where('version', '=', input.version)
      .executeTakeFirst();
    if (Number(res.numUpdatedRows) !== 1) throw conflict('该用户信息已被修改，请刷新后重试。');
    await recordAudit(tx, actorOf(p), {
      action: 'user.contacts_updated',
      entityType: 'user',
      entityId: row.id,
      agencyId: row.agency_id,
      before: masked(cur),
      after: masked(next),
    });
  });
  return { ...next, version };
}

/** 个人设置: the signed-in user's own contacts and reminder setting. */
export async function myContacts(ctx: AppContext, p: Principal): Promise<StaffContacts> {
  return contactsOf(ctx, await load(ctx, p.userId));
}

export async function updateMyContacts(ctx: AppContext, p: Principal, input: ContactsInput): Promise<StaffContacts> {
  return save(ctx, p, await load(ctx, p.userId), input);
}

/** The administrator reads and edits a user's contacts (users of the administrator's agency subtree). */
export async function userContacts(ctx: AppContext, p: Principal, userId: string): Promise<StaffContacts> {
  return contactsOf(ctx, await inScope(ctx, p, userId));
}

export async function updateUserContacts(ctx: AppContext, p: Principal, userId: string, input: ContactsInput): Promise<StaffContacts> {
  return save(ctx, p, await inScope(ctx, p, userId), input);
}

async function inScope(ctx: AppContext, p: Principal, userId: string) {
  assertCan(p, 'org.manage');
  const row = await load(ctx, userId);
  const agency = await ctx.db.selectFrom('agencies').select('path').where('id', '=', row.agency_id).executeTakeFirst();
  if (!agency || !agency.path.startsWith(p.agencyPath)) throw notFound('未找到该用户。');
  return row;
}

// ------------------------------------------------------------------------------------------ recipients

/** A member of staff who wants notifications, with a principal to ask the capabilities what waits for them. */
export interface StaffRecipient {
  principal: Principal;
  channel: Exclude<StaffChannel, 'none'>;
  address: string;
  remindDays: number;
}

/**
 * Staff who can be notified (not disabled, a channel chosen and its address given), optionally only those of
 * `agencyId`, holding `permission`, or among `userIds`. Not scoped to a principal: the callers are jobs and
 * services that already decided who should hear of an event.
 */
export async function staffRecipients(
  db: Db | Tx,
  cipher: AppContext['cipher'],
  q: { agencyId?: string; permission?: Permission; userIds?: string[]; roles?: Role[] } = {},
): Promise<StaffRecipient[]> {
  if (q.userIds && !q.userIds.length) return [];
  let query = db
    .selectFrom('users')
    .innerJoin('agencies', 'agencies.id', 'users.agency_id')
    .select([
      'users.id',
      'users.username',
      'users.display_name',
      'users.role',
      'users.agency_id',
      'agencies.path',
      'users.email_enc',
      'users.mobile_enc',
      'users.notify_channel',
      'users.remind_days',
    ])
    .where('users.disabled', '=', 0)
    .where('users.notify_channel', '!=', 'none');
  if (q.agencyId) query = query.where('users.agency_id', '=', q.agencyId);
  if (q.userIds) query = query.where('users.id', 'in', q.userIds);
  if (q.roles) query = query.where('users.role', 'in', q.roles);
  const rows = await query.orderBy('users.username').execute();
  const out: StaffRecipient[] = [];
  for (const r of rows) {
    if (q.permission && !can({ role: r.role }, q.permission)) continue;
    const sealed = r.notify_channel === 'sms' ? r.mobile_enc : r.email_enc;
    if (!sealed) continue;
    out.push({
      principal: {
        userId: r.id,
        username: r.username,
        displayName: r.display_name,
        role: r.role,
        agencyId: r.agency_id,
        agencyPath: r.path,
        mustChangePassword: false,
        sessionId: '',
      },
      channel: r.notify_channel as 'email' | 'sms',
      address: cipher.decrypt(sealed),
      remindDays: r.remind_days,
    });
  }
  return out;
}

/** One message to a member of staff: the caller renders it (Chinese, no applicant personal data, a console link). */
export interface StaffMessage {
  template: string;
  /** Stable per recipient and event (and day, for daily reminders): a second enqueue is a no-op. */
  key: string;
  subject: string;
  text: string;
  sms: string;
  /** The SMS provider's template parameters (default: the tracking code or title). */
  smsParams?: string[];
  agencyId: string;
}

/** Writes the message to the outbox in the caller's transaction; SMS wait out the quiet hours. */
export async function enqueueStaffMessage(ctx: AppContext, tx: DbOrTx, to: StaffRecipient, m: StaffMessage): Promise<boolean> {
  const r = await ctx.outbox.enqueue(tx, {
    channel: to.channel,
    recipient: to.address,
    template: m.template,
    idempotencyKey: m.key,
    agencyId: m.agencyId,
    params: to.channel === 'email' ? { subject: m.subject, text: m.text } : { text: m.sms, smsParams: m.smsParams ?? [m.sms] },
    ...(to.channel === 'sms' ? { notBefore: smsSendableAt(ctx.clock.now()).toISOString() } : {}),
  });
  return !r.duplicate;
}
