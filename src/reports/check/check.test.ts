import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { checkReportBytes, checkReportText, type CheckResult } from './check.js';

const FIXTURES = resolve(import.meta.dirname, '../../../test/fixtures/reports');
const load = (name: string) => new Uint8Array(readFileSync(resolve(FIXTURES, name)));
const errors = (r: CheckResult) => r.report.findings.filter((f) => f.severity === 'error');

describe('the seed report (2020, 2019 format, Word-extracted text)', () => {
  it('reads the tables and finds the prose/table contradiction', async () => {
    const r = await checkReportBytes(load('seed_zaozhuang_xinfang_2020.txt'));
    expect(r.report).toMatchObject({ agency: '枣庄市信访局', year: 2020, format: '2019' });
    const t = r.report.tables.requests;
    expect(t.new).toMatchObject({ natural_person: 4, total: 4 });
    expect(t.disclosed.natural_person).toBe(3);
    expect(t.other).toMatchObject({ natural_person: 1, total: 1 });
    expect(t.total).toMatchObject({ natural_person: 4, total: 4 });
    expect(t.carried_out.total).toBe(0);
    for (const g of Object.values(r.report.tables.appeals)) expect(Object.values(g)).toEqual([0, 0, 0, 0, 0]);
    expect(Object.keys(r.report.tables.proactive)).toContain('procurement');
    expect(errors(r)).toEqual([expect.objectContaining({ rule: 'prose', severity: 'error', expected: 4, actual: 3, where: 'requests.new.total' })]);
    expect(errors(r)[0]!.message).toContain('收到依申请公开信息3条');
    expect(r.chapters.map((c) => c.key)).toEqual(['overview', 'proactive', 'requests', 'appeals', 'problems', 'other']);
  });
});

describe.each(['txt', 'pdf'])('real reports (.%s)', (ext) => {
  it('07: appeal-total errors, and the single （六） row is a format warning only', async () => {
    const r = await checkReportBytes(load(`07_hongze_district_2023.${ext}`));
    expect(r.report).toMatchObject({ year: 2023, format: '2021' });
    expect(r.report.tables.requests.new.total).toBe(21);
    expect(r.report.tables.requests.withheld_prohibited.total).toBe(0); // 「2.其他法律行政止公开」
    expect(r.report.tables.requests.other_misc).toBeUndefined();
    expect(r.report.tables.appeals.reconsideration).toEqual({ upheld: 10, corrected: 1, other: 0, pending: 0, total: 0 });
    expect(errors(r).map((f) => [f.rule, f.where, f.expected, f.actual])).toEqual([
      ['appeal-total', 'appeals.reconsideration.total', 11, 0],
      ['appeal-total', 'appeals.litigation_after_reconsideration.total', 5, 0],
    ]);
    expect(r.report.findings.filter((f) => f.rule === 'format')).toEqual([expect.objectContaining({ severity: 'warning', where: 'requests.other' })]);
    expect((r.report.tables.proactive as { fees: { amount_10k_yuan: number } }).fees.amount_10k_yuan).toBe(7730.28);
  });

  it('09: the text says 17 applications, the table 95', async () => {
    const r = await checkReportBytes(load(`09_hongze_district_2024.${ext}`));
    expect(r.report).toMatchObject({ agency: '淮安市洪泽区人民政府', year: 2024, format: '2021' });
    expect(errors(r)).toEqual([expect.objectContaining({ rule: 'prose', expected: 95, actual: 17, where: 'requests.new.total' })]);
    expect(r.report.tables.requests.withheld_state_secret.total).toBe(0);
    expect(r.report.tables.appeals.litigation_after_reconsideration).toEqual({ upheld: 2, corrected: 0, other: 1, pending: 0, total: 3 });
  });

  it('10: no error, and the figures are read exactly', async () => {
    const r = await checkReportBytes(load(`10_huaian_city_2024.${ext}`));
    expect(r.report).toMatchObject({ agency: '淮安市人民政府', year: 2024, format: '2021' });
    expect(r.report.findings).toEqual([]);
    const t = r.report.tables.requests;
    expect([t.new.total, t.carried_in.total, t.total.total, t.carried_out.total]).toEqual([3119, 34, 3050, 103]);
    expect(t.new).toEqual({ natural_person: 3001, business: 53, research: 0, nonprofit: 0, legal_service: 61, other: 4, total: 3119 });
    expect([t.other_no_correction?.total, t.other_fee_unpaid?.total, t.other_misc?.total, t.other.total]).toEqual([71, 6, 110, 187]);
    expect(r.report.tables.appeals.reconsideration.total).toBe(351);
    // The text's figures were read and agree: 3119 received, 3050 answered, 34 carried in, 103 carried out, 351 + 46 appeals.
    const kinds = Object.fromEntries(r.prose.map((p) => [p.kind, p.value]));
    expect(kinds).toMatchObject({
      'requests.new.total': 3119,
      'requests.total.total': 3050,
      'requests.carried_in.total': 34,
      'requests.carried_out.total': 103,
      'appeals.reconsideration.total': 351,
      'appeals.litigation.total': 46,
      'appeals.litigation.upheld': 25,
    });
  });
});

