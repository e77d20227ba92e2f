import { describe, expect, it } from 'vitest';
import { OUTCOMES } from '../../rules/outcomes.js';
import { composeLetter, LetterValidationError, replyKind, validateLetter } from './index.js';
import { base, CHOICE, contextFor, REPLY_FIELDS, STEP_FIELDS, textOf } from './letters.fixtures.js';

describe('validation', () => {
  it('refuses a withheld reply without reasons, with the Chinese message', () => {
    for (const o of OUTCOMES.filter((x) => x.group === 'withheld' && x.key !== 'withheld_query_matter')) {
      const kind = replyKind(o.key);
      const ctx = { ...base, reply: { ...REPLY_FIELDS[o.key], reason: '  ' } };
      expect(validateLetter(kind, ctx)).toContainEqual({ field: 'reply.reason', message: '不予公开答复必须写明理由（条例第三十六条第（三）项）' });
      expect(() => composeLetter(kind, ctx)).toThrow(LetterValidationError);
    }
  });

  it('refuses every outcome that needs reasons when none is given', () => {
    for (const o of OUTCOMES.filter((x) => x.needsReason)) {
      const kind = replyKind(o.key);
      const { reason: _omit, ...rest } = REPLY_FIELDS[o.key];
      const issues = validateLetter(kind, { ...base, reply: rest });
      expect(
        issues.some((i) => i.field === 'reply.reason'),
        o.key,
      ).toBe(true);
    }
    try {
      composeLetter(replyKind('partly_disclosed'), { ...base, reply: { ...REPLY_FIELDS.partly_disclosed, reason: undefined } });
      expect.unreachable();
    } catch (e) {
      expect(e).toBeInstanceOf(LetterValidationError);
      expect((e as Error).message).toContain('部分公开答复必须对不予公开的内容说明理由（条例第三十七条）');
    }
  });

  it('requires the remedies bodies for replies, not for steps', () => {
    const ctx = { ...base, agency: { ...base.agency, reconsiderationBody: '', court: '' }, reply: REPLY_FIELDS.withheld_state_secret };
    const fields = validateLetter(replyKind('withheld_state_secret'), ctx).map((i) => i.field);
    expect(fields).toEqual(expect.arrayContaining(['agency.reconsiderationBody', 'agency.court']));
    expect(validateLetter('receipt', { ...ctx, ...STEP_FIELDS.receipt })).toEqual([]);
  });

  it('checks the common fields and dates', () => {
    const bad = { ...base, applicant: { name: '', isOrganization: false }, letter: { date: '2026-11-01' }, receipt: { dueDate: '2026-12-01' } };
    const messages = validateLetter('receipt', bad).map((i) => i.message);
    expect(messages).toContain('缺少申请人姓名或者名称');
    expect(messages).toContain('落款日期不得早于收到申请之日');
    expect(validateLetter('receipt', { ...base, letter: { date: '2026-11-31' } }).map((i) => i.message)).toContain('落款日期不是有效日期（应为YYYY-MM-DD）');
  });

  it('prints the agency’s 复议机关, court and online filing address in the remedies', () => {
    const ctx = {
      ...contextFor(replyKind('disclosed')),
      agency: { ...base.agency, reconsiderationBody: '山东省人民政府', court: '济南铁路运输法院', reconsiderationOnline: 'https://fy.example.gov.cn' },
    };
    const text = textOf(replyKind('disclosed'), ctx);
    expect(text).toContain(
      '可以自收到本答复之日起60日内向山东省人民政府申请行政复议（可以通过https://fy.example.gov.cn在线提交行政复议申请），也可以自收到本答复之日起6个月内依法向济南铁路运输法院提起行政诉讼。',
    );
  });

  it('a reply dated before 2024-01-01 kept the old choice (the 2023 law was not yet in force)', () => {
    const ctx = { ...contextFor(replyKind('withheld_state_secret')), case: { ...base.case, receivedDate: '2023-11-01' }, letter: { date: '2023-11-20' } };
    expect(textOf(replyKind('withheld_state_secret'), ctx)).toContain(`如对本答复不服，${CHOICE}`);
  });
});
