import Fastify, { type FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DomainError } from '../../shared/errors.ts';
import { frameworkErrorHandler, registerProblemDetails } from './problem-details.ts';

describe('problem+json error handler', () => {
  let app: FastifyInstance;

  beforeAll(async () => {
    app = Fastify({ frameworkErrors: frameworkErrorHandler });
    registerProblemDetails(app);
    app.get('/domain', async () => {
      throw new DomainError('INSUFFICIENT_FUNDS', 'wallet short by 120', {
        order_id: 'o-1',
        status: 200,
        code: 'HIJACKED',
      });
    });
    app.get('/unauthenticated', async (request) => {
      throw new DomainError('UNAUTHENTICATED', 'invalid bearer token: token expired', {
        reason: request.headers.authorization ? 'token expired' : 'missing',
      });
    });
    app.post(
      '/validated',
      { schema: { body: { type: 'object', required: ['n'], properties: { n: { type: 'integer' } } } } },
      async () => ({ ok: true }),
    );
    app.get('/database', async () => {
      throw Object.assign(new Error('invalid byte sequence for encoding "UTF8": 0x00'), { code: '22021' });
    });
    app.get('/bug', async () => {
      throw new TypeError("Cannot read properties of undefined (reading 'secret')");
    });
    app.get('/plugin-429', async () => {
      throw Object.assign(new Error('slow down'), { statusCode: 429 });
    });
    app.get('/orders/:id', async () => ({ ok: true }));
    await app.ready();
  });
  afterAll(() => app.close());

  it('answers a DomainError with its status and code; extensions never replace standard members', async () => {
    const response = await app.inject({
      method: 'GET',
      url: '/domain?x=1',
      headers: { 'x-request-id': 'r' },
    });
    expect(response.statusCode).toBe(406);
    expect(response.headers['content-type']).toBe('application/problem+json; charset=utf-8');
    expect(response.json()).toEqual({
      type: 'https://orderflow.dev/problems/insufficient-funds',
      title: 'Insufficient funds',
      status: 406,
      code: 'INSUFFICIENT_FUNDS',
      detail: 'wallet short by 120',
      instance: '/domain?x=1',
      request_id: expect.any(String),
      order_id: 'o-1',
    });
  });

  it('adds a Bearer challenge to 401, naming invalid_token only when a token was sent', async () => {
    const none = await app.inject({ method: 'GET', url: '/unauthenticated' });
    expect(none.statusCode).toBe(401);
    expect(none.headers['www-authenticate']).toBe('Bearer realm="orderflow"');
    const bad = await app.inject({
      method: 'GET',
      url: '/unauthenticated',
      headers: { authorization: 'Bearer x' },
    });
    expect(bad.headers['www-authenticate']).toBe(
      'Bearer realm="orderflow", error="invalid_token", error_description="invalid bearer token: token expired"',
    );
  });

  it('lists what failed validation', async () => {
    const response = await app.inject({ method: 'POST', url: '/validated', payload: { n: 'x' } });
    expect(response.statusCode).toBe(400);
    expect(response.json()).toMatchObject({
      code: 'VALIDATION_FAILED',
      errors: [{ path: '/n', message: 'must be integer' }],
    });
  });

  it.each([
    ['malformed JSON', '{"n":', 'application/json', 400, 'VALIDATION_FAILED'],
    ['an unknown media type', '<n/>', 'application/xml', 415, 'UNSUPPORTED_MEDIA_TYPE'],
    ['an empty JSON body', '', 'application/json', 400, 'VALIDATION_FAILED'],
  ])('maps Fastify errors: %s', async (_case, payload, contentType, status, code) => {
    const response = await app.inject({
      method: 'POST',
      url: '/validated',
      payload,
      headers: { 'content-type': contentType },
    });
    expect(response.statusCode).toBe(status);
    expect(response.headers['content-type']).toContain('application/problem+json');
    expect(response.json().code).toBe(code);
  });

  it('answers a PostgreSQL data exception (class 22) as the client’s 400', async () => {
    const response = await app.inject({ method: 'GET', url: '/database' });
    expect(response.statusCode).toBe(400);
    expect(response.json()).toMatchObject({ code: 'VALIDATION_FAILED' });
    expect(response.json().detail).not.toContain('UTF8');
  });

  it('answers an unexpected error with 500 INTERNAL and does not leak its message', async () => {
    const response = await app.inject({ method: 'GET', url: '/bug' });
    expect(response.statusCode).toBe(500);
    expect(response.json().code).toBe('INTERNAL');
    expect(response.body).not.toContain('secret');
  });

  it('maps a plugin error that carries only a status by that status', async () => {
    const response = await app.inject({ method: 'GET', url: '/plugin-429' });
    expect(response.statusCode).toBe(429);
    expect(response.json().code).toBe('RATE_LIMITED');
  });

  it('answers unknown routes, bad URLs and over-long parameters as problems', async () => {
    const missing = await app.inject({ method: 'GET', url: '/nowhere' });
    expect(missing.statusCode).toBe(404);
    expect(missing.json()).toMatchObject({ code: 'NOT_FOUND', detail: 'no route for GET /nowhere' });
    const badUrl = await app.inject({ method: 'GET', url: '/orders/%E0%A4%A' });
    expect(badUrl.statusCode).toBe(400);
    expect(badUrl.json().code).toBe('MALFORMED_REQUEST');
    const long = await app.inject({ method: 'GET', url: `/orders/${'a'.repeat(200)}` });
    expect(long.statusCode).toBe(414);
    expect(long.headers['content-type']).toContain('application/problem+json');
    expect(long.json().code).toBe('URI_TOO_LONG');
  });
});
