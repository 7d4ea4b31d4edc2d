import { createHash, randomBytes } from 'node:crypto';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { exportJWK, generateKeyPair, type JWK } from 'jose';
import Provider, { type Configuration } from 'oidc-provider';
import { freePort } from './free-port.ts';

/** The API's resource indicator at the test issuer; its tokens carry `aud: orderflow-api`. */
export const API_RESOURCE = 'https://api.orderflow.test';
export const WEB_REDIRECT_URI = 'http://127.0.0.1:3000/callback';

/** One RS256 signing key as oidc-provider takes it (private JWK with `kid`). */
export type SigningKey = JWK & { kid: string };

export async function newSigningKey(kid: string): Promise<SigningKey> {
  const { privateKey } = await generateKeyPair('RS256', { extractable: true });
  return { ...(await exportJWK(privateKey)), kid, alg: 'RS256', use: 'sig' };
}

export interface TestIssuer {
  /** The issuer URL (= OIDC_ISSUER). */
  issuer: string;
  /** Replaces the published (and signing) keys; the first key signs new tokens. */
  rotate(keys: SigningKey[]): void;
  /** An access token for a confidential client by the client-credentials grant. */
  clientToken(clientId: string): Promise<string>;
  /** An access token for a user, by the authorization-code flow with PKCE as the web app runs it. */
  userToken(login: string): Promise<string>;
  close(): Promise<void>;
}

/**
 * A certified OpenID Provider (the `oidc-provider` package) standing in for Keycloak: it
 * publishes discovery and a JWKS, and issues RS256 JWT access tokens for `orderflow-api`
 * with the user's roles in Keycloak's `realm_access.roles` claim. `rotate` swaps the key set
 * the way an operator rotates keys in Keycloak (add a key, later remove the old one).
 */
export async function startTestIssuer(
  roles: Record<string, string[]>,
  initialKeys: SigningKey[],
  web: WebClientOptions = {},
): Promise<TestIssuer> {
  const port = await freePort();
  const issuer = `http://127.0.0.1:${port}`;
  const build = (keys: SigningKey[]) => {
    const provider = new Provider(issuer, configuration(roles, keys, web));
    return provider.callback();
  };
  let handle = build(initialKeys);
  const server: Server = createServer((req: IncomingMessage, res: ServerResponse) => {
    handle(req, res);
  });
  await new Promise<void>((resolve) => server.listen(port, '127.0.0.1', resolve));
  return {
    issuer,
    rotate(keys) {
      handle = build(keys);
    },
    clientToken: (clientId) => clientCredentialsToken(issuer, clientId),
    userToken: (login) => authorizationCodeToken(issuer, login),
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.closeAllConnections();
        server.close((error) => (error ? reject(error) : resolve()));
      }),
  };
}

/** The web app's client at the test issuer, for browser tests against a running orderflow. */
export interface WebClientOptions {
  /** The app's `{origin}/auth/callback` (and `{origin}/` after sign-out), besides WEB_REDIRECT_URI. */
  appOrigins?: string[];
  /** Lifetime of access tokens, seconds (600). */
  accessTokenTtlSeconds?: number;
}

const CLIENT_SECRET = 'orderflow-test-client-secret-000000000000';

function configuration(
  roles: Record<string, string[]>,
  keys: SigningKey[],
  { appOrigins = [], accessTokenTtlSeconds = 600 }: WebClientOptions,
): Configuration {
  const apiServer = {
    scope: 'api',
    audience: 'orderflow-api',
    accessTokenFormat: 'jwt' as const,
    jwt: { sign: { alg: 'RS256' as const } },
  };
  return {
    clients: [
      {
        client_id: 'orderflow-web',
        token_endpoint_auth_method: 'none',
        grant_types: ['authorization_code', 'refresh_token'],
        response_types: ['code'],
        redirect_uris: [WEB_REDIRECT_URI, ...appOrigins.map((origin) => `${origin}/auth/callback`)],
        post_logout_redirect_uris: appOrigins.map((origin) => `${origin}/`),
      },
      ...Object.keys(roles).map((clientId) => ({
        client_id: clientId,
        client_secret: CLIENT_SECRET,
        grant_types: ['client_credentials'],
        response_types: [],
        redirect_uris: [],
      })),
    ],
    jwks: { keys },
    findAccount: (_ctx, id) => ({ accountId: id, claims: () => ({ sub: id }) }),
    ttl: {
      AccessToken: accessTokenTtlSeconds,
      RefreshToken: 3600,
      AuthorizationCode: 60,
      ClientCredentials: 600,
      Grant: 600,
      IdToken: 600,
      Interaction: 600,
      Session: 600,
    },
    cookies: { keys: ['orderflow-test-cookie-key'] },
    pkce: { required: () => true },
    // As Keycloak does for its public web client: a refresh token with every code, no
    // offline_access scope needed (oidc-provider's default asks for it).
    issueRefreshToken: async (_ctx, client) => client.grantTypeAllowed('refresh_token'),
    scopes: ['openid', 'api'],
    features: {
      devInteractions: { enabled: true },
      clientCredentials: { enabled: true },
      resourceIndicators: {
        enabled: true,
        defaultResource: () => API_RESOURCE,
        useGrantedResource: () => true,
        getResourceServerInfo: (_ctx, indicator) => {
          if (indicator !== API_RESOURCE) throw new Error(`unknown resource ${indicator}`);
          return apiServer;
        },
      },
    },
    // Keycloak's shape: the roles in realm_access.roles, the login as preferred_username.
    extraTokenClaims: (_ctx, token) => {
      const subject = 'accountId' in token && token.accountId ? token.accountId : token.clientId;
      if (subject === undefined) return undefined;
      return { preferred_username: subject, realm_access: { roles: roles[subject] ?? [] } };
    },
  };
}

