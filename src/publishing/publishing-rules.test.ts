import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { art26Status } from './art26.js';
import { checkAttachment, extractText } from './attachments.js';
import { formatIndexNo, validateIndexPattern } from './catalogue.js';
import { approvedLevels, contentHash, missingChecks } from './review.js';
import { plainText, sanitizeBody } from './sanitize.js';
import JSZip from 'jszip';

describe('rich text sanitising', () => {
  it('drops scripts, handlers and javascript: URLs, keeps formatting', () => {
    const dirty = `<p onclick="x()">正文<script>alert(1)</script><img src=x onerror=alert(1)><a href="javascript:alert(1)">链接</a>
      <a href="https://www.gov.cn/">政府网</a><iframe src="https://evil"></iframe><svg onload=alert(1)></svg><style>p{}</style>
      <table><tr><th scope="col" style="color:red">项目</th></tr></table><A HREF="JaVaScRiPt:alert(1)">x</A><a href="//evil.com">p</a></p>`;
    const clean = sanitizeBody(dirty);
    expect(clean).not.toMatch(/script|onerror|onclick|onload|javascript:|iframe|svg|style|\/\/evil/i);
    expect(clean).toContain('<a href="https://www.gov.cn/" rel="noopener noreferrer">政府网</a>');
    expect(clean).toContain('<th scope="col">项目</th>');
    expect(plainText(clean)).toContain('正文');
  });
  it('never lets an event handler or script through (property)', () => {
    fc.assert(
      fc.property(
        fc.array(
          fc.constantFrom(
            '<p>',
            '</p>',
            '<script>',
            'alert(1)',
            '<img src=x onerror=',
            '"',
            "'",
            '>',
            '<a href="javascript:',
            '<b onmouseover=',
            '文',
            '<svg/onload=x>',
            '&#x3C;script',
          ),
          { maxLength: 25 },
        ),
        (parts) => {
          const out = sanitizeBody(parts.join(''));
          expect(out).not.toMatch(/<script|<img|<svg|\son\w+=|javascript:/i);
        },
      ),
    );
  });
});

describe('attachments', () => {
  it('refuses disguised files and accepts real ones', async () => {
    await expect(checkAttachment('通知.pdf', Buffer.from('<html><script>alert(1)</script></html>'))).rejects.toThrow(/伪装/);
    await expect(checkAttachment('表格.docx', Buffer.from('MZ\x90\x00 this is an exe'))).rejects.toThrow(/伪装/);
    // A right-to-left override would show "报告\u202Efdp.exe" as "报告exe.pdf" (issue 8): refused by name.
    await expect(checkAttachment('报告\u202Efdp.exe', Buffer.from('%PDF-1.4'))).rejects.toThrow(/方向控制字符/);
    await expect(checkAttachment('报告\u2067.pdf', Buffer.from('%PDF-1.4'))).rejects.toThrow(/方向控制字符/);
    await expect(checkAttachment('报告\u0007.pdf', Buffer.from('%PDF-1.4'))).rejects.toThrow(/控制字符/);
    await expect(checkAttachment('说明.txt', Buffer.from('<!DOCTYPE html><script>x</script>'))).rejects.toThrow(/伪装/);
    await expect(checkAttachment('run.exe', Buffer.from('MZ'))).rejects.toThrow(/不支持/);
    await expect(checkAttachment('a.pdf', Buffer.from('%PDF-1.4\n'))).resolves.toMatchObject({ ext: 'pdf' });
    const zip = new JSZip();
    zip.file('[Content_Types].xml', '<Types/>');
    zip.file('word/document.xml', '<w:document><w:body><w:p><w:r><w:t>部门预算说明</w:t></w:r></w:p></w:body></w:document>');
    const docx = await zip.generateAsync({ type: 'nodebuffer' });
    await expect(checkAttachment('预算.docx', docx)).resolves.toMatchObject({ ext: 'docx' });
    await expect(checkAttachment('预算.xlsx', docx)).rejects.toThrow(/伪装/);
    expect(await extractText('docx', docx)).toContain('部门预算说明');
    expect(await extractText('pdf', Buffer.from('%PDF-1.4\n1 0 obj<<>>stream\nBT (Budget 2020) Tj ET\nendstream'))).toContain('Budget 2020');
  });
});

describe('catalogue and review rules', () => {
  it('formats index numbers from segments', () => {
    expect(formatIndexNo('{agencyCode}-{columnCode}-{year}-{seq:4}', { agencyCode: 'zzxfj', columnCode: 'zcwj', year: 2026, seq: 7 })).toBe(
      'zzxfj-zcwj-2026-0007',
    );
    expect(validateIndexPattern('{agencyCode}/{year}-{seq:5}')).toBeNull();
    expect(validateIndexPattern('{agency}-{year}-{seq}')).toMatch(/无法识别/);
    expect(validateIndexPattern('{agencyCode}-{year}')).toMatch(/顺序号/);
  });
  it('approvals count only in order, for the exact version', () => {
    const levels = ['office_head', 'deputy_leader', 'principal'];
    const ok = (level: number, role: string, hash = 'h1', voided = 0) => ({ level, role, decision: 'approved' as const, content_hash: hash, voided });
    expect(approvedLevels(levels, [ok(0, 'office_head'), ok(1, 'deputy_leader'), ok(2, 'principal')], 'h1')).toBe(3);
    expect(approvedLevels(levels, [ok(0, 'office_head'), ok(2, 'principal')], 'h1')).toBe(1);
    expect(approvedLevels(levels, [ok(0, 'office_head'), ok(1, 'deputy_leader')], 'h2')).toBe(0);
    expect(approvedLevels(levels, [ok(0, 'office_head', 'h1', 1)], 'h1')).toBe(0);
    expect(approvedLevels(levels, [ok(0, 'deputy_leader')], 'h1')).toBe(0);
    expect(missingChecks({ no_state_secret: true })).toHaveLength(5);
    const base = {
      title: 't',
      summary: '',
      body_html: '',
      doc_number: null,
      created_on: '2026-01-01',
      changed_on: null,
      validity: 'valid' as const,
      attribute: 'proactive' as const,
      withheld_reason: null,
      column_code: 'zcwj',
      kind: 'general' as const,
      policy_id: null,
      comment_opens: null,
      comment_closes: null,
      publisher: 'x',
      attachments: ['a', 'b'],
    };
    expect(contentHash(base)).toBe(contentHash({ ...base, attachments: ['b', 'a'] }));
    expect(contentHash(base)).not.toBe(contentHash({ ...base, title: 't2' }));
  });
  it('Art. 26: 20 working days, warning in the last five, then overdue', () => {
    // 2026-09-21 (Mon): 20 working days later, with the National Day holiday in between.
    const s = art26Status('2026-09-21', '2026-09-22');
    expect(s.level).toBe('ok');
    expect(s.due > '2026-10-16').toBe(true);
    const w = art26Status('2026-09-21', s.due);
    expect(w).toMatchObject({ level: 'warning', remaining: 0 });
    expect(art26Status('2026-09-21', '2026-12-01').level).toBe('overdue');
  });
});
