/** Archiving rendered documents with a content hash (条例第四十五条: 归档), so a stored file can be verified. */
import { createHash } from 'node:crypto';
import { DOCX_MEDIA_TYPE, renderDocx, type DocxOptions } from './docx.js';
import type { OfficialDoc } from './model.js';

/** Lower-case hex SHA-256 of the bytes (or of the UTF-8 encoding of a string). */
export function sha256Hex(data: Uint8Array | string): string {
  return createHash('sha256').update(data).digest('hex');
}

export interface ArchivedFile {
  bytes: Buffer;
  sha256: string;
  size: number;
  mediaType: string;
}

/** Renders the .docx and returns it with its hash and size, ready to store. */
export async function archiveDocx(doc: OfficialDoc, options: DocxOptions = {}): Promise<ArchivedFile> {
  const bytes = await renderDocx(doc, options);
  return { bytes, sha256: sha256Hex(bytes), size: bytes.length, mediaType: DOCX_MEDIA_TYPE };
}

/** Whether `bytes` still match the hash recorded when they were archived. */
export function verifySha256(bytes: Uint8Array | string, expectedHex: string): boolean {
  return sha256Hex(bytes) === expectedHex.toLowerCase();
}
