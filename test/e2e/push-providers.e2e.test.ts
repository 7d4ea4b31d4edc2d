import { randomBytes, randomUUID } from 'node:crypto';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pino from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createPushChannels, type PushChannels } from '../../src/composition/push-channels.ts';
import { loadConfig } from '../../src/config.ts';
import { eventually } from '../support/eventually.ts';
import { type FakeApns, startFakeApns } from '../support/fake-apns.ts';
import { type FakeFcm, startFakeFcm } from '../support/fake-fcm.ts';
import { api, getToken, startTestServer, type TestServer } from '../support/orderflow-server.ts';

// The whole system over real HTTP (embedded mode) with its pushes going through the real
// FcmSender and ApnsSender, built by createPushChannels from FCM_* / APNS_* settings, to the
// local provider fakes: devices registered through the API, an order paid, a push per device
// per status change, a dead token disabled, a 429's Retry-After honoured, receipts over HTTP.

interface ReceiptView {
  delivery_id: string;
  channel: string;
  device_id: string | null;
  outcome: string;
  provider_status: number | null;
  error_code: string | null;
  message_id: string | null;
  attempted_at: string;
}

describe('pushes through FCM and APNs (local fakes), end to end', () => {
  let fcm: FakeFcm;
  let apns: FakeApns;
  let push: PushChannels;
  let server: TestServer;
  let alice: ReturnType<typeof api>;
  let admin: ReturnType<typeof api>;
  let dir: string | undefined;

  beforeAll(async () => {
    [fcm, apns] = await Promise.all([startFakeFcm(), startFakeApns()]);
    dir = await mkdtemp(join(tmpdir(), 'orderflow-push-e2e-'));
    await writeFile(join(dir, 'AuthKey.p8'), apns.signing.key);
    await writeFile(join(dir, 'apns-ca.pem'), apns.ca);
    const { push: settings } = loadConfig({
      FCM_SERVICE_ACCOUNT_JSON: JSON.stringify(fcm.serviceAccountKey),
      FCM_BASE_URL: fcm.url,
      APNS_KEY_FILE: join(dir, 'AuthKey.p8'),
      APNS_KEY_ID: apns.signing.keyId,
      APNS_TEAM_ID: apns.signing.teamId,
      APNS_TOPIC: apns.topic,
      APNS_PRODUCTION: 'false',
      APNS_HOST: apns.host,
      APNS_PORT: String(apns.port),
      APNS_CA_FILE: join(dir, 'apns-ca.pem'),
    });
    push = createPushChannels(settings, pino({ level: 'silent' }));
    server = await startTestServer(
      { NOTIFICATION_RETRY_BASE_MS: '50', NOTIFICATION_RETRY_POLL_MS: '20' },
      { notificationChannels: { push } },
    );
    const [a, ad] = await Promise.all(['alice', 'admin'].map((u) => getToken(server.baseUrl, u)));
    alice = api(server.baseUrl, a);
    admin = api(server.baseUrl, ad);
  }, 60_000);

  afterAll(async () => {
    await server?.stop();
    await push?.close();
    await Promise.all([fcm?.close(), apns?.close()]);
    if (dir) await rm(dir, { recursive: true, force: true });
  });

  it('an order paid: every status change pushed to each live device, a dead one disabled, Retry-After honoured', async () => {
    const live = `fcm-${randomUUID()}`;
    const dead = `fcm-${randomUUID()}`;
    const iphone = randomBytes(32).toString('hex');
    fcm.script(dead, 'unregistered');
    apns.script(iphone, { tooManyRequests: { retryAfter: '1' } });
    const devices: Record<string, string> = {};
    for (const [platform, token] of [
      ['android', live],
      ['android', dead],
      ['ios', iphone],
    ] as const) {
      const registered = await alice('POST', '/api/v1/me/devices', { platform, token });
      expect(registered.status).toBe(201);
      devices[token] = registered.body.id as string;
    }

    const productId = `p-${randomUUID().slice(0, 8)}`;
    const product = { name: `Soup ${productId}`, price: 100, currency: 'EUR', stock: 10 };
    expect((await admin('PUT', `/api/v1/products/${productId}`, product)).status).toBe(200);
    const placed = await alice('POST', '/api/v1/orders', {
      items: [{ product_id: productId, quantity: 1 }],
      payment: { method: 'wallet' },
    });
    expect(placed.status).toBe(201);
    const orderId = placed.body.order_id as string;
    const statuses = ['PENDING', 'PAID', 'CONFIRMED'];

    // The live Android device and the iPhone get each status change, through the providers.
    await eventually(
      () => {
        const toLive = fcm.sendsTo(live).map((s) => (s.body.message?.data ?? {}) as Record<string, string>);
        expect(toLive.map((data) => data.status).sort()).toEqual([...statuses].sort());
        const delivered = apns.requestsTo(iphone).filter((r) => r.answeredStatus === 200);
        expect(delivered.map((r) => r.payload.status).sort()).toEqual([...statuses].sort());
      },
      { timeoutMs: 20_000 },
    );
    for (const send of fcm.sendsTo(live))
      expect(send.body.message?.data).toMatchObject({ order_id: orderId });

    // The dead token: answered UNREGISTERED (so was any delivery already under way then), the
    // device disabled; deliveries made before that are skipped, later changes make none.
    const listed = await alice('GET', '/api/v1/me/devices');
    const deadView = (
      listed.body.devices as { id: string; state: string; disabled_reason: string | null }[]
    ).find((d) => d.id === devices[dead]);
    expect(deadView).toMatchObject({ state: 'disabled', disabled_reason: 'UNREGISTERED' });

    const receiptsOf = async (wanted: (pushes: ReceiptView[]) => void) =>
      eventually(async () => {
        const read = await alice('GET', `/api/v1/orders/${orderId}/notifications`);
        expect(read.status).toBe(200);
        const pushes = (read.body.receipts as ReceiptView[]).filter((r) => r.channel === 'push');
        wanted(pushes);
        return pushes;
      });
    const receipts = await receiptsOf((pushes) => {
      expect(pushes.filter((r) => r.device_id === devices[iphone] && r.outcome === 'delivered')).toHaveLength(
        3,
      );
      expect(pushes.filter((r) => r.device_id === devices[live] && r.outcome === 'delivered')).toHaveLength(
        3,
      );
      expect(pushes.filter((r) => r.device_id === devices[dead]).length).toBeGreaterThan(0);
    });
    const ofDevice = (token: string, from = receipts) => from.filter((r) => r.device_id === devices[token]);
    expect(ofDevice(live).map((r) => r.outcome)).toEqual(['delivered', 'delivered', 'delivered']);
    expect(ofDevice(live).every((r) => r.message_id?.startsWith(`projects/${fcm.projectId}/messages/`))).toBe(
      true,
    );
    const deadOutcomes = ofDevice(dead).map((r) => r.outcome);
    expect(deadOutcomes[0]).toBe('device_invalid');
    expect(deadOutcomes.every((o) => o === 'device_invalid' || o === 'skipped')).toBe(true);
    const sentToDead = fcm.sendsTo(dead).length;
    expect(sentToDead).toBe(deadOutcomes.filter((o) => o === 'device_invalid').length);
    expect(fcm.sendsTo(dead).every((s) => s.answeredStatus === 404)).toBe(true);

    // A later change (the buyer cancels) reaches the live devices and nothing reaches the dead one.
    expect((await alice('POST', `/api/v1/orders/${orderId}/cancel`)).status).toBe(200);
    const afterCancel = await receiptsOf((pushes) => {
      const delivered = pushes.filter((r) => r.outcome === 'delivered');
      expect(ofDevice(live, delivered)).toHaveLength(4);
      expect(ofDevice(iphone, delivered)).toHaveLength(4);
    });
    expect(fcm.sendsTo(dead)).toHaveLength(sentToDead);
    expect(ofDevice(dead, afterCancel).filter((r) => r.outcome !== 'skipped')).toHaveLength(sentToDead);

    // The iPhone's 429 asked for 1 s: its retry was attempted no sooner (the backoff is 50 ms).
    const throttled = ofDevice(iphone).find((r) => r.outcome === 'retry');
    expect(throttled).toMatchObject({ provider_status: 429, error_code: 'TooManyRequests' });
    const retried = ofDevice(iphone).find(
      (r) => r.delivery_id === throttled?.delivery_id && r.outcome === 'delivered',
    );
    expect(
      Date.parse(retried?.attempted_at ?? '') - Date.parse(throttled?.attempted_at ?? ''),
    ).toBeGreaterThanOrEqual(1000);
  });
});
