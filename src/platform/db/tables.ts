import type { ColumnType } from 'kysely';
import type { Role } from '../auth/roles.js';
/**
 * Table types for Kysely. Each capability adds its own tables by augmenting `Database`:
 *   declare module '../platform/db/tables.js' { interface Database { cases: CaseTable } }
 * Conventions (both engines): ids are text (UUID), instants ISO-8601 UTC text, dates YYYY-MM-DD text,
 * booleans integer 0/1, JSON as text.
 */

export interface AgencyTable {
  id: string;
  parent_id: string | null;
  /** Materialised path of ids, '/root/child/', for subtree scoping with one LIKE. */
  path: string;
  name: string;
  short_name: string | null;
  kind: 'government' | 'department' | 'unit';
  /** Code used in index numbers (索引号) and letter numbers. */
  code: string;
  office_name: string;
  office_address: string;
  office_hours: string;
  office_phone: string;
  office_fax: string;
  office_email: string;
  office_postcode: string;
  website: string;
  /** 行政复议机关 override; empty = derived from the tree (行政复议法第二十四条, src/rules/remedies.ts). */
  reconsideration_body: string;
  /** 1 for a vertically led agency (行政复议法第二十七条): the 复议机关 is the upper department. */
  vertically_led: number;
  /** The 复议机关's online filing address (行政复议法第二十二条), when it has one. */
  reconsideration_online: string;
  court: string;
  sort_order: number;
  created_at: string;
  updated_at: string;
}

export type { Role } from '../auth/roles.js';

export interface UserTable {
  id: string;
  agency_id: string;
  username: string;
  display_name: string;
  role: Role;
  password_hash: string;
  must_change_password: number;
  failed_attempts: number;
  locked_until: string | null;
  disabled: number;
  password_changed_at: string | null;
  last_login_at: string | null;
  created_at: string;
  updated_at: string;
  version: number;
  /** Contacts for staff notifications, sealed with ctx.cipher (migration 0018-staff-contacts). */
  email_enc: ColumnType<string | null, string | null | undefined, string | null>;
  mobile_enc: ColumnType<string | null, string | null | undefined, string | null>;
  notify_channel: ColumnType<StaffChannel, StaffChannel | undefined, StaffChannel>;
  remind_days: ColumnType<number, number | undefined, number>;
}

/** How a member of staff wants to be told: by e-mail, by SMS, or not at all (the inbox only). */
export type StaffChannel = 'email' | 'sms' | 'none';

export interface SessionTable {
  /** sha256 of the cookie token: a stolen database does not yield live sessions. */
  id: string;
  user_id: string;
  created_at: string;
  last_seen_at: string;
  expires_at: string;
  revoked_at: string | null;
  ip: string;
  user_agent: string;
}

export interface AuditLogTable {
  seq: number;
  at: string;
  actor_id: string | null;
  actor_name: string;
  agency_id: string | null;
  action: string;
  entity_type: string;
  entity_id: string;
  before_digest: string | null;
  after_digest: string | null;
  detail: string | null;
  prev_hash: string;
  hash: string;
}

/** A one-row table holding the chain's head; updating it serialises appends on PostgreSQL. */
export interface AuditHeadTable {
  id: number;
  seq: number;
  hash: string;
}

export interface SettingTable {
  key: string;
  value: string;
  updated_at: string;
}

/** Change counters of shared caches (migration 0011-scale). */
export interface CacheGenerationTable {
  name: string;
  value: number;
}

/** Request counters of the rate limiter, shared by every server process (migration 0011-scale). */
export interface RateLimitTable {
  key: string;
  count: number;
  /** Epoch milliseconds. */
  reset_at: number;
}

export interface Database {
  agencies: AgencyTable;
  users: UserTable;
  sessions: SessionTable;
  audit_log: AuditLogTable;
  audit_head: AuditHeadTable;
  settings: SettingTable;
  cache_generations: CacheGenerationTable;
  rate_limits: RateLimitTable;
}
