import { api } from '../../api.js';
import type { AssessmentScheme, Evidence } from '../../../../../src/rules/assessment/index.js';
import type { AssessmentResult, BoardRow, OrderView } from '../../../../../src/supervision/supervision.service.js';

/** The console's client of the supervision API (src/supervision/supervision.routes.ts); shapes are the server's types. */

export type { AssessmentResult, AssessmentScheme, BoardRow, Evidence, OrderView };

export interface Board {
  period: { from: string; to: string };
  today: string;
  reportYear: number;
  rows: BoardRow[];
}

export interface DrillResult {
  agencyId: string;
  agencyName: string;
  figure: string;
  kind: 'cases' | 'items' | 'columns' | 'report' | 'orders';
  total: number;
  rows: Record<string, any>[];
}

export interface TrendYear {
  year: number;
  received: number;
  closed: number;
  closedLate: number;
  onTimeRate: number | null;
  extended: number;
  appeals: number;
  corrected: number;
  releases: number;
  releasesLate: number;
}

export const supervisionApi = {
  board: (from?: string, to?: string) => api.get<Board>('/api/supervision/board', { query: { from, to } }),
  drill: (agencyId: string, figure: string, from?: string, to?: string) =>
    api.get<DrillResult>(`/api/supervision/drill/${agencyId}/${figure}`, { query: { from, to } }),
  trends: (year: number, agencyId?: string) =>
    api.get<{ agencyId: string | null; years: TrendYear[] }>('/api/supervision/trends', { query: { year, agencyId } }),
  assessment: (year: number) => api.get<AssessmentResult>('/api/supervision/assessment', { query: { year } }),
  scheme: () => api.get<{ scheme: AssessmentScheme; version: number | null; isDefault: boolean }>('/api/supervision/scheme'),
  saveScheme: (scheme: AssessmentScheme, version: number | null) =>
    api.put<{ scheme: AssessmentScheme; version: number | null; isDefault: boolean }>('/api/supervision/scheme', { scheme, version }),
  orders: (q: { status?: 'open' | 'answered'; subjectKind?: string; subjectId?: string } = {}) => api.get<OrderView[]>('/api/supervision/orders', { query: q }),
  issue: (body: {
    agencyId: string;
    subjectKind: string;
    subjectId?: string | null;
    subjectLabel?: string;
    figure?: string | null;
    what: string;
    dueDate: string;
  }) => api.post<OrderView>('/api/supervision/orders', body),
  answer: (id: string, version: number, answer: string) => api.post<OrderView>(`/api/supervision/orders/${id}/answer`, { version, answer }),
};

/** Figures of the board, as their column labels. */
export const FIGURE_LABELS: Record<string, string> = {
  received: '收到申请',
  open: '在办',
  overdue: '超期未答复',
  late: '逾期答复',
  extended: '延期',
  correction_late: '补正超期',
  appeal_corrected: '被纠错',
  releases: '主动公开',
  releases_late: '超时公开',
  columns: '栏目',
  report: '年度报告',
  orders: '督办',
  closed: '办结',
};

export const pct = (r: number | null | undefined) => (r === null || r === undefined ? '—' : `${Math.round(r * 1000) / 10}%`);
