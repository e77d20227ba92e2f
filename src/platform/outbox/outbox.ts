import type { AppContext } from '../context.js';
import type { DbOrTx } from '../db/index.js';
import { newId } from '../ids.js';
import type { JobDefinition, JobResult } from '../jobs/jobs.js';
import type { DeliveryLogEntry, OutboxStatus } from './delivery-log.js';
import './outbox.tables.js';

/**
 * The outbox: anything the platform sends out (e-mail, SMS, …) is written as a row in the caller's transaction
 * (so a message exists exactly when the change that caused it committed) and delivered later by the
 * `outbox.deliver` job through the driver registered for its channel. A failed attempt is retried with
 * exponential backoff; after the last attempt the message is given up ("dead"). Every attempt is kept in
 * `outbox_attempts` (the delivery log).
 *
 * Delivery is at least once: if a process dies between the driver's send and the row update, the job's lease
 * expires and the message is sent again — drivers pass `idempotencyKey` on to providers that accept one.
 */

export interface OutboxMessage {
  /** "log" is built in; issue 11 registers "email" and "sms". */
  channel: string;
  /** Address, phone number…: stored sealed. */
  recipient: string;
  /** Template name the driver renders ("case.received"…). */
  template: string;
  params: Record<string, unknown>;
  /** Names the event (e.g. "case:ID:received"): one message per channel, recipient and key, ever. */
  idempotencyKey: string;
  /** The agency the message is sent for, to scope the delivery log to staff. */
  agencyId?: string | null;
  /** ISO instant before which the message is not sent (e.g. an SMS held to the morning). */
  notBefore?: string;
}

/** What a driver receives: the message with recipient and params unsealed. */
export interface Deliverable extends OutboxMessage {
  id: string;
  attempt: number;
}

export interface OutboxDriver {
  /** Recorded in the delivery log ("log", "smtp"…). */
  name: string;
  /** Resolves when the message was handed over; throws to have it retried (PermanentDeliveryError: not retried). */
  send(msg: Deliverable): Promise<{ providerId?: string } | void>;
  /**
   * Optional: an instant to hold the message until instead of sending it now (quiet hours). The message is
   * rescheduled without using up an attempt.
   */
  holdUntil?(msg: Deliverable, now: Date): Date | null;
}

/** A failure that retrying cannot fix (invalid address, unknown template): the message is given up at once. */
export class PermanentDeliveryError extends Error {}

export interface DeliveryQuery {
  messageId?: string;
  channel?: string;
  status?: OutboxStatus;
  agencyIds?: string[];
  idempotencyKey?: string;
  limit?: number;
}

export interface OutboxPolicy {
  /** Delay after the first failure; doubled after each further failure. */
  baseDelaySeconds: number;
  maxDelaySeconds: number;
  /** Attempts before the message is given up. */
  maxAttempts: number;
  /** Messages per delivery run. */
  batch: number;
}

export const DEFAULT_OUTBOX_POLICY: OutboxPolicy = { baseDelaySeconds: 60, maxDelaySeconds: 6 * 3600, maxAttempts: 8, batch: 100 };

export interface Outbox {
  /** Writes the message in the caller's transaction; a second enqueue of the same event is a no-op. */
  enqueue(tx: DbOrTx, msg: OutboxMessage): Promise<{ id: string; duplicate: boolean }>;
  registerDriver(channel: string, driver: OutboxDriver): void;
  /** Channel → driver name. */
  drivers(): Record<string, string>;
  /** Sends the due messages once (what the `outbox.deliver` job runs). */
  deliver(): Promise<JobResult & { sent: number; failed: number; dead: number; held: number }>;
  deliveryLog(q?: DeliveryQuery): Promise<DeliveryLogEntry[]>;
  policy: OutboxPolicy;
}

/** Delay before attempt `attempts + 1`, after `attempts` failures. */
export function backoffSeconds(policy: OutboxPolicy, attempts: number): number {
  return Math.min(policy.maxDelaySeconds, policy.baseDelaySeconds * 2 ** Math.max(0, attempts - 1));
}

