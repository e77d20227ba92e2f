import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { AppContext } from '../context.js';
import { resolveSession } from '../auth/sessions.js';
import { assertCan, type Permission, type Principal } from '../auth/permissions.js';
import { AppError, forbidden, unauthorized } from '../errors.js';
import { randomToken } from '../ids.js';
import { isSafeMethod } from './methods.js';

/**
 * Sessions and CSRF for every request. The session cookie is httpOnly; every state-changing request (JSON
 * API and HTML forms alike) must carry a CSRF token, in the `x-csrf-token` header or a `_csrf` form field.
 * Signed-in users get a token bound to their session; anonymous visitors (sign-in, the public application
 * form) a token bound to a random cookie (double submit, HMAC-signed with the server secret).
 */

export const SESSION_COOKIE = 'gk_sid';
export const CSRF_COOKIE = 'gk_csrf';

declare module 'fastify' {
  interface FastifyRequest {
    principal: Principal | null;
  }
}

export function registerAuth(app: FastifyInstance, ctx: AppContext): void {
  const policy = { idleMinutes: ctx.config.sessionIdleMinutes, absoluteHours: ctx.config.sessionAbsoluteHours };
  app.decorateRequest('principal', null);

  // Synchronous unless there is a session to look up (most public page views carry no session cookie).
  app.addHook('onRequest', (req, _reply, done) => {
    const token = req.cookies[SESSION_COOKIE];
    if (!token) {
      req.principal = null;
      return done();
    }
    resolveSession(ctx.db, token, policy).then(
      (principal) => {
        req.principal = principal;
        done();
      },
      (err: Error) => done(err),
    );
  });

  // After body parsing, before validation: refuse unsafe requests without a valid token.
  app.addHook('preValidation', (req, _reply, done) => {
    if (isSafeMethod(req.method)) return done();
    const body = req.body;
    const form = body && typeof body === 'object' && !Buffer.isBuffer(body) && '_csrf' in body ? body : undefined;
    const fromBody = form?._csrf;
    const token = (req.headers['x-csrf-token'] as string | undefined) ?? (typeof fromBody === 'string' ? fromBody : undefined);
    if (form) Reflect.deleteProperty(form, '_csrf');
    if (!token || !csrfValid(ctx, req, token)) {
      return done(new AppError(403, '缺少或无效的安全令牌（CSRF），请刷新页面后重新提交。', 'csrf'));
    }
    done();
  });
}

function csrfValid(ctx: AppContext, req: FastifyRequest, token: string): boolean {
  // Signed in: only the token bound to this session (an anonymous double-submit token is not enough).
  if (req.principal) return ctx.cipher.verifyMac('csrf', req.principal.sessionId, token);
  const nonce = req.cookies[CSRF_COOKIE];
  return !!nonce && ctx.cipher.verifyMac('csrf-anon', nonce, token);
}

/** The CSRF token for this request's visitor; sets the anonymous cookie when needed. */
export function csrfToken(ctx: AppContext, req: FastifyRequest, reply: FastifyReply): string {
  if (req.principal) return ctx.cipher.mac('csrf', req.principal.sessionId);
  let nonce = req.cookies[CSRF_COOKIE];
  if (!nonce || nonce.length > 64) {
    nonce = randomToken(18);
    reply.setCookie(CSRF_COOKIE, nonce, { path: '/', httpOnly: true, sameSite: 'lax', secure: ctx.config.secureCookies });
    req.cookies[CSRF_COOKIE] = nonce;
  }
  return ctx.cipher.mac('csrf-anon', nonce);
}

/** The signed-in principal, or 401. Until the first password change only the account routes are open. */
export function requireUser(req: FastifyRequest, opts: { allowPasswordChangePending?: boolean } = {}): Principal {
  const p = req.principal;
  if (!p) throw unauthorized('请先登录，或登录已过期。');
  if (p.mustChangePassword && !opts.allowPasswordChangePending) throw forbidden('首次登录须先修改密码。');
  return p;
}

export function requirePermission(req: FastifyRequest, permission: Permission): Principal {
  const p = requireUser(req);
  assertCan(p, permission);
  return p;
}

export function setSessionCookie(ctx: AppContext, reply: FastifyReply, token: string): void {
  reply.setCookie(SESSION_COOKIE, token, {
    path: '/',
    httpOnly: true,
    sameSite: 'lax',
    secure: ctx.config.secureCookies,
    maxAge: ctx.config.sessionAbsoluteHours * 3600,
  });
}

export function clearSessionCookie(reply: FastifyReply): void {
  reply.clearCookie(SESSION_COOKIE, { path: '/' });
}
