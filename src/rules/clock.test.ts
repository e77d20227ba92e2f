/**
 * Hand-checked deadlines. Every expected date below was counted by hand, day by day, from the State
 * Council holiday notices (see calendar/calendar.data.test.ts); the counting is written next to each case
 * as "date = ordinal" so that it can be re-checked. "off" = holiday, "Sat*"/"Sun*" = make-up working day.
 */
import { describe, expect, it } from 'vitest';
import { BUILTIN_SCHEDULES, createCalendar } from './calendar/index.js';
import {
  computeDeadline,
  consultationLimit,
  correctionDeadlineWarning,
  correctionRequestDeadline,
  feePaymentDeadline,
  isWorkingDay,
  nextWorkingDay,
  receivedDate,
  workingDaysBetween,
  type DeadlineInput,
} from './clock.js';

interface Case {
  name: string;
  input: DeadlineInput;
  due: string;
  firstDue?: string;
  provisional?: boolean;
}

const CASES: Case[] = [
  // ------------------------------------------------------------------ 2019
  {
    // 9/29 Sun* 1, 9/30 2, 10/1–7 off, 10/8 3 … 10/11 6, 10/12 Sat* 7, 10/14 8 … 10/18 12, 10/21–25 13–17, 10/28 18, 29 19, 30 20
    name: '2019 National Day with make-up Sunday and Saturday',
    input: { received: '2019-09-27' },
    due: '2019-10-30',
  },
  {
    // 1/28–2/1 1–5, 2/2 Sat* 6, 2/3 Sun* 7, 2/4–10 off, 2/11–15 8–12, 2/18–22 13–17, 2/25 18, 26 19, 27 20
    name: '2019 Spring Festival with two make-up weekend days before it',
    input: { received: '2019-01-25' },
    due: '2019-02-27',
  },
  {
    // 4/22–26 1–5, 4/28 Sun* 6, 29 7, 30 8, 5/1–4 off, 5/5 Sun* 9, 5/6–10 10–14, 5/13–17 15–19, 5/20 20
    name: '2019 Labour Day as changed by 国办发明电〔2019〕3号',
    input: { received: '2019-04-19' },
    due: '2019-05-20',
  },
  // ------------------------------------------------------------------ 2020
  {
    // 1/21 1, 22 2, 23 3, 1/24–2/2 off (extended; 2/1 no longer worked), 2/3–7 4–8, 2/10–14 9–13, 2/17–21 14–18, 2/24 19, 25 20
    name: '2020 Spring Festival extended to 2 February (国办发明电〔2020〕1号)',
    input: { received: '2020-01-20' },
    due: '2020-02-25',
  },
  {
    // 1/19 Sun* 1, 1/20–23 2–5, 1/24–2/2 off, 2/3–7 6–10, 2/10–14 11–15, 2/17–21 16–20
    name: '2020 Spring Festival from the make-up Sunday 19 January',
    input: { received: '2020-01-17' },
    due: '2020-02-21',
  },
  {
    // 9/27 Sun* 1, 9/28–30 2–4, 10/1–8 off, 10/9 5, 10/10 Sat* 6, 10/12–16 7–11, 10/19–23 12–16, 10/26–29 17–20
    name: '2020 National Day and Mid-Autumn together (1–8 October)',
    input: { received: '2020-09-25' },
    due: '2020-10-29',
  },
  {
    // 6/22–24 1–3, 6/25–27 off, 6/28 Sun* 4, 6/29–7/3 5–9, 7/6–10 10–14, 7/13–17 15–19, 7/20 20
    name: '2020 Dragon Boat with make-up Sunday after it',
    input: { received: '2020-06-19' },
    due: '2020-07-20',
  },
  // ------------------------------------------------------------------ 2021
  {
    // 12/28–31 1–4, 1/1 off, 1/4–8 5–9, 1/11–15 10–14, 1/18–22 15–19, 1/25 20
    name: '2021 New Year across the year end',
    input: { received: '2020-12-25' },
    due: '2021-01-25',
  },
  {
    // 2/7 Sun* 1, 2/8–10 2–4, 2/11–17 off, 2/18 5, 19 6, 2/20 Sat* 7, 2/22–26 8–12, 3/1–5 13–17, 3/8 18, 9 19, 10 20
    name: '2021 Spring Festival',
    input: { received: '2021-02-05' },
    due: '2021-03-10',
  },
  {
    // 9/18 Sat* 1, 9/19–21 off, 9/22–24 2–4, 9/26 Sun* 5, 9/27–30 6–9, 10/1–7 off, 10/8 10, 10/9 Sat* 11, 10/11–15 12–16, 10/18–21 17–20
    name: '2021 Mid-Autumn then National Day, three make-up days',
    input: { received: '2021-09-17' },
    due: '2021-10-21',
  },
  {
    // 4/3–5 off, 4/6–9 1–4, 4/12–16 5–9, 4/19–23 10–14, 4/25 Sun* 15, 4/26–30 16–20
    name: '2021 Qingming, ending before Labour Day',
    input: { received: '2021-04-02' },
    due: '2021-04-30',
  },
  // ------------------------------------------------------------------ 2022
  {
    // 1/29 Sat* 1, 1/30 Sun* 2, 1/31–2/6 off, 2/7–11 3–7, 2/14–18 8–12, 2/21–25 13–17, 2/28 18, 3/1 19, 3/2 20
    name: '2022 Spring Festival with make-up Saturday and Sunday before it',
    input: { received: '2022-01-28' },
    due: '2022-03-02',
  },
  {
    // 4/2 Sat* 1, 4/3–5 off, 4/6–8 2–4, 4/11–15 5–9, 4/18–22 10–14, 4/24 Sun* 15, 4/25–29 16–20
    name: '2022 Qingming (make-up Saturday) and Labour Day make-up Sunday',
    input: { received: '2022-04-01' },
    due: '2022-04-29',
  },
  {
    // 10/1–7 off, 10/8 Sat* 1, 10/9 Sun* 2, 10/10–14 3–7, 10/17–21 8–12, 10/24–28 13–17, 10/31 18, 11/1 19, 11/2 20
    name: '2022 National Day with make-up Saturday and Sunday after it',
    input: { received: '2022-09-30' },
    due: '2022-11-02',
  },
  {
    // 12/21–23 1–3, 12/26–30 4–8, 12/31–1/2 off, 1/3–6 9–12, 1/9–13 13–17, 1/16–18 18–20
    name: '2023 New Year starting on 31 December 2022',
    input: { received: '2022-12-20' },
    due: '2023-01-18',
  },
  // ------------------------------------------------------------------ 2023
  {
    // 1/16–20 1–5, 1/21–27 off, 1/28 Sat* 6, 1/29 Sun* 7, 1/30–2/3 8–12, 2/6–10 13–17, 2/13–15 18–20
    name: '2023 Spring Festival',
    input: { received: '2023-01-13' },
    due: '2023-02-15',
  },
  {
    // 6/19–21 1–3, 6/22–24 off, 6/25 Sun* 4, 6/26–30 5–9, 7/3–7 10–14, 7/10–14 15–19, 7/17 20
    name: '2023 Dragon Boat',
    input: { received: '2023-06-16' },
    due: '2023-07-17',
  },
  {
    // 9/29–10/6 off, 10/7 Sat* 1, 10/8 Sun* 2, 10/9–13 3–7, 10/16–20 8–12, 10/23–27 13–17, 10/30 18, 31 19, 11/1 20
    name: '2023 Mid-Autumn and National Day together (29 September–6 October)',
    input: { received: '2023-09-28' },
    due: '2023-11-01',
  },
  {
    // 4/4 1, 4/5 off, 4/6 2, 4/7 3, 4/10–14 4–8, 4/17–21 9–13, 4/23 Sun* 14, 4/24–28 15–19, 4/29–5/3 off, 5/4 20
    name: '2023 Qingming (one day) and Labour Day',
    input: { received: '2023-04-03' },
    due: '2023-05-04',
  },
  // ------------------------------------------------------------------ 2024
  {
    // 9/29 Sun* 1, 9/30 2, 10/1–7 off, 10/8–11 3–6, 10/12 Sat* 7, 10/14–18 8–12, 10/21–25 13–17, 10/28–30 18–20
    name: '2024 National Day (received 27 September)',
    input: { received: '2024-09-27' },
    due: '2024-10-30',
  },
  {
    // 9/14 Sat* 1, 9/15–17 off, 9/18–20 2–4, 9/23–27 5–9, 9/29 Sun* 10, 9/30 11, 10/1–7 off, 10/8–11 12–15, 10/12 Sat* 16, 10/14–17 17–20
    name: '2024 Mid-Autumn then National Day',
    input: { received: '2024-09-13' },
    due: '2024-10-17',
  },
  {
    // 2/4 Sun* 1, 2/5–9 2–6, 2/10–17 off, 2/18 Sun* 7, 2/19–23 8–12, 2/26–3/1 13–17, 3/4–6 18–20
    name: '2024 Spring Festival (8 days off, make-up Sundays on both sides)',
    input: { received: '2024-02-02' },
    due: '2024-03-06',
  },
  {
    // 4/4–6 off, 4/7 Sun* 1, 4/8–12 2–6, 4/15–19 7–11, 4/22–26 12–16, 4/28 Sun* 17, 4/29 18, 4/30 19, 5/1–5 off, 5/6 20
    name: '2024 Qingming and Labour Day with make-up Sundays',
    input: { received: '2024-04-03' },
    due: '2024-05-06',
  },
  {
    // 6/8–10 off, 6/11–14 1–4, 6/17–21 5–9, 6/24–28 10–14, 7/1–5 15–19, 7/8 20
    name: '2024 Dragon Boat joined to the weekend',
    input: { received: '2024-06-07' },
    due: '2024-07-08',
  },
  {
    // 1/1 off, 1/2–5 1–4, 1/8–12 5–9, 1/15–19 10–14, 1/22–26 15–19, 1/29 20
    name: '2024 New Year',
    input: { received: '2023-12-29' },
    due: '2024-01-29',
  },
  // ------------------------------------------------------------------ 2025
  {
    // 1/26 Sun* 1, 1/27 2, 1/28–2/4 off, 2/5–7 3–5, 2/8 Sat* 6, 2/10–14 7–11, 2/17–21 12–16, 2/24–27 17–20
    name: '2025 Spring Festival from New Year’s Eve (8 days)',
    input: { received: '2025-01-24' },
    due: '2025-02-27',
  },
  {
    // 4/27 Sun* 1, 4/28–30 2–4, 5/1–5 off, 5/6–9 5–8, 5/12–16 9–13, 5/19–23 14–18, 5/26 19, 27 20
    name: '2025 Labour Day (5 days, one make-up Sunday)',
    input: { received: '2025-04-25' },
    due: '2025-05-27',
  },
  {
    // 9/28 Sun* 1, 9/29 2, 9/30 3, 10/1–8 off, 10/9 4, 10/10 5, 10/11 Sat* 6, 10/13–17 7–11, 10/20–24 12–16, 10/27–30 17–20
    name: '2025 National Day and Mid-Autumn together (1–8 October)',
    input: { received: '2025-09-26' },
    due: '2025-10-30',
  },
  {
    // 5/31–6/2 off, 6/3–6 1–4, 6/9–13 5–9, 6/16–20 10–14, 6/23–27 15–19, 6/30 20
    name: '2025 Dragon Boat',
    input: { received: '2025-05-30' },
    due: '2025-06-30',
  },
  // ------------------------------------------------------------------ 2026
  {
    // 12/31 1, 1/1–3 off, 1/4 Sun* 2, 1/5–9 3–7, 1/12–16 8–12, 1/19–23 13–17, 1/26–28 18–20
    name: '2026 New Year with make-up Sunday 4 January',
    input: { received: '2025-12-30' },
    due: '2026-01-28',
  },
  {
    // 2/9–13 1–5, 2/14 Sat* 6, 2/15–23 off, 2/24–27 7–10, 2/28 Sat* 11, 3/2–6 12–16, 3/9–12 17–20
    name: '2026 Spring Festival (9 days)',
    input: { received: '2026-02-06' },
    due: '2026-03-12',
  },
  {
    // 9/20 Sun* 1, 9/21–24 2–5, 9/25–27 off, 9/28–30 6–8, 10/1–7 off, 10/8 9, 10/9 10, 10/10 Sat* 11, 10/12–16 12–16, 10/19–22 17–20
    name: '2026 Mid-Autumn and National Day, separate',
    input: { received: '2026-09-18' },
    due: '2026-10-22',
  },
  {
    // 5/1–5 off, 5/6–8 1–3, 5/9 Sat* 4, 5/11–15 5–9, 5/18–22 10–14, 5/25–29 15–19, 6/1 20
    name: '2026 Labour Day with make-up Saturday after it',
    input: { received: '2026-04-30' },
    due: '2026-06-01',
  },
  // ------------------------------------------------------------------ unpublished years
  {
    // 12/11 1, 12/14–18 2–6, 12/21–25 7–11, 12/28–31 12–15, 2027-01-01 (Fri, 元旦 estimated from the 放假办法) off, 1/4–8 16–20
    name: 'running into 2027 is provisional',
    input: { received: '2026-12-10' },
    due: '2027-01-08',
    provisional: true,
  },
  {
    // 12/2–4 1–3, 12/7–11 4–8, 12/14–18 9–13, 12/21–25 14–18, 12/28 19, 12/29 20
    name: 'ending on 29 December 2026 is not provisional',
    input: { received: '2026-12-01' },
    due: '2026-12-29',
    provisional: false,
  },
  {
    // first due 12/30 (12/3–4, 7–11, 14–18, 21–25, 28–30); then 12/31 1, 1/1 元旦 (estimated) off, 1/4–8 2–6, 1/11–15 7–11, 1/18–22 12–16, 1/25–28 17–20
    name: 'an extension running into 2027 is provisional',
    input: { received: '2026-12-02', extended: true },
    firstDue: '2026-12-30',
    due: '2027-01-28',
    provisional: true,
  },
  {
    // 2018 counted Monday–Friday: 12/31 1, 2019-01-01 off, 1/2–4 2–4, 1/7–11 5–9, 1/14–18 10–14, 1/21–25 15–19, 1/28 20
    name: 'received in 2018 (not in the data) is provisional',
    input: { received: '2018-12-28' },
    due: '2019-01-28',
    provisional: true,
  },
  // ------------------------------------------------------------------ received on a day off
  {
    // 10/4–7 off, 10/8–11 1–4, 10/12 Sat* 5, 10/14–18 6–10, 10/21–25 11–15, 10/28–11/1 16–20
    name: 'received (confirmed online) during the National Day holiday',
    input: { received: '2024-10-03', channel: 'online' },
    due: '2024-11-01',
  },
  {
    // 10/9 Sun* 1, 10/10–14 2–6, 10/17–21 7–11, 10/24–28 12–16, 10/31–11/3 17–20
    name: 'received on a make-up Saturday',
    input: { received: '2022-10-08' },
    due: '2022-11-03',
  },
  // ------------------------------------------------------------------ corrections (条例第三十条)
  {
    // restart from 27 September: same count as the 2024 National Day case
    name: 'correction restarts the count from the corrected application',
    input: { received: '2024-09-02', corrected: '2024-09-27' },
    due: '2024-10-30',
  },
  {
    // restart from 20 January 2020: same count as the Spring Festival extension case
    name: 'correction arriving just before the 2020 Spring Festival',
    input: { received: '2020-01-10', corrected: '2020-01-20' },
    due: '2020-02-25',
  },
  {
    // 10/10–13 1–4, 10/16–20 5–9, 10/23–27 10–14, 10/30–11/3 15–19, 11/6 20
    name: 'correction received after the 2023 Mid-Autumn/National Day holiday',
    input: { received: '2023-09-20', corrected: '2023-10-09' },
    due: '2023-11-06',
  },
  {
    // pause 3/4–3/8 is before the restart, so it changes nothing: 3/12–15 1–4, 3/18–22 5–9, 3/25–29 10–14, 4/1–3 15–17, 4/4–6 off, 4/7 Sun* 18, 4/8 19, 4/9 20
    name: 'a consultation finished before the correction does not count',
    input: { received: '2024-03-01', corrected: '2024-03-11', pauses: [{ from: '2024-03-04', to: '2024-03-08', kind: 'third_party' }] },
    due: '2024-04-09',
  },
  // ------------------------------------------------------------------ consultations and fees
  {
    // 8–10 Oct paused (3 working days): 30 Oct + 3 = 10/31 1, 11/1 2, 11/4 3
    name: 'agency consultation answered after three working days',
    input: { received: '2024-09-27', pauses: [{ from: '2024-10-08', to: '2024-10-10', kind: 'agency' }] },
    due: '2024-11-04',
  },
  {
    // limit = 15th working day after 3/11 = 4/1; counted 3/4–8 1–5; paused 3/11–4/1; 4/2 6, 4/3 7, 4/4–6 off, 4/7 Sun* 8, 4/8–12 9–13, 4/15–19 14–18, 4/22 19, 4/23 20
    name: 'third party silent: the pause ends at its 15-working-day limit',
    input: { received: '2024-03-01', pauses: [{ from: '2024-03-11', kind: 'third_party' }] },
    firstDue: '2024-04-23',
    due: '2024-04-23',
  },
  {
    // an answer on 10 April is after the limit (1 April): cut at the limit, same as the silent case
    name: 'a late answer does not extend the pause beyond the limit',
    input: { received: '2024-03-01', pauses: [{ from: '2024-03-11', to: '2024-04-10', kind: 'agency' }] },
    due: '2024-04-23',
  },
  {
    // union 3/11–3/20 = 8 working days; 3/29 + 8 = 4/1 1, 4/2 2, 4/3 3, 4/4–6 off, 4/7 Sun* 4, 4/8–11 5–8
    name: 'overlapping consultations count once',
    input: {
      received: '2024-03-01',
      pauses: [
        { from: '2024-03-11', to: '2024-03-15', kind: 'agency' },
        { from: '2024-03-13', to: '2024-03-20', kind: 'third_party' },
      ],
    },
    due: '2024-04-11',
  },
  {
    // the period ended on 29 March (3/4–8, 11–15, 18–22, 25–29): a pause from 1 April cannot revive it
    name: 'a consultation started after the due date changes nothing',
    input: { received: '2024-03-01', pauses: [{ from: '2024-04-01', to: '2024-04-03', kind: 'agency' }] },
    due: '2024-03-29',
  },
  {
    // without pause 3/31 (3/4–7, 10–14, 17–21, 24–28, 31); fee 3/10–3/14 paid = 5 days; 4/1 1, 4/2 2, 4/3 3, 4/4–6 off, 4/7 4, 4/8 5
    name: 'fee notice paid within the week pauses the clock',
    input: { received: '2025-03-03', pauses: [{ from: '2025-03-10', to: '2025-03-14', kind: 'fee' }] },
    due: '2025-04-08',
  },
  {
    // payment deadline 4/8 (3/11–14, 17–21, 24–28, 31, 4/1–3, 4/7, 4/8); counted 3/4–7 1–4; 4/9–11 5–7, 4/14–18 8–12, 4/21–25 13–17, 4/27 Sun* 18, 4/28 19, 4/29 20
    name: 'fee unpaid: the pause runs to the payment deadline',
    input: { received: '2025-03-03', pauses: [{ from: '2025-03-10', kind: 'fee' }] },
    due: '2025-04-29',
  },
  // ------------------------------------------------------------------ extension (条例第三十三条第二款)
  {
    // 10/31 1, 11/1 2, 11/4–8 3–7, 11/11–15 8–12, 11/18–22 13–17, 11/25–27 18–20
    name: 'extension adds 20 working days after the first due date',
    input: { received: '2024-09-27', extended: true },
    firstDue: '2024-10-30',
    due: '2024-11-27',
  },
  {
    // 2/26–28 1–3, 3/2–6 4–8, 3/9–13 9–13, 3/16–20 14–18, 3/23 19, 3/24 20
    name: 'extension after the extended 2020 Spring Festival',
    input: { received: '2020-01-20', extended: true },
    firstDue: '2020-02-25',
    due: '2020-03-24',
  },
  {
    // first: 1/12–16 1–5, 1/19–23 6–10, 1/26–30 11–15, 2/2–6 16–20; extension: 2/9–13 1–5, 2/14 Sat* 6, 2/15–23 off, 2/24–27 7–10, 2/28 Sat* 11, 3/2–6 12–16, 3/9–12 17–20
    name: 'extension across the 2026 Spring Festival',
    input: { received: '2026-01-09', extended: true },
    firstDue: '2026-02-06',
    due: '2026-03-12',
  },
  {
    // 27 Nov + 3 paused days (4–6 Nov, during the extension): 11/28 1, 11/29 2, 12/2 3
    name: 'a consultation during the extension still pushes the date back',
    input: { received: '2024-09-27', extended: true, pauses: [{ from: '2024-11-04', to: '2024-11-06', kind: 'agency' }] },
    firstDue: '2024-10-30',
    due: '2024-12-02',
  },
  // ------------------------------------------------------------------ Art. 35
  {
    name: 'an Art. 35 deadline replaces the computed one',
    input: { received: '2024-09-27', art35Due: '2024-12-31' },
    firstDue: '2024-10-30',
    due: '2024-12-31',
  },
  {
    name: 'an Art. 35 date earlier than the statutory due date is ignored',
    input: { received: '2024-09-27', art35Due: '2024-10-15' },
    due: '2024-10-30',
  },
];

