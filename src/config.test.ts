import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig, loadTracingConfig } from './config.ts';

describe('loadConfig', () => {
  it('defaults to the embedded mode with demo data', () => {
    const config = loadConfig({});
    expect(config.port).toBe(3000);
    expect(config.databaseUrl).toBeUndefined();
    expect(config.brokerUrl).toBeUndefined();
    expect(config.oidc.issuer).toBeUndefined();
    expect(config.demoData).toBe(true);
    expect(config.roles).toEqual(['api', 'relay', 'projections', 'fulfilment', 'notifications', 'hub']);
    expect(config.publicUrl).toBe('http://localhost:3000');
    expect(config.dataDir.endsWith('/data')).toBe(true);
  });

  it("runs the embedded database on the server's thread unless PGLITE_THREAD=worker", () => {
    expect(loadConfig({}).pgliteThread).toBe('main');
    expect(loadConfig({ PGLITE_THREAD: 'worker' }).pgliteThread).toBe('worker');
    expect(() => loadConfig({ PGLITE_THREAD: 'elsewhere' })).toThrow(ConfigError);
  });

  it('turns demo data off by default when a database is given, and on when asked', () => {
    expect(loadConfig({ DATABASE_URL: 'postgres://x@localhost/db' }).demoData).toBe(false);
    expect(loadConfig({ DATABASE_URL: 'postgres://x@localhost/db', DEMO_DATA: 'true' }).demoData).toBe(true);
  });

  it('splits roles across processes only with a shared database and broker', () => {
    expect(() => loadConfig({ ROLES: 'api' })).toThrow('ROLES');
    expect(
      loadConfig({ ROLES: 'relay', DATABASE_URL: 'postgres://x@h/db', BROKER_URL: 'amqp://guest:guest@h' })
        .roles,
    ).toEqual(['relay']);
    // Every role but the hub is complete embedded: the API serves the hub.
    expect(loadConfig({ ROLES: 'api,relay,projections,fulfilment,notifications' }).roles).toHaveLength(5);
    expect(() => loadConfig({ ROLES: 'relay,projections,fulfilment,notifications,hub' })).toThrow('ROLES');
    expect(loadConfig({ ROLES: 'all' }).roles).toEqual([
      'api',
      'relay',
      'projections',
      'fulfilment',
      'notifications',
      'hub',
    ]);
  });

  it('stops within 30 s of SIGTERM by default, readiness going false without delay', () => {
    expect(loadConfig({}).shutdown).toEqual({ graceSeconds: 30, readinessDelayMs: 0 });
    expect(loadConfig({ SHUTDOWN_GRACE_SECONDS: '5' }).shutdown.graceSeconds).toBe(5);
    expect(() => loadConfig({ SHUTDOWN_GRACE_SECONDS: '0' })).toThrow('SHUTDOWN_GRACE_SECONDS');
  });

  it('retries external services at start-up for 30 s unless told otherwise', () => {
    expect(loadConfig({}).startup.timeoutSeconds).toBe(30);
    expect(loadConfig({ STARTUP_TIMEOUT_SECONDS: '2' }).startup.timeoutSeconds).toBe(2);
  });

  it('expires unpaid orders after 15 minutes and caps them at 5 orders and 20 units per buyer by default', () => {
    expect(loadConfig({}).unpaidOrders).toEqual({
      ttlSeconds: 900,
      sweepIntervalMs: 30_000,
      maxPerBuyer: 5,
      maxUnitsPerBuyer: 20,
    });
    expect(
      loadConfig({
        UNPAID_ORDER_TTL_SECONDS: '60',
        MAX_UNPAID_ORDERS_PER_BUYER: '2',
        MAX_UNPAID_UNITS_PER_BUYER: '7',
      }).unpaidOrders,
    ).toMatchObject({ ttlSeconds: 60, maxPerBuyer: 2, maxUnitsPerBuyer: 7 });
  });

  it("bounds a paying retry's wait for the first request by its own setting, not the read-your-writes one", () => {
    expect(loadConfig({}).idempotencyWaitMs).toBe(3000);
    const config = loadConfig({ IDEMPOTENCY_WAIT_MS: '250', READ_YOUR_WRITES_TIMEOUT_MS: '5000' });
    expect(config.idempotencyWaitMs).toBe(250);
    expect(config.readYourWritesTimeoutMs).toBe(5000);
  });

  it('waits 30 minutes for a kitchen, retries every 5 s, and has no default food point unless told', () => {
    expect(loadConfig({}).fulfilment).toEqual({
      defaultFoodPointId: undefined,
      assignmentTimeoutSeconds: 1800,
      retryIntervalMs: 5000,
    });
    const config = loadConfig({
      DEFAULT_FOOD_POINT_ID: 'fp-north',
      ASSIGNMENT_TIMEOUT_SECONDS: '60',
      ASSIGNMENT_RETRY_INTERVAL_MS: '250',
    });
    expect(config.fulfilment).toEqual({
      defaultFoodPointId: 'fp-north',
      assignmentTimeoutSeconds: 60,
      retryIntervalMs: 250,
    });
  });

  it("caches an external issuer's keys for 10 minutes and refetches on a new key after 30 s", () => {
    expect(loadConfig({}).oidc).toMatchObject({ jwksCacheMaxAgeSeconds: 600, jwksCooldownSeconds: 30 });
    const config = loadConfig({ OIDC_JWKS_CACHE_MAX_AGE_SECONDS: '60', OIDC_JWKS_COOLDOWN_SECONDS: '0' });
    expect(config.oidc).toMatchObject({ jwksCacheMaxAgeSeconds: 60, jwksCooldownSeconds: 0 });
  });

  it("names the web app's client and scopes at an external issuer", () => {
    expect(loadConfig({}).oidc).toMatchObject({ webClientId: 'orderflow-web', webScope: 'openid profile' });
    const config = loadConfig({ OIDC_WEB_CLIENT_ID: 'shop-web', OIDC_WEB_SCOPE: 'openid api' });
    expect(config.oidc).toMatchObject({ webClientId: 'shop-web', webScope: 'openid api' });
  });

  it('keeps live updates a day, tickets 30 s, and reads the hub limits', () => {
    expect(loadConfig({}).liveUpdates).toEqual({
      retentionSeconds: 86_400,
      sweepIntervalMs: 60_000,
      ticketTtlSeconds: 30,
      heartbeatMs: 30_000,
      catchUpIntervalMs: 5000,
      maxBufferedBytes: 1_048_576,
    });
    const tuned = loadConfig({
      LIVE_UPDATES_RETENTION_SECONDS: '3600',
      LIVE_UPDATES_MAX_BUFFERED_BYTES: '65536',
    });
    expect(tuned.liveUpdates.retentionSeconds).toBe(3600);
    expect(tuned.liveUpdates.maxBufferedBytes).toBe(65_536);
    expect(() => loadConfig({ LIVE_UPDATES_TICKET_TTL_SECONDS: '0' })).toThrow(
      'LIVE_UPDATES_TICKET_TTL_SECONDS',
    );
    expect(() => loadConfig({ LIVE_UPDATES_CATCHUP_MS: 'soon' })).toThrow('LIVE_UPDATES_CATCHUP_MS');
  });

  it('is frozen', () => {
    const config = loadConfig({});
    expect(Object.isFrozen(config)).toBe(true);
    expect(Object.isFrozen(config.oidc)).toBe(true);
  });

  it.each([
    ['PORT', 'abc'],
    ['PORT', '70000'],
    ['DATABASE_URL', 'mysql://localhost/x'],
    ['BROKER_URL', 'not a url'],
    ['DEMO_DATA', 'maybe'],
    ['ROLES', 'api,kitchen-sink'],
    ['LOG_LEVEL', 'loud'],
    ['OIDC_ISSUER', 'ftp://issuer'],
    ['OIDC_JWKS_CACHE_MAX_AGE_SECONDS', '0'],
    ['OIDC_JWKS_COOLDOWN_SECONDS', 'soon'],
    ['BROKER_EXCHANGE', 'has spaces'],
    ['STARTUP_TIMEOUT_SECONDS', '-1'],
    ['UNPAID_ORDER_TTL_SECONDS', '0'],
    ['MAX_UNPAID_ORDERS_PER_BUYER', 'many'],
    ['IDEMPOTENCY_WAIT_MS', '-5'],
    ['MAX_UNPAID_UNITS_PER_BUYER', '0'],
    ['CORS_ORIGINS', 'https://app.example.com/path'],
    ['CORS_ORIGINS', '*'],
    ['RATE_LIMIT_PER_USER', '-1'],
    ['REQUEST_TIMEOUT_MS', '10'],
    ['METRICS_PORT', '3000'],
    ['METRICS_TOKEN', 'short'],
    ['ASSIGNMENT_TIMEOUT_SECONDS', '0'],
    ['ASSIGNMENT_RETRY_INTERVAL_MS', 'soon'],
    ['DEFAULT_FOOD_POINT_ID', 'a point with spaces'],
  ])('names the variable when %s=%s is invalid', (name, value) => {
    expect(() => loadConfig({ [name]: value })).toThrow(ConfigError);
    expect(() => loadConfig({ [name]: value })).toThrow(name);
  });

  it('reads the HTTP edge settings, closed and generous by default', () => {
    expect(loadConfig({}).http).toEqual({
      trustProxy: false,
      requestTimeoutMs: 30_000,
      headersTimeoutMs: 10_000,
      corsOrigins: [],
      rateLimit: { perIp: 6000, perUser: 1200, perCarrier: 600, windowSeconds: 60, store: 'memory' },
      login: { maxFailuresPerUsername: 5, maxFailuresPerIp: 50, lockoutSeconds: 30, maxLockoutSeconds: 900 },
      metrics: { port: undefined, host: '127.0.0.1', token: undefined },
    });
    const custom = loadConfig({
      CORS_ORIGINS: 'https://app.example.com, http://localhost:5173',
      REQUEST_TIMEOUT_MS: '5000',
      METRICS_PORT: '9100',
      RATE_LIMIT_PER_IP: '0',
    }).http;
    expect(custom.corsOrigins).toEqual(['https://app.example.com', 'http://localhost:5173']);
    expect(custom.headersTimeoutMs).toBe(5000);
    expect(custom.metrics.port).toBe(9100);
    // Metrics stay on loopback unless an address is configured.
    expect(custom.metrics.host).toBe('127.0.0.1');
    expect(loadConfig({ METRICS_PORT: '9100', METRICS_HOST: '0.0.0.0' }).http.metrics.host).toBe('0.0.0.0');
    expect(custom.rateLimit.perIp).toBe(0);
    expect(loadConfig({ CARRIER_WEBHOOK_RATE_LIMIT: '30' }).http.rateLimit.perCarrier).toBe(30);
    expect(() => loadConfig({ CARRIER_WEBHOOK_RATE_LIMIT: '-1' })).toThrow('CARRIER_WEBHOOK_RATE_LIMIT');
    expect(() => loadConfig({ REQUEST_TIMEOUT_MS: '1000', HEADERS_TIMEOUT_MS: '2000' })).toThrow(
      'HEADERS_TIMEOUT_MS',
    );
  });

  it('shares the rate-limit counts in PostgreSQL when there is one, and only then', () => {
    const database = { DATABASE_URL: 'postgres://db.example/orderflow' };
    expect(loadConfig({}).http.rateLimit.store).toBe('memory');
    expect(loadConfig(database).http.rateLimit.store).toBe('postgres');
    expect(loadConfig({ ...database, RATE_LIMIT_STORE: 'memory' }).http.rateLimit.store).toBe('memory');
    expect(loadConfig({ ...database, RATE_LIMIT_STORE: 'postgres' }).http.rateLimit.store).toBe('postgres');
    for (const env of [{ RATE_LIMIT_STORE: 'postgres' }, { ...database, RATE_LIMIT_STORE: 'redis' }]) {
      expect(() => loadConfig(env)).toThrow(ConfigError);
      expect(() => loadConfig(env)).toThrow('RATE_LIMIT_STORE');
    }
  });

  it('requires the send lease to outlast twice the longest provider send', () => {
    const { notifications, push } = loadConfig({});
    expect(notifications.providerTimeoutMs).toBe(20_000);
    expect(push.timeoutMs).toBe(20_000);
    // SMTP's connection, greeting and socket timeouts in a row, twice: 6 × the provider timeout.
    expect(notifications.retry.leaseMs).toBeGreaterThanOrEqual(6 * notifications.providerTimeoutMs);
    expect(() => loadConfig({ NOTIFICATION_SEND_LEASE_MS: '100' })).toThrow('NOTIFICATION_SEND_LEASE_MS');
    expect(() =>
      loadConfig({ NOTIFICATION_PROVIDER_TIMEOUT_MS: '30000', NOTIFICATION_SEND_LEASE_MS: '120000' }),
    ).toThrow('NOTIFICATION_SEND_LEASE_MS');
    // Unset, the lease follows a longer provider timeout.
    const slow = loadConfig({ NOTIFICATION_PROVIDER_TIMEOUT_MS: '30000' }).notifications.retry;
    expect(slow.leaseMs).toBe(180_000);
    const short = loadConfig({
      NOTIFICATION_PROVIDER_TIMEOUT_MS: '1000',
      NOTIFICATION_SEND_LEASE_MS: '6000',
    });
    expect(short.notifications.retry.leaseMs).toBe(6000);
    expect(short.push.timeoutMs).toBe(1000);
  });
});

