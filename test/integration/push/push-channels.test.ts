import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pino from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createPushChannels } from '../../../src/composition/push-channels.ts';
import { loadConfig } from '../../../src/config.ts';
import { type FakeApns, startFakeApns } from '../../support/fake-apns.ts';
import { type FakeFcm, startFakeFcm } from '../../support/fake-fcm.ts';

// The environment variables, as an operator sets them, wire FcmSender and ApnsSender to
// providers (here the local fakes): key files, project, addresses, CA.
describe('createPushChannels', () => {
  let fcm: FakeFcm;
  let apns: FakeApns;
  let dir: string;
  let env: Record<string, string>;
  const log = pino({ level: 'silent' });

  beforeAll(async () => {
    [fcm, apns] = await Promise.all([startFakeFcm(), startFakeApns()]);
    dir = mkdtempSync(join(tmpdir(), 'orderflow-push-'));
    writeFileSync(join(dir, 'fcm.json'), JSON.stringify(fcm.serviceAccountKey));
    writeFileSync(join(dir, 'AuthKey.p8'), apns.signing.key);
    writeFileSync(join(dir, 'ca.pem'), apns.ca);
    env = {
      FCM_SERVICE_ACCOUNT_FILE: join(dir, 'fcm.json'),
      FCM_BASE_URL: fcm.url,
      APNS_KEY_FILE: join(dir, 'AuthKey.p8'),
      APNS_KEY_ID: apns.signing.keyId,
      APNS_TEAM_ID: apns.signing.teamId,
      APNS_TOPIC: apns.topic,
      APNS_PRODUCTION: 'false',
      APNS_HOST: apns.host,
      APNS_PORT: String(apns.port),
      APNS_CA_FILE: join(dir, 'ca.pem'),
    };
  });
  afterAll(async () => {
    await Promise.all([fcm.close(), apns.close()]);
    rmSync(dir, { recursive: true, force: true });
  });

  it('builds both senders from the configuration; the project comes from the key', async () => {
    const channels = createPushChannels(loadConfig(env).push, log);
    try {
      expect(channels.android?.platform).toBe('android');
      expect(channels.ios?.platform).toBe('ios');
      const push = { title: 't', body: 'b', data: { order_id: 'o-1' } };
      const [android, ios] = await Promise.all([
        channels.android?.send({ ...push, token: 'fcm-token-1' }),
        channels.ios?.send({ ...push, token: 'ab'.repeat(32) }),
      ]);
      expect(android).toMatchObject({ outcome: 'delivered' });
      expect(ios).toMatchObject({ outcome: 'delivered' });
      expect(fcm.sendsTo('fcm-token-1')[0]?.project).toBe(fcm.projectId);
      expect(apns.requestsTo('ab'.repeat(32))).toHaveLength(1);
    } finally {
      await channels.close();
    }
  });

  it('nothing configured → no senders', async () => {
    const channels = createPushChannels(loadConfig({}).push, log);
    expect(channels.android).toBeUndefined();
    expect(channels.ios).toBeUndefined();
    await channels.close();
  });

  it('an unreadable or wrong key stops start-up naming its variable', () => {
    expect(() =>
      createPushChannels(loadConfig({ ...env, APNS_KEY_FILE: join(dir, 'missing.p8') }).push, log),
    ).toThrow(/APNS_KEY_FILE=.*missing\.p8 cannot be read/);
    expect(() =>
      createPushChannels(loadConfig({ ...env, APNS_KEY_FILE: join(dir, 'ca.pem') }).push, log),
    ).toThrow(/APNS_KEY_FILE=.* is not a \.p8 key/);
    expect(() =>
      createPushChannels(loadConfig({ ...env, FCM_SERVICE_ACCOUNT_FILE: join(dir, 'AuthKey.p8') }).push, log),
    ).toThrow(/FCM_SERVICE_ACCOUNT_FILE: .*not JSON/);
  });
});