describe('hand-checked deadlines', () => {
  it('has at least 40 cases', () => {
    expect(CASES.length).toBeGreaterThanOrEqual(40);
  });
  for (const c of CASES) {
    it(c.name, () => {
      const r = computeDeadline(c.input);
      expect(r.due).toBe(c.due);
      if (c.firstDue !== undefined) expect(r.firstDue).toBe(c.firstDue);
      expect(r.provisional).toBe(c.provisional ?? false);
      expect(r.trace.filter((s) => s.kind === 'due')).toEqual([expect.objectContaining({ date: c.due })]);
    });
  }
});

describe('trace', () => {
  it('explains an ordinary case in Chinese, in date order', () => {
    const r = computeDeadline({ received: '2024-09-27', channel: 'in_person' });
    expect(r.trace).toEqual([
      { date: '2024-09-27', kind: 'received', note: '收到申请：当面提交申请的，以提交之日为收到申请之日（条例第三十一条）' },
      { date: '2024-09-28', kind: 'start', note: '从收到申请的次日起计算20个工作日的答复期限（条例第三十三条第二款；当日不计入）' },
      { date: '2024-09-29', kind: 'makeup_workday', note: '国庆节调休上班（星期日），计为工作日' },
      { date: '2024-10-01', kind: 'holiday', note: '国庆节放假（2024年10月1日至7日），不计入工作日' },
      { date: '2024-10-12', kind: 'makeup_workday', note: '国庆节调休上班（星期六），计为工作日' },
      { date: '2024-10-30', kind: 'due', note: '答复期限届满日：2024年10月30日（星期三），共20个工作日' },
    ]);
  });

  it('names joint holidays and the 2020 extension', () => {
    const a = computeDeadline({ received: '2023-09-28' });
    expect(a.trace.find((s) => s.kind === 'holiday')?.note).toBe('中秋节、国庆节放假（2023年9月29日至10月6日），不计入工作日');
    const b = computeDeadline({ received: '2020-01-20' });
    expect(b.trace.find((s) => s.kind === 'holiday')?.note).toBe('春节放假（2020年1月24日至2月2日），不计入工作日');
    expect(b.trace.some((s) => s.kind === 'makeup_workday')).toBe(false);
  });

  it('says 法定节假日 when the data has no names', () => {
    const noNames = createCalendar([{ year: 2024, holidays: ['2024-10-01', '2024-10-02'], source: '测试' }]);
    const r = computeDeadline({ received: '2024-09-27' }, noNames);
    expect(r.trace.find((s) => s.kind === 'holiday')?.note).toBe('法定节假日放假（2024年10月1日至2日），不计入工作日');
  });

  it('explains a restart on correction', () => {
    const r = computeDeadline({ received: '2024-09-02', corrected: '2024-09-27' });
    expect(r.trace.slice(0, 3)).toEqual([
      { date: '2024-09-02', kind: 'received', note: '收到申请（条例第三十一条）' },
      { date: '2024-09-27', kind: 'correction', note: '收到补正后的申请，答复期限自该日起重新计算（条例第三十条）' },
      { date: '2024-09-28', kind: 'start', note: '从收到补正申请的次日起重新计算20个工作日的答复期限（条例第三十三条第二款；当日不计入）' },
    ]);
    expect(r.corrected).toBe('2024-09-27');
    expect(r.start).toBe('2024-09-28');
  });

  it('explains pauses: answered, silent agency (= consent), overlap, outside the period', () => {
    const r = computeDeadline({
      received: '2024-03-01',
      pauses: [
        { from: '2024-03-11', to: '2024-03-15', kind: 'third_party' },
        { from: '2024-03-13', kind: 'agency' },
      ],
    });
    const notes = r.trace.filter((s) => s.kind === 'pause').map((s) => s.note);
    expect(notes[0]).toBe('发出征求第三方意见书（条例第三十二条），2024年3月15日收到答复。其间5个工作日不计入答复期限（条例第三十三条第三款）');
    // agency limit: 15th working day after 3/13 = 4/3; 3/13–4/3 = 16 working days, 3 of them shared with the first pause
    expect(notes[1]).toBe(
      '发出征求其他机关意见函（条例第三十四条），至2024年4月3日（15个工作日）未答复，视为同意公开（条例第三十四条）。其间13个工作日不计入答复期限（条例第三十三条第三款），与其他暂停期间重叠的部分只计一次',
    );
    expect(r.pausedWorkingDays).toBe(18);
    expect(r.pauses.map((p) => p.workingDaysNotCounted)).toEqual([5, 13]);
    expect(r.pauses[1]).toMatchObject({ from: '2024-03-13', to: '2024-04-03', limit: '2024-04-03', answered: false, open: false });
    // counted 3/4–8 1–5; paused 3/11–4/3; 4/4–6 off, 4/7 Sun* 6, 4/8–12 7–11, 4/15–19 12–16, 4/22–25 17–20
    expect(r.trace[r.trace.length - 1].note).toBe('答复期限届满日：2024年4月25日（星期四），共20个工作日，另有18个工作日暂停不计');

    const after = computeDeadline({ received: '2024-03-01', pauses: [{ from: '2024-04-01', to: '2024-04-03', kind: 'agency' }] });
    expect(after.trace.find((s) => s.kind === 'pause')?.note).toMatch(/不在答复期限计算期间内，不影响答复期限$/);
    expect(after.warnings.map((w) => w.code)).toContain('pause_after_due');
  });

  it('marks an open consultation and a capped late answer', () => {
    const open = computeDeadline({ received: '2024-03-01', pauses: [{ from: '2024-03-11', kind: 'third_party' }], today: '2024-03-20' });
    expect(open.pauses[0]).toMatchObject({ open: true, to: '2024-04-01' });
    expect(open.trace.find((s) => s.kind === 'pause')?.note).toMatch(/尚未收到答复，暂按答复期限2024年4月1日计算/);
    expect(open.warnings.map((w) => w.code)).toContain('pause_open');
    const late = computeDeadline({ received: '2024-03-01', pauses: [{ from: '2024-03-11', to: '2024-04-10', kind: 'agency' }] });
    expect(late.pauses[0]).toMatchObject({ capped: true, to: '2024-04-01', answered: false });
    expect(late.warnings.map((w) => w.code)).toContain('pause_capped');
  });

  it('explains a pause the agency ended before the limit without an answer', () => {
    const r = computeDeadline({ received: '2024-03-01', pauses: [{ from: '2024-03-11', to: '2024-03-13', kind: 'agency', answered: false }] });
    expect(r.trace.find((s) => s.kind === 'pause')?.note).toBe(
      '发出征求其他机关意见函（条例第三十四条），2024年3月13日结束暂停（未收到答复）。其间3个工作日不计入答复期限（条例第三十三条第三款）',
    );
    const fee = computeDeadline({
      received: '2025-03-03',
      pauses: [{ from: '2025-03-10', to: '2025-03-12', kind: 'fee', answered: false }],
      today: '2025-03-20',
    });
    expect(fee.warnings.map((w) => w.code)).not.toContain('fee_unpaid');
  });

  it('explains a fee notice and warns when it was not paid', () => {
    const r = computeDeadline({ received: '2025-03-03', pauses: [{ from: '2025-03-10', kind: 'fee' }], today: '2025-04-09' });
    expect(r.trace.find((s) => s.kind === 'pause')?.note).toBe(
      '发出信息处理费收费通知（国办函〔2020〕109号），至2025年4月8日（20个工作日）未缴费，视为放弃申请。其间21个工作日不计入答复期限（收费通知至缴费期间暂停计算）',
    );
    expect(r.warnings.find((w) => w.code === 'fee_unpaid')?.message).toMatch(/视为放弃申请/);
    expect(feePaymentDeadline('2025-03-10')).toBe('2025-04-08');
  });

  it('explains extension, Art. 35 and provisional years', () => {
    const ext = computeDeadline({ received: '2024-09-27', extended: true });
    expect(ext.trace.find((s) => s.kind === 'extension')).toEqual({
      date: '2024-10-30',
      kind: 'extension',
      note: '原答复期限届满日。经政府信息公开工作机构负责人同意，延长20个工作日（条例第三十三条第二款）',
    });
    // "告知申请人" only with the released 延期答复告知书, with its date and number.
    const told = computeDeadline({ received: '2024-09-27', extended: true, extensionNotice: { date: '2024-10-28', docNumber: '枣信访依申告〔2024〕5号' } });
    expect(told.trace.find((s) => s.kind === 'extension')?.note).toBe(
      '原答复期限届满日。经政府信息公开工作机构负责人同意，延长20个工作日（条例第三十三条第二款）；2024年10月28日以延期答复告知书（枣信访依申告〔2024〕5号）告知申请人',
    );
    expect(ext.trace.some((s) => s.note.includes('告知申请人'))).toBe(false);
    expect(ext.trace[ext.trace.length - 1].note).toBe('答复期限届满日：2024年11月27日（星期三），共40个工作日');

    const a35 = computeDeadline({ received: '2024-09-27', art35Due: '2024-12-31' });
    expect(a35.statutoryDue).toBe('2024-10-30');
    expect(a35.trace.find((s) => s.kind === 'art35')?.note).toMatch(/依照条例第三十五条确定的答复期限，取代按条例第三十三条计算的2024年10月30日/);
    expect(a35.trace[a35.trace.length - 1].note).toBe('答复期限届满日：2024年12月31日（星期二）（条例第三十五条）');
    const early = computeDeadline({ received: '2024-09-27', art35Due: '2024-10-15' });
    expect(early.warnings.map((w) => w.code)).toEqual(['art35_not_later']);

    const prov = computeDeadline({ received: '2026-12-10' });
    expect(prov.unpublishedYears).toEqual([2027]);
    expect(prov.trace.find((s) => s.kind === 'provisional')).toEqual({
      date: '2027-01-01',
      kind: 'provisional',
      note: '2027年节假日安排尚未公布，暂按《全国年节及纪念日放假办法》推算法定节假日（期间推算的放假日：2027年1月1日元旦）；国务院的调休安排和调休上班日尚不可知，期限可能调整',
    });
    // Without the estimate (a calendar built from published schedules only) the year counts Monday–Friday.
    const weekendsOnly = computeDeadline({ received: '2026-12-10' }, createCalendar(BUILTIN_SCHEDULES));
    expect(weekendsOnly.due).toBe('2027-01-07');
    expect(weekendsOnly.trace.find((s) => s.kind === 'provisional')?.note).toBe('2027年节假日安排尚未公布，暂按周一至周五为工作日计算，期限可能调整');
  });

  it('is not provisional once the administrator publishes 2027', () => {
    const with2027 = createCalendar([...BUILTIN_SCHEDULES, { year: 2027, holidays: [{ date: '2027-01-01', name: '元旦' }], workdays: [], source: '示例' }]);
    const r = computeDeadline({ received: '2026-12-10' }, with2027);
    expect(r.provisional).toBe(false);
    expect(r.due).toBe('2027-01-08'); // 1 January is now a holiday: one day later
  });
});

