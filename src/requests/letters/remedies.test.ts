import { describe, expect, it } from 'vitest';
import { OUTCOMES } from '../../rules/outcomes.js';
import { reconsiderationBodyOf, type RemedyAgency } from '../../rules/remedies.js';
import { composeLetter, replyKind } from './index.js';
import { base, contextFor, expectedRemedies } from './letters.fixtures.js';

describe('remedies by the 2023 行政复议法, for every outcome and every kind of agency (must show 1)', () => {
  // A small tree: 枣庄市人民政府 > 枣庄市信访局 > 枣庄市人民来访接待中心; 市中区人民政府 under the city; 枣庄市税务局
  // (vertically led, its upper department outside the tree, set by hand) and its 市中区税务分局 (parent vertically led).
  const city: RemedyAgency = { name: '枣庄市人民政府', kind: 'government', verticallyLed: false, override: '山东省人民政府' };
  const xfj: RemedyAgency = { name: '枣庄市信访局', kind: 'department', verticallyLed: false };
  const unit: RemedyAgency = { name: '枣庄市人民来访接待中心', kind: 'unit', verticallyLed: false };
  const county: RemedyAgency = { name: '枣庄市市中区人民政府', kind: 'government', verticallyLed: false };
  const tax: RemedyAgency = { name: '国家税务总局枣庄市税务局', kind: 'department', verticallyLed: true, override: '国家税务总局山东省税务局' };
  const taxBranch: RemedyAgency = { name: '国家税务总局枣庄市市中区税务局', kind: 'department', verticallyLed: true };
  const cases: { label: string; agency: RemedyAgency; ancestors: RemedyAgency[]; body: string }[] = [
    { label: 'a department', agency: xfj, ancestors: [city], body: '枣庄市人民政府' },
    { label: 'a managed unit (under a department)', agency: unit, ancestors: [xfj, city], body: '枣庄市人民政府' },
    { label: 'a government', agency: county, ancestors: [city], body: '枣庄市人民政府' },
    { label: 'a vertically led agency', agency: taxBranch, ancestors: [tax, city], body: '国家税务总局枣庄市税务局' },
    { label: 'a vertically led agency whose upper department is set by hand', agency: tax, ancestors: [city], body: '国家税务总局山东省税务局' },
  ];

  for (const c of cases) {
    it(`${c.label}: 复议机关 ${c.body}; refusals state 复议 first, other replies keep the choice`, () => {
      const derived = reconsiderationBodyOf(c.agency, c.ancestors);
      expect(derived.name).toBe(c.body);
      expect(derived.basis).toMatch(/行政复议法》第二十[四七]条|由本机关设置/);
      for (const o of OUTCOMES) {
        const ctx = { ...contextFor(replyKind(o.key)), agency: { ...base.agency, name: c.agency.name, reconsiderationBody: derived.name } };
        const doc = composeLetter(replyKind(o.key), ctx);
        const paragraphs = doc.blocks.filter((b) => b.type === 'paragraph').map((b) => (b.type === 'paragraph' ? b.text : ''));
        const remedies = paragraphs.at(-2)!;
        expect(remedies, o.key).toBe(expectedRemedies(o.key).replaceAll('枣庄市人民政府', c.body));
        const refusal = o.group === 'withheld' || o.group === 'partly_disclosed';
        expect(remedies.includes('应当先自收到本答复之日起60日内'), o.key).toBe(refusal);
        expect(remedies.includes('也可以自收到本答复之日起6个月内'), o.key).toBe(!(o.group === 'withheld'));
      }
    });
  }

  it('the old demo error is gone: a unit under 信访局 does not name 信访局, and the root government needs its override', () => {
    expect(reconsiderationBodyOf({ ...unit, override: '' }, [xfj, city]).name).toBe('枣庄市人民政府');
    expect(reconsiderationBodyOf({ ...city, override: '' }, []).source).toBe('missing');
    expect(reconsiderationBodyOf({ ...tax, override: '' }, [city])).toMatchObject({ name: '', source: 'missing' });
  });
});
