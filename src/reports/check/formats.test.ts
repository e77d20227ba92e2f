import { Document, Packer, Paragraph, Table, TableCell, TableRow, TextRun } from 'docx';
import JSZip from 'jszip';
import { canOcr } from './ocr.js';
import { describe, expect, it } from 'vitest';
import {
  APPEAL_COLUMNS,
  APPEAL_GROUPS,
  APPLICANT_COLUMNS,
  CHAPTERS,
  buildAppealsTable,
  buildRequestsTable,
  emptyReport,
  proactiveBlocks,
  type Report,
} from '../../rules/report/index.js';
import { requestsLayout } from '../render/layout.js';
import { renderReportHtml } from '../render/html.js';
import { checkReportBytes, checkReportText } from './check.js';
import { decodeText } from './input.js';
import { ReportReadError } from './errors.js';
import { pdfFromObjects } from '../../../test/helpers/pdf-objects.js';

function sample(year = 2024): Report {
  const r = emptyReport('某县交通运输局', year);
  r.tables.requests = buildRequestsTable(
    [
      { applicant: 'natural_person', kind: 'new', count: 12 },
      { applicant: 'business', kind: 'new', count: 2 },
      { applicant: 'natural_person', kind: 'carried_in', count: 1 },
      { applicant: 'natural_person', kind: 'closed', outcome: 'disclosed', count: 7 },
      { applicant: 'natural_person', kind: 'closed', outcome: 'unable_not_held', count: 4 },
      { applicant: 'business', kind: 'closed', outcome: 'partly_disclosed', count: 2 },
      { applicant: 'natural_person', kind: 'closed', outcome: 'other_no_correction', count: 1 },
      { applicant: 'natural_person', kind: 'carried_out', count: 1 },
    ],
    r.format,
  );
  r.tables.appeals = buildAppealsTable([{ group: 'reconsideration', result: 'upheld', count: 2 }]);
  return r;
}

const text = (s: string) => new Paragraph({ children: [new TextRun(s)] });
const cell = (s: string, opts: { rowSpan?: number; columnSpan?: number } = {}) => new TableCell({ children: [text(s)], ...opts });

/** A .docx in the official layout, with merged cells as Word makes them (vMerge). */
async function docxOf(report: Report, prose: string): Promise<Uint8Array> {
  const t = report.tables.requests;
  const rows3: TableRow[] = [
    new TableRow({
      children: [
        cell('（本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和）', { columnSpan: 3, rowSpan: 3 }),
        cell('申请人情况', { columnSpan: 7 }),
      ],
    }),
    new TableRow({ children: [cell('自然人', { rowSpan: 2 }), cell('法人或其他组织', { columnSpan: 5 }), cell('总计', { rowSpan: 2 })] }),
    new TableRow({ children: APPLICANT_COLUMNS.filter((c) => c.organization).map((c) => cell(c.label)) }),
  ];
  for (const row of requestsLayout(report)) {
    const labels: TableCell[] = [];
    if (row.resultsSpan) labels.push(cell('三、本年度办理结果', { rowSpan: row.resultsSpan }));
    if (row.kind === 'top') labels.push(cell(row.label, { columnSpan: 3 }));
    else if (row.kind === 'result') labels.push(cell(row.label, { columnSpan: 2 }));
    else {
      if (row.group) labels.push(cell(row.group.label, { rowSpan: row.group.span }));
      labels.push(cell(row.label));
    }
    rows3.push(new TableRow({ children: [...labels, ...APPLICANT_COLUMNS.map((c) => cell(String(t[row.key]![c.key])))] }));
  }
  const p = report.tables.proactive as unknown as Record<string, Record<string, number>>;
  const tables2 = proactiveBlocks(report.format).flatMap((b) => [
    text(b.article),
    new Table({
      rows: [
        new TableRow({ children: [cell('信息内容'), ...b.columns.map((c) => cell(c.label))] }),
        ...b.rows.map((r) => new TableRow({ children: [cell(r.label), ...b.columns.map((c) => cell(String(p[r.key]![c.key])))] })),
      ],
    }),
  ]);
  const a = report.tables.appeals;
  const table4 = new Table({
    rows: [
      new TableRow({ children: [cell('行政复议', { columnSpan: 5, rowSpan: 2 }), cell('行政诉讼', { columnSpan: 10 })] }),
      new TableRow({ children: [cell('未经复议直接起诉', { columnSpan: 5 }), cell('复议后起诉', { columnSpan: 5 })] }),
      new TableRow({ children: APPEAL_GROUPS.flatMap(() => APPEAL_COLUMNS.map((c) => cell(c.label))) }),
      new TableRow({ children: APPEAL_GROUPS.flatMap((g) => APPEAL_COLUMNS.map((c) => cell(String(a[g.key][c.key])))) }),
    ],
  });
  const doc = new Document({
    sections: [
      {
        children: [
          text(`${report.agency}${report.year}年政府信息公开工作年度报告`),
          text(`本报告统计期限自${report.year}年1月1日起至${report.year}年12月31日止。`),
          text(CHAPTERS[0]!.title),
          text(prose),
          text(CHAPTERS[1]!.title),
          ...tables2,
          text(CHAPTERS[2]!.title),
          new Table({ rows: rows3 }),
          text(CHAPTERS[3]!.title),
          table4,
          text(CHAPTERS[4]!.title),
          text('无。'),
          text(CHAPTERS[5]!.title),
          text('无。'),
        ],
      },
    ],
  });
  return new Uint8Array(await Packer.toBuffer(doc));
}