describe('today: days left, overdue, correction warnings', () => {
  it('counts working days left and overdue', () => {
    const soon = computeDeadline({ received: '2024-09-27', today: '2024-10-28', corrected: '2024-09-27' });
    expect(soon.workingDaysLeft).toBe(2);
    expect(soon.overdue).toBe(false);
    expect(soon.warnings).toEqual([{ code: 'due_soon', message: '距答复期限届满还有2个工作日' }]);
    const last = computeDeadline({ received: '2024-09-27', today: '2024-10-30', corrected: '2024-09-27' });
    expect(last.workingDaysLeft).toBe(0);
    const late = computeDeadline({ received: '2024-09-27', today: '2024-11-01', corrected: '2024-09-27' });
    expect(late.overdue).toBe(true);
    expect(late.workingDaysLeft).toBe(-2);
    expect(late.warnings).toEqual([{ code: 'overdue', message: '已超过答复期限2024年10月30日，逾期2个工作日' }]);
    const early = computeDeadline({ received: '2024-09-27', today: '2024-09-27', corrected: '2024-09-27' });
    expect(early.workingDaysLeft).toBe(20);
  });

  it('computes the correction-request deadline (7th working day after receipt)', () => {
    expect(computeDeadline({ received: '2024-09-02' }).correctionRequestDeadline).toBe('2024-09-11');
    expect(correctionRequestDeadline('2020-01-10')).toBe('2020-01-20'); // 1/13–17 1–5, 1/19 Sun* 6, 1/20 7
    expect(correctionRequestDeadline('2023-09-20')).toBe('2023-10-07'); // 9/21–28 1–6, 9/29–10/6 off, 10/7 Sat* 7
  });

  it('warns when the correction-request deadline is near or past', () => {
    expect(correctionDeadlineWarning('2024-09-02', '2024-09-06')).toBeNull(); // 3 working days left
    expect(correctionDeadlineWarning('2024-09-02', '2024-09-09')).toEqual({
      code: 'correction_deadline_near',
      message: '补正告知期限为2024年9月11日（星期三），还剩2个工作日；如需补正，应一次性告知申请人需要补正的事项和合理的补正期限（条例第三十条）',
    });
    expect(correctionDeadlineWarning('2024-09-02', '2024-09-11')?.message).toMatch(/今天是最后一天/);
    expect(correctionDeadlineWarning('2024-09-02', '2024-09-12')?.code).toBe('correction_deadline_passed');
    const r = computeDeadline({ received: '2024-09-02', today: '2024-09-10' });
    expect(r.warnings.map((w) => w.code)).toEqual(['correction_deadline_near']);
    const sent = computeDeadline({ received: '2024-09-02', today: '2024-09-10', correctionRequested: '2024-09-05' });
    expect(sent.warnings).toEqual([]);
    const lateRequest = computeDeadline({ received: '2024-09-02', correctionRequested: '2024-09-13' });
    expect(lateRequest.warnings.map((w) => w.code)).toEqual(['correction_request_late']);
  });
});

