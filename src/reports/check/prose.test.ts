import { describe, expect, it } from 'vitest';
import { extractProse } from './prose.js';

const read = (t: string) => extractProse(t).map((p) => [p.kind, p.value]);

describe('figures stated in the text', () => {
  it('received, answered, carried in and out (淮安市 2024)', () => {
    expect(
      read('2024 年，全市共受理政府信息公开申请 3119 件，答复 3050 件（含上年度结转申请 34 件，另有 103 件顺延到下年度答复），均在法定期限内予以答复。'),
    ).toEqual([
      ['requests.new.total', 3119],
      ['requests.carried_in.total', 34],
      ['requests.carried_out.total', 103],
      ['requests.total.total', 3050],
    ]);
  });

  it('the seed: 「共收到依申请公开信息3条」', () => {
    expect(read('2020年，市信访局共收到依申请公开信息3条，全部按照要求按期给予规范性告知。')).toEqual([['requests.new.total', 3]]);
  });

  it('appeals with their results', () => {
    expect(
      read(
        '政府信息公开行政复议 351 件，其中结果维持 72 件，结果纠正 64 件，其他结果 178 件，尚未审结 37 件；政府信息公开行政诉讼 46 件，其中结果维持 25 件。',
      ),
    ).toEqual([
      ['appeals.reconsideration.total', 351],
      ['appeals.reconsideration.upheld', 72],
      ['appeals.reconsideration.corrected', 64],
      ['appeals.reconsideration.other', 178],
      ['appeals.reconsideration.pending', 37],
      ['appeals.litigation.total', 46],
      ['appeals.litigation.upheld', 25],
    ]);
  });

  it('leaves parts, other scopes and other matters alone', () => {
    expect(read('全县共受理政府信息公开申请120件，其中县政府办受理15件。')).toEqual([['requests.new.total', 120]]);
    expect(read('全年受理行政复议申请200件，办结180件。')).toEqual([]);
    expect(read('收到人大代表建议12件、政协提案8件。主动公开政府信息1136条。')).toEqual([]);
    expect(read('予以公开及部分公开258件，不予公开35件。')).toEqual([['requests.withheld.total', 35]]);
    expect(read('办结率100%，答复率为100%。')).toEqual([]);
    expect(read('本年度新收95件，上年结转3件。')).toEqual([
      ['requests.new.total', 95],
      ['requests.carried_in.total', 3],
    ]);
  });

  it('keeps the original punctuation in the quoted text', () => {
    expect(extractProse('本年度共收到政府信息公开申请1,234件（含上年结转2件）。')[0]!.text).toBe('本年度共收到政府信息公开申请1,234件（含上年结转2件）');
  });

  it('marks figures stated about all applications (a total, or a share of all), not narrower ones', () => {
    const scoped = (t: string) => extractProse(t).map((p) => [p.kind, p.value, p.scope ?? null]);
    expect(scoped('2024 年，全市共受理政府信息公开申请 3119 件，答复 3050 件。')[0]).toEqual(['requests.new.total', 3119, 'all']);
    expect(scoped('2020年，市信访局共收到依申请公开信息3条。')).toEqual([['requests.new.total', 3, 'all']]);
    expect(scoped('不予公开35件，占4.34%；因本机关不掌握等原因无法提供265件，占32.9%。')).toEqual([
      ['requests.withheld.total', 35, 'all'],
      ['requests.unable.total', 265, 'all'],
    ]);
    // A part of the agency, or a figure without a word for the whole, is not.
    expect(scoped('区政府办代表区政府受理政府信息公开申请17件。')).toEqual([['requests.new.total', 17, null]]);
    expect(scoped('市政府本级共受理政府信息公开申请53件。')).toEqual([['requests.new.total', 53, null]]);
    expect(scoped('予以公开50件。')).toEqual([['requests.disclosed.total', 50, null]]);
    // 「其中自然人申请53件，占93%」 is a part, not read as a figure for all.
    expect(scoped('共受理政府信息公开申请57件，其中自然人申请53件，占93%。')).toEqual([['requests.new.total', 57, 'all']]);
  });
});
