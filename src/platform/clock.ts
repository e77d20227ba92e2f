import { todayInChina } from './time.js';

/**
 * Time as the application sees it: `now()` for instants, `today()` for the Beijing calendar date that every
 * deadline, register and job schedule uses. Passed in the AppContext so tests can hold time still.
 */
export interface Clock {
  now(): Date;
  /** `now()` as ISO-8601 UTC text, the storage form of instants. */
  nowIso(): string;
  /** Today's date in Beijing (UTC+8) as YYYY-MM-DD. */
  today(): string;
}

export const systemClock: Clock = {
  now: () => new Date(),
  nowIso: () => new Date().toISOString(),
  today: () => todayInChina(),
};

/** A clock that stands still at `at` until `set` or `advance` moves it (tests). */
export interface FixedClock extends Clock {
  set(at: Date | string): void;
  advance(ms: number): void;
}

export function fixedClock(at: Date | string): FixedClock {
  let t = new Date(at).getTime();
  if (Number.isNaN(t)) throw new Error(`fixedClock: not an instant: ${String(at)}`);
  return {
    now: () => new Date(t),
    nowIso: () => new Date(t).toISOString(),
    today: () => todayInChina(new Date(t)),
    set: (v) => void (t = new Date(v).getTime()),
    advance: (ms) => void (t += ms),
  };
}