describe('Word .docx', () => {
  it('reads paragraphs and tables, skipping vertically merged cells', async () => {
    const report = sample();
    const r = await checkReportBytes(await docxOf(report, '本年度共收到政府信息公开申请14件，办结14件。'));
    expect(r.source).toBe('docx');
    expect(r.report.tables).toEqual(report.tables);
    expect(r.report).toMatchObject({ agency: '某县交通运输局', year: 2024, format: '2021' });
    expect(r.report.findings).toEqual([]);
  });

  it('finds errors in a .docx: the text contradicts the tables', async () => {
    const r = await checkReportBytes(await docxOf(sample(), '本年度共收到政府信息公开申请10件。'));
    expect(r.report.findings).toEqual([expect.objectContaining({ rule: 'prose', severity: 'error', expected: 14, actual: 10 })]);
  });

  it('a 2019-format docx (2020 report)', async () => {
    const report = sample(2020);
    const r = await checkReportBytes(await docxOf(report, '本年度共收到政府信息公开申请14件。'));
    expect(r.report.format).toBe('2019');
    expect(r.report.tables).toEqual(report.tables);
    expect(r.report.findings).toEqual([]);
  });
});

describe('Markdown', () => {
  it('reads pipe tables, placeholders are blanks, and sums are checked', () => {
    const report = sample();
    const t = report.tables.requests;
    const rows = requestsLayout(report).map((row) => `| ${row.label} | ${APPLICANT_COLUMNS.map((c) => t[row.key]![c.key]).join(' | ')} |`);
    rows[0] = rows[0]!.replace('| 2 |', '| / |'); // 一、 新收 商业企业 → blank
    rows[2] = rows[2]!.replace(/\| 7 \| 0 \| 0 \| 0 \| 0 \| 0 \| 7 \|$/, '| 7 | 0 | 0 | 0 | 0 | 0 | 8 |'); // （一） total wrong
    const md = [
      `# ${report.agency}${report.year}年政府信息公开工作年度报告`,
      '',
      '## 一、总体情况',
      '本年度共收到政府信息公开申请14件。',
      '## 二、主动公开政府信息情况',
      '| 信息内容 | 本年制发件数 | 本年废止件数 | 现行有效件数 |',
      '|---|---|---|---|',
      '| 规章 | 0 | 0 | 0 |',
      '| 行政规范性文件 | 1 | 0 | 9 |',
      '| 行政许可 | 5 |',
      '| 行政处罚 | 0 |',
      '| 行政强制 | 0 |',
      '| 行政事业性收费 | 0.35 |',
      '## 三、收到和处理政府信息公开申请情况',
      '| | 自然人 | 商业企业 | 科研机构 | 社会公益组织 | 法律服务机构 | 其他 | 总计 |',
      '|---|---|---|---|---|---|---|---|',
      ...rows,
      '## 四、政府信息公开行政复议、行政诉讼情况',
      `| ${APPEAL_GROUPS.flatMap(() => APPEAL_COLUMNS.map((c) => c.label)).join(' | ')} |`,
      `|${'---|'.repeat(15)}`,
      '| 2 | 0 | 0 | 0 | 2 | 0 | 0 | 0 | 0 | 0 | 0 | 0 | 0 | 0 | 0 |',
      '## 五、存在的主要问题及改进情况',
      '无。',
      '## 六、其他需要报告的事项',
      '无。',
    ].join('\n');
    const r = checkReportText(md, { markdown: true });
    expect(r.report.tables.requests.new.business).toBeNull();
    expect(r.report.tables.requests.disclosed.total).toBe(8);
    expect((r.report.tables.proactive as { fees: { amount_10k_yuan: number } }).fees.amount_10k_yuan).toBe(0.35);
    // The blank hides a 2: counted as 0 it breaks the business column's identity and the row's total too.
    expect(r.report.findings.map((f) => [f.rule, f.where])).toEqual([
      ['identity', 'requests.business'],
      ['row-total', 'requests.total.total'],
      ['column-total', 'requests.new.total'],
      ['column-total', 'requests.disclosed.total'],
      ['blank', 'requests.new.business'],
    ]);
    expect(r.report.findings[0]!.message).toContain('空白单元格按0计算');
  });
});

