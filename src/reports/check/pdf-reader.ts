/**
 * PDF into lines, with pdfjs-dist's text items and their positions.
 *
 * Parsing runs in a warm worker thread (pdfjs loaded once) that is terminated when a file exceeds its time (or
 * memory) limit, so a hostile or pathological PDF cannot hang the checker. Lines are rebuilt by the vertical centre of the items (items of
 * different font sizes on one table row still meet), cells by the horizontal gaps between them; each cell keeps its
 * x centre so numbers can be put in their columns. Page numbers in the margins are dropped; pages whose text runs
 * sideways (tables printed landscape) are turned upright first.
 */

import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { Worker } from 'node:worker_threads';
import { InflateLimitError, scanPdfStreams } from '../../platform/documents/inflate.js';
import { isPageNumber, type Cell, type DocLine, type ExtractedDocument } from './document.js';
import { ReportReadError } from './errors.js';
import { canOcr, cleanOcrText, missingOcrMessage, ocrPdf } from './ocr.js';
import { hasSidewaysPage, PDF_TEXT_MAX_BYTES, pdfTimeout, pdftotext } from './pdftotext.js';
import { unifyRadicals } from './radicals.js';
import { readText } from './text-reader.js';

export interface PdfOptions {
  /** Time limit for parsing the whole file (ms). */
  timeoutMs?: number;
  /** Pages read at most. */
  maxPages?: number;
  /** Time limit for OCR of a scanned PDF (ms). */
  ocrTimeoutMs?: number;
  /**
   * Which text extractor: 'auto' (the default) is pdftotext when installed, pdfjs when it is not or fails on the
   * file; 'pdfjs' or 'pdftotext' only that one. GONGKAI_PDF_READER sets the default.
   */
  reader?: PdfReaderChoice;
  /** Bytes of text pdftotext may write (PDF_TEXT_MAX_BYTES). */
  maxTextBytes?: number;
}

export type PdfReaderChoice = 'auto' | 'pdfjs' | 'pdftotext';

const ENCRYPTED = 'PDF文件设置了打开密码，无法读取；请提供未加密的文件。';

function readerChoice(opts: PdfOptions): PdfReaderChoice {
  const env = process.env.GONGKAI_PDF_READER;
  return opts.reader ?? (env === 'pdfjs' || env === 'pdftotext' ? env : 'auto');
}

/** [str, a, b, c, d, e, f, width, height] in viewport (device) space. */
type RawItem = [string, number, number, number, number, number, number, number, number];

interface RawPage {
  width: number;
  height: number;
  items: RawItem[];
}

type WorkerReply = { ok: true; numPages: number; pages: RawPage[] } | { ok: false; name: string; message: string };

// Plain JavaScript run with `eval`, so it works the same from sources (tsx, vitest) and from the compiled build.
// The worker stays warm between files (importing pdfjs costs about a second): it takes one file at a time,
// {id, data, maxPages}, and answers {id, ...reply}. A file that exceeds a limit gets the worker terminated; the next
// file starts a fresh one.
const WORKER_SOURCE = `
const { parentPort, workerData } = require('node:worker_threads');
let pdfjsPromise;
parentPort.on('message', async (job) => {
  let doc;
  try {
    const pdfjs = await (pdfjsPromise ??= import(workerData.pdfjsUrl));
    const task = pdfjs.getDocument({
      data: job.data,
      isEvalSupported: false,
      disableFontFace: true,
      useSystemFonts: false,
      verbosity: 0,
      stopAtErrors: false,
      cMapUrl: workerData.cMapDir,
      cMapPacked: true,
      standardFontDataUrl: workerData.fontDir,
    });
    doc = await task.promise;
    const pages = [];
    const n = Math.min(doc.numPages, job.maxPages);
    for (let p = 1; p <= n; p++) {
      const page = await doc.getPage(p);
      const vp = page.getViewport({ scale: 1 });
      const tc = await page.getTextContent();
      const items = [];
      for (const it of tc.items) {
        if (!it || typeof it.str !== 'string' || !it.str.trim()) continue;
        const m = pdfjs.Util.transform(vp.transform, it.transform);
        items.push([it.str, m[0], m[1], m[2], m[3], m[4], m[5], it.width, it.height]);
      }
      pages.push({ width: vp.width, height: vp.height, items });
      page.cleanup();
    }
    parentPort.postMessage({ id: job.id, ok: true, numPages: doc.numPages, pages });
  } catch (e) {
    parentPort.postMessage({ id: job.id, ok: false, name: String((e && e.name) || 'Error'), message: String((e && e.message) || e) });
  } finally {
    try { if (doc) await doc.destroy(); } catch {}
  }
});
`;

