import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { inSmsQuietHours, smsSendableAt } from './quiet-hours.js';

describe('SMS quiet hours (21:00–08:00 Beijing time)', () => {
  it('holds a message at 23:00 Beijing time to 08:00 the next morning', () => {
    // 23:00 Beijing on 1 December 2026 is 15:00 UTC; 08:00 on 2 December is 00:00 UTC.
    expect(smsSendableAt(new Date('2026-12-01T15:00:00Z')).toISOString()).toBe('2026-12-02T00:00:00.000Z');
  });
  it('holds a message at 03:00 Beijing time to 08:00 the same morning', () => {
    expect(smsSendableAt(new Date('2026-12-01T19:00:00Z')).toISOString()).toBe('2026-12-02T00:00:00.000Z');
  });
  it('edges: 20:59 and 08:00 are sendable, 21:00 and 07:59 are not', () => {
    expect(inSmsQuietHours(new Date('2026-12-01T12:59:00Z'))).toBe(false);
    expect(inSmsQuietHours(new Date('2026-12-01T13:00:00Z'))).toBe(true);
    expect(inSmsQuietHours(new Date('2026-12-01T23:59:00Z'))).toBe(true);
    expect(inSmsQuietHours(new Date('2026-12-02T00:00:00Z'))).toBe(false);
    const noon = new Date('2026-12-01T04:00:00Z');
    expect(smsSendableAt(noon)).toBe(noon);
  });
  it('property: the sendable instant is never in quiet hours, never earlier, and at most 11 hours later', () => {
    fc.assert(
      fc.property(fc.date({ min: new Date('2000-01-01'), max: new Date('2100-01-01'), noInvalidDate: true }), (d) => {
        const s = smsSendableAt(d);
        expect(inSmsQuietHours(s)).toBe(false);
        expect(s.getTime()).toBeGreaterThanOrEqual(d.getTime());
        expect(s.getTime() - d.getTime()).toBeLessThanOrEqual(11 * 3600 * 1000);
        if (!inSmsQuietHours(d)) expect(s.getTime()).toBe(d.getTime());
      }),
    );
  });
});
