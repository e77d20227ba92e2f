import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ENGINES } from '../helpers/db.js';
import { Client, createTestApp, signedIn, type TestApp } from '../helpers/app.js';
import { ensureAdminBuilt } from '../helpers/browser.js';

/**
 * The in-repository fuzz run (issue 8, must show 4): every operation of the OpenAPI document, with path
 * parameters, query strings and JSON bodies drawn by fast-check from the operation's own schema and from a
 * list of hostile strings (NUL, bidi overrides, far dates, huge numbers, SQL and path fragments, arrays where
 * one value is expected), as an anonymous visitor, a clerk and the administrator, on both engines. No answer
 * may be a 5xx. CI runs it with a fixed seed and a bounded count; `FUZZ_RUNS=200 FUZZ_SEED=…` runs it longer.
 */

const RUNS = Number(process.env.FUZZ_RUNS ?? 4);
const SEED = Number(process.env.FUZZ_SEED ?? 20261202);

const HOSTILE = [
  '',
  ' ',
  '\u0000',
  'a\u0000b',
  '%00',
  '\u202e\u202dabc',
  '9999-12-31',
  '0000-00-00',
  '1949-09-30',
  '2026-02-30',
  '-1',
  '0',
  '1e308',
  '99999999999999999999',
  'NaN',
  'null',
  'true',
  "' OR 1=1 --",
  '"; drop table cases; --',
  '../../etc/passwd',
  '%2e%2e%2f',
  '<script>alert(1)</script>',
  '𠮷'.repeat(50),
  'x'.repeat(5000),
  '{}',
  '[]',
  '\ud800',
  '中文　全角空格',
  '00000000-0000-0000-0000-000000000000',
];

type Schema = {
  type?: string | string[];
  properties?: Record<string, Schema>;
  items?: Schema;
  enum?: unknown[];
  anyOf?: Schema[];
  format?: string;
  maxLength?: number;
  minimum?: number;
  maximum?: number;
  required?: string[];
};

const hostile = fc.constantFrom(...HOSTILE);

/** A value for a schema: usually of the right shape (so validation passes and handlers run), sometimes not. */
function valueFor(schema: Schema | undefined, depth = 0): fc.Arbitrary<unknown> {
  const wrong = fc.oneof(
    hostile,
    fc.integer(),
    fc.constant(null),
    fc.array(hostile, { maxLength: 3 }),
    fc.dictionary(fc.string({ maxLength: 5 }), hostile, { maxKeys: 3 }),
  );
  if (!schema || depth > 4) return wrong;
  const right = (): fc.Arbitrary<unknown> => {
    if (schema.enum) return fc.constantFrom(...schema.enum);
    if (schema.anyOf?.length) return fc.oneof(...schema.anyOf.map((s) => valueFor(s, depth + 1)));
    const type = Array.isArray(schema.type) ? schema.type[0] : schema.type;
    switch (type) {
      case 'string':
        return fc.oneof(hostile, fc.string({ maxLength: schema.maxLength ?? 40 }), fc.constantFrom('2026-12-01', '2027-01-04', '9999-12-31', '1900-01-01'));
      case 'integer':
        return fc.oneof(fc.integer({ min: schema.minimum ?? -5, max: schema.maximum ?? 100_000 }), fc.constantFrom(0, -1, 2 ** 31, Number.MAX_SAFE_INTEGER));
      case 'number':
        return fc.oneof(fc.double({ noNaN: true }), fc.constantFrom(0, -1, 1e308));
      case 'boolean':
        return fc.boolean();
      case 'array':
        return fc.array(valueFor(schema.items, depth + 1), { maxLength: 4 });
      case 'object': {
        const props = Object.entries(schema.properties ?? {});
        if (!props.length) return fc.dictionary(fc.string({ maxLength: 8 }), hostile, { maxKeys: 3 });
        return fc.record(Object.fromEntries(props.map(([k, s]) => [k, valueFor(s, depth + 1)])), {
          requiredKeys: (schema.required ?? []).filter((k) => schema.properties?.[k]),
        });
      }
      default:
        return wrong;
    }
  };
  return fc.oneof({ weight: 4, arbitrary: right() }, { weight: 1, arbitrary: wrong });
}

