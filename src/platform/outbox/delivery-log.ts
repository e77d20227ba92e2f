/** The outbox's delivery log as the console reads it: pure types (import nothing), shared with the admin console. */

export type OutboxStatus = 'pending' | 'sent' | 'dead';

/** One message with every attempt to deliver it. */
export interface DeliveryLogEntry {
  messageId: string;
  channel: string;
  template: string;
  recipient: string;
  idempotencyKey: string;
  status: OutboxStatus;
  attempts: number;
  createdAt: string;
  sentAt: string | null;
  nextAttemptAt: string;
  lastError: string | null;
  agencyId: string | null;
  log: { at: string; driver: string; ok: boolean; error: string | null; providerId: string | null }[];
}
