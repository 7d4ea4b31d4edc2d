import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Fastify, { type FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loginFailuresContract } from '../../../test/contract/storage/abuse-counters.contract.ts';
import { registerProblemDetails } from '../http/problem-details.ts';
import { builtInOidcRoutes } from './built-in-oidc.routes.ts';
import { InMemoryUserDirectory } from './in-memory-user-directory.ts';
import { InMemoryLoginFailures, LoginThrottle } from './login-throttle.ts';
import { loadOrCreateSigningKeys } from './signing-keys.ts';

const TOKEN_PATH = '/realms/orderflow/protocol/openid-connect/token';

// Every spelling the login accepts for one account must count against that account's lock:
// otherwise " bob", "bob " and "BOB" would each get a fresh set of guesses.
describe('login throttle keyed on the username the login looks up', () => {
  let dataDir: string;
  let app: FastifyInstance;
  const clock = { now: () => new Date('2030-01-01T00:00:00Z') };

  beforeAll(async () => {
    dataDir = await mkdtemp(join(tmpdir(), 'orderflow-login-throttle-'));
    app = Fastify();
    registerProblemDetails(app);
    await app.register(builtInOidcRoutes, {
      issuer: 'http://localhost:3000/realms/orderflow',
      audience: 'orderflow-api',
      users: await InMemoryUserDirectory.withDemoUsers(),
      keys: await loadOrCreateSigningKeys(dataDir),
      clock,
      throttle: new LoginThrottle({
        maxFailuresPerUsername: 3,
        maxFailuresPerIp: 1000,
        lockoutSeconds: 30,
        maxLockoutSeconds: 600,
        clock,
      }),
    });
    await app.ready();
  });
  afterAll(async () => {
    await app.close();
    await rm(dataDir, { recursive: true, force: true });
  });

  let nextIp = 0;
  const login = (username: string, password: string) =>
    app.inject({
      method: 'POST',
      url: TOKEN_PATH,
      // A fresh address each time: only the username's counter can lock.
      remoteAddress: `10.9.0.${++nextIp}`,
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      payload: new URLSearchParams({
        grant_type: 'password',
        client_id: 'orderflow-web',
        username,
        password,
      }).toString(),
    });

  const variants = [' bob', 'bob ', '  bob\t', 'BOB', 'Bob', ' BoB ', '\u00a0bob\u2003'];

  it('accepts the padded and cased variants as the same account while it is not locked', async () => {
    for (const variant of [' kitchen', 'KITCHEN ']) {
      expect((await login(variant, 'kitchen')).statusCode).toBe(200);
    }
  });

  it('answers 429 to every variant, with the right password, once the account is locked', async () => {
    for (let i = 0; i < 3; i++) expect((await login('bob', 'guess')).statusCode).toBe(401);
    for (const variant of ['bob', ...variants]) {
      const response = await login(variant, 'bob');
      expect(response.statusCode, JSON.stringify(variant)).toBe(429);
      expect(response.headers['retry-after']).toBeDefined();
    }
  });

  it('counts failures under every variant against one account', async () => {
    for (const variant of [' alice', 'ALICE ', '\talice']) {
      expect((await login(variant, 'guess')).statusCode).toBe(401);
    }
    expect((await login('alice', 'alice')).statusCode).toBe(429);
  });
});

// The same contract the PostgreSQL store passes (test/contract/storage.contract.ts).
describe('in-memory login failures', () => {
  const memory = new InMemoryLoginFailures();
  loginFailuresContract(() => memory);
});

describe('login throttle sweep', () => {
  it('forgets failures only once they can neither lock nor count any more', async () => {
    let now = Date.UTC(2030, 0, 1);
    const throttle = new LoginThrottle({
      maxFailuresPerUsername: 1,
      maxFailuresPerIp: 100,
      lockoutSeconds: 600,
      maxLockoutSeconds: 7200,
      forgetAfterSeconds: 3600,
      failures: new InMemoryLoginFailures(),
      clock: { now: () => new Date(now) },
    });
    // Four over the limit: 600 s × 2⁴, capped at 7200 s, longer than failures are remembered.
    for (let i = 0; i < 5; i++) await throttle.recordFailure('bob', '10.0.0.1');
    now += 3_601_000;
    expect(await throttle.sweep()).toBe(0);
    expect(await throttle.retryAfterSeconds('bob', '10.0.0.2')).toBe(7200 - 3601);
    now += 3_600_000;
    expect(await throttle.sweep()).toBe(2);
    expect(await throttle.retryAfterSeconds('bob', '10.0.0.1')).toBe(0);
  });
});
