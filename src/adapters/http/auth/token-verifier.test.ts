import { mkdtemp, rm } from 'node:fs/promises';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Fastify, { type FastifyInstance } from 'fastify';
import { createLocalJWKSet, SignJWT } from 'jose';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
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
});
