import { once } from 'node:events';
import { connect } from 'node:net';
import Fastify, { type FastifyInstance } from 'fastify';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { registerRateLimits } from '../../src/adapters/http/abuse-limits.ts';
import { registerProblemDetails } from '../../src/adapters/http/problem-details.ts';
import { sharedRateLimitStore } from '../../src/adapters/http/rate-limit-store.ts';
import { PostgresStorage } from '../../src/adapters/storage/postgres-storage.ts';
import { eventually } from '../support/eventually.ts';
import { createTestDatabase } from '../support/postgres.ts';

const LIMIT = 6;
const T0 = Date.UTC(2030, 0, 1);

// Issue 13: API processes behind a load balancer share one rate limit through PostgreSQL. Two
// Fastify instances, each with its own connection pool (as two processes would have), on one
// database; the clock is fixed so windows end when the test says.
describe('rate limits shared through PostgreSQL by two API instances', () => {
  let drop: () => Promise<void>;
  const storages: PostgresStorage[] = [];
  const apps: FastifyInstance[] = [];
  let a: FastifyInstance;
  let b: FastifyInstance;
  let now = T0;
  const clock = { now: () => new Date(now) };
  const storeErrors: unknown[] = [];

  const instance = async (storage: PostgresStorage) => {
    const app = Fastify();
    registerProblemDetails(app);
    await registerRateLimits(app, {
      perIp: LIMIT,
      perUser: 0,
      windowSeconds: 60,
      store: sharedRateLimitStore(storage.read.rateLimitCounters, {
        clock,
        onError: (error) => storeErrors.push(error),
      }),
    });
    app.get('/ping', async () => ({ ok: true }));
    app.post(
      '/echo',
      { schema: { body: { type: 'object', required: ['n'], properties: { n: { type: 'integer' } } } } },
      async (request) => request.body,
    );
    await app.ready();
    apps.push(app);
    return app;
  };
  const ping = (app: FastifyInstance, remoteAddress: string) =>
    app.inject({ method: 'GET', url: '/ping', remoteAddress });
  const hitsOf = async (key: string) => {
    const { rows } = await sql<{ hits: number }>`
      select hits from rate_limit_counters where key = ${key}`.execute(storages[0]!.db);
    return rows[0]?.hits ?? 0;
  };

  beforeAll(async () => {
    const database = await createTestDatabase();
    drop = database.drop;
    storages.push(await PostgresStorage.open({ kind: 'postgres', url: database.url, poolSize: 5 }));
    storages.push(PostgresStorage.connect({ kind: 'postgres', url: database.url, poolSize: 5 }));
    a = await instance(storages[0]!);
    b = await instance(storages[1]!);
  });
  afterAll(async () => {
    for (const app of apps) await app.close();
    for (const storage of storages) await storage.close();
    await drop?.();
  });

  it('counts requests to either instance against one limit: past it, the other answers 429 with Retry-After', async () => {
    const statuses: number[] = [];
    for (let i = 0; i < LIMIT; i++) statuses.push((await ping(i % 2 ? b : a, '10.1.0.1')).statusCode);
    expect(statuses).toEqual(Array(LIMIT).fill(200));
    // Each instance saw only half the limit: with counters in memory both would go on admitting.
    const limited = await ping(b, '10.1.0.1');
    expect(limited.statusCode).toBe(429);
    expect(limited.headers['content-type']).toContain('application/problem+json');
    expect(limited.json()).toMatchObject({ status: 429, code: 'RATE_LIMITED' });
    expect(limited.headers['retry-after']).toBe('60');
    now = T0 + 20_000;
    const later = await ping(a, '10.1.0.1');
    expect(later.statusCode).toBe(429);
    // The window is the shared one: it ends 60 s after the first request, wherever that went.
    expect(later.headers['retry-after']).toBe('40');
    expect((await ping(a, '10.1.0.2')).statusCode).toBe(200);
  });

  it('opens again on both instances once the window has passed', async () => {
    now = T0 + 60_000;
    expect((await ping(a, '10.1.0.1')).statusCode).toBe(200);
    expect((await ping(b, '10.1.0.1')).statusCode).toBe(200);
    expect(await hitsOf('10.1.0.1')).toBe(2);
  });

  it('admits exactly the limit of concurrent requests spread over both instances', async () => {
    const responses = await Promise.all(
      Array.from({ length: 60 }, (_, i) => ping(i % 2 ? b : a, '10.1.0.3')),
    );
    const statuses = responses.map((response) => response.statusCode);
    expect(statuses.filter((status) => status === 200)).toHaveLength(LIMIT);
    expect(statuses.filter((status) => status === 429)).toHaveLength(60 - LIMIT);
    expect(await hitsOf('10.1.0.3')).toBeGreaterThan(LIMIT);
  });

  it('counts requests that fail before their handler (bad bodies, bad tokens) on every instance', async () => {
    for (let i = 0; i < LIMIT; i++) {
      const invalid = await a.inject({
        method: 'POST',
        url: '/echo',
        remoteAddress: '10.1.0.4',
        payload: { n: 'not a number' },
      });
      expect(invalid.statusCode).toBe(400);
    }
    // Counted as each response ends (after it is sent).
    await eventually(async () => expect(await hitsOf('10.1.0.4')).toBe(LIMIT));
    expect((await ping(b, '10.1.0.4')).statusCode).toBe(429);
    // A counts its next request over the limit too, and from then on refuses the address
    // before parsing anything, without a statement.
    expect((await ping(a, '10.1.0.4')).statusCode).toBe(429);
    const hits = await hitsOf('10.1.0.4');
    const refused = await a.inject({ method: 'POST', url: '/echo', remoteAddress: '10.1.0.4', payload: {} });
    expect(refused.statusCode).toBe(429);
    expect(await hitsOf('10.1.0.4')).toBe(hits);
  });

  it('counts requests whose client hangs up before the handler (no response ever goes out)', async () => {
    const address = await a.listen({ port: 0, host: '127.0.0.1' });
    const { port } = new URL(address);
    for (let i = 0; i < 3; i++) {
      // Half a body, then the connection reset: the request never reaches its handler.
      const socket = connect(Number(port), '127.0.0.1');
      await once(socket, 'connect');
      socket.write(
        'POST /echo HTTP/1.1\r\nhost: x\r\ncontent-type: application/json\r\ncontent-length: 100\r\n\r\n{"n":',
      );
      await new Promise((resolve) => setTimeout(resolve, 50));
      socket.destroy();
    }
    await eventually(async () => expect(await hitsOf('127.0.0.1')).toBe(3));
  });

  it('lets requests through when the database cannot count them (fail-open), and reports it', async () => {
    const unreachable = PostgresStorage.connect({
      kind: 'postgres',
      url: 'postgres://postgres@127.0.0.1:1/nowhere',
    });
    storages.push(unreachable);
    const app = await instance(unreachable);
    const before = storeErrors.length;
    for (let i = 0; i < LIMIT + 2; i++) expect((await ping(app, '10.1.0.5')).statusCode).toBe(200);
    expect(storeErrors.length).toBeGreaterThan(before);
  });
});
