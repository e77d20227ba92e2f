/** The working-day calendar: dates, yearly schedules, the calendar and its built-in data. */
export * from './dates.js';
export * from './schedule.js';
export * from './calendar.js';
export * from './builtin.js';
export * from './lunar.js';
export * from './estimate.js';
