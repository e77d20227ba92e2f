import JSZip from 'jszip';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { renderDocx, renderHtml } from '../../platform/documents/index.js';
import { OUTCOMES } from '../../rules/outcomes.js';
import { composeLetter, LETTER_KINDS, replyKind, STEP_KINDS, validateLetter } from './index.js';
import { base, contextFor } from './letters.fixtures.js';

describe('LETTER_KINDS', () => {
  it('has a template for every step and every one of the 21 outcomes, with unique Chinese names', () => {
    expect(OUTCOMES).toHaveLength(21);
    const replies = LETTER_KINDS.filter((k) => k.category === 'reply');
    expect(replies.map((k) => k.outcome)).toEqual(OUTCOMES.map((o) => o.key));
    expect(LETTER_KINDS.filter((k) => k.category === 'step').map((k) => k.kind)).toEqual([...STEP_KINDS]);
    const names = LETTER_KINDS.map((k) => k.name);
    expect(new Set(names).size).toBe(names.length);
    for (const n of names) expect(n).toMatch(/[\u4e00-\u9fff]/);
    for (const k of ['受理回执', '补正告知书', '延期答复告知书', '征求第三方意见函', '征求其他机关意见函', '收费通知书']) {
      expect(names).toContain(k);
    }
    expect(names).toContain('不再处理告知书（逾期不补正）');
    expect(names).toContain('不再处理告知书（逾期未缴费）');
  });

  it('composes every kind from a complete context', () => {
    for (const def of LETTER_KINDS) {
      const issues = validateLetter(def.kind, contextFor(def.kind));
      expect(issues, def.kind).toEqual([]);
      const doc = composeLetter(def.kind, contextFor(def.kind));
      expect(doc.title).toBe(def.title);
      expect(doc.issuer).toBe('枣庄市信访局');
      expect(doc.signature).toEqual({ agency: '枣庄市信访局', date: '2026-11-25' });
      expect(doc.note).toContain('0632-3311234');
    }
  });
});

describe('rendering letters', () => {
  it('renders a .docx for every kind', async () => {
    for (const def of LETTER_KINDS) {
      const buf = await renderDocx(composeLetter(def.kind, contextFor(def.kind)));
      const xml = await (await JSZip.loadAsync(buf)).file('word/document.xml')!.async('string');
      expect(xml, def.kind).toContain(def.title);
      expect(xml).toContain('枣信访依申复〔2026〕12号');
      expect(xml).toContain('2026年11月25日');
      if (def.category === 'reply') expect(xml).toContain('枣庄市市中区人民法院提起行政诉讼');
    }
  });

  it('keeps staff-typed text inert in the HTML preview (property)', () => {
    fc.assert(
      fc.property(fc.string({ minLength: 1 }), (reason) => {
        fc.pre(reason.trim() !== '');
        const kind = replyKind('withheld_process_info');
        const html = renderHtml(composeLetter(kind, { ...base, reply: { reason: `<script>${reason}</script>` } }));
        return !/<script/i.test(html) && html.includes('&lt;script&gt;');
      }),
      { numRuns: 50 },
    );
  });

  it('is a pure function of its context', () => {
    for (const def of LETTER_KINDS) {
      expect(composeLetter(def.kind, contextFor(def.kind))).toEqual(composeLetter(def.kind, contextFor(def.kind)));
    }
  });
});
