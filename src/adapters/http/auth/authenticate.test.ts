import Fastify, { type FastifyInstance } from 'fastify';
import {
  base64url,
  type CryptoKey,
  createLocalJWKSet,
  exportJWK,
  exportSPKI,
  generateKeyPair,
  SignJWT,
} from 'jose';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_USER_IDS } from '../../../contexts/identity/index.ts';
import { isDomainError } from '../../../shared/errors.ts';
import { createAuthenticate, principalOf, requireRole } from './authenticate.ts';
import { createTokenVerifier } from './token-verifier.ts';

const ISSUER = 'http://localhost:3000/realms/orderflow';
const AUDIENCE = 'orderflow-api';
const now = () => Math.floor(Date.now() / 1000);

// The server's key, published in its JWKS, and an attacker's key that is not.
const server = await generateKeyPair('RS256', { extractable: true });
const attacker = await generateKeyPair('RS256', { extractable: true });
const serverPublicJwk = {
  ...(await exportJWK(server.publicKey)),
  kid: 'server-key',
  alg: 'RS256',
  use: 'sig',
};

interface MintOptions {
  key?: CryptoKey | Uint8Array;
  header?: Record<string, unknown>;
  /** Claims to add or replace; `undefined` removes one. */
  claims?: Record<string, unknown>;
}

/** A token like the built-in provider's, with any part overridden. */
const mint = ({ key = server.privateKey, header = {}, claims = {} }: MintOptions = {}): Promise<string> =>
  new SignJWT({
    iss: ISSUER,
    aud: AUDIENCE,
    sub: DEMO_USER_IDS.alice,
    typ: 'Bearer',
    preferred_username: 'alice',
    realm_access: { roles: ['buyer'] },
    iat: now(),
    exp: now() + 300,
    ...claims,
  })
    .setProtectedHeader({ alg: 'RS256', kid: 'server-key', typ: 'JWT', ...header })
    .sign(key);

const encodeSegment = (value: object): string => base64url.encode(JSON.stringify(value));

