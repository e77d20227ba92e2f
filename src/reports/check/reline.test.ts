import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { relineRunTogether } from './reline.js';
import { chooseReadings, rowReadings } from './split.js';

// The shape of a web archive's text copy (平潭综合实验区 2024, shortened): the whole report one paragraph.
const ARCHIVED = [
  '本报告所列数据统计期限为2024年1月1日至2024年12月31日。一、总体情况 2024年，全年办理政府信息公开申请218件，主动公开规章和行政规范性文件。',
  '二、主动公开政府信息情况第二十条第（一）项信息内容本年制发件数本年废止件数现行有效件数规章000行政规范性文件6233440第二十条第（五）项信息内容本年处理决定数量行政许可4529',
  '三、收到和处理政府信息公开申请情况（本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和）申请人情况自然人法人或其他组织总计商业企业科研机构社会公益组织法律服务机构其他',
  '一、本年新收政府信息公开申请数量21710000218二、上年结转政府信息公开申请数量0000000三、本年度办理结果（一）予以公开710000071（三）不予公开1.属于国家秘密40000042.其他法律行政法规禁止公开0000000',
  '（七）总计21710000218四、结转下年度继续办理0000000四、政府信息公开行政复议、行政诉讼情况行政复议行政诉讼结果维持结果纠正其他结果尚未审结总计21317000001324019',
  '五、存在的主要问题及改进情况政策解读形式仍需创新。六、其他需要报告的事项2024年，无收取信息处理费情况。',
].join('');

describe('putting line breaks back into a report archived as one paragraph', () => {
  it('breaks before chapter headings and table rows, and after the headings', () => {
    const lines = relineRunTogether(ARCHIVED).split('\n');
    expect(lines).toEqual(
      expect.arrayContaining([
        '一、总体情况',
        '二、主动公开政府信息情况',
        '第二十条第（一）项',
        '规章000',
        '行政规范性文件6233440',
        '信息内容本年处理决定数量',
        '行政许可4529',
        '一、本年新收政府信息公开申请数量21710000218',
        '（一）予以公开710000071',
        // The item number glued to the cell before it goes with its own row.
        '1.属于国家秘密4000004',
        '2.其他法律行政法规禁止公开0000000',
        '四、结转下年度继续办理0000000',
        '四、政府信息公开行政复议、行政诉讼情况',
        '21317000001324019',
        '五、存在的主要问题及改进情况',
        '六、其他需要报告的事项',
      ]),
    );
    // Running text is left whole: 「规章」 and 「行政规范性文件」 in chapter 一 are not row labels.
    expect(lines).toContain(' 2024年，全年办理政府信息公开申请218件，主动公开规章和行政规范性文件。');
  });

  it('knows the chapter of a long paragraph from a heading on a line before it', () => {
    const archived = readFileSync(resolve(import.meta.dirname, '../../../test/fixtures/reports/unseen/pingtan_2024.txt'), 'utf8');
    const table3 = archived.slice(archived.indexOf('（本列数据'), archived.indexOf('四、政府信息公开行政复议'));
    expect(table3.length).toBeGreaterThan(300);
    const lines = relineRunTogether(`三、收到和处理政府信息公开申请情况\n${table3}\n`).split('\n');
    expect(lines).toContain('（一）予以公开710000071');
    expect(lines).toContain('2.其他法律行政法规禁止公开0000000');
  });

  it('leaves text with short lines alone', () => {
    const text = '一、总体情况\n本年新收政府信息公开申请数量  3  0  0  0  0  0  3\n';
    expect(relineRunTogether(text)).toBe(text);
  });
});

describe('a run-together table whose printed sums do not hold', () => {
  it('is read as printed when every row cuts one way only', () => {
    // 2019 format, 平潭综合实验区 2020: results add up to 27, （七）总计 says 21.
    const rows = new Map<string, number[][]>([
      ['total', rowReadings(['20', '0', '00', '0', '121'], 7, 7)!],
      ['disclosed', rowReadings(['6000017'], 7, 7)!],
      ['partly', rowReadings(['6000006'], 7, 7)!],
    ]);
    const sums = (c: Map<string, number[]>, complete: boolean) => !complete || c.get('total')![6] === c.get('disclosed')![6]! + c.get('partly')![6]!;
    const res = chooseReadings(['total', 'disclosed', 'partly'], rows, sums);
    expect(res.asPrinted).toBe(true);
    expect(res.chosen!.get('total')).toEqual([20, 0, 0, 0, 0, 1, 21]);
    expect(res.chosen!.get('disclosed')).toEqual([6, 0, 0, 0, 0, 1, 7]);
  });

  it('is not read when a row could be cut in several ways', () => {
    const rows = new Map<string, number[][]>([
      ['a', [[1, 2]]],
      ['b', [[3], [4]].map((x) => [x[0]!, 0])],
    ]);
    const res = chooseReadings(['a', 'b'], rows, () => false);
    expect(res).toEqual({ chosen: null, reason: 'none' });
  });
});
