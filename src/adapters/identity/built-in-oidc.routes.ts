import { randomUUID } from 'node:crypto';
import type { FastifyPluginAsync } from 'fastify';
import { SignJWT } from 'jose';
import type { Principal, UserDirectory } from '../../contexts/identity/index.ts';
import { authenticateUser } from '../../contexts/identity/index.ts';
import { type Clock, systemClock } from '../../shared/clock.ts';
import { DomainError, type ErrorCode } from '../../shared/errors.ts';
import { certsSchema, discoverySchema, tokenSchema } from './built-in-oidc.schemas.ts';
import type { LoginThrottle } from './login-throttle.ts';
import type { SigningKeys } from './signing-keys.ts';

/** Where the built-in provider lives: Keycloak's path for a realm named `orderflow`. */
export const OIDC_REALM_PATH = '/realms/orderflow';
/** The only client the built-in provider knows: the web app, a public client. */
export const OIDC_CLIENT_ID = 'orderflow-web';
const SCOPE = 'profile email';

export interface BuiltInOidcOptions {
  /** The public URL of the realm, e.g. `http://localhost:3000/realms/orderflow`. */
  issuer: string;
  /** The `aud` of issued tokens; the API's verifier must expect the same value. */
  audience: string;
  users: UserDirectory;
  keys: SigningKeys;
  tokenTtlSeconds?: number;
  clock?: Clock;
  /** Locks usernames and client addresses after repeated failed logins; none = unthrottled. */
  throttle?: LoginThrottle;
}

/**
 * A Keycloak-compatible identity provider for embedded mode: discovery, JWKS and the token
 * endpoint (password grant) at Keycloak's paths, so clients written for Keycloak work unchanged.
 * Register it without a prefix; it must stay encapsulated (no fastify-plugin) so its form parser
 * does not leak into the API.
 */
export const builtInOidcRoutes: FastifyPluginAsync<BuiltInOidcOptions> = async (app, options) => {
  const { issuer, audience, users, keys, tokenTtlSeconds = 3600, clock = systemClock, throttle } = options;
  if (!Number.isInteger(tokenTtlSeconds) || tokenTtlSeconds <= 0) {
    throw new Error(`tokenTtlSeconds must be a positive integer, got ${tokenTtlSeconds}`);
  }
  const base = issuer.replace(/\/+$/, '');
  const tokenEndpoint = `${base}/protocol/openid-connect/token`;
  const discovery = Object.freeze({
    issuer,
    token_endpoint: tokenEndpoint,
    jwks_uri: `${base}/protocol/openid-connect/certs`,
    // Only the password grant: there is no authorization or userinfo endpoint.
    grant_types_supported: ['password'],
    token_endpoint_auth_methods_supported: ['none'],
    subject_types_supported: ['public'],
    id_token_signing_alg_values_supported: [keys.alg],
    scopes_supported: SCOPE.split(' '),
    claims_supported: ['iss', 'sub', 'aud', 'exp', 'iat', 'preferred_username', 'email', 'name'],
  });

  // OAuth 2.0 token requests are form-encoded (RFC 6749 §4.3.2); fastify parses only JSON and text.
  app.addContentTypeParser(
    'application/x-www-form-urlencoded',
    { parseAs: 'string', bodyLimit: 8 * 1024 },
    (_request, body, done) => done(null, new URLSearchParams(body as string)),
  );

  app.get(
    `${OIDC_REALM_PATH}/.well-known/openid-configuration`,
    { schema: discoverySchema },
    async () => discovery,
  );

  app.get(
    `${OIDC_REALM_PATH}/protocol/openid-connect/certs`,
    { schema: certsSchema },
    async (_request, reply) => {
      reply.header('cache-control', 'public, max-age=300');
      return keys.publicJwks;
    },
  );

  const tokenRoute = {
    schema: tokenSchema,
    // The schema documents the form; the handler checks it itself, in Keycloak's order and with
    // Keycloak's errors (the parsed body is URLSearchParams, which a JSON schema cannot read).
    validatorCompiler: () => () => true,
  };
  app.post(`${OIDC_REALM_PATH}/protocol/openid-connect/token`, tokenRoute, async (request, reply) => {
    // Tokens and their errors must never be cached (RFC 6749 §5.1).
    reply.header('cache-control', 'no-store').header('pragma', 'no-cache');
    const grant = readPasswordGrant(request.body);
    if ('error' in grant) throw refusal(grant);
    // Checked before the password, so a locked account answers the same to a right guess.
    const retryAfter = (await throttle?.retryAfterSeconds(grant.username, request.ip)) ?? 0;
    if (retryAfter > 0) {
      reply.header('retry-after', String(retryAfter));
      throw new DomainError('RATE_LIMITED', 'too many failed logins; try again later', {
        error: 'temporarily_unavailable',
        error_description: 'Too many failed logins; try again later',
        retry_after_seconds: retryAfter,
      });
    }
    const principal = await authenticateUser(users, grant.username, grant.password);
    if (principal === undefined) {
      await throttle?.recordFailure(grant.username, request.ip);
      throw refusal({ status: 401, error: 'invalid_grant', description: 'Invalid user credentials' });
    }
    await throttle?.recordSuccess(grant.username);
    const signOptions = { issuer, audience, keys, clientId: grant.clientId, tokenTtlSeconds, clock };
    return {
      access_token: await signAccessToken(principal, signOptions),
      expires_in: tokenTtlSeconds,
      refresh_expires_in: 0,
      token_type: 'Bearer',
      scope: SCOPE,
    };
  });
};

