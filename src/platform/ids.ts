import { randomBytes, randomUUID } from 'node:crypto';

export const newId = (): string => randomUUID();

/** A random URL-safe token of `bytes` bytes. */
export const randomToken = (bytes = 32): string => randomBytes(bytes).toString('base64url');
