import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { applicationUnitPrice, computeFee, feeMonth, pageUnitPrice, perApplicationFee, perPageFee } from './fees.js';

describe('per application (按件计收)', () => {
  it('charges 5500 yuan for 45 applications in a month (worked example)', () => {
    const r = computeFee({ method: 'per_application', applications: 45 });
    expect(r.amount).toBe(5500);
    expect(r.breakdown).toEqual([
      '第1至10件：10件，免费',
      '第11至30件：20件 × 100元/件 = 2000元',
      '第31至40件：10件 × 200元/件 = 2000元',
      '第41至45件：5件 × 300元/件 = 1500元',
      '合计：5500元（按件计收，同一申请人一个自然月内累计申请件数超额累进，国办函〔2020〕109号）',
    ]);
    expect(r.lines.map((l) => [l.from, l.to, l.unitPrice, l.subtotal])).toEqual([
      [1, 10, 0, 0],
      [11, 30, 100, 2000],
      [31, 40, 200, 2000],
      [41, 45, 300, 1500],
    ]);
  });

  it('has the right totals at the tier boundaries', () => {
    // 10 free | 11–30 at 100 | 31–40 at 200 | 41–50 at 300 | 51– at 400
    expect(perApplicationFee(0)).toBe(0);
    expect(perApplicationFee(10)).toBe(0);
    expect(perApplicationFee(11)).toBe(100);
    expect(perApplicationFee(30)).toBe(2000);
    expect(perApplicationFee(31)).toBe(2200);
    expect(perApplicationFee(40)).toBe(4000);
    expect(perApplicationFee(41)).toBe(4300);
    expect(perApplicationFee(50)).toBe(7000);
    expect(perApplicationFee(51)).toBe(7400);
  });

  it('gives the unit price of the k-th application', () => {
    expect([1, 10, 11, 30, 31, 40, 41, 50, 51, 60, 61].map(applicationUnitPrice)).toEqual([0, 0, 100, 100, 200, 200, 300, 300, 400, 400, 500]);
  });

  it('charges one application by its place in the month', () => {
    const r = computeFee({ method: 'per_application', applications: 1, priorApplications: 44 });
    expect(r.amount).toBe(300);
    expect(r.breakdown).toEqual([
      '同一申请人本自然月内此前已向本机关提出44件申请，本次计第45件',
      '第45件：1件 × 300元/件 = 300元',
      '合计：300元（按件计收，同一申请人一个自然月内累计申请件数超额累进，国办函〔2020〕109号）',
    ]);
    expect(computeFee({ method: 'per_application', applications: 1, priorApplications: 9 }).amount).toBe(0);
    expect(computeFee({ method: 'per_application', applications: 1, priorApplications: 10 }).amount).toBe(100);
    expect(computeFee({ method: 'per_application', applications: 3, priorApplications: 29 }).breakdown.slice(1, 3)).toEqual([
      '第30件：1件 × 100元/件 = 100元',
      '第31至32件：2件 × 200元/件 = 400元',
    ]);
  });

  it('the month is the calendar month of the application', () => {
    expect(feeMonth('2025-03-31')).toBe('2025-03');
    expect(feeMonth('2025-04-01')).toBe('2025-04');
    expect(() => feeMonth('2025-02-30')).toThrow(/申请日期「2025-02-30」无效/);
  });
});

describe('per page (按量计收)', () => {
  it('charges 4700 yuan for 250 pages (worked example)', () => {
    const r = computeFee({ method: 'per_page', pages: 250 });
    expect(r.amount).toBe(4700);
    expect(r.breakdown).toEqual([
      '第1至30页：30页，免费',
      '第31至100页：70页 × 10元/页 = 700元',
      '第101至200页：100页 × 20元/页 = 2000元',
      '第201至250页：50页 × 40元/页 = 2000元',
      '合计：4700元（按量计收，按页数超额累进，国办函〔2020〕109号）',
    ]);
  });

  it('has the right totals at the tier boundaries', () => {
    expect(perPageFee(0)).toBe(0);
    expect(perPageFee(30)).toBe(0);
    expect(perPageFee(31)).toBe(10);
    expect(perPageFee(100)).toBe(700);
    expect(perPageFee(101)).toBe(720);
    expect(perPageFee(200)).toBe(2700);
    expect(perPageFee(201)).toBe(2740);
    expect([30, 31, 100, 101, 200, 201].map(pageUnitPrice)).toEqual([0, 10, 10, 20, 20, 40]);
  });
});

describe('input checks', () => {
  it('rejects quantities that are not whole numbers and unknown methods, in Chinese', () => {
    expect(() => computeFee({ method: 'per_page', pages: -1 })).toThrow(/页数应为0至1000000之间的整数/);
    expect(() => computeFee({ method: 'per_page', pages: 2.5 })).toThrow(/页数/);
    expect(() => computeFee({ method: 'per_application', applications: 1, priorApplications: -3 })).toThrow(/本月此前申请件数/);
    expect(() => computeFee({ method: 'both' } as never)).toThrow(/收费方式「both」无法识别/);
    expect(() => applicationUnitPrice(0)).toThrow(/申请序号/);
  });
});

describe('fee properties', () => {
  it('the total is the sum of the unit prices (progressive, excess only)', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 400 }), fc.integer({ min: 0, max: 60 }), (prior, n) => {
        let sum = 0;
        for (let k = prior + 1; k <= prior + n; k++) sum += applicationUnitPrice(k);
        expect(computeFee({ method: 'per_application', applications: n, priorApplications: prior }).amount).toBe(sum);
        let pages = 0;
        for (let p = 1; p <= prior; p++) pages += pageUnitPrice(p);
        expect(perPageFee(prior)).toBe(pages);
      }),
    );
  });

  it('splitting a month into batches does not change the total', () => {
    fc.assert(
      fc.property(fc.array(fc.integer({ min: 0, max: 15 }), { maxLength: 8 }), (batches) => {
        let prior = 0;
        let total = 0;
        for (const b of batches) {
          total += computeFee({ method: 'per_application', applications: b, priorApplications: prior }).amount;
          prior += b;
        }
        expect(total).toBe(perApplicationFee(prior));
      }),
    );
  });
});
