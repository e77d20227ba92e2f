import { type Static, Type } from '@fastify/type-provider-typebox';
import type { DeliveryLogEntry } from '../platform/outbox/delivery-log.js';
import type { InboxKind } from './inbox-kinds.js';

/**
 * The inbox's JSON API (待我处理 and the notification delivery log): request schemas and the shapes of the
 * answers. Pure (TypeBox only), so the admin console imports these types instead of copying them.
 */

export const DeliveryLogQuery = Type.Object(
  {
    channel: Type.Optional(Type.String({ maxLength: 32 })),
    status: Type.Optional(Type.Union([Type.Literal('pending'), Type.Literal('sent'), Type.Literal('dead')])),
    limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 500 })),
  },
  { additionalProperties: false },
);
export type DeliveryLogQuery = Static<typeof DeliveryLogQuery>;

/** `GET /api/notifications/log`: a message, its attempts and the name of the agency it was sent for. */
export type DeliveryLogRow = DeliveryLogEntry & { agencyName: string | null };

export interface InboxEntry {
  kind: InboxKind;
  /** Where the console opens it: a case, a letter of a case, a publishing item. */
  caseId?: string;
  letterId?: string;
  /** Extension requests: the case's current draft reply (null: none yet). */
  replyLetterId?: string | null;
  itemId?: string;
  orderId?: string;
  reportId?: string;
  trackingCode?: string;
  title: string;
  detail: string;
  when: string | null;
  version?: number;
  /** Deadline kinds of cases: the 经办人 (null: unassigned). */
  assigneeId?: string | null;
}

/** `GET /api/inbox`: the entries, the count of each kind and the kinds' names. */
export interface InboxView {
  items: InboxEntry[];
  counts: Record<InboxKind, number>;
  total: number;
  labels: Record<InboxKind, string>;
}
