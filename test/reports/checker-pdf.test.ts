import { spawnSync } from 'node:child_process';
import { chmodSync, existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative, resolve } from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { checkReportBytes, ReportReadError, type CheckResult } from '../../src/reports/check/index.js';
import { readPdf } from '../../src/reports/check/pdf-reader.js';
import { hasSidewaysPage } from '../../src/reports/check/pdftotext.js';
import { unifyRadicals } from '../../src/reports/check/radicals.js';
import { renderReportHtml } from '../../src/reports/render/html.js';
import { hasChromium, launchBrowser } from '../helpers/browser.js';
import type { PdfReaderChoice } from '../../src/reports/check/pdf-reader.js';

/**
 * Issue 15, must-show 4: PDFs with a text layer are read by poppler's `pdftotext -layout` when it is installed
 * (pdfjs otherwise). The fast path must read every PDF we have exactly as pdfjs does, keep the limits, and fall back.
 * With GONGKAI_REQUIRE_OPTIONAL=1 (CI) a missing pdftotext fails the suite instead of skipping.
 */

const ROOT = resolve(import.meta.dirname, '../..');
const hasPdftotext = spawnSync('pdftotext', ['-v']).error === undefined;
if (!hasPdftotext) console.warn('[checker PDF] pdftotext comparisons SKIPPED — install poppler-utils to run them');

function pdfsUnder(dir: string): string[] {
  if (!existsSync(dir)) return [];
  return readdirSync(dir).flatMap((name) => {
    const p = join(dir, name);
    if (statSync(p).isDirectory()) return pdfsUnder(p);
    return name.toLowerCase().endsWith('.pdf') ? [p] : [];
  });
}

// Every PDF of the repository's fixtures and of ../shared/reports (the same real reports, kept as published).
const PDFS = [...pdfsUnder(resolve(ROOT, 'test/fixtures')), ...pdfsUnder(resolve(ROOT, '../../shared/reports'))];

const F = (name: string) => new Uint8Array(readFileSync(resolve(ROOT, 'test/fixtures/reports', name)));
const failure = (p: Promise<unknown>) =>
  p.then(
    () => null,
    (e: unknown) => e as ReportReadError,
  );

type Outcome = { ok: true; result: CheckResult } | { ok: false; code: string; message: string };

async function check(file: string, reader: PdfReaderChoice): Promise<Outcome> {
  try {
    return { ok: true, result: await checkReportBytes(new Uint8Array(readFileSync(file)), { pdfReader: reader }) };
  } catch (err) {
    if (!(err instanceof ReportReadError)) throw err;
    return { ok: false, code: err.code, message: err.message };
  }
}

/** What must agree between the two readings. */
function reading(o: Outcome) {
  if (!o.ok) return o;
  const { report, prose } = o.result;
  return {
    agency: report.agency,
    year: report.year,
    format: report.format,
    tables: report.tables,
    findings: report.findings.map((f) => [f.severity, f.rule, f.where, f.expected, f.actual]),
    prose: prose.map((p) => [p.kind, p.value]),
    ocr: o.result.ocr ?? false,
  };
}

describe.runIf(hasPdftotext)('pdftotext -layout reads every PDF as pdfjs does', () => {
  afterEach(() => {
    delete process.env.GONGKAI_NO_OCR;
  });

  it('finds the PDFs (fixtures and ../shared/reports)', () => {
    expect(PDFS.length).toBeGreaterThanOrEqual(4);
  });

  it.each(PDFS.map((p) => [relative(ROOT, p), p]))(
    '%s',
    async (_name, file) => {
      // A scan (no text layer) goes to OCR on both paths; OCR itself is tested in checker-ocr.test.ts, here both paths
      // must reach the same decision (without Tesseract: the same "this is a scan" error).
      const scan = /scans/.test(file);
      if (scan) process.env.GONGKAI_NO_OCR = '1';
      const viaPdfjs = await check(file, 'pdfjs');
      const viaPdftotext = await check(file, 'pdftotext');
      const viaAuto = await check(file, 'auto');
      expect(reading(viaPdftotext)).toEqual(reading(viaPdfjs));
      expect(reading(viaAuto)).toEqual(reading(viaPdftotext));
      if (!/\/\d\d_[a-z_]+_\d{4}\.pdf$/.test(file)) {
        // Not a report (the scan, the encrypted samples): the same outcome is all that is asked here.
        if (scan) expect(viaPdftotext).toMatchObject({ ok: false, code: 'no-text' });
      } else if (scan) {
        expect(viaPdftotext).toMatchObject({ ok: false, code: 'no-text' });
      } else {
        // A real report: its tables were read (not two equal failures).
        expect(viaPdftotext.ok).toBe(true);
        const r = (viaPdftotext as { result: CheckResult }).result.report;
        expect(r.year).not.toBeNull();
        expect(r.tables.requests.new.total).toBeGreaterThan(0);
        expect(r.findings.filter((f) => f.rule === 'unreadable')).toEqual([]);
      }
    },
    120_000,
  );
});

