import fc from 'fast-check';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { getToken, type TestServer } from '../support/orderflow-server.ts';
import { describeOnEmbeddedAndPostgres } from '../support/server-modes.ts';

// Issue 7 item 5: whatever a client sends to any route — wrong types, unicode, nulls, huge
// arrays, deep nesting, extreme numbers, invalid dates — the answer is never a 5xx, every
// error is problem+json, and nothing rejects unhandled. Requests go through `inject`, i.e.
// Fastify's whole pipeline (routing, parsing, validation, hooks, handlers, storage); what
// Node's HTTP parser does before that is covered over real sockets in http-edges.

const RUNS_PER_ROUTE = Number(process.env.FUZZ_RUNS ?? 40);
const TOKEN_PATH = '/realms/orderflow/protocol/openid-connect/token';

type Schema = {
  type?: string | string[];
  properties?: Record<string, Schema>;
  items?: Schema;
  enum?: unknown[];
  const?: unknown;
  anyOf?: Schema[];
  minimum?: number;
  maximum?: number;
};
interface Operation {
  method: string;
  path: string;
  pathParams: string[];
  queryParams: string[];
  body: Schema | undefined;
}

const nastyString = fc.oneof(
  fc.string({ maxLength: 40 }),
  fc.string({ unit: 'grapheme', maxLength: 40 }),
  fc.string({ unit: 'binary', maxLength: 40 }),
  fc.constantFrom(
    '',
    ' ',
    '\u0000',
    'a\u0000b',
    '\uD800',
    '𝒜🍕\u202E',
    '%00',
    '%ZZ',
    '2024-01-01T23:59:60Z',
    '2024-02-30T00:00:00Z',
    '0000-01-01T00:00:00Z',
    '-100000-01-01T00:00:00Z',
    '+275760-09-13T00:00:00.001Z',
    '9'.repeat(400),
    'x'.repeat(5000),
    'NaN',
    'Infinity',
    'null',
    'true',
    '__proto__',
    'constructor',
    "' or 1=1 --",
    'PENDING,PAID',
    'PAID,',
    'eyJhIjoxfQ',
    '00000000-0000-0000-0000-000000000000',
  ),
);
const nastyNumber = fc.oneof(
  fc.integer(),
  fc.double({ noNaN: true }),
  fc.constantFrom(0, -0, -1, 1e308, -1e308, 2 ** 53, 2 ** 53 + 2, 2 ** 31, 5e-324, 0.5, 1e21),
);
const nested = (depth: number): unknown => {
  let value: unknown = 1;
  for (let i = 0; i < depth; i++) value = i % 2 ? [value] : { a: value };
  return value;
};
const nastyValue: fc.Arbitrary<unknown> = fc.oneof(
  { weight: 4, arbitrary: nastyString },
  { weight: 3, arbitrary: nastyNumber },
  { weight: 1, arbitrary: fc.boolean() },
  { weight: 1, arbitrary: fc.constant(null) },
  { weight: 2, arbitrary: fc.jsonValue({ maxDepth: 3 }) },
  { weight: 1, arbitrary: fc.integer({ min: 50, max: 2000 }).map(nested) },
  {
    weight: 1,
    arbitrary: fc.integer({ min: 100, max: 3000 }).map((n) => Array.from({ length: n }, () => 1)),
  },
);