describe('carry-over between two real reports', () => {
  it('2024 report against the 2023 one of the same agency', async () => {
    const prev = (await checkReportBytes(load('07_hongze_district_2023.txt'))).report;
    const r = await checkReportBytes(load('09_hongze_district_2024.txt'), { previous: prev });
    // 2023 carried out 0, 2024 carried in 0: no carry-over error; the 2021 in-force chain is a warning at most.
    expect(r.report.findings.filter((f) => f.rule === 'carry-over' && f.severity === 'error')).toEqual([]);
  });
});

describe('a real HTML report with blank cells (上海市人民政府办公厅 2019, excerpt)', () => {
  it('blanks are reported once per blank area, sums count them as 0, and the text is compared', async () => {
    const r = await checkReportBytes(load('shanghai_office_2019_excerpt.html'));
    expect(r.report).toMatchObject({ agency: '上海市人民政府办公厅', year: 2019, format: '2019' });
    const t = r.report.tables.requests;
    expect(t.new).toEqual({ natural_person: 821, business: 35, research: null, nonprofit: null, legal_service: 2, other: 1, total: 859 });
    expect(t.total.total).toBe(805);
    expect(t.disclosed.total).toBeNull();
    expect((r.report.tables.proactive as { procurement: { amount: number } }).procurement.amount).toBe(251000);
    expect(r.report.tables.appeals.reconsideration).toEqual({ upheld: 5, corrected: null, other: null, pending: 2, total: 7 });
    const rules = new Set(r.report.findings.map((f) => f.rule));
    expect([...rules].sort()).toEqual(['blank', 'prose']);
    // One finding per blank area (not 23 for 23 rows), errors before the prose warning.
    expect(r.report.findings.map((f) => [f.severity, f.rule, f.where])).toEqual([
      ['error', 'blank', 'requests.new'],
      ['error', 'blank', 'appeals'],
      ['warning', 'prose', 'requests.unable.total'],
    ]);
    expect(r.report.findings[0]!.message).toContain('“一、本年新收申请”至“四、结转下年度继续办理”共23行');
    // 「予以公开及部分公开258件」 adds two rows and is not compared; 「无法提供265件」 is (a warning).
    expect(r.report.findings.filter((f) => f.rule === 'prose')).toEqual([
      expect.objectContaining({ severity: 'warning', where: 'requests.unable.total', expected: 337, actual: 265 }),
    ]);
  });
});