describe('HTML', () => {
  it('reads a report inside a layout table (tables nested in a page table)', async () => {
    const report = sample();
    const inner = renderReportHtml(report, { chapters: { requests: '本年度共受理政府信息公开申请14件。' } });
    const body = inner.slice(inner.indexOf('<body>') + 6, inner.indexOf('</body>'));
    const page = `<html><head><meta charset="utf-8"><title>${report.agency}${report.year}年政府信息公开工作年度报告_政府信息公开</title></head><body>
      <table width="100%"><tr><td>首页 &gt; 政务公开 &gt; 年报</td></tr><tr><td>${body}</td></tr></table>
      <script>var x = "一、本年新收政府信息公开申请数量 99";</script></body></html>`;
    const r = await checkReportBytes(new TextEncoder().encode(page));
    expect(r.report.tables).toEqual(report.tables);
    expect(r.report.findings).toEqual([]);
  });

  it('decodes GBK pages', () => {
    expect(decodeText(new Uint8Array([0xd6, 0xd0, 0xce, 0xc4]))).toBe('中文');
    expect(decodeText(new Uint8Array([0xef, 0xbb, 0xbf, 0xe4, 0xb8, 0xad]))).toBe('中');
  });
});

describe('labels as published: typos, spaces, wrapping, numbers before their label', () => {
  it('reads a laid-out table with a wrapped （二） label, 「2.其他法律行政止公开」 and a split 「1.」 label', () => {
    const line = (label: string, ...v: number[]) => `${label.padEnd(30, ' ')}${v.map((x) => String(x).padStart(6)).join('')}`;
    const z = [0, 0, 0, 0, 0, 0, 0];
    const txt = [
      '某某镇人民政府2022年政府信息公开工作年度报告',
      '一、总体情况',
      '    2022年共收到政府信息公开申请3件。',
      '三、收到和处理政府信息公开申请情况',
      line('一、本年新收政府信息公开申请数量', 3, 0, 0, 0, 0, 0, 3),
      line('二、上年结转政府信息公开申请数量', ...z),
      line('     （一）予以公开', 2, 0, 0, 0, 0, 0, 2),
      '     （二）部分公开（区分处理的，只计这一情',
      line('', 1, 0, 0, 0, 0, 0, 1),
      '     形，不计其他情形）',
      line(' 三 、本 年 度   1.', ...z),
      '                 属于国家秘密',
      line('              2.其他法律行政止公开', ...z),
      line('              3.危及“三安全一稳定”', ...z),
      line('  （三）不予公开   4.保护第三方合法权益', ...z),
      line('              5.属于三类内部事务信息', ...z),
      line('              6.属于四类过程性信息', ...z),
      line('              7.属于行政执法案卷', ...z),
      line('              8.属于行政查询事项', ...z),
      line('  （四）无法提供 1.本机关不掌握相关政府信息', ...z),
      line('              2.没有现成信息需要另行制作', ...z),
      line('              3.补正后申请内容仍不明确', ...z),
      line('              1.信访举报投诉类申请', ...z),
      line('              2.重复申请', ...z),
      line('   （五）不予处理 3.要求提供公开出版物', ...z),
      line('              4.无正当理由大量反复 申请', ...z),
      '              5.要求行政机关确认或重 新出具',
      line('', ...z),
      '                   已获取信息',
      '              1.申请人无正当理由逾期不补',
      line('              正、行政机关不再处理其政府信', ...z),
      '              息公开申请',
      line('   （六）其', ...z).replace(/\s+0.*$/, ''),
      '              2.申请人逾期未按收费通知要',
      line('   他处理     求缴纳费用、行政机关不再处理', ...z),
      '              其政府信息公开申请',
      line('              3.其他', ...z),
      line('     （七）总计', 3, 0, 0, 0, 0, 0, 3),
      line('四、结转下年度继续办理', ...z),
      '四、政府信息公开行政复议、行政诉讼情况',
      '行政复议       行政诉讼',
      '  0  0  0  0  0  0  0  0  0  0  0  0  0  0  0',
      '五、存在的主要问题及改进情况',
      '六、其他需要报告的事项',
    ].join('\n');
    const r = checkReportText(txt);
    const t = r.report.tables.requests;
    expect(t.partly_disclosed.total).toBe(1);
    expect(t.withheld_state_secret.total).toBe(0);
    expect(t.other_misc?.total).toBe(0);
    expect(t.total.total).toBe(3);
    // The only error: this sample has no chapter 二 (and so no table 2).
    expect(r.report.findings.filter((f) => f.severity === 'error').map((f) => f.where)).toEqual(['chapters.proactive']);
  });
});

