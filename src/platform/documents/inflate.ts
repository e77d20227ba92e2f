/**
 * Inflating untrusted compressed data with limits by the bytes actually produced, never by sizes the file declares:
 * a .docx whose header claims 1 KB may inflate to gigabytes. zlib stops with ERR_BUFFER_TOO_LARGE as soon as its
 * output passes `maxOutputLength`, so memory stays bounded by the limit.
 */

import { inflateRawSync, inflateSync } from 'node:zlib';

/** Compressed content that inflates to more than its limit (a decompression bomb, or simply too large). */
export class InflateLimitError extends Error {
  constructor(readonly limit: number) {
    super(`inflated content exceeds ${limit} bytes`);
    this.name = 'InflateLimitError';
  }
}

function limited(fn: () => Buffer, limit: number): Buffer {
  try {
    return fn();
  } catch (err) {
    if ((err as { code?: string }).code === 'ERR_BUFFER_TOO_LARGE' || err instanceof RangeError) throw new InflateLimitError(limit);
    throw err;
  }
}

/** zlib-wrapped deflate (PDF FlateDecode), at most `maxBytes` of output. Throws InflateLimitError, or zlib's error. */
export function inflateLimited(data: Uint8Array, maxBytes: number): Buffer {
  return limited(() => inflateSync(data, { maxOutputLength: Math.max(1, maxBytes) }), maxBytes);
}

/** Raw deflate (zip method 8), at most `maxBytes` of output. */
export function inflateRawLimited(data: Uint8Array, maxBytes: number): Buffer {
  return limited(() => inflateRawSync(data, { maxOutputLength: Math.max(1, maxBytes) }), maxBytes);
}

/** A zip file that cannot be read (damaged, ZIP64 or an unsupported compression method). */
export class ZipReadError extends Error {
  override name = 'ZipReadError';
}

interface ZipEntry {
  name: string;
  method: number;
  compressedSize: number;
  localOffset: number;
}

/** The entries of a zip's central directory (names and where their data is; nothing is inflated). */
export function zipEntries(bytes: Uint8Array): ZipEntry[] {
  const b = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  // End of central directory: the last "PK\5\6" within the final 64 KB + 22 bytes.
  let eocd = -1;
  for (let i = b.length - 22; i >= Math.max(0, b.length - 22 - 65_535); i--) {
    if (b.readUInt32LE(i) === 0x06054b50) {
      eocd = i;
      break;
    }
  }
  if (eocd < 0) throw new ZipReadError('no end of central directory');
  const count = b.readUInt16LE(eocd + 10);
  let p = b.readUInt32LE(eocd + 16);
  if (count === 0xffff || p === 0xffffffff) throw new ZipReadError('ZIP64 is not supported');
  const out: ZipEntry[] = [];
  for (let n = 0; n < count; n++) {
    if (p + 46 > b.length || b.readUInt32LE(p) !== 0x02014b50) throw new ZipReadError('damaged central directory');
    const method = b.readUInt16LE(p + 10);
    const compressedSize = b.readUInt32LE(p + 20);
    const nameLen = b.readUInt16LE(p + 28);
    const extraLen = b.readUInt16LE(p + 30);
    const commentLen = b.readUInt16LE(p + 32);
    const localOffset = b.readUInt32LE(p + 42);
    const name = b.toString('utf8', p + 46, p + 46 + nameLen);
    out.push({ name, method, compressedSize, localOffset });
    p += 46 + nameLen + extraLen + commentLen;
  }
  return out;
}

/**
 * One entry's content, inflated to at most `maxBytes` (counted as produced). Null when the zip has no such entry.
 * Throws InflateLimitError over the limit, ZipReadError for a damaged zip.
 */
export function readZipEntry(bytes: Uint8Array, name: string, maxBytes: number): Buffer | null {
  const entry = zipEntries(bytes).find((e) => e.name === name);
  if (!entry) return null;
  const b = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const h = entry.localOffset;
  if (h + 30 > b.length || b.readUInt32LE(h) !== 0x04034b50) throw new ZipReadError('damaged local header');
  const start = h + 30 + b.readUInt16LE(h + 26) + b.readUInt16LE(h + 28);
  const data = b.subarray(start, Math.min(b.length, start + entry.compressedSize));
  if (entry.method === 0) {
    if (data.length > maxBytes) throw new InflateLimitError(maxBytes);
    return Buffer.from(data);
  }
  if (entry.method !== 8) throw new ZipReadError(`compression method ${entry.method} is not supported`);
  try {
    return inflateRawLimited(data, maxBytes);
  } catch (err) {
    if (err instanceof InflateLimitError) throw err;
    throw new ZipReadError(`damaged entry ${name}`);
  }
}

/** Limits for scanning a PDF's compressed streams. */
export interface PdfStreamLimits {
  /** Inflated bytes at most for any one stream. */
  perStream: number;
  /** Inflated bytes at most for all streams together. */
  total: number;
  /** Streams looked at, at most (beyond: the scan stops; nothing more is inflated by it). */
  maxStreams?: number;
}

const looksZlib = (b: Uint8Array) => b.length >= 2 && (b[0]! & 0x0f) === 8 && ((b[0]! << 8) | b[1]!) % 31 === 0;

/**
 * Inflate every FlateDecode-looking stream of a PDF once, counting the bytes produced, and throw InflateLimitError
 * when one stream or all of them together pass their limit: run before a PDF library that inflates streams with no
 * limit of its own (pdfjs keeps decoded streams as typed arrays, outside a worker's heap limit). A stream inflated
 * to another zlib stream (a filter chain of FlateDecode twice) is inflated again, up to four levels, within the same
 * budget. Streams that are not deflate (JPEG images, plain content) are skipped. Returns the bytes produced.
 */
export function scanPdfStreams(bytes: Uint8Array, limits: PdfStreamLimits): number {
  const b = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const src = b.toString('latin1');
  const re = /stream\r?\n/g;
  let total = 0;
  let streams = 0;
  const maxStreams = limits.maxStreams ?? 100_000;
  let m: RegExpExecArray | null;
  while ((m = re.exec(src)) && streams++ < maxStreams) {
    const start = m.index + m[0].length;
    const end = src.indexOf('endstream', start);
    if (end < 0) break;
    let data: Uint8Array = b.subarray(start, end);
    for (let level = 0; level < 4 && looksZlib(data); level++) {
      const room = Math.min(limits.perStream, limits.total - total);
      if (room <= 0) throw new InflateLimitError(limits.total);
      try {
        data = inflateLimited(data, room);
      } catch (err) {
        if (err instanceof InflateLimitError) throw new InflateLimitError(room === limits.perStream ? limits.perStream : limits.total);
        break; // damaged or not deflate after all: pdfjs will say what it makes of it
      }
      total += data.length;
    }
    re.lastIndex = end;
  }
  return total;
}
