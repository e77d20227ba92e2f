import { api, ApiError, request } from '../../api.js';
import type {
  ActResult,
  BatchAssignBody,
  CalendarYearView,
  CaseAction,
  CaseDetail,
  CaseList,
  CaseListItem,
  CaseListQuery,
  CaseState,
  Channel,
  NewCaseResult,
  Workbench as ServerWorkbench,
  WorkbenchItem,
  WorkbenchQuery,
} from '../../../../../src/requests/requests.api.js';

/**
 * The console's client for the requests capability (依申请公开): one function per endpoint (the request and
 * answer types are the server's, from src/requests/requests.api.ts), so a route that moves is
 * changed here and nowhere else. Every write sends the case's `version` (optimistic lock); a 409 comes back
 * as an ApiError with the server's Chinese message.
 */

export type { ActResult, CaseAction, CaseDetail, CaseList, CaseListItem, CaseState, Channel, NewCaseResult, WorkbenchItem };
/** The workbench; the page shows `awaitingApproval` when the server reports it (it does not yet). */
export type Workbench = ServerWorkbench & { awaitingApproval?: WorkbenchItem[]; counts: { awaitingApproval?: number } };
export type CalendarYear = CalendarYearView;
/** The list's query (GET /api/cases). */
export type CaseFilter = CaseListQuery;

export interface Letter {
  id: string;
  kind: string;
  name: string;
  docNumber: string | null;
  status: 'draft' | 'released';
  sha256: string | null;
  releasedAt: string | null;
  signedBy: string | null;
  draftedBy: string;
  version: number;
  createdAt: string;
}

export interface Appeal {
  id: string;
  caseId?: string;
  kindLabel?: string;
  resultLabel?: string;
  kind: 'reconsideration' | 'litigation_direct' | 'litigation_after_reconsideration';
  filedDate: string;
  result: 'upheld' | 'corrected' | 'other' | 'pending';
  decidedDate: string | null;
  body: string;
  note: string;
  version: number;
}

export interface StaffMember {
  id: string;
  displayName: string;
}

const enc = encodeURIComponent;
const C = (id: string) => `/api/cases/${enc(id)}`;

/** The CSRF token for a multipart request (the JSON client keeps its own). */
async function csrfToken(): Promise<string> {
  const res = await fetch('/api/csrf', { credentials: 'same-origin', headers: { accept: 'application/json' } });
  if (!res.ok) throw new ApiError(res.status, '无法获取表单令牌，请刷新页面后重试。');
  return ((await res.json()) as { csrfToken: string }).csrfToken;
}

/** POSTs a multipart form (files as File/Blob) and returns the JSON answer, errors as ApiError. */
export async function postMultipart<T>(url: string, form: FormData): Promise<T> {
  const token = await csrfToken();
  let res: Response;
  try {
    res = await fetch(url, { method: 'POST', body: form, credentials: 'same-origin', headers: { accept: 'application/json', 'x-csrf-token': token } });
  } catch {
    throw new ApiError(0, '无法连接服务器，请检查网络后重试。', 'network');
  }
  const text = await res.text();
  let payload: { message?: string; error?: string; details?: unknown } = {};
  try {
    payload = text ? JSON.parse(text) : {};
  } catch {
    /* not JSON */
  }
  if (!res.ok) {
    const fallback = res.status === 413 ? '上传的文件过大（单个文件不超过 10 MB）。' : '请求未能完成。';
    throw new ApiError(res.status, payload.message || fallback, payload.error ?? 'error', payload.details);
  }
  return payload as T;
}

/** Code tables and choices from the server (GET /api/cases/meta). */
export interface CasesMeta {
  outcomes: { key: string; group: string; groupLabel: string; number: string; label: string; short: string; needsReason: boolean }[];
  letterKinds: { kind: string; name: string; category: 'step' | 'reply'; outcome: string | null }[];
  transferTargets: { id: string; name: string }[];
  visibleAgencies: { id: string; name: string }[];
  appealKinds: Record<string, string>;
  appealResults: Record<string, string>;
}

let metaCache: Promise<CasesMeta> | null = null;

export const casesApi = {
  meta: () =>
    (metaCache ??= api.get<CasesMeta>('/api/cases/meta').catch((e) => {
      metaCache = null;
      throw e;
    })),
  workbench: (q: WorkbenchQuery = {}) => api.get<Workbench>('/api/cases/workbench', { query: q }),
  list: (f: CaseFilter) => api.get<CaseList>('/api/cases', { query: f as Record<string, string | number | undefined> }),
  detail: (id: string) => api.get<CaseDetail>(C(id)),
  register: (body: { channel: string; date?: string; idempotencyKey: string; application: Record<string, string> }) =>
    api.post<NewCaseResult>('/api/cases', body, { silent: true }),
  uploadFile: (id: string, file: File, kind: 'scan' | 'identity_proof' | 'correction') => {
    const form = new FormData();
    form.append('kind', kind);
    form.append('filename', file.name);
    form.append('file', file, file.name);
    return postMultipart<{ ok: true }>(`${C(id)}/files`, form);
  },
  fileUrl: (id: string, fileId: string) => `${C(id)}/files/${enc(fileId)}`,

  assignees: () => api.get<{ id: string; name: string; role: string; me: boolean }[]>('/api/cases/assignees'),
  batchAssign: (body: BatchAssignBody) =>
    api.post<{ assigned: number; results: { id: string; ok: boolean; version?: number; error?: string }[] }>('/api/cases/batch-assign', body, { silent: true }),
  ledgerUrl: (f: CaseFilter, kind: 'xlsx' | 'print' = 'xlsx') => {
    const q = new URLSearchParams();
    for (const [k, v] of Object.entries(f)) if (v !== undefined && v !== '' && k !== 'page' && k !== 'pageSize') q.set(k, String(v));
    return `/api/cases/${kind === 'xlsx' ? 'ledger.xlsx' : 'ledger/print'}?${q.toString()}`;
  },
  act: (id: string, path: string, body: Record<string, unknown>) => api.post<ActResult>(`${C(id)}/${path}`, body, { silent: true }),

  letters: (id: string) => api.get<Letter[]>(`${C(id)}/letters`),
  draftLetter: (id: string, kind: string, fields?: Record<string, unknown>) =>
    api.post<Letter & { name: string; preview: unknown }>(`${C(id)}/letters`, fields ? { kind, fields } : { kind }, { silent: true }),
  letterDocxUrl: (letterId: string) => `/api/letters/${enc(letterId)}/docx`,
  releaseLetter: (letterId: string, version: number) =>
    api.post<{ id: string; docNumber: string; sha256: string; size: number; status: 'released'; version: number }>(
      `/api/letters/${enc(letterId)}/release`,
      { version },
      { silent: true },
    ),

  appeals: (caseId: string) => api.get<Appeal[]>('/api/appeals', { query: { caseId } }),
  addAppeal: (caseId: string, a: Omit<Appeal, 'id' | 'version'>) => api.post<Appeal>(`${C(caseId)}/appeals`, a, { silent: true }),
  updateAppeal: (appealId: string, a: Omit<Appeal, 'id'>) => api.patch<Appeal>(`/api/appeals/${enc(appealId)}`, a, { silent: true }),

  calendarYears: () => api.get<CalendarYear[]>('/api/calendar/years'),
  publishCalendar: (schedule: unknown) => api.post<{ year: number; recomputed: number }>('/api/calendar/years', schedule, { silent: true }),
};

export { ApiError, request };
