/**
 * The built-in schedules: the State Council arrangements for 2019–2026 (the first year of the 2019
 * Regulation through the last year published when this release was made). Any other year is unpublished
 * until an administrator imports it; the database layer passes such schedules to `createCalendar`
 * together with these ones.
 */

import { Calendar, createCalendar } from './calendar.js';
import type { YearSchedule } from './schedule.js';
import { schedule2019 } from './schedules/2019.js';
import { schedule2020 } from './schedules/2020.js';
import { schedule2021 } from './schedules/2021.js';
import { schedule2022 } from './schedules/2022.js';
import { schedule2023 } from './schedules/2023.js';
import { schedule2024 } from './schedules/2024.js';
import { schedule2025 } from './schedules/2025.js';
import { schedule2026 } from './schedules/2026.js';

export const BUILTIN_SCHEDULES: readonly YearSchedule[] = Object.freeze([
  schedule2019,
  schedule2020,
  schedule2021,
  schedule2022,
  schedule2023,
  schedule2024,
  schedule2025,
  schedule2026,
]);

let builtin: Calendar | undefined;

/**
 * The calendar of the built-in schedules (built once), with the unpublished years 2027–2050 estimated from
 * the 放假办法 (./estimate.ts; still provisional).
 */
export function builtinCalendar(): Calendar {
  builtin ??= createCalendar(BUILTIN_SCHEDULES, { estimate: true });
  return builtin;
}