interface Operation {
  method: string;
  path: string;
  params: string[];
  query: Record<string, Schema>;
  body?: Schema;
}

/** Operations that end the fuzzing client's own session or identity are sent once at the end, not fuzzed. */
const SKIP = new Set(['DELETE /api/session', 'POST /api/session', 'POST /api/session/password', 'PUT /api/session/password']);

function operations(spec: any): Operation[] {
  const out: Operation[] = [];
  for (const [path, item] of Object.entries<any>(spec.paths ?? {})) {
    for (const [method, op] of Object.entries<any>(item)) {
      if (!['get', 'post', 'put', 'patch', 'delete'].includes(method)) continue;
      const key = `${method.toUpperCase()} ${path}`;
      if (SKIP.has(key)) continue;
      const params = (op.parameters ?? []) as Array<{ in: string; name: string; schema?: Schema }>;
      const body = op.requestBody?.content?.['application/json']?.schema as Schema | undefined;
      out.push({
        method: method.toUpperCase(),
        path,
        params: params.filter((p) => p.in === 'path').map((p) => p.name),
        query: Object.fromEntries(params.filter((p) => p.in === 'query').map((p) => [p.name, p.schema ?? {}])),
        body,
      });
    }
  }
  return out;
}

/** encodeURIComponent, with a lone surrogate sent as the invalid UTF-8 bytes it stands for. */
function enc(s: string): string {
  try {
    return encodeURIComponent(s);
  } catch {
    return encodeURIComponent(s.replace(/[\ud800-\udfff]/g, '')) + '%ED%A0%80';
  }
}

/** A path parameter as it goes on the wire: encoded, except a raw `%00` now and then. */
const pathValue = fc.oneof(
  fc.constant('%00'),
  fc.constant('..%2F..%2Fx'),
  hostile.map((s) => enc(s).slice(0, 300) || '%20'),
  fc.uuid(),
);

function queryString(q: Record<string, unknown>, dup: boolean): string {
  const parts: string[] = [];
  for (const [k, v] of Object.entries(q)) {
    const vals = Array.isArray(v) ? v : [v];
    for (const x of vals) parts.push(`${enc(k)}=${enc(typeof x === 'string' ? x : JSON.stringify(x))}`);
    if (dup) parts.push(`${enc(k)}=b`); // ?q=a&q=b
  }
  return parts.length ? `?${parts.join('&')}` : '';
}

