import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { InjectOptions } from 'fastify';
import pino from 'pino';
import { afterAll, beforeAll } from 'vitest';
import { type RunningOrderflow, type StartOptions, startOrderflow } from '../../src/composition/orderflow.ts';
import { loadConfig } from '../../src/config.ts';
import { freePort } from './free-port.ts';

export interface TestServer {
  baseUrl: string;
  running: RunningOrderflow;
  dataDir: string;
  stop(): Promise<void>;
}

/**
 * Starts the whole system in this process, listening on a free loopback port, configured
 * from `env` exactly as `npm start` would be from the environment.
 */
export async function startTestServer(
  env: Record<string, string> = {},
  options: Omit<StartOptions, 'logger'> = {},
): Promise<TestServer> {
  const dataDir = env.DATA_DIR ?? (await mkdtemp(join(tmpdir(), 'orderflow-test-')));
  // The built-in issuer URL names the port, so pick a free one up front rather than port 0
  // (or take the caller's, when an external issuer must know the app's address beforehand).
  const port = env.PORT ? Number(env.PORT) : await freePort();
  const config = loadConfig({
    HOST: '127.0.0.1',
    DATA_DIR: dataDir,
    LOG_LEVEL: 'silent',
    // Tests place many unpaid orders as one demo buyer; unpaid-orders.test.ts tests the cap.
    MAX_UNPAID_ORDERS_PER_BUYER: '100000',
    MAX_UNPAID_UNITS_PER_BUYER: '100000000',
    // Tests hammer one server from one address and a few users: API rate limits off unless a
    // test sets them (the abuse-limit tests do).
    RATE_LIMIT_PER_IP: '0',
    RATE_LIMIT_PER_USER: '0',
    ...env,
    PORT: String(port),
  });
  const running = await startOrderflow(config, {
    ...options,
    logger: pino({ level: env.LOG_LEVEL ?? 'silent' }),
  });
  return {
    baseUrl: `http://127.0.0.1:${port}`,
    running,
    dataDir,
    async stop() {
      await running.stop();
      if (!env.DATA_DIR) await rm(dataDir, { recursive: true, force: true });
    },
  };
}

export async function getToken(baseUrl: string, username: string, password = username): Promise<string> {
  const response = await fetch(`${baseUrl}/realms/orderflow/protocol/openid-connect/token`, {
    method: 'POST',
    body: new URLSearchParams({ grant_type: 'password', client_id: 'orderflow-web', username, password }),
  });
  if (response.status !== 200)
    throw new Error(`token for ${username}: ${response.status} ${await response.text()}`);
  return ((await response.json()) as { access_token: string }).access_token;
}

/** A tiny JSON client for one base URL and (optionally) one bearer token. */
export function api(baseUrl: string, token?: string) {
  return async (method: string, path: string, body?: unknown, headers: Record<string, string> = {}) => {
    const response = await fetch(`${baseUrl}${path}`, {
      method,
      headers: {
        ...(body === undefined ? {} : { 'content-type': 'application/json' }),
        ...(token ? { authorization: `Bearer ${token}` } : {}),
        ...headers,
      },
      ...(body === undefined ? {} : { body: typeof body === 'string' ? body : JSON.stringify(body) }),
    });
    const text = await response.text();
    let json: unknown;
    try {
      json = text ? JSON.parse(text) : undefined;
    } catch {
      json = undefined;
    }
    return {
      status: response.status,
      headers: response.headers,
      body: json as Record<string, unknown>,
      text,
    };
  };
}

/**
 * For route tests over `inject`: registers hooks that start an embedded server and sign `users`
 * in before the file's tests, and stop it after; `call` injects a request as one of them (or
 * anonymously with `undefined`).
 */
export function injectedServer<User extends string>(users: readonly User[]) {
  let server: TestServer | undefined;
  const tokens = {} as Record<User, string>;
  beforeAll(async () => {
    server = await startTestServer({ LOG_LEVEL: 'silent' });
    for (const user of users) tokens[user] = await getToken(server.baseUrl, user);
  }, 120_000);
  afterAll(async () => {
    await server?.stop();
  });
  const call = (
    who: User | undefined,
    method: NonNullable<InjectOptions['method']>,
    url: string,
    payload?: unknown,
    headers: Record<string, string> = {},
  ) =>
    server!.running.app!.inject({
      method,
      url,
      headers: { ...headers, ...(who ? { authorization: `Bearer ${tokens[who]}` } : {}) },
      ...(payload === undefined ? {} : { payload: payload as object }),
    });
  return { call };
}
