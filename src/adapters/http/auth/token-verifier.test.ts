import { mkdtemp, rm } from 'node:fs/promises';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Fastify, { type FastifyInstance } from 'fastify';
import { createLocalJWKSet, type JWTVerifyGetKey, SignJWT } from 'jose';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { DomainError } from '../../../shared/errors.ts';
import { builtInOidcRoutes } from '../../identity/built-in-oidc.routes.ts';
import { InMemoryUserDirectory } from '../../identity/in-memory-user-directory.ts';
import { loadOrCreateSigningKeys, type SigningKeys } from '../../identity/signing-keys.ts';
import { createTokenVerifier, discoverRemoteJwks } from './token-verifier.ts';

const AUDIENCE = 'orderflow-api';

describe('token verifier', () => {
  let dataDir: string;
  let keys: SigningKeys;
  let app: FastifyInstance;
  let server: Server;
  let issuer: string;

  // The built-in provider on a loopback port: discovery and the remote JWKS go over real HTTP,
  // as they would against Keycloak.
  beforeAll(async () => {
    dataDir = await mkdtemp(join(tmpdir(), 'orderflow-verifier-'));
    keys = await loadOrCreateSigningKeys(dataDir);
    server = createServer((request, response) => app.routing(request, response));
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    issuer = `http://127.0.0.1:${(server.address() as AddressInfo).port}/realms/orderflow`;
    app = Fastify();
    const users = new InMemoryUserDirectory([]);
    await app.register(builtInOidcRoutes, { issuer, audience: AUDIENCE, users, keys });
    await app.ready();
  });
  afterAll(async () => {
    await new Promise((resolve) => server.close(resolve));
    await app.close();
    await rm(dataDir, { recursive: true, force: true });
  });

  const mint = (claims: Record<string, unknown> = {}) =>
    new SignJWT({ typ: 'Bearer', preferred_username: 'bob', realm_access: { roles: ['buyer'] }, ...claims })
      .setProtectedHeader({ alg: 'RS256', kid: keys.kid })
      .setIssuer(issuer)
      .setAudience(AUDIENCE)
      .setSubject('user-1')
      .setIssuedAt()
      .setExpirationTime('5m')
      .sign(keys.privateKey);

  it('verifies against keys found through the discovery document', async () => {
    const verifier = createTokenVerifier({
      issuer,
      audience: AUDIENCE,
      jwks: await discoverRemoteJwks(issuer),
    });
    expect(await verifier.verify(await mint())).toEqual({
      userId: 'user-1',
      username: 'bob',
      roles: ['buyer'],
    });
  });

  it('refuses a discovery document that names another issuer', async () => {
    // Same document, but the configured issuer differs from it by a trailing slash.
    await expect(discoverRemoteJwks(`${issuer}/`)).rejects.toThrow(/names issuer/);
  });

  it('wraps an unreachable discovery document with its cause', async () => {
    const missing = `${issuer.replace('/realms/orderflow', '')}/realms/nowhere`;
    await expect(discoverRemoteJwks(missing)).rejects.toMatchObject({
      message: expect.stringContaining('cannot read OIDC discovery document'),
      cause: expect.any(Error),
    });
  });

  it('throws UNAUTHENTICATED with a short reason and the jose error as cause', async () => {
    const verifier = createTokenVerifier({
      issuer,
      audience: 'another-api',
      jwks: createLocalJWKSet(keys.publicJwks),
    });
    const error = await verifier.verify(await mint()).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(DomainError);
    expect(error).toMatchObject({
      code: 'UNAUTHENTICATED',
      message: 'invalid bearer token: aud claim rejected',
      cause: expect.objectContaining({ code: 'ERR_JWT_CLAIM_VALIDATION_FAILED' }),
    });
  });

  it('falls back to sub for the username and ignores malformed roles', async () => {
    const verifier = createTokenVerifier({
      issuer,
      audience: AUDIENCE,
      jwks: createLocalJWKSet(keys.publicJwks),
    });
    const token = await mint({ preferred_username: undefined, realm_access: { roles: 'admin' } });
    expect(await verifier.verify(token)).toEqual({ userId: 'user-1', username: 'user-1', roles: [] });
  });

  it('judges expiry by the injected clock', async () => {
    const later = { now: () => new Date(Date.now() + 3600_000) };
    const verifier = createTokenVerifier({
      issuer,
      audience: AUDIENCE,
      jwks: createLocalJWKSet(keys.publicJwks),
      clock: later,
    });
    await expect(verifier.verify(await mint())).rejects.toMatchObject({
      message: 'invalid bearer token: token expired',
    });
  });

  describe('remembering verified tokens', () => {
    /** The local key set, counting how often it was asked for a key. */
    const countingKeys = () => {
      let current = createLocalJWKSet(keys.publicJwks);
      const counted: { lookups: number; jwks: JWTVerifyGetKey; withdraw(): void } = {
        lookups: 0,
        jwks: (...args) => {
          counted.lookups++;
          return current(...args);
        },
        withdraw: () => {
          current = createLocalJWKSet({ keys: [] });
        },
      };
      return counted;
    };
    /** RS256 signature checks made (jose verifies with WebCrypto). */
    const signatureChecks = () => vi.spyOn(crypto.subtle, 'verify');
    afterEach(() => {
      vi.restoreAllMocks();
    });

    it("checks a token's signature once and serves it again from memory, as the same frozen principal", async () => {
      const checks = signatureChecks();
      const keysUsed = countingKeys();
      const verifier = createTokenVerifier({ issuer, audience: AUDIENCE, jwks: keysUsed.jwks });
      const token = await mint();
      const first = await verifier.verify(token);
      const second = await verifier.verify(token);
      expect(second).toBe(first);
      expect(Object.isFrozen(first) && Object.isFrozen(first.roles)).toBe(true);
      expect(checks).toHaveBeenCalledTimes(1);
      // The key set is still asked each time (a map lookup), so a withdrawn key is noticed.
      expect(keysUsed.lookups).toBe(2);
      await verifier.verify(await mint({ preferred_username: 'other' }));
      expect(checks).toHaveBeenCalledTimes(2);
    });

    it('refuses a remembered token as soon as the key set no longer has the key that signed it', async () => {
      const keysUsed = countingKeys();
      const verifier = createTokenVerifier({ issuer, audience: AUDIENCE, jwks: keysUsed.jwks });
      const token = await mint();
      await verifier.verify(token);
      keysUsed.withdraw();
      await expect(verifier.verify(token)).rejects.toMatchObject({
        message: 'invalid bearer token: unknown signing key',
      });
    });

    it('refuses a remembered token once it expires, and checks it again after the memory ends', async () => {
      let now = Date.now();
      const checks = signatureChecks();
      const verifier = createTokenVerifier({
        issuer,
        audience: AUDIENCE,
        jwks: createLocalJWKSet(keys.publicJwks),
        clock: { now: () => new Date(now) },
        rememberVerifiedMs: 60_000,
      });
      const token = await mint();
      await verifier.verify(token);
      now += 59_000;
      await verifier.verify(token);
      expect(checks).toHaveBeenCalledTimes(1);
      now += 2_000;
      await verifier.verify(token);
      expect(checks).toHaveBeenCalledTimes(2);
      now += 5 * 60_000;
      for (let i = 0; i < 2; i++)
        await expect(verifier.verify(token)).rejects.toMatchObject({
          message: 'invalid bearer token: token expired',
        });
    });

    it('does not remember refused tokens, and forgets the oldest beyond its bound', async () => {
      const checks = signatureChecks();
      const jwks = createLocalJWKSet(keys.publicJwks);
      const verifier = createTokenVerifier({ issuer, audience: AUDIENCE, jwks, rememberMax: 2 });
      const [a, b, c] = await Promise.all(['a', 'b', 'c'].map((name) => mint({ preferred_username: name })));
      for (const token of [a!, b!, c!]) await verifier.verify(token);
      expect(checks).toHaveBeenCalledTimes(3);
      await verifier.verify(c!);
      await verifier.verify(b!);
      expect(checks).toHaveBeenCalledTimes(3);
      await verifier.verify(a!);
      expect(checks).toHaveBeenCalledTimes(4);
      const strict = createTokenVerifier({ issuer, audience: 'another-api', jwks });
      for (let i = 0; i < 2; i++)
        await expect(strict.verify(a!)).rejects.toMatchObject({ code: 'UNAUTHENTICATED' });
      expect(checks).toHaveBeenCalledTimes(6);
    });

    it('checks every time when told not to remember', async () => {
      const checks = signatureChecks();
      const verifier = createTokenVerifier({
        issuer,
        audience: AUDIENCE,
        jwks: createLocalJWKSet(keys.publicJwks),
        rememberVerifiedMs: 0,
      });
      const token = await mint();
      await verifier.verify(token);
      await verifier.verify(token);
      expect(checks).toHaveBeenCalledTimes(2);
    });
  });
});