/**
 * PDFs from another producer: Gongkai's own HTML rendering of each real report and the seed (its tables as read
 * from the clean text), printed by Chromium (Skia; its fonts become Type 3 fonts with ToUnicode maps). Made here
 * rather than stored (some 480 KB each). Both extractors must read back the tables that were rendered.
 */
describe.runIf(hasPdftotext && hasChromium)("PDFs printed by Chromium from Gongkai's rendering", () => {
  const dir = mkdtempSync(join(tmpdir(), 'gk-printed-'));
  const NAMES = ['07_hongze_district_2023', '09_hongze_district_2024', '10_huaian_city_2024', 'seed_zaozhuang_xinfang_2020'];
  const rendered = new Map<string, { agency: string; year: number; format: string; tables: unknown }>();
  beforeAll(async () => {
    const browser = await launchBrowser();
    try {
      const page = await browser.newPage();
      for (const name of NAMES) {
        const read = (await checkReportBytes(F(`${name}.txt`))).report;
        const report = { ...read, agency: read.agency ?? '某机关', year: read.year ?? 2024, findings: [] };
        const html = renderReportHtml(report as Parameters<typeof renderReportHtml>[0], {
          chapters: { overview: `${report.year}年，本机关认真贯彻落实《中华人民共和国政府信息公开条例》。` },
        });
        await page.setContent(html, { waitUntil: 'load' });
        writeFileSync(join(dir, `${name}.pdf`), await page.pdf({ format: 'A4' }));
        // The same with every table turned 90° on its own portrait page, as landscape tables are printed to fit.
        await page.setContent(
          html
            .replace(/<table/g, '<div style="break-before:page;width:900px;transform:rotate(90deg) translate(0,-100%);transform-origin:top left"><table')
            .replace(/<\/table>/g, '</table></div>'),
          { waitUntil: 'load' },
        );
        writeFileSync(join(dir, `${name}.sideways.pdf`), await page.pdf({ format: 'A4' }));
        rendered.set(name, { agency: report.agency, year: report.year, format: report.format, tables: report.tables });
      }
    } finally {
      await browser.close();
    }
  }, 120_000);
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it.each(NAMES)(
    '%s, tables turned sideways: pdftotext reverses their lines, so pdfjs reads the file',
    async (name) => {
      const file = join(dir, `${name}.sideways.pdf`);
      const pdftotextOnly = await readPdf(new Uint8Array(readFileSync(file)), { reader: 'pdftotext' });
      expect(pdftotextOnly.lines.some((l) => l.cells.some((c) => /量数定决理处年本|量数请申/.test(c.text)))).toBe(true);
      const viaAuto = await check(file, 'auto');
      expect(reading(viaAuto)).toEqual(reading(await check(file, 'pdfjs')));
      const r = (viaAuto as { result: CheckResult }).result.report;
      expect({ agency: r.agency, year: r.year, format: r.format, tables: r.tables }).toEqual(rendered.get(name));
    },
    60_000,
  );

  it.each(NAMES)(
    '%s',
    async (name) => {
      const file = join(dir, `${name}.pdf`);
      const viaPdfjs = await check(file, 'pdfjs');
      const viaPdftotext = await check(file, 'pdftotext');
      expect(reading(viaPdftotext)).toEqual(reading(viaPdfjs));
      expect(viaPdftotext.ok).toBe(true);
      const r = (viaPdftotext as { result: CheckResult }).result.report;
      expect({ agency: r.agency, year: r.year, format: r.format, tables: r.tables }).toEqual(rendered.get(name));
    },
    60_000,
  );
});

