/**
 * From bytes to an ExtractedDocument: recognise the file type by its content (not its name), decode text
 * (UTF-8, UTF-16, GB18030/GBK), and refuse what cannot be a report with a clear Chinese message.
 */

import type { ExtractedDocument } from './document.js';
import { ReportReadError } from './errors.js';
import { readDocx } from './docx-reader.js';
import { readHtml } from './html-reader.js';
import { readPdf, type PdfReaderChoice } from './pdf-reader.js';
import { canOcr, cleanOcrText, missingOcrMessage, ocrImage } from './ocr.js';
import { readText } from './text-reader.js';

export const DEFAULT_MAX_BYTES = 30 * 1024 * 1024;

export interface ExtractOptions {
  /** The file name, used only as a hint (.md, .html). */
  fileName?: string;
  maxBytes?: number;
  pdfTimeoutMs?: number;
  /** The PDF text extractor: 'auto' (pdftotext when installed, else pdfjs), 'pdfjs' or 'pdftotext'. */
  pdfReader?: PdfReaderChoice;
  /** Bytes of text the PDF text extractor may write. */
  pdfMaxTextBytes?: number;
  /** Time limit for OCR of a scan (ms). */
  ocrTimeoutMs?: number;
  /** The text given is OCR output (read by another tool from page images): its figures may be misread. */
  ocr?: boolean;
  /** Characters of text at most (a real annual report has 5,000–30,000); more is refused as too large. */
  maxChars?: number;
}

/** The checker's default text limit: some twenty times the longest annual report seen. */
export const DEFAULT_MAX_CHARS = 400_000;

function limitChars(doc: ExtractedDocument, maxChars: number | undefined): ExtractedDocument {
  if (maxChars === undefined) return doc;
  let n = 0;
  for (const line of doc.lines) {
    for (const c of line.cells) n += c.text.length;
    if (n > maxChars) throw TOO_MANY_CHARS(maxChars);
  }
  return doc;
}

const TOO_MANY_CHARS = (maxChars: number) =>
  new ReportReadError(
    'too-large',
    `文件中的文字超过${Math.round(maxChars / 10_000)}万字，远超年度报告的篇幅（通常一万字以内），未检查；请确认上传的是年度报告本身。`,
  );

/**
 * A plain text with more than twice `maxChars` characters other than white space is refused before it is split
 * into lines and cells (its cells hold at least those characters, less a few markers): a 10 MB text is refused in
 * a few milliseconds instead of seconds of line building.
 */
function preLimitText(text: string, maxChars: number | undefined): void {
  if (maxChars === undefined || text.length <= 2 * maxChars) return;
  let n = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c > 32 && c !== 0x3000 && c !== 0xa0) n++;
  }
  if (n > 2 * maxChars) throw TOO_MANY_CHARS(maxChars);
}

function startsWith(bytes: Uint8Array, sig: number[], offset = 0): boolean {
  return sig.every((b, i) => bytes[offset + i] === b);
}

function indexOfAscii(bytes: Uint8Array, needle: string, limit: number): number {
  const n = [...needle].map((c) => c.charCodeAt(0));
  const end = Math.min(bytes.length - n.length, limit);
  outer: for (let i = 0; i <= end; i++) {
    for (let j = 0; j < n.length; j++) if (bytes[i + j] !== n[j]) continue outer;
    return i;
  }
  return -1;
}

function containsUtf16(bytes: Uint8Array, needle: string): boolean {
  const n: number[] = [];
  for (const c of needle) n.push(c.charCodeAt(0), 0);
  const end = bytes.length - n.length;
  outer: for (let i = 0; i <= end; i++) {
    for (let j = 0; j < n.length; j++) if (bytes[i + j] !== n[j]) continue outer;
    return true;
  }
  return false;
}