describe('loadTracingConfig', () => {
  it('is off unless OTEL_TRACES_EXPORTER names an exporter, and OTEL_SDK_DISABLED wins', () => {
    expect(loadTracingConfig({}).enabled).toBe(false);
    expect(loadTracingConfig({ OTEL_TRACES_EXPORTER: 'none' }).enabled).toBe(false);
    expect(loadTracingConfig({ OTEL_TRACES_EXPORTER: ' ' }).enabled).toBe(false);
    expect(loadTracingConfig({ OTEL_TRACES_EXPORTER: 'otlp' }).enabled).toBe(true);
    expect(loadTracingConfig({ OTEL_TRACES_EXPORTER: 'none,console' }).enabled).toBe(true);
    expect(loadTracingConfig({ OTEL_TRACES_EXPORTER: 'otlp', OTEL_SDK_DISABLED: 'TRUE' }).enabled).toBe(
      false,
    );
  });

  it('names the service by OTEL_SERVICE_NAME, else SERVICE_NAME', () => {
    expect(loadTracingConfig({}).serviceName).toBe('orderflow');
    expect(loadTracingConfig({ SERVICE_NAME: 'api' }).serviceName).toBe('api');
    expect(loadTracingConfig({ SERVICE_NAME: 'api', OTEL_SERVICE_NAME: 'orderflow-api' }).serviceName).toBe(
      'orderflow-api',
    );
  });
});

describe('web app location', () => {
  it('serves web/dist of the package unless WEB_DIST_DIR says otherwise', () => {
    expect(loadConfig({}).webDistDir).toBe(fileURLToPath(new URL('../web/dist', import.meta.url)));
    expect(loadConfig({ WEB_DIST_DIR: '/srv/orderflow-web' }).webDistDir).toBe('/srv/orderflow-web');
  });
});
