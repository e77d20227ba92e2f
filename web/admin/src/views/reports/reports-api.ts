import { api, request, type RequestOptions } from '../../api.js';
import type {
  Deadline,
  DownloadFormat,
  Narrative,
  PublicationSummary,
  ReportDetail,
  ReportListItem,
  ReportScope,
  ReviewStage,
  Validation,
} from '../../../../../src/reports/reports.api.js';

/**
 * The console's client of the reports API (src/reports/reports.routes.ts): shapes as the server sends them.
 * Errors arrive as ApiError with the server's Chinese `message` (shown by the api module unless `silent`).
 * The shapes are the server's own types (src/reports/reports.api.ts), imported type-only: nothing is copied.
 */

export type {
  Deadline,
  DownloadFormat,
  Narrative,
  NarrativeKey,
  PublicationSummary,
  PublishedVersionInfo,
  ReportDetail,
  ReportListItem,
  ReportScope,
  ReportStatus,
  ReviewStage,
  Signoff,
  SummaryRow,
  Validation,
  ViewFinding,
} from '../../../../../src/reports/reports.api.js';
export { NARRATIVE_KEYS } from '../../../../../src/reports/reports.narrative.js';

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
