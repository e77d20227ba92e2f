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
