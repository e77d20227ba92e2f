/**
 * Uploaded identity proofs and scans: only PDF, JPEG and PNG are accepted, recognised by their first bytes
 * (magic numbers), never by the file name or the browser's declared type — an .exe renamed .pdf or an HTML
 * page is refused.
 */

import { badRequest } from '../platform/errors.js';

export const MAX_UPLOAD_BYTES = 10 * 1024 * 1024;

export type SniffedType = 'application/pdf' | 'image/jpeg' | 'image/png';

export function sniffMediaType(bytes: Uint8Array): SniffedType | null {
  if (bytes.length >= 5 && bytes[0] === 0x25 && bytes[1] === 0x50 && bytes[2] === 0x44 && bytes[3] === 0x46 && bytes[4] === 0x2d) return 'application/pdf';
  if (bytes.length >= 3 && bytes[0] === 0xff && bytes[1] === 0xd8 && bytes[2] === 0xff) return 'image/jpeg';
  const png = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a];
  if (bytes.length >= 8 && png.every((b, i) => bytes[i] === b)) return 'image/png';
  return null;
}

const EXT: Record<SniffedType, string> = { 'application/pdf': 'pdf', 'image/jpeg': 'jpg', 'image/png': 'png' };

export interface CheckedUpload {
  bytes: Buffer;
  mediaType: SniffedType;
  filename: string;
}

/** Checks one uploaded file; the message names the field for the applicant. */
export function checkUpload(bytes: Buffer, filename: string, label = '上传的文件'): CheckedUpload {
  if (bytes.length === 0) throw badRequest(`${label}是空文件，请重新选择。`);
  if (bytes.length > MAX_UPLOAD_BYTES) throw badRequest(`${label}超过 10 MB，请压缩后再上传。`);
  const mediaType = sniffMediaType(bytes);
  if (!mediaType) throw badRequest(`${label}不是有效的 PDF、JPEG 或 PNG 文件（系统按文件内容识别类型，不接受改了扩展名的其他文件）。`);
  const base =
    String(filename || 'file')
      .replace(/[\\/\u0000-\u001f<>:"|?*]+/g, '_')
      .slice(0, 80)
      .replace(/\.[^.]*$/, '') || 'file';
  return { bytes, mediaType, filename: `${base}.${EXT[mediaType]}` };
}
