import { expect } from 'vitest';
import { AppError } from '../../src/platform/errors.js';

/**
 * Awaits `p` and asserts it rejected with an AppError of the given HTTP status (and, if given, a message matching
 * `message`); returns the error for further checks.
 *   await rejects(svc.claim(ctx, clerk, id), 409, /已由/);
 */
export async function rejects(p: Promise<unknown>, status: number, message?: RegExp): Promise<AppError> {
  const err = await p.then(
    () => null,
    (e: unknown) => e,
  );
  expect(err, 'expected an error').toBeInstanceOf(AppError);
  expect((err as AppError).status).toBe(status);
  if (message) expect((err as AppError).message).toMatch(message);
  return err as AppError;
}
