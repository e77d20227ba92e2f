import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { closestOf, compareFingerprints, estimateContainment, fingerprint, similarity } from './similarity.js';

const SENTENCES = [
  '本年度我局认真贯彻落实政府信息公开条例',
  '持续深化重点领域信息公开工作',
  '规范依申请公开办理流程，按时答复',
  '加强政策解读和回应社会关切',
  '完善主动公开目录并及时更新',
  '推进决策公开和执行公开、管理公开',
  '健全信息发布保密审查机制',
  '做好政府信息管理和公开平台建设',
  '开展政务公开业务培训两次',
  '群众满意度进一步提升',
  '门户网站发布信息一千二百条',
  '全年收到申请十五件，均已按期答复',
];
const text = fc
  .array(fc.constantFrom(...SENTENCES), { minLength: 1, maxLength: 12 })
  .chain((xs) => fc.array(fc.constantFrom('。', '；', '，'), { minLength: xs.length, maxLength: xs.length }).map((ps) => xs.map((x, i) => x + ps[i]).join('')));

describe('report fingerprints (雷同 at the scale of a province)', () => {
  it('compare exactly as similarity() does (property)', () => {
    fc.assert(
      fc.property(text, text, (a, b) => {
        expect(compareFingerprints(fingerprint(a), fingerprint(b))).toEqual(similarity(a, b));
      }),
      { numRuns: 300, seed: 20261202 },
    );
  });

  it('estimate the share within a few points from the sketches', () => {
    const long = (k: number) =>
      Array.from(
        { length: 60 },
        (_, i) => `${SENTENCES[(i * 7 + k) % SENTENCES.length]}第${'一二三四五六七八九十'[(i + k) % 10]}${'甲乙丙丁戊己庚辛壬癸'[(i * 3 + k) % 10]}项工作。`,
      ).join('');
    const a = fingerprint(long(0));
    const b = fingerprint(long(0) + long(5));
    expect(estimateContainment(a, a)).toBe(1);
    expect(estimateContainment(a, b)).toBeGreaterThan(0.9);
    const exact = compareFingerprints(a, fingerprint(long(3))).containment;
    expect(Math.abs(estimateContainment(a, fingerprint(long(3))) - exact)).toBeLessThan(0.2);
  });

  it('closestOf finds the sibling that copied, and compares it exactly', () => {
    const mine = '我局二〇二四年认真落实条例规定，依法受理政府信息公开申请，办理质量稳步提升，重点领域信息公开持续深化，新建惠民政策专栏并按月更新。';
    const siblings = [
      { name: '甲', fingerprint: fingerprint('丙局围绕群众关切推进政务公开，新建惠民政策专栏，开展政府开放日活动，征求意见采纳情况逐条反馈。') },
      { name: '乙', fingerprint: fingerprint(`${mine.replace('二〇二四', '二〇二五')}另开展培训三次。`) },
      { name: '丙', fingerprint: fingerprint('本机关全年主动公开信息一百二十条，依申请公开办理答复十件。') },
    ];
    const best = closestOf(fingerprint(mine), siblings);
    expect(best?.sibling.name).toBe('乙');
    expect(best?.result).toEqual(similarity(mine, `${mine.replace('二〇二四', '二〇二五')}另开展培训三次。`));
    expect(closestOf(fingerprint(mine), [])).toBeNull();
  });
});