function check(msg: OutboxMessage): void {
  for (const k of ['channel', 'recipient', 'template', 'idempotencyKey'] as const) {
    const v = msg[k];
    if (typeof v !== 'string' || !v.trim() || v.length > 500) throw new Error(`outbox: ${k} must be a non-empty string of at most 500 characters`);
  }
  if (!/^[a-z][a-z0-9_-]{0,31}$/.test(msg.channel)) throw new Error(`outbox: invalid channel ${msg.channel}`);
  if (!msg.params || typeof msg.params !== 'object' || Array.isArray(msg.params)) throw new Error('outbox: params must be an object');
}

/** The built-in driver: writes one line per message to the server log (development, demos, tests). */
export function logDriver(write: (line: string) => void): OutboxDriver {
  return {
    name: 'log',
    async send(m) {
      write(`[outbox] ${m.channel} → ${m.recipient}：${m.template} ${JSON.stringify(m.params)}（${m.idempotencyKey}）`);
    },
  };
}

export function createOutbox(getCtx: () => AppContext, opts: { policy?: Partial<OutboxPolicy>; log?: (line: string) => void } = {}): Outbox {
  const registry = new Map<string, OutboxDriver>();
  const policy: OutboxPolicy = { ...DEFAULT_OUTBOX_POLICY, ...opts.policy };
  registry.set('log', logDriver(opts.log ?? (() => {})));

  const outbox: Outbox = {
    policy,
    async enqueue(tx, msg) {
      check(msg);
      const { cipher, clock } = getCtx();
      const id = newId();
      const now = clock.nowIso();
      const recipientIndex = cipher.blindIndex(`${msg.channel}:${msg.recipient.trim()}`);
      const res = await tx
        .insertInto('outbox')
        .values({
          id,
          channel: msg.channel,
          recipient: cipher.encrypt(msg.recipient.trim()),
          recipient_index: recipientIndex,
          template: msg.template,
          params: cipher.encrypt(JSON.stringify(msg.params)),
          idempotency_key: msg.idempotencyKey,
          status: 'pending',
          attempts: 0,
          next_attempt_at: msg.notBefore && msg.notBefore > now ? new Date(msg.notBefore).toISOString() : now,
          last_error: null,
          agency_id: msg.agencyId ?? null,
          created_at: now,
          sent_at: null,
        })
        .onConflict((oc) => oc.columns(['channel', 'recipient_index', 'idempotency_key']).doNothing())
        .executeTakeFirst();
      if (Number(res.numInsertedOrUpdatedRows ?? 0) === 1) return { id, duplicate: false };
      const existing = await tx
        .selectFrom('outbox')
        .select('id')
        .where('channel', '=', msg.channel)
        .where('recipient_index', '=', recipientIndex)
        .where('idempotency_key', '=', msg.idempotencyKey)
        .executeTakeFirstOrThrow();
      return { id: existing.id, duplicate: true };
    },
    registerDriver(channel, driver) {
      registry.set(channel, driver);
    },
    drivers: () => Object.fromEntries([...registry].map(([c, d]) => [c, d.name])),
    async deliver() {
      const { db, cipher, clock } = getCtx();
      const due = await db
        .selectFrom('outbox')
        .selectAll()
        .where('status', '=', 'pending')
        .where('next_attempt_at', '<=', clock.nowIso())
        .orderBy('next_attempt_at')
        .limit(policy.batch)
        .execute();
      let sent = 0;
      let failed = 0;
      let dead = 0;
      let held = 0;
      for (const row of due) {
        const attempt = row.attempts + 1;
        const driver = registry.get(row.channel);
        let error: string | null = null;
        let permanent = false;
        let providerId: string | null = null;
        if (!driver) error = `没有为发送通道“${row.channel}”配置发送方式。`;
        else {
          const m: Deliverable = {
            id: row.id,
            attempt,
            channel: row.channel,
            recipient: cipher.decrypt(row.recipient),
            template: row.template,
            params: JSON.parse(cipher.decrypt(row.params)) as Record<string, unknown>,
            idempotencyKey: row.idempotency_key,
            agencyId: row.agency_id,
          };
          const hold = driver.holdUntil?.(m, clock.now());
          if (hold && hold.getTime() > clock.now().getTime()) {
            const until = hold.toISOString();
            await db
              .updateTable('outbox')
              .set({ next_attempt_at: until, last_error: `免打扰时段，顺延至 ${until} 发送。` })
              .where('id', '=', row.id)
              .where('status', '=', 'pending')
              .execute();
            held++;
            continue;
          }
          try {
            const r = await driver.send(m);
            providerId = r?.providerId ?? null;
          } catch (err) {
            error = (err instanceof Error ? err.message : String(err)).slice(0, 1000) || '发送失败。';
            permanent = err instanceof PermanentDeliveryError;
          }
        }
        const at = clock.nowIso();
        const giveUp = error !== null && (permanent || attempt >= policy.maxAttempts);
        await db.transaction().execute(async (tx) => {
          await tx
            .insertInto('outbox_attempts')
            .values({ id: newId(), message_id: row.id, at, driver: driver?.name ?? '-', ok: error ? 0 : 1, error, provider_id: providerId })
            .execute();
          await tx
            .updateTable('outbox')
            .set({
              attempts: attempt,
              status: error === null ? 'sent' : giveUp ? 'dead' : 'pending',
              last_error: error,
              sent_at: error === null ? at : null,
              next_attempt_at:
                error === null || giveUp ? row.next_attempt_at : new Date(clock.now().getTime() + backoffSeconds(policy, attempt) * 1000).toISOString(),
            })
            .where('id', '=', row.id)
            .execute();
        });
        if (error === null) sent++;
        else if (giveUp) dead++;
        else failed++;
      }
      const message = due.length ? `发送 ${sent} 条，失败待重试 ${failed} 条，放弃 ${dead} 条${held ? `，免打扰顺延 ${held} 条` : ''}。` : '没有待发送的消息。';
      return { changed: due.length, message, sent, failed, dead, held };
    },
    async deliveryLog(q = {}) {
      const { db, cipher } = getCtx();
      let query = db
        .selectFrom('outbox')
        .selectAll()
        .orderBy('created_at', 'desc')
        .orderBy('id')
        .limit(Math.min(q.limit ?? 100, 1000));
      if (q.messageId) query = query.where('id', '=', q.messageId);
      if (q.channel) query = query.where('channel', '=', q.channel);
      if (q.status) query = query.where('status', '=', q.status);
      if (q.idempotencyKey) query = query.where('idempotency_key', '=', q.idempotencyKey);
      if (q.agencyIds) query = q.agencyIds.length ? query.where('agency_id', 'in', q.agencyIds) : query.where((eb) => eb.val(1).$castTo<number>(), '=', 0);
      const rows = await query.execute();
      const attempts = rows.length
        ? await db
            .selectFrom('outbox_attempts')
            .selectAll()
            .where(
              'message_id',
              'in',
              rows.map((r) => r.id),
            )
            .orderBy('at')
            .orderBy('id')
            .execute()
        : [];
      return rows.map((r) => ({
        messageId: r.id,
        channel: r.channel,
        template: r.template,
        recipient: cipher.decrypt(r.recipient),
        idempotencyKey: r.idempotency_key,
        status: r.status,
        attempts: r.attempts,
        createdAt: r.created_at,
        sentAt: r.sent_at,
        nextAttemptAt: r.next_attempt_at,
        lastError: r.last_error,
        agencyId: r.agency_id,
        log: attempts
          .filter((a) => a.message_id === r.id)
          .map((a) => ({ at: a.at, driver: a.driver, ok: a.ok === 1, error: a.error, providerId: a.provider_id })),
      }));
    },
  };
  return outbox;
}

/** The platform's own job: deliver the outbox every 30 seconds. */
export function outboxJob(): JobDefinition {
  return {
    name: 'outbox.deliver',
    title: '发送待发消息（邮件、短信等），失败的按退避间隔重试',
    schedule: { everySeconds: 30 },
    run: (ctx) => ctx.outbox.deliver(),
  };
}
