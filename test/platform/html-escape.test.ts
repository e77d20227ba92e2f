import { describe, expect, it } from 'vitest';
import { escapeHtml, html, raw } from '../../src/platform/web/html.js';

describe('escapeHtml', () => {
  it('escapes the five special characters everywhere in the text, and leaves other text as it is', () => {
    expect(escapeHtml(`<a href="x" title='y'>A&B</a><script>`)).toBe('&lt;a href=&quot;x&quot; title=&#39;y&#39;&gt;A&amp;B&lt;/a&gt;&lt;script&gt;');
    expect(escapeHtml('关于开展“宪法宣传周”活动的通知')).toBe('关于开展“宪法宣传周”活动的通知');
    expect(escapeHtml('&&')).toBe('&amp;&amp;');
    expect(escapeHtml(42)).toBe('42');
    expect(escapeHtml(null)).toBe('');
    expect(escapeHtml(undefined)).toBe('');
  });

  it('escapes interpolations of html`` but not raw()', () => {
    expect(html`<p>${'<b>'}${raw('<i>')}${['<', raw('>')]}${false}</p>`.value).toBe('<p>&lt;b&gt;<i>&lt;></p>');
  });
});
