import type { ChannelLogEntry, ItemKind, ItemRecord, RegisterDocEntry, RegisterStatEntry, ReviewRecord, Section, Validity } from './publishing.api.js';

/** Table types of the publishing capability (主动公开), added to the platform's Database. */

export type { Attribute, Channel, ItemKind, ItemStatus, RegisterDocKind, RegisterStatKind, Section, Validity } from './publishing.api.js';

export interface PubSettingsTable {
  agency_id: string;
  /** Index-number pattern, e.g. '{agencyCode}-{columnCode}-{year}-{seq:4}'. */
  index_pattern: string;
  /** JSON array of the roles that review, in order. */
  review_levels: string;
  updated_at: string;
}

export interface PubColumnTable {
  id: string;
  agency_id: string;
  code: string;
  name: string;
  section: Section;
  /** The item of 条例第二十条 the column serves, e.g. '一', or null. */
  art20: string | null;
  description: string;
  sort_order: number;
  hidden: number;
  created_at: string;
  updated_at: string;
}

/** The working copy of an item; its row type is the API's. */
export type PubItemTable = ItemRecord;

export interface PubItemVersionTable {
  id: string;
  item_id: string;
  agency_id: string;
  version: number;
  event: string;
  content_hash: string;
  snapshot: string;
  note: string | null;
  actor_name: string;
  created_at: string;
}

export interface PubAttachmentTable {
  id: string;
  item_id: string;
  agency_id: string;
  filename: string;
  mime: string;
  size: number;
  sha256: string;
  data: Buffer;
  text_content: string;
  removed: number;
  created_at: string;
}

/** The public copy of a released item (see migration 0004). */
export interface PubPublicItemTable {
  id: string;
  agency_id: string;
  column_code: string;
  kind: ItemKind;
  index_no: string;
  title: string;
  summary: string;
  body_html: string;
  doc_number: string | null;
  publisher: string;
  created_on: string;
  validity: Validity;
  policy_id: string | null;
  comment_opens: string | null;
  comment_closes: string | null;
  feedback_html: string | null;
  /** JSON: [{ id, filename, mime, size }]. */
  attachments: string;
  version: number;
  first_published_at: string;
  published_at: string;
}

/** One review decision; its row type is the API's. */
export type PubReviewTable = ReviewRecord;

/** The channel log; its row type is the API's (the console shows it as is). */
export type PubChannelLogTable = ChannelLogEntry;

export interface PubCommentTable {
  id: string;
  item_id: string;
  agency_id: string;
  name_enc: string;
  contact_enc: string | null;
  body: string;
  status: 'pending' | 'approved' | 'rejected';
  reply: string | null;
  moderated_by: string | null;
  moderated_at: string | null;
  created_at: string;
}

export type PubRegisterDocTable = RegisterDocEntry;

export type PubRegisterStatTable = RegisterStatEntry;

declare module '../platform/db/tables.js' {
  interface Database {
    pub_settings: PubSettingsTable;
    pub_columns: PubColumnTable;
    pub_items: PubItemTable;
    pub_item_versions: PubItemVersionTable;
    pub_public_items: PubPublicItemTable;
    pub_attachments: PubAttachmentTable;
    pub_reviews: PubReviewTable;
    pub_channel_log: PubChannelLogTable;
    pub_comments: PubCommentTable;
    pub_register_docs: PubRegisterDocTable;
    pub_register_stats: PubRegisterStatTable;
  }
}