async function clientCredentialsToken(issuer: string, clientId: string): Promise<string> {
  const response = await fetch(`${issuer}/token`, {
    method: 'POST',
    body: new URLSearchParams({
      grant_type: 'client_credentials',
      client_id: clientId,
      client_secret: CLIENT_SECRET,
      scope: 'api',
      resource: API_RESOURCE,
    }),
  });
  return accessToken(response, `client_credentials for ${clientId}`);
}

/** Signs `login` in through the provider's interactions and redeems the code with its verifier. */
async function authorizationCodeToken(issuer: string, login: string): Promise<string> {
  const verifier = randomBytes(32).toString('base64url');
  const challenge = createHash('sha256').update(verifier).digest('base64url');
  const authorize = new URL(`${issuer}/auth`);
  authorize.search = new URLSearchParams({
    client_id: 'orderflow-web',
    response_type: 'code',
    redirect_uri: WEB_REDIRECT_URI,
    scope: 'openid api',
    resource: API_RESOURCE,
    code_challenge: challenge,
    code_challenge_method: 'S256',
    state: randomBytes(8).toString('hex'),
  }).toString();
  const jar = new Map<string, string>();
  let next = authorize.toString();
  for (let step = 0; step < 12; step++) {
    if (next.startsWith(WEB_REDIRECT_URI)) {
      const code = new URL(next).searchParams.get('code');
      if (!code) throw new Error(`no code in ${next}`);
      const response = await fetch(`${issuer}/token`, {
        method: 'POST',
        body: new URLSearchParams({
          grant_type: 'authorization_code',
          client_id: 'orderflow-web',
          code,
          redirect_uri: WEB_REDIRECT_URI,
          code_verifier: verifier,
          resource: API_RESOURCE,
        }),
      });
      return accessToken(response, `authorization_code for ${login}`);
    }
    const page = await send(jar, next);
    if (page.location) {
      next = new URL(page.location, issuer).toString();
      continue;
    }
    // An interaction page: answer its prompt (login, then consent) as the user would.
    const prompt = /name="prompt" value="(\w+)"/.exec(page.body)?.[1];
    if (!prompt) throw new Error(`unexpected page at ${next}: ${page.status} ${page.body.slice(0, 200)}`);
    const form = new URLSearchParams({ prompt, login, password: 'any' });
    const submitted = await send(jar, next, form);
    if (!submitted.location) throw new Error(`${prompt} at ${next} answered ${submitted.status}`);
    next = new URL(submitted.location, issuer).toString();
  }
  throw new Error(`the authorization flow for ${login} did not end`);
}

async function send(jar: Map<string, string>, url: string, form?: URLSearchParams) {
  const cookie = [...jar].map(([name, value]) => `${name}=${value}`).join('; ');
  const response = await fetch(url, {
    method: form ? 'POST' : 'GET',
    redirect: 'manual',
    headers: cookie ? { cookie } : {},
    ...(form ? { body: form } : {}),
  });
  for (const line of response.headers.getSetCookie()) {
    const [pair = ''] = line.split(';');
    const at = pair.indexOf('=');
    const value = pair.slice(at + 1);
    if (value === '') jar.delete(pair.slice(0, at));
    else jar.set(pair.slice(0, at), value);
  }
  return { status: response.status, location: response.headers.get('location'), body: await response.text() };
}

async function accessToken(response: Response, what: string): Promise<string> {
  const body = (await response.json()) as { access_token?: string };
  if (response.status !== 200 || !body.access_token) {
    throw new Error(`${what}: ${response.status} ${JSON.stringify(body)}`);
  }
  return body.access_token;
}
