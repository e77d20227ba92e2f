import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { docNumberTokens, firstHit, highlight, highlightTerms, indexTokens, queryTokens, snippet } from './segment.js';

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

  it('finds the earliest start of any term, as scanning every occurrence would', () => {
    // The specification: every occurrence of every non-empty term in the lower-cased text, the smallest start.
    const earliest = (text: string, terms: string[]) => {
      const lower = text.toLowerCase();
      let best = -1;
      for (const t of terms) {
        const n = t.toLowerCase();
        if (!n) continue;
        for (let i = lower.indexOf(n); i >= 0; i = lower.indexOf(n, i + 1)) if (best < 0 || i < best) best = i;
      }
      return best;
    };
    const alphabet = fc.constantFrom('信', '访', '预', '算', 'a', 'B', ' ', '〔', '1');
    const str = (max: number) => fc.array(alphabet, { maxLength: max }).map((a) => a.join(''));
    fc.assert(
      fc.property(str(60), fc.array(str(3), { maxLength: 4 }), (text, terms) => {
        expect(firstHit(text, terms)).toBe(earliest(text, terms));
      }),
      { numRuns: 2000 },
    );
    expect(firstHit('甲乙预算信访预算', ['信访', '预算'])).toBe(2);
    expect(firstHit('Budget 预算', ['budget'])).toBe(0);
    expect(firstHit('无', ['预算', ''])).toBe(-1);
  });

  it('cuts the same excerpt from a long body without collapsing all of it', () => {
    // The specification: the whole text with white space collapsed, cut from 30 characters before the earliest hit.
    const reference = (text: string, terms: string[], length: number) => {
      const flat = text.replace(/\s+/g, ' ').trim();
      const lower = flat.toLowerCase();
      let first = -1;
      for (const t of terms) {
        const i = t ? lower.indexOf(t.toLowerCase()) : -1;
        if (i >= 0 && (first < 0 || i < first)) first = i;
      }
      const start = first > 30 ? first - 30 : 0;
      const end = Math.min(flat.length, start + length);
      return (start > 0 ? '…' : '') + highlight(flat.slice(start, end), terms) + (end < flat.length ? '…' : '');
    };
    const word = fc.constantFrom('信访', '预算', '工作', '局', '2020', '〔', 'Ab', '甲乙丙丁', '。');
    const space = fc.constantFrom(' ', '\n', '\u3000', '  \t ', '\n\n\n\n');
    const text = fc
      .tuple(fc.array(fc.oneof(word, space), { maxLength: 80 }), fc.integer({ min: 1000, max: 1800 }), fc.array(fc.oneof(word, space), { maxLength: 200 }))
      .map(([a, n, b]) => a.join('') + '甲'.repeat(n) + b.join(''));
    const terms = fc.array(fc.constantFrom('信访', '预算', '工作', '2020', '丙丁', 'ab', '信访 工作', '不在'), { maxLength: 3 });
    fc.assert(
      fc.property(
        fc.oneof(
          text,
          text.map((t) => t.split('').reverse().join('')),
        ),
        terms,
        fc.constantFrom(20, 60, 120),
        (t, ts, len) => {
          expect(snippet(t, ts, len)).toBe(reference(t, ts, len));
        },
      ),
      { numRuns: 3000 },
    );
    const long = `${'　'.repeat(5)}${'甲'.repeat(3000)}\n\n 预算  说明${'乙'.repeat(50)}   \n`;
    expect(snippet(long, ['预算'])).toBe(reference(long, ['预算'], 120));
    expect(snippet(`${'甲'.repeat(1500)}  `, ['不在'])).toBe(reference(`${'甲'.repeat(1500)}  `, ['不在'], 120));
    // An excerpt that ends one short of, exactly at, and one past the end of the text (with and without white space
    // after it): only the last gets a closing …
    for (const n of [87, 88, 89, 90]) {
      for (const end of ['', '  \n']) {
        const t = `${'甲'.repeat(1200)}预算${'乙'.repeat(n)}${end}`;
        expect(snippet(t, ['预算'])).toBe(reference(t, ['预算'], 120));
      }
    }
    expect(snippet(`${'甲'.repeat(1200)}预算${'乙'.repeat(88)}`, ['预算']).endsWith('…')).toBe(false);
    expect(snippet(`${'甲'.repeat(1200)}预算${'乙'.repeat(89)}`, ['预算']).endsWith('…')).toBe(true);
  });
});
