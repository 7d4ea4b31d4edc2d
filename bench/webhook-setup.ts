import { randomBytes, randomUUID } from 'node:crypto';
import { Webhook } from 'standardwebhooks';
import { topUp } from './orders.ts';
import { getToken, putProducts, sleep } from './server.ts';

/** The bench's carrier, created through the admin API like the demo carrier (default mapping). */
export const BENCH_CARRIER = 'bench-carrier';
/** A product with a one-ingredient recipe, stocked for any run, so fulfilment can assign it. */
export const WEBHOOK_PRODUCT = 'bench-w';
const KITCHEN = 'fp-mitte';

type Call = (method: string, path: string, body?: unknown) => Promise<{ status: number; body: unknown }>;

/** Calls the API as `token`'s user, JSON in and out. */
export function caller(baseUrl: string, token: string): Call {
  return async (method, path, body) => {
    const response = await fetch(`${baseUrl}${path}`, {
      method,
      headers: {
        authorization: `Bearer ${token}`,
        ...(body === undefined ? {} : { 'content-type': 'application/json' }),
      },
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    });
    const text = await response.text();
    return { status: response.status, body: text ? (JSON.parse(text) as unknown) : undefined };
  };
}

const expectStatus = (what: string, result: { status: number; body: unknown }, ...ok: number[]) => {
  if (!ok.includes(result.status))
    throw new Error(`${what}: ${result.status} ${JSON.stringify(result.body)}`);
};

export interface CarrierScenario {
  alice: string;
  /** Signs a carrier report for `orderId` as the bench carrier (Standard Webhooks headers and body). */
  signed(orderId: string, status: 'SHIPPED' | 'DELIVERED'): { body: string; headers: Record<string, string> };
  /** Posts a signed report for `orderId` to orderflow; throws unless it answers 200. */
  send(orderId: string, status: 'SHIPPED' | 'DELIVERED'): Promise<void>;
  /** Places `count` paid orders and brings each to READY and handed to the bench carrier. */
  handedOver(count: number, log: (line: string) => void): Promise<string[]>;
}

/**
 * What the webhook benchmark needs, all through the admin API: the carrier with a fresh secret,
 * the demo kitchen with room and stock for every order, a product with a recipe, alice's wallet.
 */
export async function carrierScenario(baseUrl: string): Promise<CarrierScenario> {
  const admin = caller(baseUrl, await getToken(baseUrl, 'admin'));
  const alice = await getToken(baseUrl, 'alice');
  const kitchen = caller(baseUrl, await getToken(baseUrl, 'kitchen'));
  const buyer = caller(baseUrl, alice);
  const secret = `whsec_${randomBytes(24).toString('base64')}`;
  expectStatus(
    'carrier',
    await admin('POST', '/api/v1/carriers', {
      carrier_id: BENCH_CARRIER,
      display_name: 'Bench Express',
      secret,
    }),
    201,
  );
  expectStatus(
    'food point',
    await admin('PUT', `/api/v1/food-points/${KITCHEN}`, {
      name: 'Mitte Kitchen',
      location: { lat: 52.52, lon: 13.405 },
      accepts_delivery: true,
      capacity: 100_000,
    }),
    200,
    201,
  );
  expectStatus(
    'stock',
    await admin('PUT', `/api/v1/food-points/${KITCHEN}/stock`, { ingredients: { bread: 100_000_000 } }),
    200,
  );
  await putProducts(baseUrl, await getToken(baseUrl, 'admin'), [WEBHOOK_PRODUCT]);
  expectStatus(
    'recipe',
    await admin('PUT', `/api/v1/products/${WEBHOOK_PRODUCT}/recipe`, { ingredients: { bread: 1 } }),
    200,
    201,
  );
  await topUp(baseUrl, alice, 100_000_000);
  const hook = new Webhook(secret);

  const one = async (): Promise<string> => {
    const created = await buyer('POST', '/api/v1/orders', {
      items: [{ product_id: WEBHOOK_PRODUCT, quantity: 1 }],
      payment: { method: 'wallet' },
    });
    expectStatus('paid order', created, 201);
    const orderId = (created.body as { order_id: string }).order_id;
    // Auto-confirm and fulfilment's assignment come from the bus: try READY until it is ASSIGNED.
    for (let attempt = 0; ; attempt++) {
      const ready = await kitchen('POST', `/api/v1/kitchen/orders/${orderId}/ready`);
      if (ready.status === 200) break;
      if (attempt > 600) expectStatus(`ready ${orderId}`, ready, 200);
      await sleep(100);
    }
    expectStatus(
      `shipment ${orderId}`,
      await kitchen('POST', `/api/v1/orders/${orderId}/shipment`, { carrier: BENCH_CARRIER }),
      201,
    );
    return orderId;
  };

  const scenario: CarrierScenario = {
    alice,
    async send(orderId, status) {
      const { body, headers } = scenario.signed(orderId, status);
      const response = await fetch(`${baseUrl}/api/v1/webhooks/carriers/${BENCH_CARRIER}`, {
        method: 'POST',
        headers,
        body,
      });
      if (response.status !== 200) throw new Error(`webhook: ${response.status} ${await response.text()}`);
    },
    signed(orderId, status) {
      const id = `msg_${randomUUID()}`;
      const at = new Date();
      const body = JSON.stringify({ order_id: orderId, status, occurred_at: at.toISOString() });
      return {
        body,
        headers: {
          'content-type': 'application/json',
          'webhook-id': id,
          'webhook-timestamp': String(Math.floor(at.getTime() / 1000)),
          'webhook-signature': hook.sign(id, at, body),
        },
      };
    },
    async handedOver(count, log) {
      const ids: string[] = [];
      let next = 0;
      const started = Date.now();
      const worker = async () => {
        while (next < count) {
          next++;
          ids.push(await one());
        }
      };
      await Promise.all(Array.from({ length: Math.min(32, count) }, worker));
      log(`  ${count} orders READY and handed over in ${((Date.now() - started) / 1000).toFixed(1)} s`);
      return ids;
    },
  };
  return scenario;
}
