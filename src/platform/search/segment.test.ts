import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { docNumberTokens, highlight, highlightTerms, indexTokens, queryTokens, snippet } from './segment.js';

describe('segmentation', () => {
  it('indexes sub-words of long words and document numbers', () => {
    const t = indexTokens('枣庄市信访局2020年部门预算公开（枣政办发〔2020〕27号）');
    expect(t).toEqual(expect.arrayContaining(['信访', '信访局', '预算', 'dn2020x27']));
    expect(docNumberTokens('鲁政发[2019]第5号 和 国办函（2020）109号')).toEqual(['dn2019x5', 'dn2020x109']);
    expect(queryTokens('枣政办发〔2020〕27号')).toEqual(expect.arrayContaining(['dn2020x27', '政办发']));
  });

  it('highlight escapes everything that is not its own <mark>', () => {
    expect(highlight('<b>预算</b>', ['预算'])).toBe('&lt;b&gt;<mark>预算</mark>&lt;/b&gt;');
    fc.assert(
      fc.property(fc.string(), fc.array(fc.string({ minLength: 1, maxLength: 3 }), { maxLength: 3 }), (text, terms) => {
        const out = highlight(text, terms).replace(/<\/?mark>/g, '');
        expect(out).not.toMatch(/[<>"']/);
      }),
    );
  });

  it('highlights whole document numbers, not their single characters', () => {
    const terms = highlightTerms('枣信访规[2026]2号');
    expect(terms).toContain('枣信访规〔2026〕2号');
    expect(terms).not.toContain('规');
    expect(highlight('依据枣信访规〔2026〕2号，规范信访', terms)).toBe('依据<mark>枣信访规〔2026〕2号</mark>，规范信访');
    expect(highlightTerms('信访 预算')).toEqual(expect.arrayContaining(['信访', '预算']));
  });

  it('snippets centre on the first hit', () => {
    const s = snippet(`${'甲'.repeat(200)}预算${'乙'.repeat(200)}`, ['预算'], 60);
    expect(s.startsWith('…')).toBe(true);
    expect(s).toContain('<mark>预算</mark>');
  });
});
