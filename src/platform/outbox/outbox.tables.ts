/** Tables of the outbox (migration 0008-jobs-outbox). */

import type { OutboxStatus } from './delivery-log.js';

export type { OutboxStatus } from './delivery-log.js';

export interface OutboxTable {
  id: string;
  channel: string;
  /** Sealed with the field cipher (an address or phone number is personal data). */
  recipient: string;
  /** Blind index of the recipient: with channel and idempotency key, one message per recipient and event. */
  recipient_index: string;
  template: string;
  /** Sealed JSON of the template parameters. */
  params: string;
  idempotency_key: string;
  status: OutboxStatus;
  attempts: number;
  next_attempt_at: string;
  last_error: string | null;
  agency_id: string | null;
  created_at: string;
  sent_at: string | null;
}

export interface OutboxAttemptTable {
  id: string;
  message_id: string;
  at: string;
  driver: string;
  ok: number;
  error: string | null;
  provider_id: string | null;
}

declare module '../db/tables.js' {
  interface Database {
    outbox: OutboxTable;
    outbox_attempts: OutboxAttemptTable;
  }
}
