import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Fastify, { type FastifyInstance } from 'fastify';
import { createLocalJWKSet, decodeJwt, decodeProtectedHeader } from 'jose';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_USER_IDS } from '../../contexts/identity/index.ts';
import { createTokenVerifier } from '../http/auth/token-verifier.ts';
import { registerProblemDetails } from '../http/problem-details.ts';
import { builtInOidcRoutes } from './built-in-oidc.routes.ts';
import { InMemoryUserDirectory } from './in-memory-user-directory.ts';
import { LoginThrottle } from './login-throttle.ts';
import { loadOrCreateSigningKeys, type SigningKeys } from './signing-keys.ts';

const ISSUER = 'http://localhost:3000/realms/orderflow';
const AUDIENCE = 'orderflow-api';
const REALM = '/realms/orderflow';
const TOKEN_PATH = `${REALM}/protocol/openid-connect/token`;
const FIXED_NOW = new Date('2030-01-01T00:00:00Z');

describe('built-in OIDC provider', () => {
  let dataDir: string;
  let keys: SigningKeys;
  let app: FastifyInstance;

  beforeAll(async () => {
    dataDir = await mkdtemp(join(tmpdir(), 'orderflow-oidc-'));
    keys = await loadOrCreateSigningKeys(dataDir);
    app = Fastify();
    registerProblemDetails(app);
    app.post('/api/echo', async (request) => request.body);
    await app.register(builtInOidcRoutes, {
      issuer: ISSUER,
      audience: AUDIENCE,
      users: await InMemoryUserDirectory.withDemoUsers(),
      keys,
      tokenTtlSeconds: 600,
      clock: { now: () => FIXED_NOW },
    });
    await app.ready();
  });
  afterAll(async () => {
    await app.close();
    await rm(dataDir, { recursive: true, force: true });
  });

  const requestToken = (
    form: Record<string, string> | string,
    contentType = 'application/x-www-form-urlencoded',
  ) =>
    app.inject({
      method: 'POST',
      url: TOKEN_PATH,
      headers: { 'content-type': contentType },
      payload: typeof form === 'string' ? form : new URLSearchParams(form).toString(),
    });
  const passwordGrant = (username: string, password: string) =>
    requestToken({ grant_type: 'password', client_id: 'orderflow-web', username, password });

  it('serves the discovery document with URLs under the issuer', async () => {
    const response = await app.inject({ method: 'GET', url: `${REALM}/.well-known/openid-configuration` });
    expect(response.statusCode).toBe(200);
    expect(response.json()).toMatchObject({
      issuer: ISSUER,
      jwks_uri: `${ISSUER}/protocol/openid-connect/certs`,
      token_endpoint: `${ISSUER}/protocol/openid-connect/token`,
      grant_types_supported: expect.arrayContaining(['password']),
      id_token_signing_alg_values_supported: ['RS256'],
    });
  });

  it('serves the public key alone as the JWKS', async () => {
    const response = await app.inject({ method: 'GET', url: `${REALM}/protocol/openid-connect/certs` });
    expect(response.statusCode).toBe(200);
    const { keys: published } = response.json();
    expect(published).toEqual([
      { kty: 'RSA', kid: keys.kid, use: 'sig', alg: 'RS256', n: expect.any(String), e: 'AQAB' },
    ]);
    for (const member of ['d', 'p', 'q', 'dp', 'dq', 'qi', 'oth'])
      expect(published[0]).not.toHaveProperty(member);
  });

  it('issues a Keycloak-shaped access token for the right password', async () => {
    const response = await passwordGrant('alice', 'alice');
    expect(response.statusCode).toBe(200);
    expect(response.headers['cache-control']).toBe('no-store');
    const body = response.json();
    expect(body).toMatchObject({
      token_type: 'Bearer',
      expires_in: 600,
      refresh_expires_in: 0,
      scope: 'profile email',
    });
    expect(decodeProtectedHeader(body.access_token)).toEqual({ alg: 'RS256', kid: keys.kid, typ: 'JWT' });
    const iat = FIXED_NOW.getTime() / 1000;
    expect(decodeJwt(body.access_token)).toEqual({
      iss: ISSUER,
      aud: AUDIENCE,
      sub: DEMO_USER_IDS.alice,
      azp: 'orderflow-web',
      typ: 'Bearer',
      scope: 'profile email',
      preferred_username: 'alice',
      email: 'alice@orderflow.local',
      name: 'Alice Buyer',
      realm_access: { roles: ['buyer'] },
      iat,
      exp: iat + 600,
      jti: expect.stringMatching(/^[0-9a-f-]{36}$/),
    });
  });

  it('issues tokens the API verifier accepts, with the right principal', async () => {
    const verifier = createTokenVerifier({
      issuer: ISSUER,
      audience: AUDIENCE,
      jwks: createLocalJWKSet(keys.publicJwks),
      clock: { now: () => new Date(FIXED_NOW.getTime() + 60_000) },
    });
    const admin = await passwordGrant('admin', 'admin');
    expect(await verifier.verify(admin.json().access_token)).toEqual({
      userId: DEMO_USER_IDS.admin,
      username: 'admin',
      roles: ['admin'],
      email: 'admin@orderflow.local',
      name: 'Ada Admin',
    });
  });

  it('accepts a charset parameter on the form content type', async () => {
    const form = 'grant_type=password&client_id=orderflow-web&username=bob&password=bob';
    const response = await requestToken(form, 'application/x-www-form-urlencoded; charset=UTF-8');
    expect(response.statusCode).toBe(200);
  });

  it.each([
    ['wrong password', 'alice', 'bob'],
    ['unknown user', 'mallory', 'mallory'],
  ])('answers 401 invalid_grant for a %s', async (_case, username, password) => {
    const response = await passwordGrant(username, password);
    expect(response.statusCode).toBe(401);
    expect(response.headers['content-type']).toContain('application/problem+json');
    expect(response.json()).toMatchObject({
      status: 401,
      code: 'UNAUTHENTICATED',
      error: 'invalid_grant',
      error_description: 'Invalid user credentials',
    });
  });

  it.each([
    [
      'an unsupported grant',
      { grant_type: 'client_credentials', client_id: 'orderflow-web' },
      400,
      'unsupported_grant_type',
    ],
    [
      'an unknown client',
      { grant_type: 'password', client_id: 'evil', username: 'alice', password: 'alice' },
      401,
      'invalid_client',
    ],
    [
      'no grant_type',
      { client_id: 'orderflow-web', username: 'alice', password: 'alice' },
      400,
      'invalid_request',
    ],
    [
      'no client_id',
      { grant_type: 'password', username: 'alice', password: 'alice' },
      400,
      'invalid_request',
    ],
    [
      'no password',
      { grant_type: 'password', client_id: 'orderflow-web', username: 'alice' },
      400,
      'invalid_request',
    ],
  ])('answers OAuth2 errors for %s', async (_case, form, status, error) => {
    const response = await requestToken(form);
    expect(response.statusCode).toBe(status);
    expect(response.headers['content-type']).toContain('application/problem+json');
    expect(response.json()).toMatchObject({ status, error, error_description: expect.any(String) });
  });

  it('answers an empty JSON body as a problem too', async () => {
    const response = await requestToken('', 'application/json');
    expect(response.statusCode).toBe(400);
    expect(response.headers['content-type']).toContain('application/problem+json');
    expect(response.json().code).toBe('VALIDATION_FAILED');
  });

  it('refuses a repeated parameter and a JSON body', async () => {
    const repeated = await requestToken(
      'grant_type=password&client_id=orderflow-web&username=bob&username=alice&password=alice',
    );
    expect(repeated.statusCode).toBe(400);
    expect(repeated.json().error).toBe('invalid_request');
    const json = await requestToken(
      JSON.stringify({
        grant_type: 'password',
        client_id: 'orderflow-web',
        username: 'alice',
        password: 'alice',
      }),
      'application/json',
    );
    expect(json.statusCode).toBe(400);
    expect(json.json().error).toBe('invalid_request');
  });

  it('keeps its form parser to itself', async () => {
    const response = await app.inject({
      method: 'POST',
      url: '/api/echo',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      payload: 'a=b',
    });
    expect(response.statusCode).toBe(415);
  });
});