it("radical code points (Chromium's ToUnicode for Noto CJK) read as the characters", () => {
  // Before this, pdfjs read 「淮安市⼈⺠政府」 from Chromium-printed reports and the agency came out as 「政府」.
  expect(unifyRadicals('淮安市⼈⺠政府2024年政府信息公开⼯作年度报告⼀、')).toBe('淮安市人民政府2024年政府信息公开工作年度报告一、');
  expect(unifyRadicals('⻔户⽹站⻚⾯')).toBe('门户网站页面');
  const plain = '政府信息公开';
  expect(unifyRadicals(plain)).toBe(plain);
});

it('a page of reversed lines (pdftotext on sideways text) is told from an upright one', () => {
  const upright = '本年处理决定数量\n信息内容  行政许可\n一、本年新收政府信息公开申请数量  3001\n';
  const reversed = upright
    .split('\n')
    .map((l) => [...l].reverse().join(''))
    .join('\n');
  expect(hasSidewaysPage(upright)).toBe(false);
  expect(hasSidewaysPage(reversed)).toBe(true);
  // One sideways page among upright ones is enough; the upright pages of a report do not hide it.
  expect(hasSidewaysPage(`${upright.repeat(5)}\f${reversed}\f`)).toBe(true);
  expect(hasSidewaysPage(`${upright.repeat(5)}\f${upright}\f`)).toBe(false);
  // A sideways table on a page of upright text (more upright words than reversed ones on the page).
  expect(hasSidewaysPage(`${upright.repeat(5)}${reversed}`)).toBe(true);
  // Upright text with accidental reversed pairs (管理处, 2023年本级) is upright.
  const accidents = '城市管理处2023年本级预算公开\n市政管理处\n2023年本级\n'.repeat(3);
  expect(hasSidewaysPage(`${upright.repeat(3)}${accidents}`)).toBe(false);
});

describe.runIf(hasPdftotext)('encrypted PDFs (made with qpdf 11.3, AES-256)', () => {
  const E = (name: string) => new Uint8Array(readFileSync(resolve(ROOT, 'test/fixtures/reports/encrypted', name)));
  const words = (lines: { cells: { text: string }[] }[]) =>
    lines
      .flatMap((l) => l.cells.map((c) => c.text))
      .join(' ')
      .split(/\s+/)
      .filter(Boolean);

  it('copying forbidden, no password to open (common on government sites): pdftotext reads it, as pdfjs does', async () => {
    const fast = await readPdf(E('copy-restricted.pdf'), { reader: 'pdftotext' });
    const slow = await readPdf(E('copy-restricted.pdf'), { reader: 'pdfjs' });
    expect(words(fast.lines)).toEqual(words(slow.lines));
    expect(words(fast.lines).join(' ')).toContain('New applications received: 3119');
  });

  it('a password to open: the same "encrypted" error on every path', async () => {
    for (const reader of ['auto', 'pdftotext', 'pdfjs'] as const) {
      const err = await failure(readPdf(E('password.pdf'), { reader }));
      expect(err?.code, reader).toBe('encrypted');
      expect(err?.message).toBe('PDF文件设置了打开密码，无法读取；请提供未加密的文件。');
    }
  });
});

it.runIf(process.env.GONGKAI_REQUIRE_OPTIONAL === '1')('pdftotext (poppler-utils) is installed (required in CI)', () => {
  expect(hasPdftotext).toBe(true);
});

