import { JWT } from 'google-auth-library';
import type { ProviderAnswer } from '../../shared/ports/notification-channel.ts';

/** The OAuth2 scope FCM HTTP v1 asks for. */
export const FCM_SCOPE = 'https://www.googleapis.com/auth/firebase.messaging';
/** Where google-auth-library 10 always posts the service-account assertion. */
const GOOGLE_TOKEN_URL = 'https://oauth2.googleapis.com/token';

/** The fields of a Google service-account key file that token minting needs. */
export interface ServiceAccountKey {
  client_email: string;
  private_key: string;
  private_key_id?: string;
  project_id?: string;
  /** The OAuth2 token endpoint; Google's own unless the key says otherwise. */
  token_uri?: string;
}

/** Reads a service-account key (JSON); `source` names where it came from in the error. */
export function parseServiceAccountKey(json: string, source: string): ServiceAccountKey {
  let parsed: unknown;
  try {
    parsed = JSON.parse(json);
  } catch {
    throw new Error(`${source} is not JSON (expected a Google service-account key)`);
  }
  const key = parsed as Partial<ServiceAccountKey> | null;
  if (typeof key?.client_email !== 'string' || typeof key.private_key !== 'string') {
    throw new Error(`${source} has no client_email and private_key (expected a Google service-account key)`);
  }
  return key as ServiceAccountKey;
}

/** Hands out a current OAuth2 access token (cached and refreshed by whoever implements it). */
export interface AccessTokenSource {
  accessToken(): Promise<string>;
}

/** The token endpoint refused or could not be reached; `permanent` when retrying cannot help. */
export class AccessTokenError extends Error {
  constructor(
    message: string,
    readonly permanent: boolean,
    readonly answer: ProviderAnswer,
    options?: { cause?: unknown },
  ) {
    super(message, options);
    this.name = 'AccessTokenError';
  }
}

/**
 * Access tokens for a service account, minted and cached by google-auth-library's JWT client.
 * Two adjustments, both at its HTTP transport:
 * - google-auth-library 10 posts to Google's token URL whatever the key's `token_uri` says;
 *   the key's `token_uri` is honoured here, so a key can point at another endpoint (a local
 *   fake in tests).
 * - its own retries of the token request are off: a failure surfaces at once as a `retry`
 *   outcome, and the notifications context owns retrying (with its backoff and its receipts).
 */
export class ServiceAccountTokenSource implements AccessTokenSource {
  readonly #client: JWT;

  constructor(key: ServiceAccountKey, options: { scopes?: string[]; timeoutMs?: number } = {}) {
    this.#client = new JWT({
      email: key.client_email,
      key: key.private_key,
      scopes: options.scopes ?? [FCM_SCOPE],
      transporterOptions: { timeout: options.timeoutMs ?? 10_000 },
      ...(key.private_key_id ? { keyId: key.private_key_id } : {}),
    });
    const tokenUri = key.token_uri && key.token_uri !== GOOGLE_TOKEN_URL ? new URL(key.token_uri) : undefined;
    this.#client.transporter.interceptors.request.add({
      resolved: async (request) => {
        if (request.url.href === GOOGLE_TOKEN_URL) {
          if (tokenUri) request.url = tokenUri;
          request.retryConfig = { ...request.retryConfig, retry: 0, noResponseRetries: 0 };
        }
        return request;
      },
    });
  }

  async accessToken(): Promise<string> {
    try {
      const { token } = await this.#client.getAccessToken();
      if (!token) throw new Error('the token endpoint answered without an access token');
      return token;
    } catch (error) {
      throw tokenError(error);
    }
  }
}

/** A refusal (4xx: invalid_grant, a revoked or unknown key) is permanent; the rest is transient. */
function tokenError(error: unknown): AccessTokenError {
  const gaxios = error as {
    status?: number;
    response?: { status?: number; data?: { error?: string; error_description?: string } };
    code?: string;
    message?: string;
  };
  const status = gaxios.response?.status ?? gaxios.status;
  const answer: ProviderAnswer = {
    error_code:
      gaxios.response?.data?.error ?? (typeof gaxios.code === 'string' ? gaxios.code : 'TOKEN_ERROR'),
    message: `access token: ${gaxios.message ?? String(error)}`,
  };
  if (status !== undefined) answer.status = status;
  const permanent = status !== undefined && status >= 400 && status < 500 && status !== 408 && status !== 429;
  return new AccessTokenError(answer.message ?? 'access token', permanent, answer, { cause: error });
}
