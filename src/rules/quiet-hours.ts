/**
 * Quiet hours for text messages (issue 11): no SMS between 21:00 and 08:00 Beijing time (UTC+8, no daylight
 * saving); a message due in those hours is held to 08:00 the next morning. E-mail is not held: it waits in the
 * recipient's mailbox and wakes nobody.
 */

export const SMS_QUIET_FROM_HOUR = 21;
export const SMS_QUIET_UNTIL_HOUR = 8;
const BEIJING_OFFSET_MS = 8 * 3600 * 1000;
const HOUR_MS = 3600 * 1000;
const DAY_MS = 24 * HOUR_MS;

/** Whether `at` falls in the SMS quiet hours (21:00 inclusive to 08:00 exclusive, Beijing time). */
export function inSmsQuietHours(at: Date): boolean {
  const hour = new Date(at.getTime() + BEIJING_OFFSET_MS).getUTCHours();
  return hour >= SMS_QUIET_FROM_HOUR || hour < SMS_QUIET_UNTIL_HOUR;
}

/** The earliest instant at or after `at` when an SMS may be sent: `at` itself, or the next 08:00 Beijing time. */
export function smsSendableAt(at: Date): Date {
  if (!inSmsQuietHours(at)) return at;
  const local = at.getTime() + BEIJING_OFFSET_MS;
  const dayStart = Math.floor(local / DAY_MS) * DAY_MS;
  const hour = new Date(local).getUTCHours();
  const morning = dayStart + SMS_QUIET_UNTIL_HOUR * HOUR_MS + (hour >= SMS_QUIET_FROM_HOUR ? DAY_MS : 0);
  return new Date(morning - BEIJING_OFFSET_MS);
}