/** Values shaped like the schema where it helps reach deeper code, nasty everywhere else. */
const fromSchema = (schema: Schema | undefined, depth = 0): fc.Arbitrary<unknown> => {
  if (schema === undefined || depth > 4) return nastyValue;
  const options: fc.Arbitrary<unknown>[] = [nastyValue];
  if (schema.anyOf) options.push(...schema.anyOf.map((s) => fromSchema(s, depth + 1)));
  if (schema.enum) options.push(fc.constantFrom(...schema.enum));
  if (schema.const !== undefined) options.push(fc.constant(schema.const));
  const types = Array.isArray(schema.type) ? schema.type : [schema.type];
  if (types.includes('object') && schema.properties) {
    const keys = Object.keys(schema.properties);
    const shaped = fc.record(
      Object.fromEntries(keys.map((key) => [key, fromSchema(schema.properties?.[key], depth + 1)])),
      { requiredKeys: [] },
    );
    options.push(
      shaped,
      shaped,
      fc
        .tuple(shaped, fc.dictionary(nastyString, nastyValue, { maxKeys: 2 }))
        .map(([a, b]) => ({ ...b, ...a })),
    );
  }
  if (types.includes('array'))
    options.push(
      fc.array(fromSchema(schema.items, depth + 1), { maxLength: 5 }),
      fc.array(fromSchema(schema.items, depth + 1), { minLength: 90, maxLength: 120 }),
    );
  if (types.includes('integer') || types.includes('number'))
    options.push(fc.integer({ min: schema.minimum ?? -1e6, max: Math.min(schema.maximum ?? 1e6, 1e9) }));
  if (types.includes('string')) options.push(fc.string({ minLength: 1, maxLength: 12 }));
  return fc.oneof(...options);
};

/** A raw body: JSON of a shaped value, or text that is not JSON at all. */
const bodyFor = (schema: Schema | undefined) =>
  fc.oneof(
    { weight: 6, arbitrary: fromSchema(schema).map((value) => JSON.stringify(value) ?? 'null') },
    {
      weight: 1,
      arbitrary: fc.constantFrom(
        '',
        '{',
        '{"items": [',
        '[]',
        '"string"',
        '{"__proto__": {"admin": true}}',
        '{"constructor": {"prototype": {"x": 1}}}',
        `${'['.repeat(20_000)}${']'.repeat(20_000)}`,
        `{"items": ${'['.repeat(5000)}`,
        '{"a": 1, "a": 2}',
        '\u0000',
      ),
    },
    { weight: 1, arbitrary: fc.string({ unit: 'binary', maxLength: 200 }) },
  );

/** Every byte percent-encoded (a lone surrogate becomes U+FFFD, as any client would send it). */
const percentEncode = (value: string): string =>
  [...Buffer.from(value, 'utf8')].map((byte) => `%${byte.toString(16).padStart(2, '0')}`).join('');

/** Every operation the OpenAPI document describes, with its path, query and body. */
function operationsOf(app: FastifyInstance): Operation[] {
  const document = app.swagger() as {
    paths: Record<
      string,
      Record<
        string,
        {
          parameters?: { in: string; name: string }[];
          requestBody?: { content: Record<string, { schema: Schema }> };
        }
      >
    >;
  };
  return Object.entries(document.paths).flatMap(([path, methods]) =>
    Object.entries(methods).map(([method, operation]) => ({
      method: method.toUpperCase(),
      path,
      pathParams: (operation.parameters ?? []).filter((p) => p.in === 'path').map((p) => p.name),
      queryParams: (operation.parameters ?? []).filter((p) => p.in === 'query').map((p) => p.name),
      body: operation.requestBody?.content['application/json']?.schema,
    })),
  );
}