describe('a prose figure for all applications that is one applicant column of the table', () => {
  const text = (name: string) => readFileSync(resolve(FIXTURES, name), 'utf8');
  const proseOf = (r: CheckResult) => r.report.findings.filter((f) => f.rule === 'prose');
  // 淮安市 2024: 「2024 年，全市共受理政府信息公开申请 3119 件」; table 3 新收 3001 | 53 | 0 | 0 | 61 | 4 | 3119.
  const huaian = (figure: string) =>
    checkReportText(text('10_huaian_city_2024.txt').replace('全市共受理政府信息公开申请 3119 件', `全市共受理政府信息公开申请 ${figure} 件`));

  it('is an error naming both figures and the cell (the 自然人 cell quoted as the total)', () => {
    const r = huaian('3001');
    expect(proseOf(r)).toEqual([expect.objectContaining({ severity: 'error', where: 'requests.new.total', expected: 3119, actual: 3001 })]);
    const msg = proseOf(r)[0]!.message;
    expect(msg).toContain('3119件');
    expect(msg).toContain('3001件');
    expect(msg).toContain('“一、本年新收申请”行“自然人”一栏');
  });

  it('新收 + 结转 counted as received is accepted wording; another figure stays the plain contradiction', () => {
    expect(proseOf(huaian('3153'))).toEqual([]); // 3119 + 34 carried in
    const other = proseOf(huaian('3100'));
    expect(other).toEqual([expect.objectContaining({ severity: 'error', expected: 3119, actual: 3100 })]);
    expect(other[0]!.message).not.toContain('一栏');
  });

  // 上海市人民政府办公厅 2019: 「不予公开35件，占4.34%」; its 不予公开 rows add up to 自然人 32, 商业企业 3.
  // 上海市人民政府办公厅 2019: 「不予公开35件，占4.34%」; its 不予公开 rows add up to 自然人 32, 商业企业 3.
  it('a share of all applications that is one column of its group: an error, not a warning', async () => {
    const html = text('shanghai_office_2019_excerpt.html').replace('不予公开35件，占4.34%', '不予公开32件，占4.34%');
    const r = await checkReportBytes(new TextEncoder().encode(html));
    const withheld = proseOf(r).filter((f) => f.where === 'requests.withheld.total');
    expect(withheld).toEqual([expect.objectContaining({ severity: 'error', expected: 35, actual: 32 })]);
    expect(withheld[0]!.message).toContain('“不予公开”各项合计中“自然人”一栏');
    // The unchanged report has no such error: its 35 agrees.
    const clean = await checkReportBytes(load('shanghai_office_2019_excerpt.html'));
    expect(proseOf(clean).filter((f) => f.where === 'requests.withheld.total')).toEqual([]);
  });

  it('stays a warning when not unambiguous: the figure is also a total of the table, or matches no single column', async () => {
    for (const figure of ['3', '40']) {
      // 3: the 商业企业 column of 不予公开 but also the 部分公开 total; 40: no column at all.
      const html = text('shanghai_office_2019_excerpt.html').replace('不予公开35件，占4.34%', `不予公开${figure}件，占4.34%`);
      const r = await checkReportBytes(new TextEncoder().encode(html));
      expect(proseOf(r).filter((f) => f.where === 'requests.withheld.total')).toEqual([
        expect.objectContaining({ severity: 'warning', actual: Number(figure) }),
      ]);
    }
  });
});

describe('text whose tables were extracted in the wrong order', () => {
  it('is reported as not reliably read (a warning), not as arithmetic errors of the agency', async () => {
    const r = await checkReportBytes(load('10_huaian_city_2024.reading-order.txt'));
    expect(errors(r)).toEqual([]);
    const unread = r.report.findings.filter((f) => f.rule === 'unreadable').map((f) => [f.severity, f.where]);
    expect(unread).toEqual(
      expect.arrayContaining([
        ['warning', 'requests'],
        ['warning', 'appeals'],
      ]),
    );
  });
});

describe('a text of many repeated headings (1.5 MB)', () => {
  it('is read in linear time (the reader does not rescan the text per heading)', () => {
    const unit = [
      '二、主动公开政府信息情况',
      '第二十条第（一）项',
      '信息内容          本年制发件数    本年废止件数    现行有效件数',
      '    本年新制作数量     本年新公开数量    对外公开总数量',
      '三、收到和处理政府信息公开申请情况',
      '（三）不予公开',
      '四、政府信息公开行政复议、行政诉讼情况',
      '行政复议    行政诉讼',
      '',
    ].join('\n');
    const text = `某局2023年政府信息公开工作年度报告\n${unit.repeat(Math.ceil(1.5e6 / Buffer.byteLength(unit)))}`;
    expect(Buffer.byteLength(text)).toBeGreaterThan(1.5e6);
    // CPU time, not wall time: the machine running the suite may be busy with other work.
    const start = process.cpuUsage();
    const r = checkReportText(text);
    const used = process.cpuUsage(start);
    expect(r.report.year).toBe(2023);
    // About 1–2 s of CPU when linear (0.8 MB: 0.6 s measured); a reader rescanning per heading takes minutes.
    expect((used.user + used.system) / 1000).toBeLessThan(20_000);
  }, 90_000);
});
