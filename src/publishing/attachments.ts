import { createHash } from 'node:crypto';
import { InflateLimitError, inflateLimited, readZipEntry, zipEntries } from '../platform/documents/inflate.js';
import { AppError, badRequest } from '../platform/errors.js';
import { WorkerLimitError, WorkerPool, workerModule } from '../platform/workers/pool.js';

/**
 * Attachments are identified by their content, never by their name: the first bytes must match the type the
 * extension claims (a renamed .exe, an HTML page called .pdf or a .docx that is no Word file are refused).
 * Text is extracted for search where that is cheap: plain text, Word (.docx) and simple PDFs.
 */

export interface AttachmentType {
  ext: string;
  mime: string;
  label: string;
}

const TYPES: Record<string, AttachmentType> = {
  pdf: { ext: 'pdf', mime: 'application/pdf', label: 'PDF' },
  docx: { ext: 'docx', mime: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document', label: 'Word' },
  xlsx: { ext: 'xlsx', mime: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet', label: 'Excel' },
  doc: { ext: 'doc', mime: 'application/msword', label: 'Word 97-2003' },
  xls: { ext: 'xls', mime: 'application/vnd.ms-excel', label: 'Excel 97-2003' },
  ofd: { ext: 'ofd', mime: 'application/ofd', label: 'OFD' },
  txt: { ext: 'txt', mime: 'text/plain; charset=utf-8', label: '文本' },
  jpg: { ext: 'jpg', mime: 'image/jpeg', label: 'JPEG 图片' },
  jpeg: { ext: 'jpg', mime: 'image/jpeg', label: 'JPEG 图片' },
  png: { ext: 'png', mime: 'image/png', label: 'PNG 图片' },
};

const starts = (b: Buffer, sig: number[]) => sig.every((v, i) => b[i] === v);

async function zipKind(b: Buffer): Promise<'docx' | 'xlsx' | 'ofd' | null> {
  try {
    // The central directory's names only: nothing is inflated to tell the kind.
    const names = new Set(zipEntries(b).map((e) => e.name));
    if (names.has('word/document.xml')) return 'docx';
    if (names.has('xl/workbook.xml')) return 'xlsx';
    if (names.has('OFD.xml')) return 'ofd';
  } catch {
    /* not a readable zip */
  }
  return null;
}

function looksLikeText(b: Buffer): boolean {
  if (b.includes(0)) return false;
  const s = b.toString('utf8');
  if (s.includes('\uFFFD')) return false;
  return !/^\s*<(!doctype|html|script|svg|\?xml)/i.test(s) && !/<script[\s>]/i.test(s);
}

/** What the file really is, by its bytes (null when unknown). */
export async function sniff(b: Buffer): Promise<string | null> {
  if (starts(b, [0x25, 0x50, 0x44, 0x46, 0x2d])) return 'pdf';
  if (starts(b, [0x50, 0x4b, 0x03, 0x04])) return zipKind(b);
  if (starts(b, [0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1])) return 'ole';
  if (starts(b, [0xff, 0xd8, 0xff])) return 'jpg';
  if (starts(b, [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])) return 'png';
  if (starts(b, [0x4d, 0x5a])) return 'exe';
  if (looksLikeText(b)) return 'txt';
  return null;
}

/** Checks a file against its name; returns its type or throws a 400 in Chinese. */
export async function checkAttachment(filename: string, data: Buffer): Promise<AttachmentType> {
  const name = (filename ?? '').trim();
  if (!name || name.length > 200 || /[\\/\0]/.test(name)) throw badRequest('附件文件名不正确。');
  // Bidirectional controls make "报告\u202Efdp.exe" display as "报告exe.pdf": refused, as are other control characters.
  if (/[\u202a-\u202e\u2066-\u2069\u200e\u200f\u061c]/.test(name)) throw badRequest('附件文件名含有文字方向控制字符（可能用来伪装扩展名），请改名后再上传。');
  if (/[\u0000-\u001f\u007f]/.test(name)) throw badRequest('附件文件名含有控制字符，请改名后再上传。');
  const ext = name.includes('.') ? name.slice(name.lastIndexOf('.') + 1).toLowerCase() : '';
  const type = TYPES[ext];
  if (!type) throw badRequest(`不支持上传 .${ext || '（无扩展名）'} 类型的附件，可上传 PDF、OFD、Word、Excel、文本或图片文件。`);
  if (data.length === 0) throw badRequest(`附件“${name}”是空文件。`);
  const real = await sniff(data);
  const ok = real === type.ext || (real === 'ole' && (type.ext === 'doc' || type.ext === 'xls'));
  if (!ok) throw badRequest(`附件“${name}”的内容与扩展名不符（疑似伪装文件），已拒绝上传。`);
  return type;
}

export const sha256Hex = (b: Buffer) => createHash('sha256').update(b).digest('hex');

const MAX_TEXT = 100_000;
/** Inflated bytes at most per attachment (all of a PDF's streams together, or a .docx's document.xml). */
export const MAX_INFLATED = 32 * 1024 * 1024;
/** PDF streams looked at, at most (a page has one or a few). */
const MAX_PDF_STREAMS = 2000;

const bomb = (name: string) =>
  new AppError(413, `附件“${name}”解压后的内容超过${MAX_INFLATED / 1024 / 1024}MB（可能是“压缩炸弹”），已拒绝上传。`, 'attachment_too_large');

function pdfText(b: Buffer): string {
  const out: string[] = [];
  let chars = 0;
  let budget = MAX_INFLATED;
  const src = b.toString('latin1');
  const re = /stream\r?\n/g;
  let m: RegExpExecArray | null;
  let streams = 0;
  while ((m = re.exec(src)) && streams++ < MAX_PDF_STREAMS && chars < MAX_TEXT) {
    const start = m.index + m[0].length;
    const end = src.indexOf('endstream', start);
    if (end < 0) break;
    let content = b.subarray(start, end);
    try {
      // Counted by the bytes produced: the whole file's streams share one budget.
      content = inflateLimited(content, budget);
      budget -= content.length;
    } catch (err) {
      if (err instanceof InflateLimitError) throw err;
      /* uncompressed or another filter */
    }
    const text = content.toString('latin1');
    for (const t of text.matchAll(/\(((?:\\.|[^\\)])*)\)\s*Tj|\[((?:\\.|[^\]])*)\]\s*TJ/g)) {
      const raw = t[1] ?? (t[2] ?? '').replace(/\)\s*-?\d*\.?\d*\s*\(/g, '').replace(/^\(|\)$/g, '');
      const piece = raw.replace(/\\([()\\])/g, '$1');
      out.push(piece);
      chars += piece.length + 1;
      if (chars >= MAX_TEXT) break;
    }
    re.lastIndex = end;
  }
  return out.join(' ');
}

