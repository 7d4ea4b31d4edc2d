import { createRemoteJWKSet, errors, type JWTPayload, type JWTVerifyGetKey, jwtVerify } from 'jose';
import { isRole, type Principal } from '../../../contexts/identity/index.ts';
import type { Clock } from '../../../shared/clock.ts';
import { DomainError } from '../../../shared/errors.ts';

/** Turns a bearer token into the caller's principal, or throws `UNAUTHENTICATED`. */
export interface TokenVerifier {
  verify(token: string): Promise<Principal>;
}

export interface TokenVerifierOptions {
  /** The exact `iss` expected (the realm URL). */
  issuer: string;
  /** The `aud` the API requires. */
  audience: string;
  /** Resolves the verification key: `createLocalJWKSet` or `createRemoteJWKSet` from jose. */
  jwks: JWTVerifyGetKey;
  /** Seconds of clock skew forgiven on `exp`, `nbf` and `iat`. */
  clockToleranceSeconds?: number;
  /** Only for tests: "now" for expiry checks. */
  clock?: Clock;
  /**
   * How long a verified token is remembered (ms; 0: verify every time). A client sends the
   * same access token with every request until it renews it, and checking its RS256 signature
   * again each time was about 5 % of the server's busy time at the order benchmark's maximum.
   * A remembered token is still refused from its `exp` on, and as soon as the key set no longer
   * hands out the key that signed it (a key the issuer withdrew): each use asks the key set, a
   * map lookup, and skips only the signature check.
   */
  rememberVerifiedMs?: number;
  /** At most this many tokens are remembered; the oldest is forgotten first. */
  rememberMax?: number;
}

/**
 * Verifies RS256 access tokens from the configured issuer. Only RS256 is accepted, so `alg:
 * none` and HMAC tokens "signed" with the public key are refused before any key is chosen.
 */
export const createTokenVerifier = ({
  issuer,
  audience,
  jwks,
  clockToleranceSeconds = 5,
  clock,
  rememberVerifiedMs = 60_000,
  rememberMax = 10_000,
}: TokenVerifierOptions): TokenVerifier => {
  const nowMs = () => (clock?.now() ?? new Date()).getTime();
  /**
   * Verified tokens: the principal, until when it may be served without checking the signature
   * again, and the key that signed it with what found that key (to ask the key set again).
   */
  const verified = new Map<string, Remembered>();
  const check = async (token: string): Promise<Omit<Remembered, 'until'> & { exp: number }> => {
    let payload: JWTPayload;
    let found: Pick<Remembered, 'key' | 'lookup'> | undefined;
    const capturing: JWTVerifyGetKey = async (header, input) => {
      const key = await jwks(header, input);
      found = { key, lookup: [header, input] };
      return key;
    };
    try {
      ({ payload } = await jwtVerify(token, capturing, {
        algorithms: ['RS256'],
        issuer,
        audience,
        clockTolerance: clockToleranceSeconds,
        requiredClaims: ['sub', 'exp'],
        ...(clock === undefined ? {} : { currentDate: clock.now() }),
      }));
    } catch (error) {
      throw unauthenticated(reasonFor(error), error);
    }
    // jose checks `iat` only together with a maximum token age; a token issued in the future
    // (beyond the skew forgiven) is forged or from a broken clock either way.
    const now = Math.floor(nowMs() / 1000);
    if (typeof payload.iat === 'number' && payload.iat > now + clockToleranceSeconds) {
      throw unauthenticated('iat claim rejected');
    }
    return { principal: toPrincipal(payload), exp: payload.exp as number, ...found! };
  };
  /** Whether the key set still hands out the very key that signed a remembered token. */
  const stillSigned = async ({ key, lookup }: Remembered) => {
    try {
      return (await jwks(...lookup)) === key;
    } catch {
      return false;
    }
  };
  return {
    async verify(token) {
      const now = nowMs();
      const known = verified.get(token);
      if (known !== undefined) {
        // A key the issuer withdrew (the key set refreshed without it) ends its tokens' memory.
        if (now < known.until && (await stillSigned(known))) return known.principal;
        verified.delete(token);
      }
      const checked = await check(token);
      if (rememberVerifiedMs > 0) {
        // From `exp` on, the token goes through jose again (which forgives the clock skew or not).
        const until = Math.min(now + rememberVerifiedMs, checked.exp * 1000);
        if (verified.size >= rememberMax) verified.delete(verified.keys().next().value!);
        const { exp: _exp, ...signed } = checked;
        verified.set(token, { ...signed, principal: freezePrincipal(checked.principal), until });
      }
      return checked.principal;
    },
  };
};

