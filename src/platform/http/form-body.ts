/**
 * Form and multipart bodies have no TypeBox schema (@fastify/formbody, or @fastify/multipart with
 * `attachFieldsToBody: 'keyValues'`: files as Buffers); routes read them through these guards, and the handlers check
 * each field.
 */

/** Whether a request body is an object of fields. */
export function isFormBody(body: unknown): body is Record<string, unknown> {
  return typeof body === 'object' && body !== null;
}

/** The fields of a form or multipart body, `{}` when there is none. */
export function formFields(body: unknown): Record<string, unknown> {
  return isFormBody(body) ? body : {};
}
