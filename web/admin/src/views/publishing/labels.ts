import { ref } from 'vue';
import { api } from '../../api.js';
import type { Agency } from '../../types.js';
import {
  ATTRIBUTE_LABELS,
  CHANNEL_LABELS,
  KIND_LABELS,
  REGISTER_DOC_LABELS,
  REGISTER_STAT_LABELS,
  STATUS_LABELS,
  VALIDITY_LABELS,
} from '../../../../../src/publishing/publishing.labels.js';
import { pub, type Column, type ItemStatus, type Meta, type ReviewRole, type Settings } from './publishing-api.js';

/**
 * Code tables of 主动公开 (loaded once from /api/publishing/meta, with the same labels built in so a page
 * renders before they arrive) and the agency's columns.
 */

export { STATUS_LABELS };

export const STATUS_TAG: Record<ItemStatus, 'info' | 'warning' | 'danger' | 'success' | 'primary'> = {
  draft: 'info',
  in_review: 'warning',
  returned: 'danger',
  approved: 'primary',
  scheduled: 'primary',
  published: 'success',
  withdrawn: 'info',
};

export const REVIEW_LEVEL_LABELS: Record<ReviewRole, string> = {
  office_head: '办公室主任（初审）',
  deputy_leader: '分管领导（复审）',
  principal: '主要负责人（终审）',
};
export const LEVEL_NAMES = ['初审', '复审', '终审'];

/**
 * A review record's reviewer: "张建国（办公室主任）" already names the role, so only the level is added
 * ("张建国（办公室主任） · 初审"); otherwise "李明（办公室主任 · 初审）". Never the role twice.
 */
export function reviewerLabel(name: string, role: ReviewRole | string): string {
  const full = REVIEW_LEVEL_LABELS[role as ReviewRole];
  if (!full) return name;
  const m = /^(.*)（(.*)）$/.exec(full)!;
  const [, roleName, level] = m;
  return name.includes(roleName!) ? `${name} · ${level}` : `${name}（${roleName} · ${level}）`;
}

export const EVENT_LABELS: Record<string, string> = {
  created: '起草',
  edited: '修改',
  revised: '修订（已发布后）',
  submitted: '提交审核',
  attachment_added: '添加附件',
  attachment_removed: '移除附件',
  published: '发布',
  republished: '重新发布（修订）',
  withdrawn: '撤回',
  imported: '导入（已公开信息）',
};

/** The server's own code tables (a pure module: nothing else of the server enters the bundle). */
const FALLBACK: Meta = {
  kinds: KIND_LABELS,
  attributes: ATTRIBUTE_LABELS,
  validity: VALIDITY_LABELS,
  statuses: STATUS_LABELS,
  channels: CHANNEL_LABELS,
  checklist: [],
  registerDocs: REGISTER_DOC_LABELS,
  registerStats: REGISTER_STAT_LABELS,
};

export const meta = ref<Meta>(FALLBACK);
let metaLoading: Promise<Meta> | null = null;

/** Loads the code tables once per page load. */
export function loadMeta(): Promise<Meta> {
  metaLoading ??= pub
    .meta()
    .then((m) => (meta.value = m))
    .catch((e) => {
      metaLoading = null;
      throw e;
    });
  return metaLoading;
}

export const columns = ref<Column[]>([]);
export const settings = ref<Settings | null>(null);

/** The agency's catalogue (reloaded when asked, e.g. after editing a column). */
export async function loadColumns(force = false): Promise<Column[]> {
  if (columns.value.length && !force) return columns.value;
  const r = await pub.columns();
  columns.value = r.columns;
  settings.value = r.settings;
  return r.columns;
}

export const agencies = ref<Agency[]>([]);

/** The agencies the user may see (a supervising office sees its subtree). */
export async function loadAgencies(): Promise<Agency[]> {
  if (!agencies.value.length) agencies.value = await api.agencies.list();
  return agencies.value;
}

export const agencyOf = (id: string) => agencies.value.find((a) => a.id === id);

/** The public address of a released item on the portal. */
export function portalPath(agencyId: string, item: { id: string; kind: string }): string | null {
  const a = agencyOf(agencyId);
  if (!a) return null;
  return item.kind === 'consultation' ? `/a/${a.code}/consultations/${item.id}` : `/a/${a.code}/items/${item.id}`;
}

export function columnName(code: string): string {
  return columns.value.find((c) => c.code === code)?.name ?? code;
}

export { fmtSize, shortHash, todayBeijing } from './format.js';
