import { hash } from 'node:crypto';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { MAX_PAGE_ENTRIES, publicCacheOf, type PageEntry } from '../http/public-cache.js';

/**
 * The micro-cache for public pages (the caches themselves, and how they stay correct across server
 * processes, are in platform/http/public-cache.ts), and ETags so browsers and proxies revalidate cheaply.
 * Staff pages and anything personal are never cached here.
 */

/** A page's ETag: its SHA-1 (one-shot `hash`, no Hash object per page). */
export const etagOf = (body: Buffer | string) => `"${hash('sha1', body, 'base64url')}"`;

/** Sends an HTML page with an ETag, answering 304 when the client already has it. */
export function sendHtml(req: FastifyRequest, reply: FastifyReply, body: Buffer | string, etag = etagOf(body)) {
  reply.header('etag', etag).header('cache-control', 'public, max-age=0, must-revalidate').type('text/html; charset=utf-8');
  if (req.headers['if-none-match'] === etag) return reply.status(304).send();
  return reply.send(body);
}

/** Renders (or reuses) the page for `key` and sends it with an ETag. */
export async function cachedHtml(req: FastifyRequest, reply: FastifyReply, key: string, render: () => Promise<string> | string) {
  const cache = publicCacheOf(req);
  const ttl = cache.pageTtlMs;
  // The generation is read before rendering: a page rendered while public data changes is dropped with it.
  const generation = cache.fresh() ?? (await cache.current());
  const now = Date.now();
  let e: PageEntry | undefined = ttl > 0 ? cache.pages.get(key) : undefined;
  if (!e || e.expires <= now || e.generation !== generation) {
    const body = Buffer.from(await render());
    e = { body, etag: etagOf(body), expires: now + ttl, generation };
    if (ttl > 0) {
      if (cache.pages.size >= MAX_PAGE_ENTRIES) cache.pages.clear();
      cache.pages.set(key, e);
    }
  }
  return sendHtml(req, reply, e.body, e.etag);
}

export { invalidatePages, memoPublic, bumpPublicGeneration } from '../http/public-cache.js';