/** Decode text: BOM, then strict UTF-8, then GB18030 (a superset of GBK/GB2312), honouring an HTML charset. */
export function decodeText(bytes: Uint8Array): string {
  if (startsWith(bytes, [0xef, 0xbb, 0xbf])) return new TextDecoder('utf-8').decode(bytes.subarray(3));
  if (startsWith(bytes, [0xff, 0xfe])) return new TextDecoder('utf-16le').decode(bytes.subarray(2));
  if (startsWith(bytes, [0xfe, 0xff])) return new TextDecoder('utf-16be').decode(bytes.subarray(2));
  const head = new TextDecoder('latin1').decode(bytes.subarray(0, 2048));
  const declared = head.match(/charset\s*=\s*["']?\s*([\w-]+)/i)?.[1]?.toLowerCase();
  if (declared && /^(gb2312|gbk|gb18030|x-gbk)$/.test(declared)) {
    try {
      return new TextDecoder('gb18030', { fatal: true }).decode(bytes);
    } catch {
      // fall through to detection
    }
  }
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    try {
      return new TextDecoder('gb18030', { fatal: true }).decode(bytes);
    } catch {
      return new TextDecoder('utf-8').decode(bytes);
    }
  }
}

function looksBinary(bytes: Uint8Array): boolean {
  const n = Math.min(bytes.length, 8192);
  if (n === 0) return false;
  // UTF-16 text has many NULs but starts with a BOM (handled by decodeText).
  if (startsWith(bytes, [0xff, 0xfe]) || startsWith(bytes, [0xfe, 0xff])) return false;
  let control = 0;
  for (let i = 0; i < n; i++) {
    const b = bytes[i]!;
    if (b === 0) return true;
    if (b < 9 || (b > 13 && b < 32 && b !== 27)) control++;
  }
  return control / n > 0.02;
}

/** Recognise the file type and read it into lines. Throws ReportReadError when it cannot be read. */
export async function extractDocument(bytes: Uint8Array, opts: ExtractOptions = {}): Promise<ExtractedDocument> {
  return limitChars(await extractAny(bytes, opts), opts.maxChars);
}

async function extractAny(bytes: Uint8Array, opts: ExtractOptions): Promise<ExtractedDocument> {
  const maxBytes = opts.maxBytes ?? DEFAULT_MAX_BYTES;
  if (bytes.length === 0) throw new ReportReadError('empty', '文件是空的（0字节），没有可检查的内容。');
  if (bytes.length > maxBytes) {
    throw new ReportReadError(
      'too-large',
      `文件大小为${(bytes.length / 1024 / 1024).toFixed(1)}MB，超过检查上限${Math.round(maxBytes / 1024 / 1024)}MB，未读取。`,
    );
  }
  const name = (opts.fileName ?? '').toLowerCase();
  const pdfAt = indexOfAscii(bytes, '%PDF-', 1024);
  if (pdfAt >= 0) {
    return readPdf(pdfAt > 0 ? bytes.subarray(pdfAt) : bytes, {
      timeoutMs: opts.pdfTimeoutMs,
      ocrTimeoutMs: opts.ocrTimeoutMs,
      reader: opts.pdfReader,
      maxTextBytes: opts.pdfMaxTextBytes,
    });
  }
  if (startsWith(bytes, [0x50, 0x4b, 0x03, 0x04]) || startsWith(bytes, [0x50, 0x4b, 0x05, 0x06])) return readDocx(bytes);
  if (startsWith(bytes, [0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1])) {
    if (containsUtf16(bytes, 'EncryptedPackage')) {
      throw new ReportReadError('encrypted', '文件设置了打开密码（加密的Office文档），无法读取；请提供未加密的文件。');
    }
    throw new ReportReadError('unsupported', '这是旧版Word（.doc）或其他Office二进制格式，暂不支持；请另存为.docx或PDF后再检查。');
  }
  if (startsWith(bytes, [0x89, 0x50, 0x4e, 0x47]) || startsWith(bytes, [0xff, 0xd8, 0xff]) || startsWith(bytes, [0x47, 0x49, 0x46, 0x38])) {
    // A photographed or scanned page: OCR when Tesseract is installed.
    if (!canOcr()) throw new ReportReadError('unsupported', missingOcrMessage('image'));
    const text = cleanOcrText(await ocrImage(bytes, { timeoutMs: opts.ocrTimeoutMs }));
    if (text.replace(/\s/g, '').length < 20)
      throw new ReportReadError('no-text', '图片中没有识别出文字（可能过于模糊），无法检查；请提供Word、PDF、网页或文本格式的年度报告。');
    return { ...readText(text), source: 'txt', ocr: true };
  }
  if (indexOfAscii(bytes, '{\\rtf', 16) === 0) {
    throw new ReportReadError('unsupported', '这是RTF格式文件，暂不支持；请另存为.docx或PDF后再检查。');
  }
  if (looksBinary(bytes)) throw new ReportReadError('binary', '这不是文本文件，也不是可识别的Word、PDF或网页文件，无法读取。');
  const text = decodeText(bytes);
  if (!text.trim()) throw new ReportReadError('empty', '文件中只有空白，没有可检查的内容。');
  const head = text.slice(0, 4096);
  if (/\.html?$/.test(name) || /<!doctype\s+html|<html[\s>]|<body[\s>]|<table[\s>]|<p[\s>]|<div[\s>]/i.test(head)) return readHtml(text);
  preLimitText(text, opts.maxChars);
  const doc = /\.(md|markdown)$/.test(name) ? readText(text, { markdown: true }) : readText(text);
  return opts.ocr ? { ...doc, ocr: true } : doc;
}
