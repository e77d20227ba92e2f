/**
 * Identity numbers an applicant gives (条例第二十九条: 申请人的身份证明):
 * - 居民身份证号码, 18 characters, GB 11643—1999: 6-digit address code, 8-digit birth date, 3-digit order code,
 *   one check character (ISO 7064 MOD 11-2, 'X' for 10). The same layout is used by 港澳台居民居住证.
 * - 统一社会信用代码, 18 characters, GB 32100—2015: registration authority, organisation type, 6-digit
 *   administrative division, 9-character organisation code, one check character (MOD 31 over the
 *   31-character alphabet without I, O, S, V, Z).
 * Pure: no I/O. Messages are Chinese sentences shown next to the form field.
 */

import { beijingDate } from './calendar/dates.js';

export type IdType =
  | 'resident_id'
  | 'residence_permit_hmt'
  | 'mainland_travel_permit_hkmo'
  | 'mainland_travel_permit_tw'
  | 'passport'
  | 'foreign_permanent_id'
  | 'other';

export const ID_TYPE_LABELS: Record<IdType, string> = {
  resident_id: '居民身份证',
  residence_permit_hmt: '港澳台居民居住证',
  mainland_travel_permit_hkmo: '港澳居民来往内地通行证',
  mainland_travel_permit_tw: '台湾居民来往大陆通行证',
  passport: '护照',
  foreign_permanent_id: '外国人永久居留身份证',
  other: '其他有效身份证件',
};

export function isIdType(v: unknown): v is IdType {
  return typeof v === 'string' && Object.prototype.hasOwnProperty.call(ID_TYPE_LABELS, v);
}

const ID_WEIGHTS = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
const ID_CHECK = '10X98765432';

/** The GB 11643 check character of the first 17 digits. */
export function residentIdCheckChar(first17: string): string {
  let sum = 0;
  for (let i = 0; i < 17; i++) sum += (first17.charCodeAt(i) - 48) * ID_WEIGHTS[i];
  return ID_CHECK[sum % 11];
}

function isRealDate(y: number, m: number, d: number): boolean {
  if (m < 1 || m > 12 || d < 1) return false;
  const t = new Date(Date.UTC(y, m - 1, d));
  return t.getUTCFullYear() === y && t.getUTCMonth() === m - 1 && t.getUTCDate() === d;
}

/**
 * Why an 18-digit resident ID number is invalid, or null when it is valid. `today` (YYYY-MM-DD) bounds the
 * birth date: nobody applies before being born, and nobody is older than 150.
 */
export function residentIdProblem(raw: string, today?: string): string | null {
  const id = normalizeIdNumber(raw);
  if (!id) return '请填写身份证号码。';
  if (id.length === 15) return '15 位的旧身份证号码已停止使用，请填写 18 位居民身份证号码。';
  if (id.length !== 18) return `居民身份证号码应为 18 位，您填写的是 ${id.length} 位。`;
  if (!/^\d{17}[\dX]$/.test(id)) return '居民身份证号码前 17 位应为数字，最后一位为数字或字母 X。';
  if (!/^[1-9]\d[0-9]{4}$/.test(id.slice(0, 6)) || id.slice(0, 2) < '11') return '居民身份证号码的前 6 位（地址码）不正确。';
  const y = Number(id.slice(6, 10));
  const m = Number(id.slice(10, 12));
  const d = Number(id.slice(12, 14));
  if (!isRealDate(y, m, d)) return `居民身份证号码中的出生日期（第 7 至 14 位：${id.slice(6, 14)}）不是有效日期。`;
  const birth = id.slice(6, 10) + '-' + id.slice(10, 12) + '-' + id.slice(12, 14);
  const now = today ?? beijingDate(new Date());
  if (birth > now) return '居民身份证号码中的出生日期晚于今天，请核对。';
  if (y < Number(now.slice(0, 4)) - 150) return '居民身份证号码中的出生日期过早，请核对。';
  if (residentIdCheckChar(id) !== id[17]) return '居民身份证号码校验位不正确，请核对是否有数字填错。';
  return null;
}

/** Upper-case, without spaces; full-width digits and Ｘ converted. */
export function normalizeIdNumber(raw: string): string {
  return String(raw ?? '')
    .replace(/[\uFF10-\uFF19\uFF21-\uFF3A\uFF41-\uFF5A]/g, (c) => String.fromCharCode(c.charCodeAt(0) - 0xfee0))
    .replace(/\s+/g, '')
    .toUpperCase();
}

export function isValidResidentId(raw: string, today?: string): boolean {
  return residentIdProblem(raw, today) === null;
}

/** The birth date (YYYY-MM-DD) in a valid resident ID number. */
export function birthDateOfResidentId(raw: string): string {
  const id = normalizeIdNumber(raw);
  return `${id.slice(6, 10)}-${id.slice(10, 12)}-${id.slice(12, 14)}`;
}

const USCC_CHARS = '0123456789ABCDEFGHJKLMNPQRTUWXY';
const USCC_WEIGHTS = [1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28];

/** The GB 32100 check character of the first 17 characters (which must be in the code alphabet). */
export function creditCodeCheckChar(first17: string): string {
  let sum = 0;
  for (let i = 0; i < 17; i++) sum += USCC_CHARS.indexOf(first17[i]) * USCC_WEIGHTS[i];
  return USCC_CHARS[(31 - (sum % 31)) % 31];
}

/** Why a 统一社会信用代码 is invalid, or null when it is valid. */
export function creditCodeProblem(raw: string): string | null {
  const code = normalizeIdNumber(raw);
  if (!code) return '请填写统一社会信用代码。';
  if (code.length !== 18) return `统一社会信用代码应为 18 位，您填写的是 ${code.length} 位。`;
  for (const c of code) {
    if (!USCC_CHARS.includes(c)) {
      return /[IOSVZ]/.test(c)
        ? `统一社会信用代码不使用字母 ${c}（I、O、S、V、Z 均不使用），请核对是否将数字误写为字母。`
        : `统一社会信用代码含有无效字符「${c}」，只能由数字和大写字母组成。`;
    }
  }
  if (!/^\d{6}$/.test(code.slice(2, 8))) return '统一社会信用代码第 3 至 8 位（登记管理机关行政区划码）应为数字。';
  if (creditCodeCheckChar(code) !== code[17]) return '统一社会信用代码校验位不正确，请核对是否有字符填错。';
  return null;
}

export function isValidCreditCode(raw: string): boolean {
  return creditCodeProblem(raw) === null;
}

/** Masks an ID number for lists: 110***********1234. */
export function maskIdNumber(raw: string): string {
  const id = normalizeIdNumber(raw);
  if (id.length <= 7) return '*'.repeat(id.length);
  return id.slice(0, 3) + '*'.repeat(id.length - 7) + id.slice(-4);
}

/** Masks a personal name for lists: 张三 → 张*, 欧阳娜娜 → 欧***. Organisation names are not masked. */
export function maskName(name: string): string {
  const chars = [...String(name ?? '').trim()];
  if (chars.length === 0) return '';
  if (chars.length === 1) return '*';
  return chars[0] + '*'.repeat(chars.length - 1);
}

/** Masks a phone number: 138****5678. */
export function maskPhone(phone: string): string {
  const p = String(phone ?? '').replace(/\s+/g, '');
  if (p.length < 7) return '*'.repeat(p.length);
  return p.slice(0, 3) + '*'.repeat(p.length - 7) + p.slice(-4);
}
