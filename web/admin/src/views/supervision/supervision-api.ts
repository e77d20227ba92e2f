import { api } from '../../api.js';
import type { AssessmentScheme, Evidence } from '../../../../../src/rules/assessment/index.js';
import type {
  AssessmentResult,
  Board,
  BoardRow,
  DrillResult,
  IssueOrderBody,
  OrderSubject,
  OrdersQuery,
  OrderView,
  SchemeView,
  Trends,
  TrendYear,
} from '../../../../../src/supervision/supervision.api.js';

/** The console's client of the supervision API (src/supervision/supervision.routes.ts); shapes are the server's types. */

export type { AssessmentResult, AssessmentScheme, Board, BoardRow, DrillResult, Evidence, OrderSubject, OrderView, TrendYear };

export const supervisionApi = {
  board: (from?: string, to?: string) => api.get<Board>('/api/supervision/board', { query: { from, to } }),
  drill: (agencyId: string, figure: string, from?: string, to?: string) =>
    api.get<DrillResult>(`/api/supervision/drill/${agencyId}/${figure}`, { query: { from, to } }),
  trends: (year: number, agencyId?: string) => api.get<Trends>('/api/supervision/trends', { query: { year, agencyId } }),
  assessment: (year: number) => api.get<AssessmentResult>('/api/supervision/assessment', { query: { year } }),
  scheme: () => api.get<SchemeView>('/api/supervision/scheme'),
  saveScheme: (scheme: AssessmentScheme, version: number | null) => api.put<SchemeView>('/api/supervision/scheme', { scheme, version }),
  orders: (q: OrdersQuery = {}) => api.get<OrderView[]>('/api/supervision/orders', { query: q }),
  issue: (body: IssueOrderBody) => api.post<OrderView>('/api/supervision/orders', body),
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
