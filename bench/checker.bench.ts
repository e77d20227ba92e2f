import { readFileSync } from 'node:fs';
import JSZip from 'jszip';
import { checkReportBytes, extractDocument } from '../src/reports/check/index.js';
import { canOcr } from '../src/reports/check/ocr.js';
import { checkInWorker, closeCheckWorkers } from '../src/reports/check/worker-check.js';
import { reportDocument } from '../src/reports/reports.document.js';
import { renderDocx } from '../src/platform/documents/index.js';
import { CHAPTERS } from '../src/rules/report/format.js';
import { printFigures, type Figure } from './lib.js';

/**
 * Checker throughput in reports per second, for a real published report as text (淮安市 2024, pdftotext -layout)
 * and the same report as a .docx in the official layout. Baselines from the same run: only reading the file
 * (decoding the text; unzipping the .docx and reading word/document.xml).
 */

/** Files per second with `k` in flight at once. */
async function rateConcurrent(fn: () => Promise<unknown>, k: number, minMs = 3000): Promise<number> {
  await Promise.all(Array.from({ length: k }, fn));
  let n = 0;
  const start = performance.now();
  while (performance.now() - start < minMs) {
    await Promise.all(Array.from({ length: k }, fn));
    n += k;
  }
  return n / ((performance.now() - start) / 1000);
}

async function rate(fn: () => Promise<unknown>, minMs = 3000): Promise<number> {
  await fn();
  let n = 0;
  const start = performance.now();
  while (performance.now() - start < minMs) {
    await fn();
    n++;
  }
  return n / ((performance.now() - start) / 1000);
}