describe.runIf(hasPdftotext)('the fast path keeps its limits', () => {
  it('a PDF whose text exceeds the output cap is refused with the limit error (413 on the API)', async () => {
    const err = await failure(checkReportBytes(F('10_huaian_city_2024.pdf'), { pdfReader: 'pdftotext', pdfMaxTextBytes: 4096 }));
    expect(err).toBeInstanceOf(ReportReadError);
    expect(err!.code).toBe('too-large');
    expect(err!.message).toMatch(/PDF文件中的文字超过4KB/);
    // Auto mode does not fall back to pdfjs past a limit: the same refusal.
    expect((await failure(checkReportBytes(F('10_huaian_city_2024.pdf'), { pdfMaxTextBytes: 4096 })))?.code).toBe('too-large');
    // The whole text is 11 KB: under a cap of 64 KB it is read.
    expect((await checkReportBytes(F('10_huaian_city_2024.pdf'), { pdfReader: 'pdftotext', pdfMaxTextBytes: 65_536 })).report.year).toBe(2024);
  });

  it('over its time limit pdftotext is stopped with the same timeout error as pdfjs', async () => {
    const err = await failure(checkReportBytes(F('10_huaian_city_2024.pdf'), { pdfReader: 'pdftotext', pdfTimeoutMs: 1 }));
    expect(err?.code).toBe('timeout');
    const pdfjs = await failure(checkReportBytes(F('10_huaian_city_2024.pdf'), { pdfReader: 'pdfjs', pdfTimeoutMs: 1 }));
    expect(pdfjs?.code).toBe('timeout');
    expect(err!.message).toBe(pdfjs!.message);
  });

  it('reads only the pages allowed (-l)', async () => {
    const one = await readPdf(F('10_huaian_city_2024.pdf'), { reader: 'pdftotext', maxPages: 1 });
    const all = await readPdf(F('10_huaian_city_2024.pdf'), { reader: 'pdftotext' });
    expect(new Set(one.lines.map((l) => l.page))).toEqual(new Set([1]));
    expect(Math.max(...all.lines.map((l) => l.page ?? 0))).toBeGreaterThanOrEqual(6);
  });

  it('several files at once (children bounded per thread) read the same as one at a time', async () => {
    const one = reading({ ok: true, result: await checkReportBytes(F('09_hongze_district_2024.pdf'), { pdfReader: 'pdftotext' }) });
    const many = await Promise.all(Array.from({ length: 12 }, () => checkReportBytes(F('09_hongze_district_2024.pdf'), { pdfReader: 'pdftotext' })));
    for (const r of many) expect(reading({ ok: true, result: r })).toEqual(one);
  }, 60_000);
});

/** Stand-ins for a pdftotext that misbehaves (a real one cannot be made to hang or fail on cue): each notes its pid. */
const standIns = mkdtempSync(join(tmpdir(), 'gk-pdftotext-'));
afterAll(() => rmSync(standIns, { recursive: true, force: true }));
function standIn(name: string, body: string): string {
  const p = join(standIns, name);
  writeFileSync(p, `#!/bin/sh\necho $$ > ${p}.pid\n${body}\n`);
  chmodSync(p, 0o755);
  return p;
}
const started = (name: string) => existsSync(join(standIns, `${name}.pid`));
function alive(name: string): boolean {
  const pid = Number(readFileSync(join(standIns, `${name}.pid`), 'utf8'));
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}
const settle = () => new Promise((r) => setTimeout(r, 200));

describe('a pdftotext that hangs or floods is killed, not left running', () => {
  afterEach(() => {
    delete process.env.GONGKAI_PDFTOTEXT;
  });

  it('hangs: timeout error, the process is gone, and the event loop ran meanwhile', async () => {
    // `exec` so the shell's pid is the sleeping process.
    process.env.GONGKAI_PDFTOTEXT = standIn('hang', 'exec sleep 60');
    const t0 = performance.now();
    let ticks = 0;
    const ticker = setInterval(() => ticks++, 20);
    const err = await failure(readPdf(F('09_hongze_district_2024.pdf'), { reader: 'auto', timeoutMs: 1500 }));
    clearInterval(ticker);
    expect(err?.code).toBe('timeout');
    expect(performance.now() - t0).toBeLessThan(6000);
    // A child waited for synchronously would have held the thread for the whole 1.5 s (no tick at all).
    expect(ticks).toBeGreaterThanOrEqual(10);
    await settle();
    expect(alive('hang')).toBe(false);
  });

  it('floods: too-large error, the process is gone', async () => {
    process.env.GONGKAI_PDFTOTEXT = standIn('flood', 'exec yes 政府信息公开');
    const err = await failure(readPdf(F('09_hongze_district_2024.pdf'), { reader: 'auto', maxTextBytes: 1024 * 1024 }));
    expect(err?.code).toBe('too-large');
    await settle();
    expect(alive('flood')).toBe(false);
  });
});