describe('received date by channel (条例第三十一条)', () => {
  it('takes the date the channel calls for', () => {
    const dates = { submittedDate: '2024-09-20', signedDate: '2024-09-23', confirmedDate: '2024-09-24' };
    expect(receivedDate('in_person', dates)).toBe('2024-09-20');
    expect(receivedDate('post_signed', dates)).toBe('2024-09-23');
    expect(receivedDate('post_ordinary', dates)).toBe('2024-09-24');
    expect(receivedDate('online', dates)).toBe('2024-09-24');
    expect(receivedDate('fax', dates)).toBe('2024-09-24');
  });

  it('refuses in Chinese when the needed date is missing or invalid', () => {
    expect(() => receivedDate('online', { submittedDate: '2024-09-20' })).toThrow(
      '缺少双方确认日期：通过互联网提交申请的，以双方确认之日为收到申请之日（条例第三十一条）',
    );
    expect(() => receivedDate('post_signed', { submittedDate: '2024-09-20' })).toThrow(/缺少签收日期/);
    expect(() => receivedDate('post_ordinary', {})).toThrow(/缺少与申请人确认收到的日期/);
    expect(() => receivedDate('in_person', { submittedDate: '2024-02-30' })).toThrow(/当面提交日期「2024-02-30」无效/);
    expect(() => receivedDate('pigeon' as never, {})).toThrow(/无法识别的申请渠道/);
    expect(() => receivedDate('toString' as never, {})).toThrow(/无法识别的申请渠道/);
  });
});

