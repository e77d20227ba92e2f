/**
 * The safe methods (RFC 9110 §9.2.1): they change nothing, so they need no CSRF token, carry no body the API checks,
 * and never invalidate the public pages.
 */
export const isSafeMethod = (method: string): boolean => method === 'GET' || method === 'HEAD' || method === 'OPTIONS';