describe('fallback to pdfjs', () => {
  afterEach(() => {
    delete process.env.GONGKAI_PDFTOTEXT;
    delete process.env.GONGKAI_PDF_READER;
  });

  it('pdftotext not installed: auto reads with pdfjs; forcing pdftotext says it is missing', async () => {
    process.env.GONGKAI_PDFTOTEXT = join(standIns, 'not-installed');
    const r = await checkReportBytes(F('10_huaian_city_2024.pdf'));
    expect(r.report).toMatchObject({ year: 2024, format: '2021', findings: [] });
    expect(r.report.tables.requests.new.total).toBe(3119);
    const err = await failure(checkReportBytes(F('10_huaian_city_2024.pdf'), { pdfReader: 'pdftotext' }));
    expect(err?.code).toBe('unsupported');
    expect(err?.message).toMatch(/pdftotext（poppler-utils）/);
  });

  it('pdftotext fails on a file (exit 1): pdfjs reads it', async () => {
    process.env.GONGKAI_PDFTOTEXT = standIn('fail', `cat > /dev/null\necho "Syntax Error: Couldn't read xref table" >&2\nexit 1`);
    const r = await checkReportBytes(F('09_hongze_district_2024.pdf'));
    expect(started('fail')).toBe(true);
    expect(r.report).toMatchObject({ year: 2024, format: '2021' });
    expect(r.report.findings.filter((f) => f.severity === 'error').map((f) => [f.rule, f.where, f.expected, f.actual])).toEqual([
      ['prose', 'requests.new.total', 95, 17],
    ]);
  });

  it('one time limit for the file: pdfjs gets only what pdftotext left of it', async () => {
    // pdftotext fails after 2.9 s of a 3 s limit: pdfjs has 0.1 s left, far less than the 6-page report needs.
    process.env.GONGKAI_PDFTOTEXT = standIn('slow-fail', 'cat > /dev/null\nsleep 2.9\nexit 1');
    const t0 = performance.now();
    const err = await failure(readPdf(F('10_huaian_city_2024.pdf'), { timeoutMs: 3000 }));
    expect(err?.code).toBe('timeout');
    expect(err?.message).toMatch(/超过3秒/);
    expect(performance.now() - t0).toBeLessThan(5000);
  });

  it('GONGKAI_PDF_READER=pdfjs forces the pdfjs path (pdftotext is not started)', async () => {
    process.env.GONGKAI_PDF_READER = 'pdfjs';
    process.env.GONGKAI_PDFTOTEXT = standIn('unused', 'exit 1');
    const r = await checkReportBytes(F('07_hongze_district_2023.pdf'));
    expect(started('unused')).toBe(false);
    expect(r.report).toMatchObject({ year: 2023, format: '2021' });
    expect(r.report.tables.appeals.reconsideration).toEqual({ upheld: 10, corrected: 1, other: 0, pending: 0, total: 0 });
    // GONGKAI_PDF_READER=pdftotext: no fallback, pdftotext's failure is the answer.
    process.env.GONGKAI_PDF_READER = 'pdftotext';
    expect((await failure(checkReportBytes(F('07_hongze_district_2023.pdf'))))?.code).toBe('corrupt');
    expect(started('unused')).toBe(true);
  });

  it.runIf(hasPdftotext)('damaged and encrypted PDFs: pdftotext fails, pdfjs names the reason', async () => {
    const damaged = new TextEncoder().encode('%PDF-1.7\nthis is not really a pdf\n%%EOF');
    expect((await failure(checkReportBytes(damaged)))?.code).toBe('corrupt');
    // Forced, pdftotext's own failure is a 'corrupt' too.
    expect((await failure(checkReportBytes(damaged, { pdfReader: 'pdftotext' })))?.code).toBe('corrupt');
  });
});