function pdfjsLocation(): { pdfjsUrl: string; cMapDir: string; fontDir: string } {
  const require = createRequire(import.meta.url);
  const root = dirname(require.resolve('pdfjs-dist/package.json'));
  return {
    pdfjsUrl: pathToFileURL(join(root, 'legacy/build/pdf.mjs')).href,
    cMapDir: join(root, 'cmaps') + '/',
    fontDir: join(root, 'standard_fonts') + '/',
  };
}

/** The warm worker of this thread, and the queue that gives it one file at a time. */
let warm: Worker | null = null;
let queue: Promise<unknown> = Promise.resolve();
let nextId = 1;

function warmWorker(): Worker {
  if (warm) return warm;
  const w = new Worker(WORKER_SOURCE, {
    eval: true,
    workerData: pdfjsLocation(),
    resourceLimits: { maxOldGenerationSizeMb: 768 },
    stdout: true,
    stderr: true,
  });
  w.unref(); // an idle warm worker never keeps the process (the CLI) alive
  w.on('exit', () => {
    if (warm === w) warm = null;
  });
  warm = w;
  return w;
}

/** `limitMs` is the limit named in the timeout message (the whole file's), `timeoutMs` the time left for pdfjs. */
function runWorker(bytes: Uint8Array, timeoutMs: number, maxPages: number, limitMs = timeoutMs): Promise<WorkerReply> {
  const run = () => parseOnce(bytes, timeoutMs, maxPages, limitMs);
  const result = queue.then(run, run);
  queue = result.catch(() => undefined);
  return result;
}

function parseOnce(bytes: Uint8Array, timeoutMs: number, maxPages: number, limitMs: number): Promise<WorkerReply> {
  const data = new Uint8Array(bytes); // a copy the worker owns
  const id = nextId++;
  const worker = warmWorker();
  return new Promise((resolve, reject) => {
    let settled = false;
    const finish = (fn: () => void, kill: boolean) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      worker.off('message', onMessage);
      worker.off('error', onError);
      worker.off('exit', onExit);
      worker.unref();
      if (kill) {
        if (warm === worker) warm = null;
        void worker.terminate();
      }
      fn();
    };
    const onMessage = (msg: WorkerReply & { id: number }) => {
      if (msg.id === id) finish(() => resolve(msg), false);
    };
    const onError = (err: Error) =>
      finish(
        () =>
          reject(
            /memory|heap/i.test(String(err?.message))
              ? new ReportReadError('too-large', 'PDF文件解析时占用内存过多，已停止；文件可能过大或已损坏。')
              : new ReportReadError('corrupt', 'PDF文件无法解析，可能已损坏。'),
          ),
        true,
      );
    const onExit = (code: number) => finish(() => reject(new ReportReadError('corrupt', `PDF文件无法解析（解析进程意外退出，代码${code}）。`)), true);
    const timer = setTimeout(() => finish(() => reject(pdfTimeout(limitMs)), true), timeoutMs);
    worker.on('message', onMessage);
    worker.on('error', onError);
    worker.on('exit', onExit);
    worker.ref();
    worker.postMessage({ id, data, maxPages }, [data.buffer as ArrayBuffer]);
  });
}

// ---------------------------------------------------------------------------------------------------------------
// Rebuilding lines and cells

interface Item {
  text: string;
  x: number;
  /** Baseline, growing downwards. */
  y: number;
  w: number;
  h: number;
}

function dominantAngle(items: RawItem[]): number {
  const weight = new Map<number, number>();
  for (const [str, a, b] of items) {
    const q = (Math.round(Math.atan2(b, a) / (Math.PI / 2)) * 90 + 360) % 360;
    weight.set(q, (weight.get(q) ?? 0) + str.length);
  }
  let best = 0;
  let bestW = -1;
  for (const [q, w] of weight) if (w > bestW) [best, bestW] = [q, w];
  return best;
}