describe.each(ENGINES)('fuzzing every API operation on %s (issue 8)', (engine) => {
  let t: TestApp;
  let ops: Operation[];
  beforeAll(async () => {
    // The console's shell answers 503 (by design) on a checkout where it was never built; a clean clone running
    // `npm test` must not depend on another test file having built it first.
    await ensureAdminBuilt();
    t = await createTestApp(engine);
    ops = operations((t.app as any).swagger());
  }, 360_000);
  afterAll(async () => t?.close());

  it('finds the operations in the OpenAPI document', () => {
    expect(ops.length).toBeGreaterThan(60);
  });

  it('no hostile input answers 5xx (anonymous, clerk, administrator)', async () => {
    const anon = new Client(t.app);
    await anon.fetchCsrf();
    const clients: Record<string, Client> = { anonymous: anon, clerk: await signedIn(t.app, 'xfj.clerk'), admin: await signedIn(t.app, 'admin') };
    const failures: string[] = [];
    const statuses: Record<number, number> = {};
    for (const op of ops) {
      const req = fc.record({
        params: fc.tuple(...op.params.map(() => pathValue), fc.constant(null)),
        query: valueFor({ type: 'object', properties: op.query }),
        dup: fc.boolean(),
        body: op.body ? valueFor(op.body) : fc.constant(undefined),
        who: fc.constantFrom('anonymous', 'clerk', 'admin'),
      });
      await fc.assert(
        fc.asyncProperty(req, async (r) => {
          let url = op.path;
          op.params.forEach((name, i) => (url = url.replace(`{${name}}`, String(r.params[i]))));
          url += queryString((r.query ?? {}) as Record<string, unknown>, r.dup);
          const client = clients[r.who]!;
          const res = await client.request(op.method, url, op.method === 'GET' || op.method === 'DELETE' ? {} : { json: r.body ?? {} });
          statuses[res.statusCode] = (statuses[res.statusCode] ?? 0) + 1;
          if (res.statusCode >= 500) failures.push(`${r.who} ${op.method} ${url.slice(0, 200)} → ${res.statusCode} ${res.body.slice(0, 200)}`);
          return true;
        }),
        { numRuns: RUNS, seed: SEED, endOnFailure: true },
      );
    }
    if (process.env.FUZZ_VERBOSE) console.log(engine, ops.length, 'operations', statuses);
    expect(failures.slice(0, 20)).toEqual([]);
  }, 600_000);

  it('the portal: hostile paths and queries on every kind of public page, malformed form bodies (no 5xx)', async () => {
    const anon = new Client(t.app);
    await anon.fetchCsrf();
    const pages = [
      '/',
      '/search',
      '/apply',
      '/lookup',
      '/sitemap',
      '/sitemap.xml',
      '/feed.xml',
      '/statistics',
      '/a/{a}/',
      '/a/{a}/guide',
      '/a/{a}/rules',
      '/a/{a}/statutory',
      '/a/{a}/statutory/{c}',
      '/a/{a}/items/{id}',
      '/a/{a}/reports',
      '/a/{a}/reports/{id}',
      '/a/{a}/statistics',
      '/mode',
    ];
    const failures: string[] = [];
    await fc.assert(
      fc.asyncProperty(
        fc.constantFrom(...pages),
        fc.tuple(pathValue, pathValue, pathValue),
        fc.dictionary(fc.constantFrom('q', 'page', 'agency', 'year', 'type', 'set', 'column', 'sort'), fc.oneof(hostile, fc.array(hostile, { maxLength: 3 })), {
          maxKeys: 4,
        }),
        fc.boolean(),
        async (tpl, [a, c, id], q, dup) => {
          const url =
            tpl
              .replace('{a}', Math.random() < 0.5 ? 'zzxfj' : a)
              .replace('{c}', c)
              .replace('{id}', id) + queryString(q, dup);
          const res = await anon.request('GET', url);
          if (res.statusCode >= 500) failures.push(`GET ${url.slice(0, 200)} → ${res.statusCode}`);
        },
      ),
      { numRuns: RUNS * 40, seed: SEED },
    );
    const boundary = '----gk';
    const bodies = [
      `--${boundary}\r\nContent-Disposition: form-data; name="x"\r\n\r\nunterminated`,
      `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="a.pdf"\r\nContent-Type: application/pdf\r\n\r\n%PDF-1.4`,
      'not multipart at all',
      `--${boundary}--\r\n`,
      `--${boundary}\r\nContent-Disposition: form-data\r\n\r\nno name\r\n--${boundary}--\r\n`,
    ];
    for (const url of ['/apply', '/lookup/correction', '/lookup']) {
      for (const body of bodies) {
        for (const type of [`multipart/form-data; boundary=${boundary}`, 'multipart/form-data', 'application/x-www-form-urlencoded', 'text/plain']) {
          const res = await anon.request('POST', url, { payload: body, headers: { 'content-type': type } });
          if (res.statusCode >= 500) failures.push(`POST ${url} (${type}) ${JSON.stringify(body.slice(0, 40))} → ${res.statusCode}`);
        }
      }
    }
    expect(failures.slice(0, 20)).toEqual([]);
  }, 600_000);
});
