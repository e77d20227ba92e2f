import { api, ApiError, request } from '../../api.js';
import type {
  Attribute,
  Channel,
  ChannelBody,
  ChannelLogEntry,
  ColumnBody,
  ItemBody,
  ItemKind,
  ItemRecord,
  ItemStatus,
  RegisterDocBody,
  RegisterDocEntry,
  RegisterStatBody,
  RegisterStatEntry,
  ReviewRecord,
  ReviewBody,
  SettingsBody,
  Validity,
} from '../../../../../src/publishing/publishing.api.js';

/**
 * The publishing capability's JSON API (src/publishing/publishing.routes.ts) as the console uses it. Errors
 * arrive as ApiError with the server's Chinese `message` (shown by the console unless `silent`). Request
 * bodies and code types are the server's own (src/publishing/publishing.api.ts), imported as types only.
 */

export type { Attribute, Channel, ItemKind, ItemStatus, Validity };
/** An item's content as the draft and edit forms send it (with the edit's version check). */
export type ItemInput = ItemBody;
/** One entry of the channel log. */
export type ChannelLogRow = ChannelLogEntry;
export type ReviewRole = 'office_head' | 'deputy_leader' | 'principal';

export interface Art26 {
  due: string;
  remaining: number;
  level: 'ok' | 'warning' | 'overdue' | 'invalid';
  message: string;
}

export interface Meta {
  kinds: Record<ItemKind, string>;
  attributes: Record<Attribute, string>;
  validity: Record<Validity, string>;
  statuses: Record<ItemStatus, string>;
  channels: Record<Channel, string>;
  checklist: { key: string; label: string }[];
  registerDocs: Record<'rule' | 'normative', string>;
  registerStats: Record<string, string>;
}

export interface Column {
  code: string;
  name: string;
  section: 'guide' | 'rules' | 'statutory' | 'reports';
  art20: string | null;
  description: string;
  hidden: number;
  sort_order: number;
}

export interface Settings {
  indexPattern: string;
  reviewLevels: ReviewRole[];
}

export interface ItemRow {
  id: string;
  agency_id: string;
  column_code: string;
  kind: ItemKind;
  index_no: string | null;
  title: string;
  doc_number: string | null;
  created_on: string;
  changed_on: string | null;
  validity: Validity;
  attribute: Attribute;
  status: ItemStatus;
  version: number;
  policy_id: string | null;
  release_at: string | null;
  published_at: string | null;
  withdrawn_at: string | null;
  updated_at: string;
  art26: Art26 | null;
}

/** An item as the detail returns it (the server's record without its search text). */
export type Item = Omit<ItemRecord, 'body_text'>;

export interface Attachment {
  id: string;
  filename: string;
  mime: string;
  size: number;
  sha256: string;
  created_at: string;
}

/** A review decision (the server's record; the role is one of the review levels). */
export interface Review extends Omit<ReviewRecord, 'role'> {
  role: ReviewRole;
}

export interface VersionRow {
  id: string;
  version: number;
  event: string;
  content_hash: string;
  note: string | null;
  actor_name: string;
  created_at: string;
}

export interface ItemDetail {
  item: Item;
  attachments: Attachment[];
  reviews: Review[];
  versions: VersionRow[];
  interpretations: { id: string; title: string; status: ItemStatus; version: number }[];
  live: { version: number; published_at: string; index_no: string } | null;
  review: { levels: ReviewRole[]; passed: number; next: ReviewRole | null };
  art26: Art26 | null;
}

export interface ListQuery {
  status?: ItemStatus | '';
  column?: string;
  q?: string;
  page?: number;
  size?: number;
}

export interface DueItem {
  id: string;
  agency_id: string;
  title: string;
  status: ItemStatus;
  created_on: string;
  changed_on: string | null;
  column_code: string;
  art26: Art26;
}

export interface Comment {
  id: string;
  status: 'pending' | 'approved' | 'rejected';
  body: string;
  reply: string | null;
  createdAt: string;
  moderatedAt: string | null;
  name: string;
  contact: string | null;
}

export type RegisterDoc = RegisterDocEntry;

export type RegisterStat = RegisterStatEntry;

