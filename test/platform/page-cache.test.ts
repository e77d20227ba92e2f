import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { encodeOnce } from '../../src/platform/web/page-cache.js';

describe('encodeOnce (uncached pages written into a shared slab)', () => {
  it('gives the bytes Buffer.from gives, for any text, and never writes over a page given earlier', () => {
    const text = fc.oneof(
      fc.string({ unit: 'grapheme', maxLength: 3000 }),
      fc.string({ unit: 'binary', maxLength: 3000 }),
      // Long pages cross the slab's end and its size limit.
      fc.tuple(fc.string({ unit: 'grapheme', minLength: 1, maxLength: 20 }), fc.integer({ min: 1, max: 4000 })).map(([s, n]) => s.repeat(n)),
    );
    fc.assert(
      fc.property(fc.array(text, { minLength: 1, maxLength: 40 }), (pages) => {
        const given = pages.map((p) => [p, encodeOnce(p)] as const);
        for (const [p, b] of given) expect(b.equals(Buffer.from(p))).toBe(true);
      }),
      { numRuns: 200 },
    );
  });

  it('encodes lone surrogates and four-byte characters as Buffer.from does', () => {
    for (const s of ['\uD800', '\uDFFF', 'a\uD83D', '😀'.repeat(5000), '政务公开'.repeat(6000), '']) expect(encodeOnce(s).equals(Buffer.from(s))).toBe(true);
  });
});