function pageItems(page: RawPage): Item[] {
  const angle = dominantAngle(page.items);
  const th = (angle * Math.PI) / 180;
  const cos = Math.cos(th);
  const sin = Math.sin(th);
  const out: Item[] = [];
  for (const [str, a, b, c, d, e, f, width, height] of page.items) {
    // Rotate the page so the dominant text direction runs left to right.
    const x = e * cos + f * sin;
    const y = -e * sin + f * cos;
    const h = Math.max(Math.hypot(c, d), height || 0, 1);
    const w = Math.max(width || Math.hypot(a, b) * str.length, 0);
    out.push({ text: unifyRadicals(str), x, y, w, h });
  }
  return out;
}

/** Drop a page's first or last line when it is only a page number (「- 3 -」「3」「第3页」). */
function dropPageNumbers(lines: DocLine[]): DocLine[] {
  const isNumberLine = (l: DocLine | undefined) => {
    if (!l || l.cells.length !== 1) return false;
    const t = l.cells[0]!.text.trim();
    return isPageNumber(t) || /^[-—–－\s]*\d{1,3}[-—–－\s]*$/.test(t);
  };
  let out = lines;
  if (isNumberLine(out[out.length - 1])) out = out.slice(0, -1);
  if (isNumberLine(out[0])) out = out.slice(1);
  return out.filter((l) => !(l.cells.length === 1 && isPageNumber(l.cells[0]!.text)));
}

function buildLines(items: Item[], page: number): DocLine[] {
  const sorted = [...items].sort((p, q) => p.y - p.h * 0.35 - (q.y - q.h * 0.35) || p.x - q.x);
  const groups: { cy: number; h: number; items: Item[] }[] = [];
  for (const it of sorted) {
    const cy = it.y - it.h * 0.35;
    const g = groups[groups.length - 1];
    if (g && Math.abs(cy - g.cy) <= 0.45 * Math.min(it.h, g.h)) {
      g.items.push(it);
    } else {
      groups.push({ cy, h: it.h, items: [it] });
    }
  }
  const lines: DocLine[] = [];
  for (const g of groups) {
    const row = g.items.sort((p, q) => p.x - q.x);
    const cells: Cell[] = [];
    let start = row[0]!.x;
    let end = row[0]!.x + row[0]!.w;
    let text = row[0]!.text;
    for (let i = 1; i < row.length; i++) {
      const it = row[i]!;
      const gap = it.x - end;
      const em = Math.min(it.h, row[i - 1]!.h);
      if (gap > em * 0.9) {
        cells.push({ text: text.trim(), x: (start + end) / 2, width: end - start });
        start = it.x;
        text = it.text;
      } else {
        text += (gap > em * 0.25 && !/\s$/.test(text) ? ' ' : '') + it.text;
      }
      end = Math.max(end, it.x + it.w);
    }
    cells.push({ text: text.trim(), x: (start + end) / 2, width: end - start });
    lines.push({ kind: 'layout', cells: cells.filter((c) => c.text), page });
  }
  return lines;
}

/** Inflated bytes at most for one of a PDF's streams, and for all of them (a text report has a few MB in all). */
export const PDF_STREAM_LIMITS = { perStream: 32 * 1024 * 1024, total: 128 * 1024 * 1024 };

/**
 * Refuse a PDF whose compressed streams inflate past PDF_STREAM_LIMITS (a decompression bomb) before pdfjs sees it:
 * pdfjs inflates without a limit, and its typed arrays are outside the worker's heap limit.
 */
function refuseBomb(bytes: Uint8Array): void {
  try {
    scanPdfStreams(bytes, PDF_STREAM_LIMITS);
  } catch (err) {
    if (!(err instanceof InflateLimitError)) throw err;
    const mb = Math.round(err.limit / 1024 / 1024);
    throw new ReportReadError('too-large', `PDF文件中的压缩内容解压后超过${mb}MB（可能是“压缩炸弹”），远超年度报告所需，未读取。`);
  }
}

