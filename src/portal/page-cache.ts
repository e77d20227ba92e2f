import { createHash } from 'node:crypto';
import type { FastifyReply, FastifyRequest } from 'fastify';

/**
 * A micro-cache for public pages: a rendered page is reused for a few seconds (PORTAL_CACHE_SECONDS,
 * default 5; 0 disables it), and every page carries an ETag so browsers and proxies revalidate cheaply.
 * A few seconds of staleness on the public column is the usual trade for serving a county's traffic from
 * one machine; staff pages and anything personal are never cached here.
 */

interface Entry {
  body: Buffer;
  etag: string;
  expires: number;
}

const store = new Map<string, Entry>();
const MAX_ENTRIES = 2000;

const ttlMs = () => {
  const raw = process.env.PORTAL_CACHE_SECONDS;
  const s = raw === undefined || raw === '' ? 5 : Number(raw);
  return Number.isFinite(s) && s > 0 ? s * 1000 : 0;
};

export const etagOf = (body: Buffer | string) => `"${createHash('sha1').update(body).digest('base64url')}"`;

/** Sends an HTML page with an ETag, answering 304 when the client already has it. */
export function sendHtml(req: FastifyRequest, reply: FastifyReply, body: Buffer | string, etag = etagOf(body)) {
  reply.header('etag', etag).header('cache-control', 'public, max-age=0, must-revalidate').type('text/html; charset=utf-8');
  if (req.headers['if-none-match'] === etag) return reply.status(304).send();
  return reply.send(body);
}

/** Renders (or reuses) the page for `key` and sends it with an ETag. */
export async function cachedHtml(req: FastifyRequest, reply: FastifyReply, key: string, render: () => Promise<string> | string) {
  const now = Date.now();
  let e = store.get(key);
  if (!e || e.expires <= now) {
    const body = Buffer.from(await render());
    e = { body, etag: etagOf(body), expires: now + ttlMs() };
    if (store.size >= MAX_ENTRIES) store.clear();
    if (ttlMs() > 0) store.set(key, e);
  }
  return sendHtml(req, reply, e.body, e.etag);
}

/** Drops cached pages (after a write in this process; other processes expire within the TTL). */
export function invalidatePages(prefix = ''): void {
  if (!prefix) store.clear();
  else for (const k of store.keys()) if (k.startsWith(prefix)) store.delete(k);
}
