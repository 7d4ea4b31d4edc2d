import Fastify, { type FastifyInstance } from 'fastify';
import { afterEach, describe, expect, it } from 'vitest';
import { lazyResponseSerializer, strictBodyValidator } from './validation.ts';

const apps: FastifyInstance[] = [];
afterEach(async () => {
  for (const app of apps.splice(0)) await app.close();
});

function appWith(responseSchema: object): FastifyInstance {
  const app = Fastify({
    schemaController: {
      compilersFactory: { buildValidator: strictBodyValidator(), buildSerializer: lazyResponseSerializer() },
    },
  });
  apps.push(app);
  app.post(
    '/things',
    {
      schema: {
        body: {
          type: 'object',
          properties: { n: { type: 'integer' } },
          required: ['n'],
          additionalProperties: false,
        },
        querystring: { type: 'object', properties: { q: { type: 'integer' } } },
        response: { 200: responseSchema },
      },
    },
    async (request) => ({
      n: (request.body as { n: number }).n,
      q: (request.query as { q?: number }).q,
      extra: 1,
    }),
  );
  return app;
}

const numbers = { type: 'object', properties: { n: { type: 'integer' }, q: { type: 'integer' } } };

describe('schemas compiled on first use', () => {
  it('validate as before: bodies strictly, with the reasons; the query string coerced', async () => {
    const app = appWith(numbers);
    const refused = await app.inject({ method: 'POST', url: '/things', payload: { n: '1' } });
    expect(refused.statusCode).toBe(400);
    expect(refused.json()).toMatchObject({ message: 'body/n must be integer' });
    const missing = await app.inject({ method: 'POST', url: '/things', payload: {} });
    expect(missing.json()).toMatchObject({ message: "body must have required property 'n'" });
    const ok = await app.inject({ method: 'POST', url: '/things?q=2', payload: { n: 1 } });
    expect(ok.statusCode).toBe(200);
    // The response schema is applied: the field it does not name is left out.
    expect(ok.json()).toEqual({ n: 1, q: 2 });
  });

  it('are not compiled when the app gets ready: a broken response schema fails its first response', async () => {
    const app = appWith({ $ref: '#/definitions/missing' });
    await app.ready();
    const response = await app.inject({ method: 'POST', url: '/things', payload: { n: 1 } });
    expect(response.statusCode).toBe(500);
  });
});
