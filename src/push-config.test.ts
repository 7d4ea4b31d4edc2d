import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from './config.ts';

describe('loadConfig: push providers', () => {
  it('leaves FCM and APNs unconfigured by default', () => {
    expect(loadConfig({}).push).toEqual({ fcm: undefined, apns: undefined, timeoutMs: 20_000 });
  });

  it('configures FCM from a key file or the key itself, with Google’s address by default', () => {
    expect(loadConfig({ FCM_SERVICE_ACCOUNT_FILE: '/etc/orderflow/fcm.json' }).push.fcm).toEqual({
      serviceAccount: { file: '/etc/orderflow/fcm.json' },
      projectId: undefined,
      baseUrl: 'https://fcm.googleapis.com',
    });
    expect(
      loadConfig({
        FCM_SERVICE_ACCOUNT_JSON: '{"client_email":"a@b","private_key":"k"}',
        FCM_PROJECT_ID: 'shop',
        FCM_BASE_URL: 'http://127.0.0.1:9000/',
      }).push.fcm,
    ).toEqual({
      serviceAccount: { json: '{"client_email":"a@b","private_key":"k"}' },
      projectId: 'shop',
      baseUrl: 'http://127.0.0.1:9000',
    });
  });

  it('refuses a half or contradictory FCM configuration', () => {
    expect(() => loadConfig({ FCM_SERVICE_ACCOUNT_FILE: 'a', FCM_SERVICE_ACCOUNT_JSON: '{}' })).toThrow(
      ConfigError,
    );
    expect(() => loadConfig({ FCM_SERVICE_ACCOUNT_JSON: 'not json' })).toThrow('FCM_SERVICE_ACCOUNT_JSON');
    expect(() => loadConfig({ FCM_PROJECT_ID: 'shop' })).toThrow('FCM_PROJECT_ID');
    expect(() => loadConfig({ FCM_SERVICE_ACCOUNT_FILE: 'a', FCM_BASE_URL: 'ftp://x' })).toThrow(
      'FCM_BASE_URL',
    );
  });

  const apns = {
    APNS_KEY_FILE: '/etc/orderflow/AuthKey.p8',
    APNS_KEY_ID: 'ABC123DEFG',
    APNS_TEAM_ID: 'DEF123GHIJ',
    APNS_TOPIC: 'com.example.orderflow',
    APNS_PRODUCTION: 'true',
  };

  it('configures APNs from a .p8 key with key id, team id, topic and an explicit environment', () => {
    expect(loadConfig(apns).push.apns).toEqual({
      keyFile: '/etc/orderflow/AuthKey.p8',
      keyId: 'ABC123DEFG',
      teamId: 'DEF123GHIJ',
      topic: 'com.example.orderflow',
      production: true,
      host: undefined,
      port: 443,
      caFile: undefined,
    });
    expect(
      loadConfig({ ...apns, APNS_PRODUCTION: 'false', APNS_HOST: '127.0.0.1', APNS_PORT: '8443' }).push.apns,
    ).toMatchObject({ production: false, host: '127.0.0.1', port: 8443 });
  });

  it('requires every APNs setting once the key is given, APNS_PRODUCTION included', () => {
    for (const variable of ['APNS_KEY_ID', 'APNS_TEAM_ID', 'APNS_TOPIC', 'APNS_PRODUCTION'] as const) {
      const { [variable]: _omitted, ...rest } = apns;
      expect(() => loadConfig(rest)).toThrow(variable);
    }
    expect(() => loadConfig({ APNS_TOPIC: 'com.example.orderflow' })).toThrow('APNS_KEY_FILE');
    expect(() => loadConfig({ ...apns, APNS_PRODUCTION: 'maybe' })).toThrow('APNS_PRODUCTION');
  });
});