export async function run(): Promise<Figure[]> {
  const txt = readFileSync(new URL('../test/fixtures/reports/10_huaian_city_2024.txt', import.meta.url).pathname);
  const checked = await checkReportBytes(txt, { fileName: '10_huaian_city_2024.txt' });
  const errors = checked.report.findings.filter((f) => f.severity === 'error');
  if (errors.length) throw new Error(`the benchmark report should be clean, found: ${errors.map((f) => f.message).join('; ')}`);
  const report = { ...checked.report, agency: checked.report.agency ?? '淮安市人民政府', year: checked.report.year ?? 2024 };
  const docx = await renderDocx(
    reportDocument({
      report: report as Parameters<typeof reportDocument>[0]['report'],
      chapters: CHAPTERS.map((c) => ({ key: c.key, title: c.title, text: `${c.title.slice(2)}的情况说明。` })),
      signedDate: '2025-01-20',
    }),
  );
  const docxChecked = await checkReportBytes(docx, { fileName: 'report.docx' });
  if (docxChecked.report.findings.some((f) => f.severity === 'error')) throw new Error('the .docx rendering of the benchmark report should be clean');

  const txtRead = await rate(() => extractDocument(txt, { fileName: 'r.txt' }));
  const txtCheck = await rate(() => checkReportBytes(txt, { fileName: 'r.txt' }));
  const docxRead = await rate(async () => (await JSZip.loadAsync(docx)).file('word/document.xml')!.async('string'));
  const docxCheck = await rate(() => checkReportBytes(docx, { fileName: 'r.docx' }));
  // A PDF with a text layer: the checker (pdftotext -layout as a child with limits when installed, then the reader)
  // against reading the file; and the pdfjs path (a warm worker with limits) that is used without pdftotext.
  const pdfPath = new URL('../test/fixtures/reports/10_huaian_city_2024.pdf', import.meta.url).pathname;
  const pdfCheck = await rate(() => checkReportBytes(readFileSync(pdfPath), { fileName: 'r.pdf' }));
  const pdfjsCheck = await rate(() => checkReportBytes(readFileSync(pdfPath), { fileName: 'r.pdf', pdfReader: 'pdfjs' }));
  const fileRead = await rate(async () => readFileSync(pdfPath), 1000);
  // What the fast path cannot go below: pdftotext alone on the file (a child process, output discarded).
  const { execFile } = await import('node:child_process');
  const pdftotextAlone = await rate(() => new Promise((resolve) => execFile('pdftotext', ['-layout', '-enc', 'UTF-8', pdfPath, '/dev/null'], resolve)), 2000);
  // As the API checks uploads: in the checker's worker pool (two workers), four files in flight.
  const pdfBytes = readFileSync(pdfPath);
  const pdfPool = await rateConcurrent(() => checkInWorker({ bytes: new Uint8Array(pdfBytes), fileName: 'r.pdf' }), 4);
  await closeCheckWorkers();
  // Run-together text (a web page saved by an archiver): the cells are split by the tables' arithmetic.
  const joined = new TextEncoder().encode(
    txt
      .toString('utf8')
      .split('\n')
      .map((l) => l.replace(/\s+/g, ''))
      .join('\n'),
  );
  const joinedCheck = await rate(() => checkReportBytes(joined, { fileName: 'r.txt' }));
  const figures: Figure[] = [
    {
      name: 'check a .txt report (pdftotext -layout)',
      value: txtCheck,
      unit: 'reports/s',
      baselineName: 'decode the text into lines only',
      baseline: txtRead,
      ratio: txtCheck / txtRead,
      target: '≥ 300 reports/s',
    },
    {
      name: 'check a run-together .txt report (cells joined)',
      value: joinedCheck,
      unit: 'reports/s',
      baselineName: 'decode the text into lines only',
      baseline: txtRead,
      ratio: joinedCheck / txtRead,
    },
    {
      name: 'check a .docx report (official layout)',
      value: docxCheck,
      unit: 'reports/s',
      baselineName: 'unzip and read word/document.xml only',
      baseline: docxRead,
      ratio: docxCheck / docxRead,
    },
    {
      name: 'check a .pdf report with a text layer (6 pages)',
      value: pdfCheck,
      unit: 'reports/s',
      baselineName: 'read the file only',
      baseline: fileRead,
      ratio: pdfCheck / fileRead,
      target: '≥ 20 reports/s',
    },
    {
      name: 'check a .pdf report with a text layer (6 pages), against pdftotext alone',
      value: pdfCheck,
      unit: 'reports/s',
      baselineName: 'pdftotext -layout on the file only (child process)',
      baseline: pdftotextAlone,
      ratio: pdfCheck / pdftotextAlone,
    },
    {
      name: 'check a .pdf report with a text layer in the worker pool, 4 in flight',
      value: pdfPool,
      unit: 'reports/s',
      baselineName: 'read the file only',
      baseline: fileRead,
      ratio: pdfPool / fileRead,
      target: '≥ 20 reports/s',
    },
    {
      name: 'check a .pdf report with a text layer, pdfjs path (no pdftotext)',
      value: pdfjsCheck,
      unit: 'reports/s',
      baselineName: 'read the file only',
      baseline: fileRead,
      ratio: pdfjsCheck / fileRead,
    },
  ];
  printFigures('Report checker throughput (淮安市人民政府 2024: 3,119 new applications; one core)', figures);

  // Time per MB as the input grows: bench/checker-size.bench.ts.

  // OCR of a scanned page (Tesseract chi_sim), when installed: pages per second, against rasterising only.
  const ocrFigures: Figure[] = [];
  if (canOcr()) {
    const scan = readFileSync(new URL('../test/fixtures/reports/scans/rendered_2024_page1.pdf', import.meta.url).pathname);
    let t = performance.now();
    await checkReportBytes(scan, { ocrTimeoutMs: 300_000 });
    const ocrS = (performance.now() - t) / 1000;
    t = performance.now();
    const { execFileSync } = await import('node:child_process');
    const { mkdtempSync, rmSync, writeFileSync } = await import('node:fs');
    const dir = mkdtempSync('/tmp/gongkai-bench-');
    writeFileSync(`${dir}/s.pdf`, scan);
    execFileSync('pdftoppm', ['-r', '200', '-gray', '-png', `${dir}/s.pdf`, `${dir}/p`]);
    rmSync(dir, { recursive: true, force: true });
    const rasterS = (performance.now() - t) / 1000;
    ocrFigures.push({
      name: 'check a scanned PDF (1 page, OCR)',
      value: 1 / ocrS,
      unit: 'pages/s',
      baselineName: 'rasterise the page only (pdftoppm 200 dpi)',
      baseline: 1 / rasterS,
      ratio: rasterS / ocrS,
    });
    printFigures('Report checker: scanned reports (Tesseract chi_sim)', ocrFigures);
  } else console.log('\n## Report checker: scanned reports — SKIPPED (tesseract with chi_sim / pdftoppm not installed)');
  return [...figures, ...ocrFigures];
}