/**
 * Read a PDF's text as lines. Throws ReportReadError for encrypted, damaged, image-only or too slow files.
 *
 * The fast path is pdftotext (see pdftotext.ts); pdfjs reads the file when pdftotext is not installed or fails on it
 * (and gives the precise reason for a damaged or encrypted file). A PDF whose text layer is empty goes to pdfjs and
 * from there to OCR exactly as before, so a scan is judged the same whichever extractor is installed. A page whose
 * text pdftotext read sideways (reversed lines: see hasSidewaysPage) also sends the file to pdfjs, which turns it.
 */
export async function readPdf(bytes: Uint8Array, opts: PdfOptions = {}): Promise<ExtractedDocument> {
  refuseBomb(bytes);
  const choice = readerChoice(opts);
  const timeoutMs = opts.timeoutMs ?? 20_000;
  // One time limit for the file: what pdftotext used is not given to pdfjs again.
  const deadline = Date.now() + timeoutMs;
  if (choice !== 'pdfjs') {
    const out = await pdftotext(bytes, { timeoutMs, maxBytes: opts.maxTextBytes ?? PDF_TEXT_MAX_BYTES, maxPages: opts.maxPages ?? 300 });
    if (out.ok) {
      const sideways = choice === 'auto' && hasSidewaysPage(out.text);
      if (textChars(out.text) >= 20 && !sideways) return { ...readText(unifyRadicals(out.text)), source: 'pdf' };
      if (choice === 'pdftotext') return readScan(bytes, out.pages, opts);
    } else if (choice === 'pdftotext') {
      if (/password/i.test(out.reason)) throw new ReportReadError('encrypted', ENCRYPTED);
      throw new ReportReadError(
        out.missing ? 'unsupported' : 'corrupt',
        out.missing ? '本机未安装pdftotext（poppler-utils），无法用它读取PDF。' : `PDF文件无法解析（${out.reason.slice(0, 80)}）。`,
      );
    }
  }
  return readPdfjs(bytes, opts, Math.max(1, deadline - Date.now()), timeoutMs);
}

function textChars(text: string): number {
  let n = 0;
  for (let i = 0; i < text.length && n < 20; i++) if (text.charCodeAt(i) > 32 && text[i] !== '\u3000' && text[i] !== '\u00a0') n++;
  return n;
}

async function readPdfjs(bytes: Uint8Array, opts: PdfOptions, timeoutMs: number, limitMs: number): Promise<ExtractedDocument> {
  const reply = await runWorker(bytes, timeoutMs, opts.maxPages ?? 300, limitMs);
  if (!reply.ok) {
    if (reply.name === 'PasswordException' || /password/i.test(reply.message)) {
      throw new ReportReadError('encrypted', ENCRYPTED);
    }
    if (reply.name === 'InvalidPDFException' || /invalid pdf/i.test(reply.message)) {
      throw new ReportReadError('corrupt', 'PDF文件已损坏或不是有效的PDF，无法读取。');
    }
    throw new ReportReadError('corrupt', `PDF文件无法解析（${reply.message.slice(0, 80)}）。`);
  }
  const lines: DocLine[] = [];
  let chars = 0;
  reply.pages.forEach((p, i) => {
    const items = pageItems(p);
    chars += items.reduce((s, it) => s + it.text.length, 0);
    if (items.length) lines.push(...dropPageNumbers(buildLines(items, i + 1)));
  });
  if (chars < 20) return readScan(bytes, reply.pages.length, opts);
  return { source: 'pdf', lines };
}

/** A scan: page images only. Read them with Tesseract when it is installed. */
async function readScan(bytes: Uint8Array, pages: number, opts: PdfOptions): Promise<ExtractedDocument> {
  if (pages === 0) throw new ReportReadError('no-text', 'PDF中没有页面，无法检查。');
  if (!canOcr()) throw new ReportReadError('no-text', missingOcrMessage('pdf'));
  const ocr = await ocrPdf(bytes, { timeoutMs: opts.ocrTimeoutMs, maxPages: opts.maxPages ?? 40 });
  const text = cleanOcrText(ocr.join('\f'));
  if (text.replace(/\s/g, '').length < 20) {
    throw new ReportReadError(
      'no-text',
      'PDF中没有文字层，文字识别（OCR）也没有识别出文字（可能是空白页或图片过于模糊），无法检查；请提供带文字层的PDF或Word文件。',
    );
  }
  return { ...readText(text), source: 'pdf', ocr: true };
}