describe('input errors', () => {
  it('rejects bad input with Chinese messages', () => {
    expect(() => computeDeadline({ received: '2024-02-30' })).toThrow(/收到申请日期「2024-02-30」无效/);
    expect(() => computeDeadline({ received: '2024-09-27', corrected: '2024-09-01' })).toThrow(/早于收到原申请的日期/);
    expect(() => computeDeadline({ received: '2024-09-27', pauses: [{ from: '2024-10-10', to: '2024-10-08', kind: 'agency' }] })).toThrow(
      /第1个暂停期间的起始日期2024-10-10晚于结束日期2024-10-08/,
    );
    expect(() => computeDeadline({ received: '2024-09-27', pauses: [{ from: '2024-09-01', to: '2024-09-30', kind: 'agency' }] })).toThrow(/早于收到申请之日/);
    expect(() => computeDeadline({ received: '2024-09-27', pauses: [{ from: '2024-10-08', kind: 'other' }] })).toThrow(/缺少结束日期/);
    expect(() => computeDeadline({ received: '2024-09-27', pauses: [{ from: '2024-10-08', kind: 'x' as never }] })).toThrow(/类型「x」无法识别/);
  });
});

describe('helpers', () => {
  it('answers small questions for the case service', () => {
    expect(isWorkingDay('2024-10-12')).toBe(true);
    expect(isWorkingDay('2024-10-07')).toBe(false);
    expect(nextWorkingDay('2024-09-30')).toBe('2024-10-08');
    expect(workingDaysBetween('2024-09-27', '2024-10-30')).toBe(20);
    expect(workingDaysBetween('2024-10-30', '2024-09-27')).toBe(-20);
    expect(workingDaysBetween('2024-10-01', '2024-10-07')).toBe(0);
    expect(consultationLimit('2024-03-11')).toBe('2024-04-01');
  });
});
