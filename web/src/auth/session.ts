/** The signed-in user, from the access token (the built-in provider's or an external issuer's). */
export interface Session {
  token: string;
  userId: string;
  username: string;
  roles: string[];
  /** When the token expires, in ms since the epoch. */
  expiresAt: number;
}

const STORAGE_KEY = 'orderflow.session';

/** Reads the claims of a JWT (the server verifies it; the app only needs roles and expiry). */
export function sessionFromToken(token: string): Session {
  const payload = token.split('.')[1] ?? '';
  const json = atob(payload.replace(/-/g, '+').replace(/_/g, '/'));
  const claims = JSON.parse(json) as {
    sub: string;
    preferred_username?: string;
    exp: number;
    realm_access?: { roles?: string[] };
  };
  return {
    token,
    userId: claims.sub,
    username: claims.preferred_username ?? claims.sub,
    roles: claims.realm_access?.roles ?? [],
    expiresAt: claims.exp * 1000,
  };
}

export const isExpired = (session: Session, now = Date.now()): boolean => now >= session.expiresAt - 5_000;

/** Where the password grant goes: the built-in provider's token endpoint and client (from the server). */
export interface PasswordGrant {
  token_endpoint: string;
  client_id: string;
}

/** The password grant against the built-in provider; the token is kept for this tab. */
export async function signIn(grant: PasswordGrant, username: string, password: string): Promise<Session> {
  const response = await fetch(grant.token_endpoint, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({ grant_type: 'password', client_id: grant.client_id, username, password }),
  });
  const body = (await response.json().catch(() => ({}))) as {
    access_token?: string;
    detail?: string;
    error_description?: string;
  };
  if (!response.ok || !body.access_token) {
    throw new Error(
      response.status === 401 || response.status === 400
        ? 'Wrong username or password.'
        : (body.detail ?? body.error_description ?? `Sign-in failed (${response.status}).`),
    );
  }
  const session = sessionFromToken(body.access_token);
  sessionStorage.setItem(STORAGE_KEY, body.access_token);
  return session;
}

/** The session kept in this tab, unless it has expired. */
export function storedSession(): Session | undefined {
  const token = sessionStorage.getItem(STORAGE_KEY);
  if (!token) return undefined;
  try {
    const session = sessionFromToken(token);
    return isExpired(session) ? undefined : session;
  } catch {
    return undefined;
  }
}

export function forgetSession(): void {
  sessionStorage.removeItem(STORAGE_KEY);
}
