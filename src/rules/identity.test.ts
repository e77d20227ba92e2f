import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import {
  creditCodeCheckChar,
  creditCodeProblem,
  isValidCreditCode,
  isValidResidentId,
  maskIdNumber,
  maskName,
  maskPhone,
  normalizeIdNumber,
  residentIdCheckChar,
  residentIdProblem,
} from './identity.js';

const TODAY = '2026-11-25';

describe('resident ID (GB 11643)', () => {
  it('accepts known valid numbers, including the X check character', () => {
    expect(residentIdProblem('11010519491231002X', TODAY)).toBeNull();
    expect(residentIdProblem('110105194912310029', TODAY)).not.toBeNull();
    expect(isValidResidentId('11010519491231002x', TODAY)).toBe(true); // lower-case x normalised
    expect(isValidResidentId('１１０１０５１９４９１２３１００２Ｘ', TODAY)).toBe(true); // full-width
  });

  it('explains each problem in Chinese', () => {
    expect(residentIdProblem('', TODAY)).toBe('请填写身份证号码。');
    expect(residentIdProblem('110105491231002', TODAY)).toContain('15 位');
    expect(residentIdProblem('1101051949123100', TODAY)).toContain('18 位');
    expect(residentIdProblem('11010519491231A02X', TODAY)).toContain('前 17 位应为数字');
    expect(residentIdProblem('110105194902300021', TODAY)).toContain('出生日期');
    expect(residentIdProblem('110105203001010021', TODAY)).toContain('晚于今天');
    expect(residentIdProblem('01010519491231002X', TODAY)).toContain('地址码');
    expect(residentIdProblem('110105194912310021', TODAY)).toContain('校验位');
  });

  it('accepts 29 February only in leap years', () => {
    const leap = '37040220000229001';
    expect(isValidResidentId(leap + residentIdCheckChar(leap), TODAY)).toBe(true);
    const notLeap = '37040219000229001';
    expect(residentIdProblem(notLeap + residentIdCheckChar(notLeap), TODAY)).toContain('出生日期');
  });

  const birth = fc.date({ min: new Date('1900-01-01T00:00:00Z'), max: new Date('2026-11-25T00:00:00Z'), noInvalidDate: true });
  const body = fc
    .tuple(fc.integer({ min: 110000, max: 659999 }), birth, fc.integer({ min: 0, max: 999 }))
    .map(([area, d, seq]) => `${area}${d.toISOString().slice(0, 10).replace(/-/g, '')}${String(seq).padStart(3, '0')}`);

  it('property: a generated number with its check character is valid', () => {
    fc.assert(fc.property(body, (b) => isValidResidentId(b + residentIdCheckChar(b), TODAY)));
  });

  it('property: changing any one digit is detected', () => {
    fc.assert(
      fc.property(body, fc.integer({ min: 0, max: 16 }), fc.integer({ min: 1, max: 9 }), (b, pos, delta) => {
        const id = b + residentIdCheckChar(b);
        const changed = id.slice(0, pos) + String((Number(id[pos]) + delta) % 10) + id.slice(pos + 1);
        return !isValidResidentId(changed, TODAY);
      }),
    );
  });

  it('property: swapping two different adjacent digits is detected', () => {
    fc.assert(
      fc.property(body, fc.integer({ min: 0, max: 15 }), (b, pos) => {
        const id = b + residentIdCheckChar(b);
        fc.pre(id[pos] !== id[pos + 1]);
        const swapped = id.slice(0, pos) + id[pos + 1] + id[pos] + id.slice(pos + 2);
        return !isValidResidentId(swapped, TODAY);
      }),
    );
  });
});

describe('unified social credit code (GB 32100)', () => {
  it('accepts known valid codes', () => {
    expect(creditCodeProblem('91350100M000100Y43')).toBeNull();
    expect(isValidCreditCode('91110000802100433B')).toBe(true);
    expect(isValidCreditCode(' 91350100m000100y43 ')).toBe(true);
  });

  it('explains each problem in Chinese', () => {
    expect(creditCodeProblem('')).toBe('请填写统一社会信用代码。');
    expect(creditCodeProblem('91350100M000100Y4')).toContain('18 位');
    expect(creditCodeProblem('91350100M000100O43')).toContain('不使用字母 O');
    expect(creditCodeProblem('91350100M000100Y4!')).toContain('无效字符');
    expect(creditCodeProblem('9135A100M000100Y43')).toContain('行政区划码');
    expect(creditCodeProblem('91350100M000100Y44')).toContain('校验位');
  });

  const alphabet = '0123456789ABCDEFGHJKLMNPQRTUWXY';
  const ch = fc.integer({ min: 0, max: 30 }).map((i) => alphabet[i]);
  const digit = fc.integer({ min: 0, max: 9 }).map(String);
  const body = fc
    .tuple(fc.array(ch, { minLength: 2, maxLength: 2 }), fc.array(digit, { minLength: 6, maxLength: 6 }), fc.array(ch, { minLength: 9, maxLength: 9 }))
    .map(([a, b, c]) => a.join('') + b.join('') + c.join(''));

  it('property: generated codes are valid and any single substitution is detected', () => {
    fc.assert(
      fc.property(body, fc.integer({ min: 0, max: 17 }), fc.integer({ min: 1, max: 30 }), (b, pos, delta) => {
        const code = b + creditCodeCheckChar(b);
        if (!isValidCreditCode(code)) return false;
        const replaced = alphabet[(alphabet.indexOf(code[pos]) + delta) % 31];
        const changed = code.slice(0, pos) + replaced + code.slice(pos + 1);
        return !isValidCreditCode(changed);
      }),
    );
  });
});

describe('masking', () => {
  it('masks ID numbers, names and phones for lists', () => {
    expect(maskIdNumber('11010519491231002X')).toBe('110***********002X');
    expect(maskName('张三')).toBe('张*');
    expect(maskName('欧阳娜娜')).toBe('欧***');
    expect(maskPhone('13812345678')).toBe('138****5678');
    expect(normalizeIdNumber(' 1101 05x ')).toBe('110105X');
  });
});