describe('laid-out rows with blank cells are read by column position', () => {
  it('table 4 and table 2 with a missing number', () => {
    const col = (cells: string[], width = 10) => cells.map((c) => c.padStart(width)).join('');
    const heads = ['结果维持', '结果纠正', '其他结果', '尚未审结', '总计'];
    const txt = [
      '某街道办事处2023年政府信息公开工作年度报告',
      '二、主动公开政府信息情况',
      '第二十条第（一）项',
      `信息内容${col(['本年制发件数', '本年废止件数', '现行有效件数'], 16)}`,
      `规章    ${col(['0', '', '0'], 16)}`,
      `行政规范性文件${col(['2', '', '7'], 16).slice(3)}`,
      '四、政府信息公开行政复议、行政诉讼情况',
      `${col(['行政复议'], 10)}${col(['行政诉讼'], 40)}`,
      col([...heads, ...heads, ...heads]),
      col(['1', '0', '0', '', '1', '0', '0', '0', '0', '0', '0', '0', '0', '0', '0']),
    ].join('\n');
    const r = checkReportText(txt);
    expect(r.report.tables.appeals.reconsideration).toEqual({ upheld: 1, corrected: 0, other: 0, pending: null, total: 1 });
    expect(r.report.findings.some((f) => f.rule === 'unreadable' && f.where === 'appeals' && f.severity === 'warning')).toBe(true);
    expect((r.report.tables.proactive as { normative_documents: unknown }).normative_documents).toEqual({ issued: 2, repealed: null, in_force: 7 });
  });
});

