import type { FastifyReply } from 'fastify';

/** Small HTTP helpers the requests capability's routes share. */

/** Sends a stored file as an attachment (the name in RFC 5987 form, never sniffed by the browser). */
export async function sendFile(reply: FastifyReply, f: { bytes: Buffer; filename: string; mediaType: string }) {
  return reply
    .header('content-type', f.mediaType)
    .header('content-disposition', `attachment; filename="download"; filename*=UTF-8''${encodeURIComponent(f.filename)}`)
    .header('x-content-type-options', 'nosniff')
    .send(f.bytes);
}

const isRecord = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null;

/**
 * The fields of a form or multipart body (parsed by @fastify/formbody, or @fastify/multipart with
 * `attachFieldsToBody: 'keyValues'`: files as Buffers), `{}` when there is none. The handlers check each field.
 */
export function formFields(body: unknown): Record<string, unknown> {
  return isRecord(body) ? body : {};
}
