import { resolve } from 'node:path';

/** Parts of orderflow a process can run; production runs them as separate processes. */
export const PROCESS_ROLES = ['api', 'relay', 'projections'] as const;
export type ProcessRole = (typeof PROCESS_ROLES)[number];

export interface Config {
  readonly port: number;
  readonly host: string;
  readonly publicUrl: string;
  readonly dataDir: string;
  readonly databaseUrl: string | undefined;
  readonly databasePoolSize: number;
  readonly brokerUrl: string | undefined;
  readonly oidc: {
    /** Issuer URL; undefined means the built-in provider serves `${publicUrl}/realms/orderflow`. */
    readonly issuer: string | undefined;
    readonly audience: string;
    readonly tokenTtlSeconds: number;
  };
  readonly demoData: boolean;
  readonly roles: readonly ProcessRole[];
  readonly logLevel: string;
  readonly bodyLimitBytes: number;
  readonly outbox: { readonly pollIntervalMs: number; readonly batchSize: number };
  readonly bus: {
    readonly exchange: string;
    readonly queuePrefix: string;
    readonly maxDeliveries: number;
    readonly heartbeatSeconds: number;
    /** Messages each consumer (projection, policy) handles at once. */
    readonly consumerPrefetch: number;
  };
  readonly readYourWritesTimeoutMs: number;
  /** Confirm orders automatically once paid (seed 004's confirmation, automated). */
  readonly autoConfirm: boolean;
  readonly paymentRecovery: { readonly graceMs: number; readonly intervalMs: number };
  readonly serviceName: string;
  readonly startup: {
    /** How long start-up retries reaching PostgreSQL and RabbitMQ before it gives up. */
    readonly timeoutSeconds: number;
  };
}

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
  if (processRoles.length < PROCESS_ROLES.length && (!databaseUrl || !brokerUrl)) {
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
    databaseUrl,
    databasePoolSize: int(env, 'DATABASE_POOL_SIZE', 10, 1, 1000),
    brokerUrl,
    oidc: {
      issuer: url(env, 'OIDC_ISSUER', ['http:', 'https:'])?.replace(/\/$/, ''),
      audience: env.OIDC_AUDIENCE ?? 'orderflow-api',
      tokenTtlSeconds: int(env, 'TOKEN_TTL_SECONDS', 3600, 60, 86_400),
    },
    demoData: bool(env, 'DEMO_DATA', databaseUrl === undefined),
    roles: processRoles,
    logLevel: oneOf(env, 'LOG_LEVEL', ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'], 'info'),
    bodyLimitBytes: int(env, 'BODY_LIMIT_BYTES', 64 * 1024, 1024, 50 * 1024 * 1024),
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
    },
    readYourWritesTimeoutMs: int(env, 'READ_YOUR_WRITES_TIMEOUT_MS', 3000, 0, 60_000),
    autoConfirm: bool(env, 'AUTO_CONFIRM', true),
    paymentRecovery: {
      graceMs: int(env, 'PAYMENT_RECOVERY_GRACE_MS', 30_000, 0, 86_400_000),
      intervalMs: int(env, 'PAYMENT_RECOVERY_INTERVAL_MS', 10_000, 100, 86_400_000),
    },
    serviceName: env.SERVICE_NAME ?? 'orderflow',
    startup: {
      timeoutSeconds: int(env, 'STARTUP_TIMEOUT_SECONDS', 30, 0, 3600),
    },
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
  return list as ProcessRole[];
}

function deepFreeze<T>(value: T): T {
  if (value && typeof value === 'object') {
    for (const inner of Object.values(value)) deepFreeze(inner);
    Object.freeze(value);
  }
  return value;
}