describe('unreadable and unsuitable input', () => {
  const bytes = (s: string) => new TextEncoder().encode(s);
  const code = async (b: Uint8Array, opts = {}) => {
    try {
      await checkReportBytes(b, opts);
      return 'read';
    } catch (e) {
      expect(e).toBeInstanceOf(ReportReadError);
      expect((e as ReportReadError).message).toMatch(/[\u4e00-\u9fff]/);
      return (e as ReportReadError).code;
    }
  };

  it('empty, whitespace, binary, images, old .doc, encrypted Office, RTF', async () => {
    expect(await code(new Uint8Array())).toBe('empty');
    expect(await code(bytes('  \n\n ')).catch(() => 'x')).toBe('empty');
    expect(await code(new Uint8Array([0, 1, 2, 3, 255, 254, 0, 0, 7, 8]))).toBe('binary');
    // A damaged PNG: OCR (when Tesseract is installed) cannot read it; without Tesseract images are not read.
    expect(await code(new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0]))).toBe(canOcr() ? 'corrupt' : 'unsupported');
    const cfb = new Uint8Array(2048);
    cfb.set([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]);
    expect(await code(cfb)).toBe('unsupported');
    const name = [...'EncryptedPackage'].flatMap((c) => [c.charCodeAt(0), 0]);
    cfb.set(name, 1024);
    expect(await code(cfb)).toBe('encrypted');
    expect(await code(bytes('{\\rtf1\\ansi 报告}'))).toBe('unsupported');
  });

  it('too large', async () => {
    expect(await code(bytes('x'.repeat(2048)), { maxBytes: 1024 })).toBe('too-large');
  });

  it('not a report', async () => {
    expect(await code(bytes('今天天气很好，我们去公园散步。\n明天再说。\n'))).toBe('not-report');
    expect(await code(bytes('<html><body><p>欢迎访问本网站</p></body></html>'))).toBe('not-report');
  });

  it('damaged zip, a zip that is not Word, an Excel file', async () => {
    expect(await code(new Uint8Array([0x50, 0x4b, 0x03, 0x04, 1, 2, 3, 4, 5]))).toBe('corrupt');
    const zip = new JSZip();
    zip.file('hello.txt', '你好');
    expect(await code(new Uint8Array(await zip.generateAsync({ type: 'uint8array' })))).toBe('unsupported');
    const xlsx = new JSZip();
    xlsx.file('xl/workbook.xml', '<workbook/>');
    expect(await code(new Uint8Array(await xlsx.generateAsync({ type: 'uint8array' })))).toBe('unsupported');
  });

  it('damaged, encrypted, text-less and too slow PDFs', async () => {
    expect(await code(bytes('%PDF-1.7\nthis is not really a pdf\n%%EOF'))).toBe('corrupt');
    expect(await code(encryptedPdf())).toBe('encrypted');
    expect(await code(blankPdf())).toBe('no-text');
    // 300 blank pages take the warm parser far longer than 1 ms (one blank page can answer within it).
    expect(await code(blankPdf(300), { pdfTimeoutMs: 1 })).toBe('timeout');
  });

  it('a report whose tables cannot be read: unreadable findings, not a crash', async () => {
    const r = await checkReportBytes(
      bytes('某局2023年政府信息公开工作年度报告\n一、总体情况\n（表格为图片）\n五、存在的主要问题及改进情况\n六、其他需要报告的事项\n'),
    );
    expect(r.report.findings.filter((f) => f.rule === 'unreadable').map((f) => [f.where, f.severity])).toEqual([
      ['requests', 'error'],
      ['appeals', 'error'],
      ['proactive', 'warning'],
    ]);
  });
});

/** A minimal PDF; `encrypt` adds a standard-security-handler dictionary whose user password is not empty. */
function pdf(objects: string[], trailerExtra = ''): Uint8Array {
  return new TextEncoder().encode(pdfFromObjects(objects, trailerExtra));
}

function blankPdf(pages = 1): Uint8Array {
  const kids = Array.from({ length: pages }, (_, i) => `${i + 3} 0 R`).join(' ');
  return pdf([
    '<< /Type /Catalog /Pages 2 0 R >>',
    `<< /Type /Pages /Kids [${kids}] /Count ${pages} >>`,
    ...Array.from({ length: pages }, () => '<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] >>'),
  ]);
}

function encryptedPdf(): Uint8Array {
  const hex = (n: number) => '<' + 'ab'.repeat(n) + '>';
  return pdf(
    [
      '<< /Type /Catalog /Pages 2 0 R >>',
      '<< /Type /Pages /Kids [3 0 R] /Count 1 >>',
      '<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] >>',
      `<< /Filter /Standard /V 1 /R 2 /O ${hex(32)} /U ${hex(32)} /P -4 >>`,
    ],
    `/Encrypt 4 0 R /ID [${hex(16)} ${hex(16)}] `,
  );
}
