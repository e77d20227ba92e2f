/**
 * Scanned reports: page images from the PDF (poppler's pdftoppm) read by Tesseract with its Simplified Chinese data
 * (Debian packages tesseract-ocr, tesseract-ocr-chi-sim, poppler-utils), both through their command lines. Each
 * run has a time limit and works in its own temporary directory, removed afterwards.
 */

import { execFile, spawnSync } from 'node:child_process';
import { mkdtemp, readdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ReportReadError } from './errors.js';

export interface OcrTools {
  tesseract: boolean;
  chiSim: boolean;
  pdftoppm: boolean;
}

let tools: OcrTools | null = null;

/** Which OCR tools are installed (looked up once per process). */
export function ocrTools(): OcrTools {
  if (tools) return tools;
  const langs = spawnSync('tesseract', ['--list-langs'], { encoding: 'utf8', timeout: 10_000 });
  const tesseract = langs.status === 0;
  const chiSim = tesseract && /\bchi_sim\b/.test(`${langs.stdout}${langs.stderr}`);
  const ppm = spawnSync('pdftoppm', ['-v'], { encoding: 'utf8', timeout: 10_000 });
  tools = { tesseract, chiSim, pdftoppm: ppm.error === undefined };
  return tools;
}

/** Whether scanned PDFs and images can be read here (GONGKAI_NO_OCR=1 turns OCR off, as if Tesseract were missing). */
export function canOcr(): boolean {
  if (process.env.GONGKAI_NO_OCR === '1') return false;
  const t = ocrTools();
  return t.tesseract && t.chiSim && t.pdftoppm;
}

/** The sentence a person reads when a scan cannot be read because Tesseract is missing. */
export function missingOcrMessage(what: 'pdf' | 'image'): string {
  const t = process.env.GONGKAI_NO_OCR === '1' ? { tesseract: false, chiSim: false, pdftoppm: true } : ocrTools();
  const missing = [
    !t.tesseract && 'Tesseract',
    t.tesseract && !t.chiSim && 'Tesseract简体中文语言包（chi_sim）',
    what === 'pdf' && !t.pdftoppm && 'pdftoppm（poppler-utils）',
  ]
    .filter(Boolean)
    .join('、');
  return `${what === 'pdf' ? '这是扫描件PDF（没有文字层，只有页面图片）' : '这是图片文件'}，需要文字识别（OCR）才能检查，但本机未安装${missing}；请安装 tesseract-ocr、tesseract-ocr-chi-sim 和 poppler-utils，或提供带文字层的PDF或Word文件。`;
}

function run(cmd: string, args: string[], timeoutMs: number): Promise<string> {
  return new Promise((resolve, reject) => {
    execFile(cmd, args, { timeout: timeoutMs, maxBuffer: 64 * 1024 * 1024, encoding: 'utf8' }, (err, stdout) => {
      if (err) {
        reject(
          (err as { killed?: boolean }).killed
            ? new ReportReadError('timeout', `扫描件的文字识别超过${Math.round(timeoutMs / 1000)}秒仍未完成，已停止；请提供带文字层的PDF或Word文件。`)
            : new ReportReadError('corrupt', `扫描件无法识别（${cmd}出错）。`),
        );
      } else resolve(stdout);
    });
  });
}

export interface OcrOptions {
  /** Time limit for the whole file (ms). */
  timeoutMs?: number;
  /** Pages read at most. */
  maxPages?: number;
  /** Rendering resolution. */
  dpi?: number;
}

/** Tesseract on one image file: text with its lines kept (page segmentation 6: one uniform block per page). */
async function tesseract(image: string, deadline: number): Promise<string> {
  const left = Math.max(1000, deadline - Date.now());
  return run('tesseract', [image, '-', '-l', 'chi_sim', '--psm', '6'], left);
}

/** OCR every page of a PDF; one string per page. */
export async function ocrPdf(bytes: Uint8Array, opts: OcrOptions = {}): Promise<string[]> {
  const deadline = Date.now() + (opts.timeoutMs ?? 120_000);
  const dir = await mkdtemp(join(tmpdir(), 'gongkai-ocr-'));
  try {
    const file = join(dir, 'in.pdf');
    await writeFile(file, bytes);
    await run(
      'pdftoppm',
      ['-r', String(opts.dpi ?? 200), '-gray', '-png', '-l', String(opts.maxPages ?? 40), file, join(dir, 'p')],
      Math.max(1000, deadline - Date.now()),
    );
    const pages = (await readdir(dir)).filter((f) => /^p-\d+\.png$/.test(f)).sort((a, b) => Number(a.match(/\d+/)![0]) - Number(b.match(/\d+/)![0]));
    const out: string[] = [];
    for (const p of pages) out.push(await tesseract(join(dir, p), deadline));
    return out;
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

/** OCR one image (PNG, JPEG, GIF). */
export async function ocrImage(bytes: Uint8Array, opts: OcrOptions = {}): Promise<string> {
  const deadline = Date.now() + (opts.timeoutMs ?? 60_000);
  const dir = await mkdtemp(join(tmpdir(), 'gongkai-ocr-'));
  try {
    const file = join(dir, 'in.img');
    await writeFile(file, bytes);
    return await tesseract(file, deadline);
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

/**
 * OCR output into text the text reader takes: Tesseract puts spaces between Chinese characters and reads table
 * rules as 「|」; remove both. Digits stay separated by the spaces Tesseract saw.
 */
export function cleanOcrText(text: string): string {
  return text
    .split('\n')
    .map((line) =>
      line
        .replace(/[|｜丨]/g, '  ')
        .replace(/(?<=[\u4e00-\u9fff（）()、，。：；])[ \t]+(?=[\u4e00-\u9fff（）()、，。：；])/g, '')
        .replace(/[〈〔]/g, '（')
        .replace(/[〉〕]/g, '）'),
    )
    .join('\n');
}