function fuzzSuite(server: () => TestServer): void {
  let tokens: Record<'anonymous' | 'alice' | 'admin' | 'kitchen', string | undefined>;
  let realIds: string[];
  const unhandled: unknown[] = [];
  const onUnhandled = (reason: unknown) => unhandled.push(reason);

  beforeAll(async () => {
    const { baseUrl } = server();
    tokens = {
      anonymous: undefined,
      alice: await getToken(baseUrl, 'alice'),
      admin: await getToken(baseUrl, 'admin'),
      kitchen: await getToken(baseUrl, 'kitchen'),
    };
    const aliceId = JSON.parse(Buffer.from(tokens.alice!.split('.')[1]!, 'base64url').toString()).sub;
    const placed = await app().inject({
      method: 'POST',
      url: '/api/v1/orders',
      headers: { authorization: `Bearer ${tokens.alice}` },
      payload: { items: [{ product_id: 'sandwich-club', quantity: 1 }] },
    });
    expect(placed.statusCode).toBe(201);
    realIds = [placed.json().order_id, aliceId, 'sandwich-club'];
    process.on('unhandledRejection', onUnhandled);
  });
  afterAll(() => {
    process.off('unhandledRejection', onUnhandled);
  });

  const app = () => {
    const running = server().running.app;
    if (!running) throw new Error('the API role is not running');
    return running;
  };

  const assertAnswer = (
    label: string,
    response: { statusCode: number; headers: Record<string, unknown>; body: string },
  ) => {
    const where = `${label} → ${response.statusCode} ${response.body.slice(0, 300)}`;
    expect(response.statusCode, where).toBeLessThan(500);
    if (response.statusCode >= 400) {
      expect(String(response.headers['content-type']), where).toContain('application/problem+json');
      const problem = JSON.parse(response.body);
      expect(problem.status, where).toBe(response.statusCode);
      expect(typeof problem.code, where).toBe('string');
    }
  };

  it('never answers 5xx, always problem+json, on every route', async () => {
    const operations = operationsOf(app());
    expect(operations.length).toBeGreaterThanOrEqual(14);
    const caller = fc.constantFrom(
      'anonymous',
      'alice',
      'admin',
      'kitchen',
      'alice',
      'admin',
    ) as fc.Arbitrary<keyof typeof tokens>;
    const paramValue = fc.oneof(nastyString, fc.constantFrom(...realIds));
    for (const operation of operations) {
      const request = fc.record({
        who: caller,
        params: fc.tuple(...operation.pathParams.map(() => paramValue), fc.constant('')),
        query: fc.dictionary(
          fc.oneof(fc.constantFrom(...operation.queryParams, 'limit', 'cursor'), nastyString),
          fc.oneof(nastyString, nastyNumber.map(String)),
          { maxKeys: 4 },
        ),
        rawQuery: fc.option(fc.constantFrom('a=%ZZ', 'limit=1&limit=2', 'status[]=PAID', '&&&=', 'q=%00'), {
          nil: undefined,
        }),
        body: bodyFor(operation.body),
        contentType: fc.constantFrom(
          'application/json',
          'application/json',
          'application/json; charset=utf-8',
          'text/plain',
          undefined,
        ),
      });
      await fc.assert(
        fc.asyncProperty(request, async ({ who, params, query, rawQuery, body, contentType }) => {
          let url = operation.path;
          operation.pathParams.forEach((name, i) => {
            url = url.replace(`{${name}}`, percentEncode(String(params[i])));
          });
          const search = new URLSearchParams(query).toString();
          const queryString = [search, rawQuery].filter(Boolean).join('&');
          if (queryString) url = `${url}?${queryString}`;
          const token = tokens[who];
          const sendsBody = operation.method !== 'GET' && operation.method !== 'DELETE';
          const response = await app().inject({
            method: operation.method as 'GET',
            url,
            headers: {
              ...(token ? { authorization: `Bearer ${token}` } : {}),
              ...(sendsBody && contentType ? { 'content-type': contentType } : {}),
              'idempotency-key': `fuzz-${Math.random()}`,
            },
            ...(sendsBody ? { payload: body } : {}),
          });
          assertAnswer(`${operation.method} ${url} as ${who} with ${body.slice(0, 200)}`, response);
        }),
        { numRuns: RUNS_PER_ROUTE },
      );
    }
    expect(unhandled).toEqual([]);
  });

  it('never answers 5xx on the token endpoint', async () => {
    const form = fc.dictionary(
      fc.oneof(fc.constantFrom('grant_type', 'client_id', 'username', 'password', 'scope'), nastyString),
      fc.oneof(nastyString, fc.constantFrom('password', 'orderflow-web', 'alice')),
      { maxKeys: 6 },
    );
    await fc.assert(
      fc.asyncProperty(
        fc.oneof(
          form.map((f) => new URLSearchParams(f).toString()),
          bodyFor(undefined),
        ),
        fc.constantFrom('application/x-www-form-urlencoded', 'application/json', 'text/plain'),
        async (payload, contentType) => {
          const response = await app().inject({
            method: 'POST',
            url: TOKEN_PATH,
            headers: { 'content-type': contentType },
            payload,
          });
          assertAnswer(`token ${payload.slice(0, 200)}`, response);
        },
      ),
      { numRuns: RUNS_PER_ROUTE * 3 },
    );
    expect(unhandled).toEqual([]);
  });
}

describeOnEmbeddedAndPostgres('fuzzing every route', fuzzSuite);
