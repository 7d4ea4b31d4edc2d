import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from './config.ts';

describe('loadConfig', () => {
  it('defaults to the embedded mode with demo data', () => {
    const config = loadConfig({});
    expect(config.port).toBe(3000);
    expect(config.databaseUrl).toBeUndefined();
    expect(config.brokerUrl).toBeUndefined();
    expect(config.oidc.issuer).toBeUndefined();
    expect(config.demoData).toBe(true);
    expect(config.roles).toEqual(['api', 'relay', 'projections']);
    expect(config.publicUrl).toBe('http://localhost:3000');
    expect(config.dataDir.endsWith('/data')).toBe(true);
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
  });

  it('retries external services at start-up for 30 s unless told otherwise', () => {
    expect(loadConfig({}).startup.timeoutSeconds).toBe(30);
    expect(loadConfig({ STARTUP_TIMEOUT_SECONDS: '2' }).startup.timeoutSeconds).toBe(2);
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
    ['BROKER_EXCHANGE', 'has spaces'],
    ['STARTUP_TIMEOUT_SECONDS', '-1'],
  ])('names the variable when %s=%s is invalid', (name, value) => {
    expect(() => loadConfig({ [name]: value })).toThrow(ConfigError);
    expect(() => loadConfig({ [name]: value })).toThrow(name);
  });
});
