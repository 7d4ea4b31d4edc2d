import { resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

/**
 * Parts of orderflow a process can run; production runs them as separate processes, any number
 * of each (README, "Roles"). `api` also serves the live-updates hub; `hub` is the hub alone.
 */
export const PROCESS_ROLES = ['api', 'relay', 'projections', 'fulfilment', 'notifications', 'hub'] as const;
export type ProcessRole = (typeof PROCESS_ROLES)[number];

export interface Config {
  readonly port: number;
  readonly host: string;
  readonly publicUrl: string;
  readonly dataDir: string;
  /** Embedded mode: PGlite on a worker thread of its own, or on the server's thread (`PGLITE_THREAD`). */
  readonly pgliteThread: 'worker' | 'main';
  readonly databaseUrl: string | undefined;
  readonly databasePoolSize: number;
  /** Recurring statements as named prepared statements (`DATABASE_PREPARED_STATEMENTS`, default true). */
  readonly databasePreparedStatements: boolean;
  readonly brokerUrl: string | undefined;
  readonly oidc: {
    /** Issuer URL; undefined means the built-in provider serves `${publicUrl}/realms/orderflow`. */
    readonly issuer: string | undefined;
    readonly audience: string;
    readonly tokenTtlSeconds: number;
    /** An external issuer's keys are refetched at least this often: a removed key stops working within it. */
    readonly jwksCacheMaxAgeSeconds: number;
    /** After a fetch, a token with an unknown key waits this long before the keys are fetched again. */
    readonly jwksCooldownSeconds: number;
    /** The web app's public client at an external issuer (authorization code with PKCE). */
    readonly webClientId: string;
    /** The scopes the web app asks an external issuer for. */
    readonly webScope: string;
  };
  readonly demoData: boolean;
  readonly roles: readonly ProcessRole[];
  readonly logLevel: string;
  readonly bodyLimitBytes: number;
  /** The built web app (`npm run build:web`) served at `/`: `WEB_DIST_DIR`, default `web/dist` in the package. */
  readonly webDistDir: string;
  readonly outbox: { readonly pollIntervalMs: number; readonly batchSize: number };
  readonly bus: {
    readonly exchange: string;
    readonly queuePrefix: string;
    readonly maxDeliveries: number;
    readonly heartbeatSeconds: number;
    /** Messages each consumer (projection, policy) handles at once. */
    readonly consumerPrefetch: number;
    /**
     * The prefetch of the groups that write what they hold in batches (order-info, notifications):
     * they take more at once. The notifications' letters and pushes (a transaction each, their
     * lookups included) still run `consumerPrefetch` at a time.
     */
    readonly batchingPrefetch: number;
  };
  readonly readYourWritesTimeoutMs: number;
  /**
   * How long a carrier and its webhook secrets stay cached in one process
   * (`CARRIER_CACHE_TTL_MS`, 0 = read every time): another process's retired secret is
   * accepted here at most this long; this process's own changes apply at once.
   */
  readonly carrierCacheTtlMs: number;
  /**
   * How long one process keeps products as read for placing orders (`PRODUCT_CACHE_TTL_MS`, 0 =
   * read for every order): the stock reservation re-checks stock and price under the row lock,
   * so a stale product costs a retry, never a wrong price or an oversell.
   */
  readonly productCacheTtlMs: number;
  /**
   * How long a retry of a paying `POST /orders` (same `Idempotency-Key`) waits for the first
   * request's payment to settle before answering 409 `IDEMPOTENCY_KEY_IN_PROGRESS`.
   */
  readonly idempotencyWaitMs: number;
  /** Confirm orders automatically once paid (seed 004's confirmation, automated). */
  readonly autoConfirm: boolean;
  readonly paymentRecovery: { readonly graceMs: number; readonly intervalMs: number };
  /** Unpaid (PENDING) orders: expiry by the relay role, and a cap per buyer. */
  readonly unpaidOrders: {
    readonly ttlSeconds: number;
    readonly sweepIntervalMs: number;
    readonly maxPerBuyer: number;
    /** Units one buyer may hold across open unpaid orders. */
    readonly maxUnitsPerBuyer: number;
  };
  /** Fulfilment (seed 001): where orders without a delivery location go, and how long one may wait. */
  readonly fulfilment: {
    /** `DEFAULT_FOOD_POINT_ID`; with demo data and none set, the demo kitchen's point. */
    readonly defaultFoodPointId: string | undefined;
    readonly assignmentTimeoutSeconds: number;
    /** How often waiting orders are tried again (a release in the same process wakes it earlier). */
    readonly retryIntervalMs: number;
  };
  readonly serviceName: string;
  readonly startup: {
    /** How long start-up retries reaching PostgreSQL and RabbitMQ before it gives up. */
    readonly timeoutSeconds: number;
  };
  /** The HTTP edge: proxies, timeouts, abuse limits, headers and what `/metrics` exposes. */
  readonly http: HttpEdgeConfig;
  /** E-mail over SMTP and the retries of every notification channel. */
  readonly notifications: NotificationsConfig;
  /** Push providers; each undefined when not configured. */
  readonly push: PushConfig;
  /** The live-updates WebSocket hub (seed 004's PushUpdatesHub) and its feed. */
  readonly liveUpdates: LiveUpdatesConfig;
  /** SIGTERM: how long readiness is false before intake stops, and the whole stop's deadline. */
  readonly shutdown: { readonly readinessDelayMs: number; readonly graceSeconds: number };
}

export interface NotificationsConfig {
  /** `smtp://` or `smtps://` server for the letters; unset = dev inbox (embedded) or none (production). */
  readonly smtpUrl: string | undefined;
  /** The letters' `From` address. */
  readonly mailFrom: string;
  readonly retry: {
    /** Delay before the second attempt; doubles per attempt (with jitter). */
    readonly baseMs: number;
    /** Cap on the doubled delay (a provider's Retry-After may still ask for longer). */
    readonly maxMs: number;
    /** Attempts in all before a temporary failure counts as permanent. */
    readonly maxAttempts: number;
    /** How often the notifications worker looks for due retries. */
    readonly pollIntervalMs: number;
    /**
     * How long a claimed delivery is left to its sender before another worker takes it over;
     * at least twice the longest send (6 × `providerTimeoutMs`), so a slow send is not repeated.
     */
    readonly leaseMs: number;
  };
  /** Each provider wait (SMTP connection, greeting, socket; FCM token and send; APNs request). */
  readonly providerTimeoutMs: number;
}

/** FCM (Android) and APNs (iOS) settings; a provider left unconfigured is undefined. */
export interface PushConfig {
  readonly fcm: FcmConfig | undefined;
  readonly apns: ApnsConfig | undefined;
  /** Each FCM or APNs request's timeout (`NOTIFICATION_PROVIDER_TIMEOUT_MS`). */
  readonly timeoutMs: number;
}

export interface FcmConfig {
  /** The Google service-account key: a file to read, or the JSON itself. */
  readonly serviceAccount: { readonly file: string } | { readonly json: string };
  /** The Firebase project; undefined = the key's `project_id`. */
  readonly projectId: string | undefined;
  readonly baseUrl: string;
}

export interface ApnsConfig {
  /** The .p8 provider-token signing key. */
  readonly keyFile: string;
  readonly keyId: string;
  readonly teamId: string;
  /** The app's bundle id (`apns-topic`). */
  readonly topic: string;
  /** Production or sandbox: always set explicitly (a mismatch disables every device). */
  readonly production: boolean;
  /** undefined = Apple's host for `production`. */
  readonly host: string | undefined;
  readonly port: number;
  /** Certificates to trust instead of the system's (a local fake or a TLS proxy). */
  readonly caFile: string | undefined;
}

export interface LiveUpdatesConfig {
  /** How long feed entries are kept for resuming; the projections role sweeps older ones. */
  readonly retentionSeconds: number;
  readonly sweepIntervalMs: number;
  /** How long a ticket from `POST /api/v1/updates/ticket` stays redeemable. */
  readonly ticketTtlSeconds: number;
  /** Ping interval; a socket that missed a pong by the next ping is dropped. */
  readonly heartbeatMs: number;
  /** How often each hub re-reads its users' feeds (covers a lost nudge). */
  readonly catchUpIntervalMs: number;
  /** A socket whose send buffer holds more than this is closed with 4008. */
  readonly maxBufferedBytes: number;
}

export interface HttpEdgeConfig {
  /** Take the client address from `X-Forwarded-For` (behind a reverse proxy). */
  readonly trustProxy: boolean;
  /** Time to receive a whole request, headers and body; slower clients get 408. */
  readonly requestTimeoutMs: number;
  /** Time to receive the request headers (at most `requestTimeoutMs`). */
  readonly headersTimeoutMs: number;
  /** Origins a browser app may call the API from; empty = no cross-origin access. */
  readonly corsOrigins: readonly string[];
  /** Requests per window (0 = no limit). */
  readonly rateLimit: {
    readonly perIp: number;
    readonly perUser: number;
    /** Webhook requests one carrier may send per window (`CARRIER_WEBHOOK_RATE_LIMIT`). */
    readonly perCarrier: number;
    readonly windowSeconds: number;
    /**
     * Where the rate-limit counts and the failed logins live (`RATE_LIMIT_STORE`): `postgres`,
     * shared by every API process on the database (the default with `DATABASE_URL`), or
     * `memory`, each process on its own (embedded mode's only choice: it is one process).
     */
    readonly store: RateLimitStore;
  };
  /** Throttling of failed logins at the built-in token endpoint. */
  readonly login: {
    readonly maxFailuresPerUsername: number;
    readonly maxFailuresPerIp: number;
    readonly lockoutSeconds: number;
    readonly maxLockoutSeconds: number;
  };
  readonly metrics: {
    /**
     * Serve `/metrics` (with `/healthz` and `/readyz`) on this port only, not on the API port.
     * The only HTTP a process without the `api` role serves.
     */
    readonly port: number | undefined;
    /** The address that port listens on: loopback unless configured, off the public network. */
    readonly host: string;
    /** Require `Authorization: Bearer <token>` on `/metrics`. */
    readonly token: string | undefined;
  };
}

export const RATE_LIMIT_STORES = ['memory', 'postgres'] as const;
export type RateLimitStore = (typeof RATE_LIMIT_STORES)[number];

export class ConfigError extends Error {
  constructor(
    readonly variable: string,
    message: string,
  ) {
    super(`invalid configuration: ${variable} ${message}`);
    this.name = 'ConfigError';
  }
}

type Env = Record<string, string | undefined>;

/** Reads the environment once into a typed, frozen object; a bad value names its variable. */
export function loadConfig(env: Env = process.env): Config {
  const port = int(env, 'PORT', 3000, 0, 65535);
  const databaseUrl = url(env, 'DATABASE_URL', ['postgres:', 'postgresql:']);
  const brokerUrl = url(env, 'BROKER_URL', ['amqp:', 'amqps:']);
  const processRoles = roles(env);
  const providerTimeoutMs = int(env, 'NOTIFICATION_PROVIDER_TIMEOUT_MS', 20_000, 100, 600_000);
  if (!coversEveryRole(processRoles) && (!databaseUrl || !brokerUrl)) {
    throw new ConfigError(
      'ROLES',
      'can split the roles across processes only with DATABASE_URL and BROKER_URL set',
    );
  }
  const publicUrl = (url(env, 'PUBLIC_URL', ['http:', 'https:']) ?? `http://localhost:${port}`).replace(
    /\/$/,
    '',
  );
  return deepFreeze({
    port,
    host: env.HOST ?? '0.0.0.0',
    publicUrl,
    dataDir: resolve(env.DATA_DIR ?? './data'),
    pgliteThread: oneOf(env, 'PGLITE_THREAD', ['worker', 'main'] as const, 'main'),
    databaseUrl,
    databasePoolSize: int(env, 'DATABASE_POOL_SIZE', 10, 1, 1000),
    databasePreparedStatements: bool(env, 'DATABASE_PREPARED_STATEMENTS', true),
    brokerUrl,
    oidc: {
      issuer: url(env, 'OIDC_ISSUER', ['http:', 'https:'])?.replace(/\/$/, ''),
      audience: env.OIDC_AUDIENCE ?? 'orderflow-api',
      tokenTtlSeconds: int(env, 'TOKEN_TTL_SECONDS', 3600, 60, 86_400),
      jwksCacheMaxAgeSeconds: int(env, 'OIDC_JWKS_CACHE_MAX_AGE_SECONDS', 600, 1, 86_400),
      jwksCooldownSeconds: int(env, 'OIDC_JWKS_COOLDOWN_SECONDS', 30, 0, 3600),
      webClientId: env.OIDC_WEB_CLIENT_ID || 'orderflow-web',
      webScope: env.OIDC_WEB_SCOPE || 'openid profile',
    },
    demoData: bool(env, 'DEMO_DATA', databaseUrl === undefined),
    roles: processRoles,
    logLevel: oneOf(env, 'LOG_LEVEL', ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'], 'info'),
    bodyLimitBytes: int(env, 'BODY_LIMIT_BYTES', 64 * 1024, 1024, 50 * 1024 * 1024),
    webDistDir: resolve(env.WEB_DIST_DIR ?? fileURLToPath(new URL('../web/dist', import.meta.url))),
    outbox: {
      pollIntervalMs: int(env, 'OUTBOX_POLL_MS', 250, 10, 60_000),
      batchSize: int(env, 'OUTBOX_BATCH_SIZE', 100, 1, 10_000),
    },
    bus: {
      exchange: name(env, 'BROKER_EXCHANGE', 'orders'),
      queuePrefix: name(env, 'BROKER_QUEUE_PREFIX', 'orderflow.'),
      maxDeliveries: int(env, 'BUS_MAX_DELIVERIES', 5, 1, 100),
      heartbeatSeconds: int(env, 'BROKER_HEARTBEAT_SECONDS', 15, 0, 600),
      consumerPrefetch: int(env, 'CONSUMER_PREFETCH', 16, 1, 1000),
      batchingPrefetch: int(env, 'BATCHING_PREFETCH', 128, 1, 1000),
    },
    readYourWritesTimeoutMs: int(env, 'READ_YOUR_WRITES_TIMEOUT_MS', 3000, 0, 60_000),
    carrierCacheTtlMs: int(env, 'CARRIER_CACHE_TTL_MS', 5000, 0, 300_000),
    productCacheTtlMs: int(env, 'PRODUCT_CACHE_TTL_MS', 5000, 0, 300_000),
    idempotencyWaitMs: int(env, 'IDEMPOTENCY_WAIT_MS', 3000, 0, 60_000),
    autoConfirm: bool(env, 'AUTO_CONFIRM', true),
    paymentRecovery: {
      graceMs: int(env, 'PAYMENT_RECOVERY_GRACE_MS', 30_000, 0, 86_400_000),
      intervalMs: int(env, 'PAYMENT_RECOVERY_INTERVAL_MS', 10_000, 100, 86_400_000),
    },
    unpaidOrders: {
      ttlSeconds: int(env, 'UNPAID_ORDER_TTL_SECONDS', 900, 1, 30 * 86_400),
      sweepIntervalMs: int(env, 'UNPAID_ORDER_SWEEP_INTERVAL_MS', 30_000, 100, 86_400_000),
      maxPerBuyer: int(env, 'MAX_UNPAID_ORDERS_PER_BUYER', 5, 1, 1_000_000),
      maxUnitsPerBuyer: int(env, 'MAX_UNPAID_UNITS_PER_BUYER', 20, 1, 100_000_000),
    },
    fulfilment: {
      defaultFoodPointId: env.DEFAULT_FOOD_POINT_ID ? name(env, 'DEFAULT_FOOD_POINT_ID', '') : undefined,
      assignmentTimeoutSeconds: int(env, 'ASSIGNMENT_TIMEOUT_SECONDS', 1800, 1, 30 * 86_400),
      retryIntervalMs: int(env, 'ASSIGNMENT_RETRY_INTERVAL_MS', 5000, 50, 86_400_000),
    },
    serviceName: env.SERVICE_NAME ?? 'orderflow',
    startup: {
      timeoutSeconds: int(env, 'STARTUP_TIMEOUT_SECONDS', 30, 0, 3600),
    },
    http: httpEdge(env, port, databaseUrl !== undefined),
    notifications: {
      smtpUrl: url(env, 'SMTP_URL', ['smtp:', 'smtps:']),
      mailFrom: env.MAIL_FROM?.trim() || 'orderflow <no-reply@orderflow.local>',
      retry: {
        baseMs: int(env, 'NOTIFICATION_RETRY_BASE_MS', 2000, 1, 3_600_000),
        maxMs: int(env, 'NOTIFICATION_RETRY_MAX_MS', 600_000, 1, 86_400_000),
        maxAttempts: int(env, 'NOTIFICATION_MAX_ATTEMPTS', 8, 1, 100),
        pollIntervalMs: int(env, 'NOTIFICATION_RETRY_POLL_MS', 1000, 10, 3_600_000),
        leaseMs: sendLeaseMs(env, providerTimeoutMs),
      },
      providerTimeoutMs,
    },
    push: { fcm: fcm(env), apns: apns(env), timeoutMs: providerTimeoutMs },
    liveUpdates: {
      retentionSeconds: int(env, 'LIVE_UPDATES_RETENTION_SECONDS', 86_400, 60, 90 * 86_400),
      sweepIntervalMs: int(env, 'LIVE_UPDATES_SWEEP_INTERVAL_MS', 60_000, 100, 86_400_000),
      ticketTtlSeconds: int(env, 'LIVE_UPDATES_TICKET_TTL_SECONDS', 30, 1, 3600),
      heartbeatMs: int(env, 'LIVE_UPDATES_HEARTBEAT_MS', 30_000, 50, 3_600_000),
      catchUpIntervalMs: int(env, 'LIVE_UPDATES_CATCHUP_MS', 5000, 50, 3_600_000),
      maxBufferedBytes: int(env, 'LIVE_UPDATES_MAX_BUFFERED_BYTES', 1_048_576, 1024, 1_073_741_824),
    },
    shutdown: {
      readinessDelayMs: int(env, 'SHUTDOWN_READINESS_DELAY_MS', 0, 0, 600_000),
      graceSeconds: int(env, 'SHUTDOWN_GRACE_SECONDS', 30, 1, 3600),
    },
  });
}

/**
 * The send lease: at least twice the longest send, or a slow send outlasts its lease and
 * another worker sends the same message again. The longest is SMTP's: connection, greeting
 * and socket timeouts in a row (FCM's token and send, APNs' one request are shorter).
 */
function sendLeaseMs(env: Env, providerTimeoutMs: number): number {
  const minimum = 2 * 3 * providerTimeoutMs;
  const leaseMs = int(env, 'NOTIFICATION_SEND_LEASE_MS', Math.max(120_000, minimum), 100, 86_400_000);
  if (leaseMs < minimum) {
    throw new ConfigError(
      'NOTIFICATION_SEND_LEASE_MS',
      `must be at least ${minimum} (twice the longest send: 3 × NOTIFICATION_PROVIDER_TIMEOUT_MS)`,
    );
  }
  return leaseMs;
}

function fcm(env: Env): FcmConfig | undefined {
  const file = env.FCM_SERVICE_ACCOUNT_FILE?.trim() || undefined;
  const json = env.FCM_SERVICE_ACCOUNT_JSON?.trim() || undefined;
  if (file && json) {
    throw new ConfigError('FCM_SERVICE_ACCOUNT_JSON', 'and FCM_SERVICE_ACCOUNT_FILE are exclusive: set one');
  }
  if (!file && !json) {
    if (env.FCM_PROJECT_ID) {
      throw new ConfigError('FCM_PROJECT_ID', 'needs FCM_SERVICE_ACCOUNT_FILE or FCM_SERVICE_ACCOUNT_JSON');
    }
    return undefined;
  }
  if (json) {
    try {
      JSON.parse(json);
    } catch {
      throw new ConfigError('FCM_SERVICE_ACCOUNT_JSON', 'must be a service-account key in JSON');
    }
  }
  return {
    serviceAccount: file ? { file: resolve(file) } : { json: json as string },
    projectId: env.FCM_PROJECT_ID?.trim() || undefined,
    baseUrl: (url(env, 'FCM_BASE_URL', ['http:', 'https:']) ?? 'https://fcm.googleapis.com').replace(
      /\/$/,
      '',
    ),
  };
}

function apns(env: Env): ApnsConfig | undefined {
  const keyFile = env.APNS_KEY_FILE?.trim() || undefined;
  const needed = ['APNS_KEY_ID', 'APNS_TEAM_ID', 'APNS_TOPIC', 'APNS_PRODUCTION'] as const;
  if (!keyFile) {
    const stray = needed.find((variable) => env[variable]);
    if (stray) throw new ConfigError(stray, 'needs APNS_KEY_FILE (the .p8 key)');
    return undefined;
  }
  for (const variable of needed) {
    if (!env[variable]?.trim()) throw new ConfigError(variable, 'is required with APNS_KEY_FILE');
  }
  return {
    keyFile: resolve(keyFile),
    keyId: (env.APNS_KEY_ID as string).trim(),
    teamId: (env.APNS_TEAM_ID as string).trim(),
    topic: (env.APNS_TOPIC as string).trim(),
    production: bool(env, 'APNS_PRODUCTION', false),
    host: env.APNS_HOST?.trim() || undefined,
    port: int(env, 'APNS_PORT', 443, 1, 65535),
    caFile: env.APNS_CA_FILE?.trim() ? resolve(env.APNS_CA_FILE.trim()) : undefined,
  };
}

function httpEdge(env: Env, apiPort: number, hasDatabase: boolean): HttpEdgeConfig {
  const requestTimeoutMs = int(env, 'REQUEST_TIMEOUT_MS', 30_000, 100, 600_000);
  const headersTimeoutMs = int(env, 'HEADERS_TIMEOUT_MS', Math.min(10_000, requestTimeoutMs), 100, 600_000);
  if (headersTimeoutMs > requestTimeoutMs) {
    throw new ConfigError('HEADERS_TIMEOUT_MS', `must not exceed REQUEST_TIMEOUT_MS (${requestTimeoutMs})`);
  }
  const metricsPort = env.METRICS_PORT ? int(env, 'METRICS_PORT', 0, 1, 65535) : undefined;
  if (metricsPort !== undefined && metricsPort === apiPort) {
    throw new ConfigError('METRICS_PORT', 'must differ from PORT');
  }
  const metricsToken = env.METRICS_TOKEN || undefined;
  if (metricsToken !== undefined && metricsToken.length < 16) {
    throw new ConfigError('METRICS_TOKEN', 'must be at least 16 characters');
  }
  const lockoutSeconds = int(env, 'LOGIN_LOCKOUT_SECONDS', 30, 1, 86_400);
  return {
    trustProxy: bool(env, 'TRUST_PROXY', false),
    requestTimeoutMs,
    headersTimeoutMs,
    corsOrigins: origins(env, 'CORS_ORIGINS'),
    rateLimit: {
      perIp: int(env, 'RATE_LIMIT_PER_IP', 6000, 0, 10_000_000),
      perUser: int(env, 'RATE_LIMIT_PER_USER', 1200, 0, 10_000_000),
      perCarrier: int(env, 'CARRIER_WEBHOOK_RATE_LIMIT', 600, 0, 10_000_000),
      windowSeconds: int(env, 'RATE_LIMIT_WINDOW_SECONDS', 60, 1, 86_400),
      store: rateLimitStore(env, hasDatabase),
    },
    login: {
      maxFailuresPerUsername: int(env, 'LOGIN_MAX_FAILURES', 5, 1, 1000),
      maxFailuresPerIp: int(env, 'LOGIN_MAX_FAILURES_PER_IP', 50, 1, 100_000),
      lockoutSeconds,
      maxLockoutSeconds: int(
        env,
        'LOGIN_MAX_LOCKOUT_SECONDS',
        Math.max(900, lockoutSeconds),
        lockoutSeconds,
        86_400,
      ),
    },
    metrics: { port: metricsPort, host: env.METRICS_HOST?.trim() || '127.0.0.1', token: metricsToken },
  };
}

/** Shared in PostgreSQL when there is one; embedded mode (PGlite) is one process and keeps memory. */
function rateLimitStore(env: Env, hasDatabase: boolean): RateLimitStore {
  const store = oneOf(env, 'RATE_LIMIT_STORE', RATE_LIMIT_STORES, hasDatabase ? 'postgres' : 'memory');
  if (store === 'postgres' && !hasDatabase) {
    throw new ConfigError(
      'RATE_LIMIT_STORE',
      'can be postgres only with DATABASE_URL (embedded mode is one process: memory already counts everything)',
    );
  }
  return store;
}

function origins(env: Env, name: string): string[] {
  const raw = env[name]?.trim();
  if (!raw) return [];
  return raw.split(',').map((entry) => {
    const origin = entry.trim();
    let parsed: URL;
    try {
      parsed = new URL(origin);
    } catch {
      throw new ConfigError(name, `has "${origin}", which is not an origin like https://app.example.com`);
    }
    if (!['http:', 'https:'].includes(parsed.protocol) || parsed.origin !== origin) {
      throw new ConfigError(name, `has "${origin}", which is not an origin like https://app.example.com`);
    }
    return origin;
  });
}

function int(env: Env, name: string, fallback: number, min: number, max: number): number {
  const raw = env[name];
  if (raw === undefined || raw === '') return fallback;
  const value = Number(raw);
  if (!Number.isInteger(value) || value < min || value > max) {
    throw new ConfigError(name, `must be an integer from ${min} to ${max}, got "${raw}"`);
  }
  return value;
}

function name(env: Env, variable: string, fallback: string): string {
  const raw = env[variable];
  if (raw === undefined || raw === '') return fallback;
  if (!/^[A-Za-z0-9._:-]{1,200}$/.test(raw))
    throw new ConfigError(variable, 'may hold only letters, digits and . _ : -');
  return raw;
}

function bool(env: Env, name: string, fallback: boolean): boolean {
  const raw = env[name]?.toLowerCase();
  if (raw === undefined || raw === '') return fallback;
  if (['true', '1', 'yes', 'on'].includes(raw)) return true;
  if (['false', '0', 'no', 'off'].includes(raw)) return false;
  throw new ConfigError(name, `must be true or false, got "${env[name]}"`);
}

function url(env: Env, name: string, protocols: string[]): string | undefined {
  const raw = env[name];
  if (raw === undefined || raw === '') return undefined;
  let parsed: URL;
  try {
    parsed = new URL(raw);
  } catch {
    throw new ConfigError(name, 'must be a URL');
  }
  if (!protocols.includes(parsed.protocol)) {
    throw new ConfigError(name, `must use ${protocols.join(' or ')}, got ${parsed.protocol}`);
  }
  return raw;
}

function oneOf<T extends string>(env: Env, name: string, allowed: readonly T[], fallback: T): T {
  const raw = env[name];
  if (raw === undefined || raw === '') return fallback;
  if (!(allowed as readonly string[]).includes(raw))
    throw new ConfigError(name, `must be one of ${allowed.join(', ')}`);
  return raw as T;
}

function roles(env: Env): ProcessRole[] {
  const raw = env.ROLES;
  if (raw === undefined || raw.trim() === '' || raw.trim() === 'all') return [...PROCESS_ROLES];
  const list = raw.split(',').map((r) => r.trim());
  const unknown = list.filter((r) => !(PROCESS_ROLES as readonly string[]).includes(r));
  if (unknown.length > 0)
    throw new ConfigError(
      'ROLES',
      `has unknown roles ${unknown.join(', ')} (known: ${PROCESS_ROLES.join(', ')}, all)`,
    );
  return [...new Set(list)] as ProcessRole[];
}

/** The API serves the hub too, so a process with every other role is complete without `hub`. */
function coversEveryRole(list: readonly ProcessRole[]): boolean {
  return PROCESS_ROLES.every((role) => list.includes(role) || (role === 'hub' && list.includes('api')));
}

function deepFreeze<T>(value: T): T {
  if (value && typeof value === 'object') {
    for (const inner of Object.values(value)) deepFreeze(inner);
    Object.freeze(value);
  }
  return value;
}

/** Whether this process starts the OpenTelemetry SDK, and the service name its spans carry. */
export interface TracingConfig {
  readonly enabled: boolean;
  readonly serviceName: string;
}

/**
 * Tracing is off unless `OTEL_TRACES_EXPORTER` names an exporter (and `OTEL_SDK_DISABLED` is
 * not `true`): no SDK is loaded otherwise. The SDK reads the other `OTEL_*` variables itself
 * (endpoint, protocol, headers, sampler), as every OpenTelemetry SDK does.
 */
export function loadTracingConfig(env: Env = process.env): TracingConfig {
  const exporters = (env.OTEL_TRACES_EXPORTER ?? '')
    .split(',')
    .map((exporter) => exporter.trim())
    .filter((exporter) => exporter !== '' && exporter !== 'none');
  return Object.freeze({
    enabled: exporters.length > 0 && env.OTEL_SDK_DISABLED?.trim().toLowerCase() !== 'true',
    serviceName: env.OTEL_SERVICE_NAME ?? env.SERVICE_NAME ?? 'orderflow',
  });
}
