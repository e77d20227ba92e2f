import { AppError } from '../../../src/platform/errors.js';
import type { AuditQuery } from '../../../src/platform/http/platform.api.js';
import type { AccountSession, Agency, AgencyFields, AuditRow, AuditVerifyResult, NewUser, SessionInfo, UserPatch, UserRow } from './types.js';

/**
 * A small typed client for the JSON API. It carries the CSRF token on every write (and fetches a fresh one
 * once when the server refuses it), turns every error body into an `ApiError` with the server's Chinese
 * `message`, and reports a lost session (401) to the app so it can go back to the sign-in page.
 */

/** The server's AppError as the console receives it (status, Chinese message, code, details); `status` 0: no connection. */
export class ApiError extends AppError {
  constructor(status: number, message: string, code = 'error', details?: unknown) {
    super(status, message, code, details);
    this.name = 'ApiError';
  }
}

export interface RequestOptions {
  /** Do not show the error to the user (the caller shows it in place). */
  silent?: boolean;
  /** A 401 is an expected answer (the sign-in itself), not a lost session. */
  expectUnauthorized?: boolean;
  query?: Record<string, string | number | undefined>;
}

interface Hooks {
  onError: (e: ApiError) => void;
  onUnauthorized: (e: ApiError) => void;
}

let hooks: Hooks = { onError: () => undefined, onUnauthorized: () => undefined };
let csrf = '';

/** Wires error display and the sign-in redirect (done once in main.ts). */
export function configureApi(h: Partial<Hooks>): void {
  hooks = { ...hooks, ...h };
}

export function setCsrfToken(token: string): void {
  csrf = token;
}

const SAFE = new Set(['GET', 'HEAD']);

async function refreshCsrf(): Promise<void> {
  const res = await fetch('/api/csrf', { credentials: 'same-origin', headers: { accept: 'application/json' } });
  if (res.ok) csrf = ((await res.json()) as { csrfToken: string }).csrfToken;
}

function withQuery(url: string, query?: RequestOptions['query']): string {
  if (!query) return url;
  const params = new URLSearchParams();
  for (const [k, v] of Object.entries(query)) if (v !== undefined && v !== '') params.set(k, String(v));
  const s = params.toString();
  return s ? `${url}?${s}` : url;
}

async function send(method: string, url: string, body: unknown): Promise<Response> {
  const headers: Record<string, string> = { accept: 'application/json' };
  if (body !== undefined) headers['content-type'] = 'application/json';
  if (!SAFE.has(method)) headers['x-csrf-token'] = csrf;
  return fetch(url, { method, headers, credentials: 'same-origin', body: body === undefined ? undefined : JSON.stringify(body) });
}

async function errorOf(res: Response): Promise<ApiError> {
  let payload: { error?: string; message?: string; details?: unknown } = {};
  try {
    payload = await res.json();
  } catch {
    /* not JSON: a proxy page or an empty body */
  }
  const fallback =
    res.status === 413
      ? '提交的内容过大。'
      : res.status === 429
        ? '请求过于频繁，请稍后再试。'
        : res.status >= 500
          ? '服务器暂时无法处理请求，请稍后再试。'
          : '请求未能完成。';
  return new ApiError(res.status, payload.message || fallback, payload.error ?? 'error', payload.details);
}

/** One request; resolves with the parsed JSON body or rejects with an ApiError (already shown unless silent). */
export async function request<T>(method: string, url: string, body?: unknown, opts: RequestOptions = {}): Promise<T> {
  const full = withQuery(url, opts.query);
  let res: Response;
  try {
    if (!SAFE.has(method) && !csrf) await refreshCsrf();
    res = await send(method, full, body);
    if (res.status === 403 && !SAFE.has(method)) {
      const err = await errorOf(res.clone());
      if (err.code === 'csrf') {
        await refreshCsrf();
        res = await send(method, full, body);
      }
    }
  } catch {
    const e = new ApiError(0, '无法连接服务器，请检查网络后重试。', 'network');
    if (!opts.silent) hooks.onError(e);
    throw e;
  }
  if (res.ok) {
    if (res.status === 204) return undefined as T;
    const text = await res.text();
    return (text ? JSON.parse(text) : undefined) as T;
  }
  const e = await errorOf(res);
  if (e.status === 401 && !opts.expectUnauthorized) {
    hooks.onUnauthorized(e);
  } else if (!opts.silent) {
    hooks.onError(e);
  }
  throw e;
}

export const api = {
  get: <T>(url: string, opts?: RequestOptions) => request<T>('GET', url, undefined, opts),
  post: <T>(url: string, body?: unknown, opts?: RequestOptions) => request<T>('POST', url, body ?? {}, opts),
  put: <T>(url: string, body?: unknown, opts?: RequestOptions) => request<T>('PUT', url, body ?? {}, opts),
  patch: <T>(url: string, body?: unknown, opts?: RequestOptions) => request<T>('PATCH', url, body ?? {}, opts),
  del: <T>(url: string, opts?: RequestOptions) => request<T>('DELETE', url, undefined, opts),

  session: {
    /** The current session, or null when nobody is signed in. */
    async current(): Promise<SessionInfo | null> {
      try {
        const s = await request<SessionInfo>('GET', '/api/session', undefined, { silent: true, expectUnauthorized: true });
        csrf = s.csrfToken;
        return s;
      } catch (e) {
        if (e instanceof ApiError && e.status === 401) return null;
        throw e;
      }
    },
    async signIn(username: string, password: string): Promise<SessionInfo> {
      await refreshCsrf();
      const s = await request<SessionInfo>('POST', '/api/session', { username, password }, { silent: true, expectUnauthorized: true });
      csrf = s.csrfToken;
      return s;
    },
    async signOut(): Promise<void> {
      try {
        await request('DELETE', '/api/session', undefined, { silent: true, expectUnauthorized: true });
      } finally {
        csrf = '';
      }
    },
  },

  account: {
    changePassword: (currentPassword: string, newPassword: string) => request<{ ok: true }>('POST', '/api/account/password', { currentPassword, newPassword }),
    sessions: () => request<AccountSession[]>('GET', '/api/account/sessions'),
    revokeSession: (id: string) => request<{ ok: true }>('DELETE', `/api/account/sessions/${encodeURIComponent(id)}`),
  },

  agencies: {
    list: () => request<Agency[]>('GET', '/api/agencies'),
    create: (a: AgencyFields) => request<Agency>('POST', '/api/agencies', a),
    update: (id: string, a: AgencyFields & { updatedAt: string }) => request<Agency>('PUT', `/api/agencies/${encodeURIComponent(id)}`, a),
  },

  users: {
    list: () => request<UserRow[]>('GET', '/api/users'),
    create: (u: NewUser) => request<{ id: string; initialPassword: string }>('POST', '/api/users', u),
    update: (id: string, patch: UserPatch) => request<{ initialPassword?: string }>('PATCH', `/api/users/${encodeURIComponent(id)}`, patch),
  },

  audit: {
    list: (q: AuditQuery = {}) => request<AuditRow[]>('GET', '/api/audit', undefined, { query: q }),
    verify: () => request<AuditVerifyResult>('GET', '/api/audit/verify'),
  },
};