describe('built-in OIDC provider, throttled', () => {
  let dataDir: string;
  let app: FastifyInstance;
  let now = new Date('2030-01-01T00:00:00Z');
  const advance = (seconds: number) => {
    now = new Date(now.getTime() + seconds * 1000);
  };

  beforeAll(async () => {
    dataDir = await mkdtemp(join(tmpdir(), 'orderflow-oidc-throttle-'));
    const clock = { now: () => now };
    app = Fastify();
    registerProblemDetails(app);
    await app.register(builtInOidcRoutes, {
      issuer: ISSUER,
      audience: AUDIENCE,
      users: await InMemoryUserDirectory.withDemoUsers(),
      keys: await loadOrCreateSigningKeys(dataDir),
      clock,
      throttle: new LoginThrottle({
        maxFailuresPerUsername: 3,
        maxFailuresPerIp: 8,
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

  const login = (username: string, password: string, ip = '10.0.0.1') =>
    app.inject({
      method: 'POST',
      url: TOKEN_PATH,
      remoteAddress: ip,
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      payload: new URLSearchParams({
        grant_type: 'password',
        client_id: 'orderflow-web',
        username,
        password,
      }).toString(),
    });

  it('locks a username after repeated failures, whether or not it exists, with Retry-After', async () => {
    for (const username of ['alice', 'nobody-at-all']) {
      for (let i = 0; i < 3; i++)
        expect((await login(username, 'guess', `10.1.0.${i}`)).statusCode).toBe(401);
      const locked = await login(username, 'guess', '10.1.0.9');
      expect(locked.statusCode).toBe(429);
      expect(locked.headers['content-type']).toContain('application/problem+json');
      expect(locked.headers['retry-after']).toBe('30');
      expect(locked.json()).toMatchObject({ code: 'RATE_LIMITED', error: 'temporarily_unavailable' });
    }
    // The right password does not get through a lock, and the answer does not tell it was right.
    const right = await login('alice', 'alice', '10.1.0.9');
    expect(right.statusCode).toBe(429);
    advance(31);
    expect((await login('alice', 'alice', '10.1.0.9')).statusCode).toBe(200);
    // A success clears the username's count.
    expect((await login('alice', 'guess', '10.1.0.9')).statusCode).toBe(401);
  });

  it('doubles the lockout with every further failure', async () => {
    for (let i = 0; i < 3; i++) await login('bob', 'guess', `10.2.0.${i}`);
    advance(31);
    expect((await login('bob', 'guess', '10.2.0.5')).statusCode).toBe(401);
    expect((await login('bob', 'bob', '10.2.0.5')).headers['retry-after']).toBe('60');
  });

  it('locks a client address that tries many usernames', async () => {
    for (let i = 0; i < 8; i++) expect((await login(`user-${i}`, 'guess', '10.3.0.1')).statusCode).toBe(401);
    expect((await login('kitchen', 'kitchen', '10.3.0.1')).statusCode).toBe(429);
    expect((await login('kitchen', 'kitchen', '10.3.0.2')).statusCode).toBe(200);
  });
});