describe('authenticate and requireRole', () => {
  let app: FastifyInstance;

  beforeAll(async () => {
    const verifier = createTokenVerifier({
      issuer: ISSUER,
      audience: AUDIENCE,
      jwks: createLocalJWKSet({ keys: [serverPublicJwk] }),
    });
    const authenticate = createAuthenticate(verifier);
    app = Fastify();
    // Stands in for the lead's problem+json handler: status and code from the DomainError.
    app.setErrorHandler((error, _request, reply) =>
      isDomainError(error)
        ? reply.status(error.status).send({ code: error.code, detail: error.message })
        : reply.status(500).send({ code: 'INTERNAL' }),
    );
    app.get('/me', { preHandler: authenticate }, async (request) => principalOf(request));
    app.get('/admin', { preHandler: [authenticate, requireRole('admin')] }, async () => ({ ok: true }));
    app.get('/food', { preHandler: [authenticate, requireRole('admin', 'kitchen')] }, async () => ({
      ok: true,
    }));
    await app.ready();
  });
  afterAll(() => app.close());

  const call = (url: string, authorization?: string) =>
    app.inject({ method: 'GET', url, headers: authorization === undefined ? {} : { authorization } });

  it('lets a correctly signed token through and sets the principal', async () => {
    const response = await call(
      '/me',
      `Bearer ${await mint({ claims: { email: 'alice@orderflow.local' } })}`,
    );
    expect(response.statusCode).toBe(200);
    expect(response.json()).toEqual({
      userId: DEMO_USER_IDS.alice,
      username: 'alice',
      roles: ['buyer'],
      email: 'alice@orderflow.local',
    });
  });

  it('accepts a lower-case scheme and keeps only known roles', async () => {
    const token = await mint({
      claims: { realm_access: { roles: ['buyer', 'superuser', 'offline_access'] } },
    });
    const response = await call('/me', `bearer ${token}`);
    expect(response.statusCode).toBe(200);
    expect(response.json().roles).toEqual(['buyer']);
  });

  it('forgives a few seconds of clock skew', async () => {
    const response = await call('/me', `Bearer ${await mint({ claims: { exp: now() - 2 } })}`);
    expect(response.statusCode).toBe(200);
    const early = await call('/me', `Bearer ${await mint({ claims: { iat: now() + 3 } })}`);
    expect(early.statusCode).toBe(200);
  });

  const serverPem = async () => new TextEncoder().encode(await exportSPKI(server.publicKey));
  // Each attack with the reason it must be refused for, so a pass is never a lucky accident.
  const attacks: [string, string, () => Promise<string | undefined>][] = [
    ['no Authorization header', 'missing bearer token', async () => undefined],
    ['a Basic credential', 'malformed Authorization header', async () => 'Basic YWxpY2U6YWxpY2U='],
    ['an empty bearer', 'malformed Authorization header', async () => 'Bearer '],
    ['garbage', 'malformed token', async () => 'Bearer not-a-jwt'],
    ['three garbage segments', 'malformed token', async () => 'Bearer aaa.bbb.ccc'],
    [
      'alg none',
      'algorithm not allowed',
      async () => {
        const payload = JSON.parse(Buffer.from((await mint()).split('.')[1] ?? '', 'base64url').toString());
        return `Bearer ${encodeSegment({ alg: 'none', typ: 'JWT', kid: 'server-key' })}.${encodeSegment(payload)}.`;
      },
    ],
    [
      'HS256 keyed with the public key PEM',
      'algorithm not allowed',
      async () => `Bearer ${await mint({ key: await serverPem(), header: { alg: 'HS256' } })}`,
    ],
    [
      'HS256 keyed with the public JWK',
      'algorithm not allowed',
      async () => {
        const secret = new TextEncoder().encode(JSON.stringify(serverPublicJwk));
        return `Bearer ${await mint({ key: secret, header: { alg: 'HS256' } })}`;
      },
    ],
    [
      'a wrong issuer',
      'iss claim rejected',
      async () => `Bearer ${await mint({ claims: { iss: 'http://evil.example/realms/orderflow' } })}`,
    ],
    [
      'a wrong audience',
      'aud claim rejected',
      async () => `Bearer ${await mint({ claims: { aud: 'another-api' } })}`,
    ],
    [
      'an expired token',
      'token expired',
      async () => `Bearer ${await mint({ claims: { iat: now() - 3600, exp: now() - 60 } })}`,
    ],
    [
      'a token not yet valid',
      'nbf claim rejected',
      async () => `Bearer ${await mint({ claims: { nbf: now() + 600 } })}`,
    ],
    [
      'a token issued in the future',
      'iat claim rejected',
      async () => `Bearer ${await mint({ claims: { iat: now() + 600, exp: now() + 900 } })}`,
    ],
    ['no exp', 'exp claim rejected', async () => `Bearer ${await mint({ claims: { exp: undefined } })}`],
    ['no sub', 'sub claim rejected', async () => `Bearer ${await mint({ claims: { sub: undefined } })}`],
    ['an ID token', 'not an access token', async () => `Bearer ${await mint({ claims: { typ: 'ID' } })}`],
    [
      'an unknown kid',
      'unknown signing key',
      async () => `Bearer ${await mint({ key: attacker.privateKey, header: { kid: 'attacker-key' } })}`,
    ],
    [
      'another key claiming the right kid',
      'signature mismatch',
      async () => `Bearer ${await mint({ key: attacker.privateKey })}`,
    ],
    [
      'another key embedded in the header',
      'signature mismatch',
      async () => {
        const jwk = await exportJWK(attacker.publicKey);
        return `Bearer ${await mint({ key: attacker.privateKey, header: { kid: undefined, jwk } })}`;
      },
    ],
    [
      'a tampered payload',
      'signature mismatch',
      async () => {
        const [header, payload, signature] = (await mint()).split('.');
        const claims = JSON.parse(Buffer.from(payload ?? '', 'base64url').toString());
        const forged = encodeSegment({ ...claims, realm_access: { roles: ['admin'] } });
        return `Bearer ${header}.${forged}.${signature}`;
      },
    ],
  ];

  it.each(attacks)('answers 401 UNAUTHENTICATED for %s', async (_case, reason, authorization) => {
    const response = await call('/me', await authorization());
    expect(response.statusCode).toBe(401);
    expect(response.json()).toEqual({ code: 'UNAUTHENTICATED', detail: expect.stringContaining(reason) });
  });

  it('answers 403 FORBIDDEN to a buyer on an admin-only route', async () => {
    const response = await call('/admin', `Bearer ${await mint()}`);
    expect(response.statusCode).toBe(403);
    expect(response.json().code).toBe('FORBIDDEN');
  });

  it('lets any one of the listed roles through', async () => {
    const admin = await mint({ claims: { realm_access: { roles: ['admin'] } } });
    const kitchen = await mint({ claims: { realm_access: { roles: ['kitchen'] } } });
    expect((await call('/admin', `Bearer ${admin}`)).statusCode).toBe(200);
    expect((await call('/food', `Bearer ${kitchen}`)).statusCode).toBe(200);
    expect((await call('/food', `Bearer ${await mint()}`)).statusCode).toBe(403);
  });

  it('answers 401, not 403, to an unauthenticated call on a role-protected route', async () => {
    expect((await call('/admin')).statusCode).toBe(401);
  });
});
