import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { builtinCalendar, formatDate, parseDate } from '../rules/calendar/index.js';
import { computeDeadline } from '../rules/clock.js';
import { projectCase, type CaseEventData, type LedgerEvent } from './projection.js';

const cal = builtinCalendar();
const ledger = (events: CaseEventData[]): LedgerEvent[] =>
  [{ type: 'submitted', channel: 'online', date: '2020-01-01' } as CaseEventData, ...events].map((data, i) => ({
    seq: i + 1,
    at: '2020-01-01T00:00:00Z',
    actor: 't',
    data,
  }));
const plus = (d: string, n: number) => formatDate(parseDate(d) + n);

describe('case projection over the real calendar', () => {
  it('waits for receipt confirmation before the clock runs', () => {
    const p = projectCase(ledger([]), cal);
    expect(p.state).toBe('submitted');
    expect(p.dueDate).toBeNull();
  });

  it('hand-checked: 2024 National Day with make-up Sundays', () => {
    // received Fri 27 Sep 2024; 29 Sep and 12 Oct are make-up working days; 1–7 Oct off.
    const p = projectCase(ledger([{ type: 'received', date: '2024-09-27', how: 'confirmed' }, { type: 'accepted' }]), cal);
    expect(p.dueDate).toBe('2024-10-30');
    expect(p.state).toBe('in_progress');
    expect(p.correctionNoticeBy).toBe('2024-10-12'); // 29 Sep, 30 Sep, 8–11 Oct, Sat 12 Oct (make-up day) = 7th
  });

  it('hand-checked: correction restarts, extension adds 20 working days, 2020 extended Spring Festival', () => {
    const events: CaseEventData[] = [
      { type: 'received', date: '2020-01-13', how: 'handed_in' },
      { type: 'accepted' },
      { type: 'correction_requested', date: '2020-01-15', deadline: '2020-02-14', items: '请写明文号' },
    ];
    const waiting = projectCase(ledger(events), cal);
    expect(waiting.state).toBe('awaiting_correction');
    expect(waiting.dueDate).toBeNull();
    expect(waiting.partyDeadline).toBe('2020-02-14');
    const corrected = projectCase(ledger([...events, { type: 'corrected', date: '2020-02-03' }]), cal);
    // 2020: Spring Festival extended to 2 Feb; 20 working days after Mon 3 Feb = Mon 2 Mar.
    expect(corrected.dueDate).toBe('2020-03-02');
    const extended = projectCase(
      ledger([...events, { type: 'corrected', date: '2020-02-03' }, { type: 'extended', date: '2020-02-20', approvedBy: 'x', reason: 'y' }]),
      cal,
    );
    expect(extended.dueDate).toBe(cal.addWorkingDays('2020-03-02', 20));
    expect(extended.state).toBe('extended');
  });

  it('says 告知申请人 only for released notices: the 补正告知书 drafted with the request, the 延期答复告知书 with the extension', () => {
    const claims = <T extends { note: string }>(steps: T[]) => steps.filter((s) => s.note.includes('告知申请人'));
    const asked: CaseEventData[] = [
      { type: 'received', date: '2024-09-02', how: 'handed_in' },
      { type: 'accepted' },
      { type: 'correction_requested', date: '2024-09-04', deadline: '2024-09-20', items: '请写明文号', letterId: 'L1' },
    ];
    const drafted = projectCase(ledger(asked), cal);
    expect(drafted.state).toBe('awaiting_correction');
    expect(drafted.correctionNotice).toBeNull();
    expect(drafted.partyDeadline).toBeNull(); // not told, so no deadline runs against the applicant
    expect(claims(drafted.trace)).toEqual([]);
    expect(drafted.trace.map((s) => s.note).join('\n')).toMatch(/补正告知书正在审核签发/);

    const told = projectCase(
      ledger([...asked, { type: 'letter_released', letterId: 'L1', kind: 'correction_notice', docNumber: '枣信访依申告〔2024〕7号', date: '2024-09-05' }]),
      cal,
    );
    expect(told.correctionNotice).toEqual({ letterId: 'L1', date: '2024-09-05', docNumber: '枣信访依申告〔2024〕7号' });
    expect(told.partyDeadline).toBe('2024-09-20');
    expect(claims(told.trace).map((s) => s.date)).toEqual(['2024-09-05']);
    expect(claims(told.trace)[0].note).toMatch(/^以补正告知书（枣信访依申告〔2024〕7号）一次性告知申请人补正，补正期限至2024年9月20日；/);

    // Corrected, then an extension asked by a clerk: still no claim until the head releases its notice.
    const corrected: CaseEventData[] = [
      ...asked,
      { type: 'letter_released', letterId: 'L1', kind: 'correction_notice', docNumber: '枣信访依申告〔2024〕7号', date: '2024-09-05' },
      { type: 'corrected', date: '2024-09-10' },
    ];
    const requested = projectCase(
      ledger([...corrected, { type: 'extension_requested', date: '2024-09-30', reason: '需汇总多年数据', requestedBy: '王晓燕', letterId: 'L2' }]),
      cal,
    );
    expect(requested.extensionRequest).toMatchObject({ letterId: 'L2', reason: '需汇总多年数据' });
    expect(requested.extended).toBe(false);
    expect(claims(requested.trace).map((s) => s.date)).toEqual(['2024-09-05']);
    // Legacy: an extension without a released notice says it was approved, not that the applicant was told.
    const legacy = projectCase(ledger([...corrected, { type: 'extended', date: '2024-09-30', approvedBy: '陈', reason: 'y' }]), cal);
    expect(legacy.trace.find((s) => s.kind === 'extension')?.note).toMatch(
      /^原答复期限届满日。经政府信息公开工作机构负责人同意，延长20个工作日（条例第三十三条第二款）$/,
    );
    const extended = projectCase(
      ledger([
        ...corrected,
        { type: 'extension_requested', date: '2024-09-30', reason: '需汇总多年数据', requestedBy: '王晓燕', letterId: 'L2' },
        { type: 'extended', date: '2024-09-30', approvedBy: '陈', reason: '需汇总多年数据', letterId: 'L2' },
        { type: 'letter_released', letterId: 'L2', kind: 'extension_notice', docNumber: '枣信访依申告〔2024〕8号', date: '2024-09-30' },
      ]),
      cal,
    );
    expect(extended.extensionRequest).toBeNull();
    expect(extended.extensionNotice).toEqual({ letterId: 'L2', date: '2024-09-30', docNumber: '枣信访依申告〔2024〕8号' });
    expect(claims(extended.trace).map((s) => s.kind)).toEqual(['correction', 'extension']);
    expect(extended.trace.find((s) => s.kind === 'extension')?.note).toMatch(/2024年9月30日以延期答复告知书（枣信访依申告〔2024〕8号）告知申请人$/);
    expect(extended.dueDate).toBe(legacy.dueDate);
  });

  it('property: the projected due date equals the clock on the same facts, is a working day, and pauses never make it earlier', () => {
    const day = fc.integer({ min: parseDate('2019-06-01'), max: parseDate('2026-06-30') }).map(formatDate);
    fc.assert(
      fc.property(
        day,
        fc.integer({ min: 0, max: 30 }),
        fc.integer({ min: 0, max: 20 }),
        fc.boolean(),
        fc.option(fc.integer({ min: 0, max: 10 }), { nil: undefined }),
        (received, sentAfter, answerAfter, extend, correctedAfter) => {
          const events: CaseEventData[] = [{ type: 'received', date: received, how: 'confirmed' }, { type: 'accepted' }];
          let start = received;
          if (correctedAfter !== undefined) {
            events.push(
              { type: 'correction_requested', date: received, deadline: plus(received, 30), items: 'x' },
              { type: 'corrected', date: plus(received, correctedAfter) },
            );
            start = plus(received, correctedAfter);
          }
          const base = projectCase(ledger(events), cal);
          const sent = plus(start, sentAfter);
          const withPause = projectCase(
            ledger([
              ...events,
              { type: 'consultation_started', consultationId: 'k', kind: 'third_party', party: 'p', date: sent },
              { type: 'consultation_answered', consultationId: 'k', date: plus(sent, answerAfter), opinion: 'ok' },
              ...(extend ? [{ type: 'extended', date: sent, approvedBy: 'h', reason: 'r' } as CaseEventData] : []),
            ]),
            cal,
          );
          const clock = computeDeadline(
            {
              received,
              channel: 'online',
              ...(correctedAfter !== undefined ? { corrected: start, correctionRequested: received } : {}),
              pauses: [{ kind: 'third_party', from: sent, to: plus(sent, answerAfter) }],
              extended: extend,
            },
            cal,
          );
          return (
            withPause.dueDate === clock.due &&
            cal.isWorkingDay(withPause.dueDate!) &&
            withPause.dueDate! >= base.dueDate! &&
            base.dueDate === cal.addWorkingDays(start, 20)
          );
        },
      ),
      { numRuns: 300 },
    );
  });

  it('closing keeps the outcome and date; events after closing (other than notes and letters) change nothing', () => {
    const p = projectCase(
      ledger([
        { type: 'received', date: '2025-03-04', how: 'confirmed' },
        { type: 'closed', date: '2025-03-20', outcome: 'disclosed', reason: '' },
        { type: 'accepted' },
        { type: 'note', text: 'x' },
      ]),
      cal,
    );
    expect(p).toMatchObject({ state: 'closed', outcome: 'disclosed', closedDate: '2025-03-20' });
  });
});
