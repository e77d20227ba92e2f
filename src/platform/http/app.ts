import cookie from '@fastify/cookie';
import formbody from '@fastify/formbody';
import multipart from '@fastify/multipart';
import rateLimit from '@fastify/rate-limit';
import fastifyStatic from '@fastify/static';
import swagger from '@fastify/swagger';
import swaggerUi from '@fastify/swagger-ui';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import Fastify, { LogController, type FastifyInstance, type FastifyRequest } from 'fastify';
import { existsSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { AppContext } from '../context.js';
import { registerAuth } from './auth-plugin.js';
import { databaseRateLimitStore } from './rate-limit-store.js';
import { makeErrorHandler } from './errors.js';
import { AppError, badRequest } from '../errors.js';
import { platformRoutes } from './platform.routes.js';
import type { Capability } from '../capability.js';
import { registerPublicCache } from './public-cache.js';
import { SECURITY_HEADERS } from './security-headers.js';
import { isSafeMethod } from './methods.js';

function hasNul(v: unknown, depth = 0): boolean {
  if (typeof v === 'string') return v.includes('\u0000');
  if (!v || typeof v !== 'object' || Buffer.isBuffer(v) || depth > 20) return false;
  const o = v as Record<string, unknown>;
  for (const k in o) if (Object.hasOwn(o, k) && (k.includes('\u0000') || hasNul(o[k], depth + 1))) return true;
  return false;
}

export const BODY_LIMIT = 1024 * 1024;
export const UPLOAD_LIMIT = 10 * 1024 * 1024;

/** Where the built admin console lives (dist/admin, next to the compiled server or the repo root). */
export function adminDir(): string | null {
  const here = dirname(fileURLToPath(import.meta.url));
  for (const candidate of [resolve(here, 'admin'), resolve(here, '../admin'), resolve(here, '../../../dist/admin'), resolve(process.cwd(), 'dist/admin')]) {
    if (existsSync(resolve(candidate, 'index.html'))) return candidate;
  }
  return null;
}

/** Without a capability that renders HTML error pages: a bare page with the message. */
function plainErrorPage(status: number, message: string): string {
  const esc = message.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
  return `<!doctype html><html lang="zh-CN"><meta charset="utf-8"><title>${status}</title><p>${esc}</p></html>`;
}

/**
 * Builds the HTTP application: plugins in order (security, parsing, docs), then the platform's routes, each
 * capability's API routes and then each capability's public pages, in the composition root's order.
 */
/** A request slower than this is logged at `warn` whatever its status. */
const SLOW_REQUEST_MS = 1000;

const requestLine = (req: FastifyRequest, status: number, ms: number) => ({ method: req.method, url: req.url, status, ms: Math.round(ms) });

/**
 * Why a request is refused before any handler reads it, if it is:
 * - the JSON API takes JSON (and multipart for its file uploads) only: a form-encoded or text body is what a
 *   cross-site HTML form can send, so it is refused before it is parsed;
 * - a repeated query parameter (?q=a&q=b) arrives as an array where every handler expects one value: refused
 *   before any handler (and before sign-in) rather than let a handler fail on it.
 */
function requestShapeError(req: FastifyRequest): AppError | undefined {
  const url = req.url;
  const method = req.method;
  if (!isSafeMethod(method) && url.startsWith('/api/')) {
    const type = (req.headers['content-type'] ?? '').split(';')[0]!.trim().toLowerCase();
    if (type !== '' && type !== 'application/json' && type !== 'multipart/form-data') {
      return new AppError(415, '接口只接受 JSON（application/json）或文件上传（multipart/form-data）格式的请求体。', 'unsupported_media_type');
    }
  }
  const at = url.indexOf('?');
  if (at < 0 || url.indexOf('&', at) < 0) return undefined;
  const seen = new Set<string>();
  for (const key of new URLSearchParams(url.slice(at + 1)).keys()) {
    if (seen.has(key)) return badRequest(`查询参数「${key.slice(0, 40)}」重复出现，每个参数只能给一次。`);
    seen.add(key);
  }
  return undefined;
}

export async function buildApp(
  ctx: AppContext,
  capabilities: readonly Capability[],
  opts: { logger?: boolean; logStream?: NodeJS.WritableStream } = {},
): Promise<FastifyInstance> {
  const renderErrorPage = capabilities.find((c) => c.errorPage)?.errorPage ?? plainErrorPage;
  const app = Fastify({
    logger:
      opts.logger === false || ctx.config.logLevel === 'silent'
        ? false
        : { level: ctx.config.logLevel, redact: ['req.headers.cookie', 'req.headers["x-csrf-token"]'], ...(opts.logStream ? { stream: opts.logStream } : {}) },
    bodyLimit: BODY_LIMIT,
    // Requests are logged by the onResponse hook below: at debug, unless they fail or are slow.
    logController: new LogController({ disableRequestLogging: true }),
    trustProxy: process.env.TRUST_PROXY === '1',
    ajv: { customOptions: { removeAdditional: false, coerceTypes: 'array', allErrors: false, useDefaults: true } },
    routerOptions: { maxParamLength: 200 },
  }).withTypeProvider<TypeBoxTypeProvider>();

  app.setErrorHandler(makeErrorHandler(renderErrorPage));
  const logsDebug = app.log.level === 'debug' || app.log.level === 'trace';
  // One line per request: `debug` for the ordinary ones (3,000 lines an hour on a quiet demo buried everything
  // else at `info`), `info` for 4xx, `warn` for 5xx and for requests slower than SLOW_REQUEST_MS.
  app.addHook('onResponse', (req, reply, done) => {
    const ms = reply.elapsedTime;
    const status = reply.statusCode;
    if (status >= 500 || ms > SLOW_REQUEST_MS) req.log.warn(requestLine(req, status, ms), ms > SLOW_REQUEST_MS ? '请求较慢' : '请求失败');
    else if (status >= 400) req.log.info(requestLine(req, status, ms), '请求未完成');
    else if (logsDebug) req.log.debug(requestLine(req, status, ms), '请求完成');
    done();
  });
  // Security headers (what helmet sent, computed once), and the checks every request's shape must pass before
  // anything reads it. One synchronous hook: the framework's fixed cost is paid by every public page.
  app.addHook('onRequest', (req, reply, done) => {
    reply.headers(SECURITY_HEADERS);
    done(requestShapeError(req));
  });
  await app.register(cookie);
  await app.register(formbody, { bodyLimit: BODY_LIMIT });
  await app.register(multipart, { attachFieldsToBody: 'keyValues', limits: { fileSize: UPLOAD_LIMIT, files: 5, fields: 60, parts: 70 } });
  await app.register(rateLimit, {
    global: false,
    // Counters in the database: the limits hold across server processes and machines.
    store: databaseRateLimitStore(ctx.db) as never,
    errorResponseBuilder: (_req, c) => ({ statusCode: 429, error: 'too_many_requests', message: `请求过于频繁，请在 ${Math.ceil(c.ttl / 1000)} 秒后再试。` }),
  });
  await app.register(swagger, {
    openapi: {
      info: {
        title: 'Gongkai 政务公开 API',
        version: '0.1.0',
        description: '政府信息公开平台 JSON API。写操作需要 x-csrf-token 请求头（GET /api/csrf 或登录后取得）。',
      },
    },
  });
  await app.register(swaggerUi, { routePrefix: '/api/docs', staticCSP: true });

  // NUL characters are refused by PostgreSQL text columns and never legitimate in form input: refuse them
  // uniformly on both engines, before anything is written.
  app.addHook('preValidation', (req, _reply, done) => {
    if (hasNul(req.params)) return done(new AppError(404, '您访问的地址包含无效字符（NUL），该记录或页面不存在。', 'not_found'));
    if (hasNul(req.body) || hasNul(req.query)) return done(badRequest('提交的内容包含无效的控制字符（NUL），请检查后重新提交。'));
    done();
  });
  // API responses carry staff data and applicants' personal data (case detail, case files, letters): never stored
  // by a browser or a proxy cache, unless a route chose its own caching.
  app.addHook('onSend', (req, reply, payload, done) => {
    if (req.url.startsWith('/api/') && !reply.hasHeader('cache-control')) reply.header('cache-control', 'no-store');
    done(null, payload);
  });
  registerAuth(app, ctx);
  registerPublicCache(app, ctx.db);
  await platformRoutes(app, ctx);
  for (const c of capabilities) if (c.routes) await c.routes(app, ctx);
  for (const c of capabilities) if (c.publicPages) await c.publicPages(app, ctx);

  const admin = adminDir();
  if (admin) {
    await app.register(fastifyStatic, {
      root: admin,
      prefix: '/admin/',
      index: ['index.html'],
      wildcard: true,
      cacheControl: false,
      // The build writes .br and .gz beside each text asset (web/admin/compress.plugin.ts): sent as they are.
      preCompressed: true,
      // Hashed chunks never change; index.html must be revalidated so an upgrade is picked up at once.
      setHeaders: (reply, path) => {
        reply.header('cache-control', /\.html(\.br|\.gz)?$/.test(path) ? 'no-cache' : 'public, max-age=31536000, immutable');
        reply.header('vary', 'accept-encoding');
      },
    });
    app.get('/admin', (_req, reply) => reply.redirect('/admin/'));
  } else {
    app.get('/admin/*', (_req, reply) =>
      reply
        .status(503)
        .type('text/html; charset=utf-8')
        .send(renderErrorPage(503, '管理后台尚未构建，请运行 npm run build:admin。', _req)),
    );
  }

  app.setNotFoundHandler((req, reply) => {
    if (req.url.startsWith('/api/')) return reply.status(404).send({ error: 'not_found', message: '接口不存在。' });
    return reply
      .status(404)
      .type('text/html; charset=utf-8')
      .send(renderErrorPage(404, '您访问的页面不存在。', req));
  });
  return app;
}
