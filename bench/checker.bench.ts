import { readFileSync } from 'node:fs';
import JSZip from 'jszip';
import { checkReportBytes, extractDocument } from '../src/reports/check/index.js';
import { reportDocument } from '../src/reports/reports.document.js';
import { renderDocx } from '../src/platform/documents/index.js';
import { CHAPTERS } from '../src/rules/report/format.js';
import { printFigures, type Figure } from './lib.js';

/**
 * Checker throughput in reports per second, for a real published report as text (淮安市 2024, pdftotext -layout)
 * and the same report as a .docx in the official layout. Baselines from the same run: only reading the file
 * (decoding the text; unzipping the .docx and reading word/document.xml).
 */

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
  const figures: Figure[] = [
    { name: 'check a .txt report (pdftotext -layout)', value: txtCheck, unit: 'reports/s', baselineName: 'decode the text into lines only', baseline: txtRead, ratio: txtCheck / txtRead },
    { name: 'check a .docx report (official layout)', value: docxCheck, unit: 'reports/s', baselineName: 'unzip and read word/document.xml only', baseline: docxRead, ratio: docxCheck / docxRead },
  ];
  printFigures('Report checker throughput (淮安市人民政府 2024: 3,119 new applications; one core)', figures);
  return figures;
}
