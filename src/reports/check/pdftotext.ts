/**
 * The fast path for PDFs with a text layer: poppler's `pdftotext -layout` (Debian poppler-utils) as a child process.
 *
 * pdfjs spends ~250–300 ms of CPU on a six-page report, most of it in font handling that text extraction cannot
 * switch off; pdftotext reads the same report in ~20 ms and its `-layout` output is the shape the text reader
 * already reads (columns as runs of spaces, pages separated by form feeds). Each run is bounded: a time limit (the
 * child is killed), a cap on the bytes of text it writes (killed when exceeded), a page cap (`-l`). The PDF is given
 * on stdin, so no temporary file is written. A few children run at once per thread at most; more wait their turn.
 */

import { spawn } from 'node:child_process';
import { availableParallelism } from 'node:os';
import { ReportReadError } from './errors.js';

export interface PdftotextLimits {
  /** Time limit for the child (ms): killed when exceeded. */
  timeoutMs: number;
  /** Bytes of text written at most: killed when exceeded. */
  maxBytes: number;
  /** Pages read at most (`-l`). */
  maxPages: number;
}

/** What came out: the text, or why pdftotext could not read the file (then the caller may try pdfjs). */
export type PdftotextResult = { ok: true; text: string; pages: number } | { ok: false; missing: boolean; reason: string };

/**
 * Text of one PDF at most. A real report's `-layout` text is about 2 KB a page (淮安 2024: 11 KB for 6 pages), so
 * 300 pages stay far under it; a 54 KB PDF drawing one text object 60,000 times writes 15 MB.
 */
export const PDF_TEXT_MAX_BYTES = 8 * 1024 * 1024;

/** The command run (tests point it at a missing program to show the fallback). */
export function pdftotextCommand(): string {
  return process.env.GONGKAI_PDFTOTEXT || 'pdftotext';
}

// A small semaphore: children running at once in this thread.
const MAX_CHILDREN = Math.max(1, Math.min(4, availableParallelism()));
let running = 0;
const waiting: (() => void)[] = [];

async function acquire(): Promise<void> {
  if (running < MAX_CHILDREN) {
    running++;
    return;
  }
  await new Promise<void>((resolve) => waiting.push(resolve));
}

function release(): void {
  const next = waiting.shift();
  if (next) next();
  else running--;
}

export function tooMuchText(maxBytes: number): ReportReadError {
  const size = maxBytes >= 1024 * 1024 ? `${Math.round(maxBytes / 1024 / 1024)}MB` : `${Math.round(maxBytes / 1024)}KB`;
  return new ReportReadError('too-large', `PDF文件中的文字超过${size}，远超年度报告的篇幅，未读取；请确认上传的是年度报告本身。`);
}

export function pdfTimeout(timeoutMs: number): ReportReadError {
  return new ReportReadError('timeout', `PDF文件解析超过${Math.round(timeoutMs / 1000)}秒仍未完成，已停止；文件可能过于复杂或已损坏。`);
}

/**
 * Run `pdftotext -layout -enc UTF-8 -l N - -` on the bytes. Throws ReportReadError for a limit exceeded ('timeout',
 * 'too-large'); any other failure (not installed, exit code not 0) is returned, not thrown.
 */
export async function pdftotext(bytes: Uint8Array, limits: PdftotextLimits): Promise<PdftotextResult> {
  await acquire();
  try {
    return await runOnce(bytes, limits);
  } finally {
    release();
  }
}

function runOnce(bytes: Uint8Array, limits: PdftotextLimits): Promise<PdftotextResult> {
  return new Promise((resolve, reject) => {
    const args = ['-layout', '-enc', 'UTF-8', '-l', String(Math.max(1, limits.maxPages)), '-', '-'];
    const child = spawn(pdftotextCommand(), args, { stdio: ['pipe', 'pipe', 'pipe'], env: { ...process.env, LC_ALL: 'C.UTF-8' } });
    const chunks: Buffer[] = [];
    let size = 0;
    let stderr = '';
    let settled = false;
    const settle = (fn: () => void) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      fn();
    };
    const kill = () => {
      if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
    };
    const timer = setTimeout(() => {
      kill();
      settle(() => reject(pdfTimeout(limits.timeoutMs)));
    }, limits.timeoutMs);
    child.stdout.on('data', (chunk: Buffer) => {
      if (settled) return;
      size += chunk.length;
      if (size > limits.maxBytes) {
        kill();
        settle(() => reject(tooMuchText(limits.maxBytes)));
        return;
      }
      chunks.push(chunk);
    });
    child.stderr.on('data', (chunk: Buffer) => {
      if (stderr.length < 2048) stderr += chunk.toString('utf8');
    });
    child.on('error', (err: NodeJS.ErrnoException) => {
      kill();
      settle(() => resolve({ ok: false, missing: err.code === 'ENOENT', reason: err.message }));
    });
    child.on('close', (code, signal) => {
      settle(() => {
        if (code !== 0) {
          resolve({ ok: false, missing: false, reason: `exit ${code ?? signal}: ${stderr.trim().split('\n').pop() ?? ''}` });
          return;
        }
        const text = Buffer.concat(chunks).toString('utf8');
        // pdftotext ends every page with a form feed.
        let pages = 0;
        for (let i = text.indexOf('\f'); i >= 0; i = text.indexOf('\f', i + 1)) pages++;
        resolve({ ok: true, text, pages });
      });
    });
    // The child may exit before it has read all of stdin (a damaged file, a kill): that is not an error here.
    child.stdin.on('error', () => undefined);
    child.stdin.end(bytes);
  });
}

// Words every annual report repeats, and the same two characters the other way round (none of which is a word).
const WORDS = ['公开', '信息', '政府', '申请', '行政', '数量', '本年', '情况', '处理', '复议', '诉讼', '总计', '年度', '报告', '决定'];
const REVERSED = WORDS.map((w) => [...w].reverse().join(''));

function count(text: string, words: string[]): number {
  let n = 0;
  for (const w of words) for (let i = text.indexOf(w); i >= 0; i = text.indexOf(w, i + w.length)) n++;
  return n;
}

/**
 * Whether some page of `pdftotext -layout` output has its text sideways: poppler reads text drawn rotated by 90° on a
 * portrait page (a landscape table turned to fit) with each line's characters in reverse order (「量数定决理处年本」 for
 * 「本年处理决定数量」, 822744 for 447228). pdfjs's reader turns such pages upright; the caller reads the file with it.
 * A page counts as sideways when its reversed words outnumber the upright ones twice over, or when it has two lines or
 * more each with two reversed words and no upright one (a sideways table on a page of upright text). One reversed
 * pair alone happens in upright text (「管理处」 holds 理处), two in one line without an upright word do not.
 */
export function hasSidewaysPage(text: string): boolean {
  return text.split('\f').some((page) => {
    const back = count(page, REVERSED);
    if (back < 3) return false;
    if (back > 2 * count(page, WORDS)) return true;
    let lines = 0;
    for (const line of page.split('\n')) if (count(line, REVERSED) >= 2 && count(line, WORDS) === 0 && ++lines >= 2) return true;
    return false;
  });
}
