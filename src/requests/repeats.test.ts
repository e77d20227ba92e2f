import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { descriptionSimilarity, isLikelyRepeat } from './repeats.js';

describe('likely repeats', () => {
  it('recognises the same request in other words and the same document number', () => {
    expect(
      isLikelyRepeat(
        { description: '请公开2025年度本局信访事项办理情况统计数据', docNumber: null },
        { description: '申请公开2025年度本局信访事项办理情况的统计数据。', docNumber: null },
      ),
    ).toBe(true);
    expect(
      isLikelyRepeat({ description: '请公开文件', docNumber: '枣政办发〔2025〕3号' }, { description: '要求提供该文件全文', docNumber: '枣政办发[2025]3号' }),
    ).toBe(true);
    expect(
      isLikelyRepeat({ description: '请公开2025年度部门预算', docNumber: null }, { description: '请公开市人民来访接待中心的办公地址', docNumber: null }),
    ).toBe(false);
  });
  it('property: similarity is symmetric, within 0…1, and 1 for identical text', () => {
    fc.assert(
      fc.property(fc.string({ minLength: 3 }), fc.string({ minLength: 3 }), (a, b) => {
        const s = descriptionSimilarity(a, b);
        return s >= 0 && s <= 1 && Math.abs(s - descriptionSimilarity(b, a)) < 1e-12;
      }),
    );
    fc.assert(
      fc.property(
        fc.string({ minLength: 6 }).filter((s) => /[\u4e00-\u9fa5a-z0-9]{4}/i.test(s)),
        (a) => descriptionSimilarity(a, a) === 1,
      ),
    );
  });
});
