import { api, request, type RequestOptions } from '../../api.js';
import type { Finding, ReportFormat, ReportTables } from '../../../../../src/rules/report/types.js';

/**
 * The console's client of the reports API (src/reports/reports.routes.ts): shapes as the server sends them.
 * Errors arrive as ApiError with the server's Chinese `message` (shown by the api module unless `silent`).
 */

export type ReportStatus = 'draft' | 'approved' | 'published';
export type ReportScope = 'agency' | 'subtree';
export type ReviewStage = 'office_head' | 'deputy_leader' | 'principal';

export interface ReportListItem {
  id: string;
  agencyId: string;
  agencyName: string;
  agencyCode: string;
  year: number;
  scope: ReportScope;
  format: ReportFormat;
  status: ReportStatus;
  statusLabel: string;
  revision: number;
  publishedVersion: number;
  firstPublishedAt: string | null;
  lastPublishedAt: string | null;
  correcting: boolean;
  updatedAt: string;
}

export interface ViewFinding extends Finding {
  key: string;
  acknowledged: { by: string; at: string; note: string } | null;
}

export interface Validation {
  findings: ViewFinding[];
  stale: boolean;
  errors: number;
  unacknowledgedWarnings: number;
  /** Why it cannot be signed off now, or null. */
  blocking: string | null;
}

export const NARRATIVE_KEYS = ['preamble', 'overview', 'proactive', 'requests', 'appeals', 'problems', 'other'] as const;
export type NarrativeKey = (typeof NARRATIVE_KEYS)[number];
export type Narrative = Record<NarrativeKey, string>;

export interface Signoff {
  stage: ReviewStage;
  stageLabel: string;
  userName: string;
  opinion: string;
  signedAt: string;
}

export interface PublishedVersionInfo {
  version: number;
  publishedAt: string;
  publishedBy: string;
  note: string | null;
  signedDate: string;
}

export interface ReportDetail {
  id: string;
  agencyId: string;
  agencyName: string;
  agencyCode: string;
  year: number;
  scope: ReportScope;
  format: ReportFormat;
  status: ReportStatus;
  statusLabel: string;
  revision: number;
  computedAt: string;
  signedDate: string | null;
  correctionNote: string | null;
  publishedVersion: number;
  deadline: string;
  daysLeft: number;
  tables: ReportTables;
  narrative: Narrative;
  preview: { preamble: string; chapters: { key: string; title: string; text: string }[] };
  validation: Validation;
  review: { signoffs: Signoff[]; nextStage: ReviewStage | null; nextStageLabel: string | null; canSignOff: boolean };
  versions: PublishedVersionInfo[];
}

export interface Deadline {
  agencyName: string;
  today: string;
  reportYear: number;
  opensOn: string;
  deadline: string;
  daysLeft: number;
  countingDown: boolean;
  status: ReportStatus | null;
  published: boolean;
  reportId: string | null;
  previousYearPublished: boolean;
}

export interface SummaryRow {
  agencyId: string;
  agencyName: string;
  agencyCode: string;
  kind: string;
  deadline: string;
  reportId: string | null;
  status: ReportStatus | null;
  statusLabel: string;
  publishedOn: string | null;
  versions: number;
  onTime: boolean;
  late: boolean;
  daysLate: number;
}

export interface PublicationSummary {
  year: number;
  today: string;
  agencies: SummaryRow[];
  totals: { agencies: number; published: number; onTime: number; late: number };
}

export type DownloadFormat = 'docx' | 'json' | 'csv' | 'txt';

const enc = encodeURIComponent;

export const reportsApi = {
  list: (year?: number) => api.get<ReportListItem[]>('/api/reports', { query: { year } }),
  create: (year: number, scope?: ReportScope, opts?: RequestOptions) =>
    request<{ id: string }>('POST', '/api/reports', scope ? { year, scope } : { year }, opts),
  deadline: () => api.get<Deadline>('/api/reports/deadline', { silent: true }),
  summary: (year: number) => api.get<PublicationSummary>('/api/reports/summary', { query: { year } }),
  get: (id: string, opts?: RequestOptions) => api.get<ReportDetail>(`/api/reports/${enc(id)}`, opts),
  updateNarrative: (id: string, revision: number, narrative: Partial<Narrative>, signedDate?: string | null) =>
    api.put<{ revision: number }>(
      `/api/reports/${enc(id)}/narrative`,
      signedDate === undefined ? { revision, narrative } : { revision, narrative, signedDate },
    ),
  recompute: (id: string, revision: number) => api.post<{ revision: number; changed: boolean }>(`/api/reports/${enc(id)}/recompute`, { revision }),
  validate: (id: string) => api.get<Validation & { revision: number }>(`/api/reports/${enc(id)}/validation`),
  acknowledge: (id: string, findingKey: string, note: string) =>
    api.post<{ acknowledged: true }>(`/api/reports/${enc(id)}/acknowledgements`, { findingKey, note }),
  signOff: (id: string, revision: number, opinion: string) =>
    api.post<{ stage: ReviewStage; approved: boolean }>(`/api/reports/${enc(id)}/signoffs`, { revision, opinion }),
  publish: (id: string, revision: number) => api.post<{ version: number; publishedAt: string }>(`/api/reports/${enc(id)}/publish`, { revision }),
  startCorrection: (id: string, revision: number, note: string) => api.post<{ revision: number }>(`/api/reports/${enc(id)}/corrections`, { revision, note }),
  downloadUrl: (id: string, format: DownloadFormat) => `/api/reports/${enc(id)}/download?format=${format}`,
};