const enc = encodeURIComponent;

export const pub = {
  meta: () => api.get<Meta>('/api/publishing/meta'),
  columns: () => api.get<{ columns: Column[]; settings: Settings }>('/api/publishing/columns'),
  saveColumn: (code: string, c: ColumnBody) => api.put<Column>(`/api/publishing/columns/${enc(code)}`, c),
  saveSettings: (s: SettingsBody) => api.put<Settings>('/api/publishing/settings', s),

  list: (q: ListQuery) =>
    api.get<{ total: number; items: ItemRow[] }>('/api/publishing/items', {
      query: { status: q.status || undefined, column: q.column || undefined, q: q.q?.trim() || undefined, page: q.page, size: q.size },
    }),
  /** 条例第二十六条 watch list: unpublished proactive items near or past the 20-working-day limit, most urgent first. */
  due: () => api.get<{ items: DueItem[] }>('/api/publishing/due'),
  detail: (id: string, opts?: { silent?: boolean }) => request<ItemDetail>('GET', `/api/publishing/items/${enc(id)}`, undefined, opts),
  create: (i: ItemInput) => api.post<{ item: Item }>('/api/publishing/items', i),
  update: (id: string, i: ItemInput) => api.put<{ item: Item }>(`/api/publishing/items/${enc(id)}`, i),
  submit: (id: string) => api.post<{ item: Item }>(`/api/publishing/items/${enc(id)}/submit`),
  review: (id: string, r: ReviewBody) => api.post<{ item: Item }>(`/api/publishing/items/${enc(id)}/review`, r),
  release: (id: string, at?: string) => api.post<{ items: Item[] }>(`/api/publishing/items/${enc(id)}/release`, at ? { at } : {}),
  withdraw: (id: string, reason: string) => api.post<{ item: Item }>(`/api/publishing/items/${enc(id)}/withdraw`, { reason }),
  addAttachment: (id: string, filename: string, contentBase64: string) =>
    api.post<{ attachment: Attachment }>(`/api/publishing/items/${enc(id)}/attachments`, { filename, contentBase64 }),
  removeAttachment: (id: string, att: string) => api.del<{ ok: true }>(`/api/publishing/items/${enc(id)}/attachments/${enc(att)}`),
  attachmentUrl: (att: string) => `/api/publishing/attachments/${enc(att)}`,

  comments: (id: string) => api.get<{ comments: Comment[] }>(`/api/publishing/items/${enc(id)}/comments`),
  moderate: (commentId: string, status: 'approved' | 'rejected', reply?: string) =>
    api.post<{ id: string; status: string }>(`/api/publishing/comments/${enc(commentId)}/moderate`, { status, reply }),
  feedback: (id: string, feedbackHtml: string) => api.post<{ feedbackHtml: string }>(`/api/publishing/items/${enc(id)}/feedback`, { feedbackHtml }),

  channels: (year: number) => api.get<{ counts: Record<Channel, number>; log: ChannelLogRow[] }>('/api/publishing/channels', { query: { year } }),
  logChannel: (c: ChannelBody) => api.post<ChannelLogRow>('/api/publishing/channels', c),

  registers: () => api.get<{ docs: RegisterDoc[]; stats: RegisterStat[] }>('/api/publishing/registers'),
  addRegisterDoc: (d: RegisterDocBody) => api.post<RegisterDoc>('/api/publishing/registers/docs', d),
  setRegisterStat: (s: RegisterStatBody) => api.put<RegisterStat>('/api/publishing/registers/stats', s),
  proactive: (year: number) =>
    api.get<{ year: number; format: '2019' | '2021'; proactive: Record<string, unknown> }>('/api/publishing/registers/proactive', { query: { year } }),
};

export { ApiError };

/** Reads a File as base64 (no data: prefix) for the JSON attachment upload. */
export function fileToBase64(file: Blob): Promise<string> {
  return new Promise((resolve, reject) => {
    const r = new FileReader();
    r.onerror = () => reject(r.error);
    r.onload = () => {
      const s = String(r.result);
      resolve(s.slice(s.indexOf(',') + 1));
    };
    r.readAsDataURL(file);
  });
}