interface PasswordGrant {
  clientId: string;
  username: string;
  password: string;
}

/** An OAuth 2.0 error answer (RFC 6749 §5.2), with the status Keycloak gives it. */
interface Refusal {
  status: 400 | 401;
  error: 'invalid_request' | 'invalid_client' | 'invalid_grant' | 'unsupported_grant_type';
  description: string;
}

/**
 * The refusal as a problem+json error that also carries RFC 6749's `error` and
 * `error_description` members, so OAuth clients (Keycloak's among them) read it unchanged.
 */
const refusal = ({ status, error, description }: Refusal): DomainError => {
  const code: ErrorCode = status === 401 ? 'UNAUTHENTICATED' : 'VALIDATION_FAILED';
  return new DomainError(code, description, { error, error_description: description });
};

/** Checks the token request's form in the order Keycloak does: request, client, grant type. */
const readPasswordGrant = (body: unknown): PasswordGrant | Refusal => {
  const invalid = (description: string): Refusal => ({ status: 400, error: 'invalid_request', description });
  if (!(body instanceof URLSearchParams)) return invalid('Expected application/x-www-form-urlencoded');
  const repeated = [...new Set(body.keys())].find((name) => body.getAll(name).length > 1);
  if (repeated !== undefined) return invalid(`Repeated parameter: ${repeated}`);
  const param = (name: string): string | undefined => body.get(name) || undefined;

  const grantType = param('grant_type');
  const clientId = param('client_id');
  if (grantType === undefined) return invalid('Missing form parameter: grant_type');
  if (clientId === undefined) return invalid('Missing form parameter: client_id');
  if (clientId !== OIDC_CLIENT_ID) {
    return {
      status: 401,
      error: 'invalid_client',
      description: 'Invalid client or Invalid client credentials',
    };
  }
  if (grantType !== 'password') {
    return { status: 400, error: 'unsupported_grant_type', description: 'Unsupported grant_type' };
  }
  const username = param('username');
  const password = param('password');
  if (username === undefined || password === undefined) {
    return invalid('Missing form parameter: username or password');
  }
  return { clientId, username, password };
};

interface SignOptions {
  issuer: string;
  audience: string;
  keys: SigningKeys;
  clientId: string;
  tokenTtlSeconds: number;
  clock: Clock;
}

/** An access token shaped like Keycloak's: roles in `realm_access.roles`, `typ: Bearer`. */
const signAccessToken = (principal: Principal, options: SignOptions): Promise<string> => {
  const { issuer, audience, keys, clientId, tokenTtlSeconds, clock } = options;
  const issuedAt = Math.floor(clock.now().getTime() / 1000);
  return new SignJWT({
    typ: 'Bearer',
    azp: clientId,
    scope: SCOPE,
    preferred_username: principal.username,
    ...(principal.email === undefined ? {} : { email: principal.email }),
    ...(principal.name === undefined ? {} : { name: principal.name }),
    realm_access: { roles: principal.roles },
  })
    .setProtectedHeader({ alg: keys.alg, kid: keys.kid, typ: 'JWT' })
    .setIssuer(issuer)
    .setAudience(audience)
    .setSubject(principal.userId)
    .setIssuedAt(issuedAt)
    .setExpirationTime(issuedAt + tokenTtlSeconds)
    .setJti(randomUUID())
    .sign(keys.privateKey);
};