/**
 * Searchable text of an attachment ('' when not cheaply extractable). Inflation is limited by the bytes produced;
 * a file over the limit is refused (413), a damaged one just has no text.
 */
export async function extractText(ext: string, data: Buffer, name = ext): Promise<string> {
  try {
    if (ext === 'txt') return data.toString('utf8').slice(0, MAX_TEXT);
    if (ext === 'docx') {
      const xml = readZipEntry(data, 'word/document.xml', MAX_INFLATED)?.toString('utf8') ?? '';
      return xml
        .replace(/<\/w:p>/g, '\n')
        .replace(/<[^>]+>/g, '')
        .replace(/&lt;/g, '<')
        .replace(/&gt;/g, '>')
        .replace(/&quot;/g, '"')
        .replace(/&apos;/g, "'")
        .replace(/&amp;/g, '&')
        .slice(0, MAX_TEXT);
    }
    if (ext === 'pdf') return pdfText(data).slice(0, MAX_TEXT);
  } catch (err) {
    if (err instanceof InflateLimitError) throw bomb(name);
    return '';
  }
  return '';
}

let pool: WorkerPool<{ ext: string; data: Uint8Array; name: string }, { text: string } | { refused: string }> | null = null;

/**
 * extractText off the event loop (the platform's worker pool): a time limit per file and a memory limit per worker,
 * so a pathological attachment cannot stall the server. Plain text needs no worker.
 */
export async function extractTextInWorker(ext: string, data: Buffer, name: string): Promise<string> {
  if (ext !== 'docx' && ext !== 'pdf') return extractText(ext, data, name);
  pool ??= new WorkerPool({
    name: 'attachment-text',
    module: workerModule(import.meta.url, './attachment-text.worker.ts', 'attachment-text'),
    size: 2,
    timeoutMs: 15_000,
    maxOldGenerationSizeMb: 256,
  });
  try {
    const out = await pool.run({ ext, data: new Uint8Array(data), name });
    if ('refused' in out) throw new AppError(413, out.refused, 'attachment_too_large');
    return out.text;
  } catch (err) {
    if (err instanceof WorkerLimitError) {
      throw new AppError(
        422,
        `附件“${name}”的文字提取超过${err.limit === 'time' ? '时间' : '内存'}上限，已停止；文件可能已损坏或过于复杂。`,
        'attachment_unreadable',
      );
    }
    throw err;
  }
}