interface Remembered {
  principal: Principal;
  until: number;
  key: Awaited<ReturnType<JWTVerifyGetKey>>;
  lookup: Parameters<JWTVerifyGetKey>;
}

/** A remembered principal is handed to many requests: none of them may change it. */
const freezePrincipal = (principal: Principal): Principal => {
  Object.freeze(principal.roles);
  return Object.freeze(principal);
};

const unauthenticated = (reason: string, cause?: unknown): DomainError =>
  new DomainError('UNAUTHENTICATED', `invalid bearer token: ${reason}`, { reason }, { cause });

/** A short reason for the client; the jose error stays in `cause` for the logs. */
const reasonFor = (error: unknown): string => {
  if (error instanceof errors.JWTExpired) return 'token expired';
  if (error instanceof errors.JWTClaimValidationFailed) return `${error.claim} claim rejected`;
  if (error instanceof errors.JOSEAlgNotAllowed) return 'algorithm not allowed';
  if (error instanceof errors.JWKSNoMatchingKey) return 'unknown signing key';
  if (error instanceof errors.JWSSignatureVerificationFailed) return 'signature mismatch';
  if (error instanceof errors.JWSInvalid || error instanceof errors.JWTInvalid) return 'malformed token';
  if (error instanceof errors.JWKSTimeout) return 'signing keys unavailable';
  return 'verification failed';
};

const toPrincipal = (payload: JWTPayload): Principal => {
  const { sub, preferred_username: username, email, name, typ, realm_access: realmAccess } = payload;
  // Keycloak marks ID and refresh tokens with another `typ`; only access tokens open the API.
  if (typ !== undefined && typ !== 'Bearer') throw unauthenticated('not an access token');
  if (typeof sub !== 'string' || sub === '') throw unauthenticated('sub claim rejected');
  const roles = isRecord(realmAccess) && Array.isArray(realmAccess.roles) ? realmAccess.roles : [];
  return {
    userId: sub,
    username: typeof username === 'string' && username !== '' ? username : sub,
    roles: [...new Set(roles.filter(isRole))],
    ...(typeof email === 'string' ? { email } : {}),
    ...(typeof name === 'string' ? { name } : {}),
  };
};

const isRecord = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null;

/** How the remote key set is cached (jose's `cacheMaxAge` and `cooldownDuration`, in ms). */
export interface RemoteJwksCaching {
  /** Keys older than this are refetched before use: a key the issuer removed stops working. */
  cacheMaxAgeMs?: number;
  /** No refetch for an unknown `kid` sooner than this after the last fetch. */
  cooldownMs?: number;
}

/**
 * Reads an external issuer's discovery document and returns a remote key set for its
 * `jwks_uri`; jose caches the keys and refetches on an unknown `kid` (key rotation).
 */
export const discoverRemoteJwks = async (
  issuer: string,
  timeoutMs = 5000,
  caching: RemoteJwksCaching = {},
): Promise<JWTVerifyGetKey> => {
  const url = `${issuer.replace(/\/+$/, '')}/.well-known/openid-configuration`;
  let document: unknown;
  try {
    const response = await fetch(url, { signal: AbortSignal.timeout(timeoutMs) });
    if (!response.ok) throw new Error(`HTTP ${response.status}`);
    document = await response.json();
  } catch (error) {
    throw new Error(`cannot read OIDC discovery document ${url}`, { cause: error });
  }
  if (!isRecord(document) || typeof document.jwks_uri !== 'string') {
    throw new Error(`OIDC discovery document ${url} has no jwks_uri`);
  }
  // OIDC Discovery §4.3: the document must name the issuer it was fetched for.
  if (document.issuer !== issuer) {
    throw new Error(`OIDC discovery document ${url} names issuer ${String(document.issuer)}, not ${issuer}`);
  }
  return createRemoteJWKSet(new URL(document.jwks_uri), {
    timeoutDuration: timeoutMs,
    ...(caching.cacheMaxAgeMs === undefined ? {} : { cacheMaxAge: caching.cacheMaxAgeMs }),
    ...(caching.cooldownMs === undefined ? {} : { cooldownDuration: caching.cooldownMs }),
  });
};
