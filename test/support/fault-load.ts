import { randomUUID } from 'node:crypto';
import { setTimeout as sleep } from 'node:timers/promises';
import { expect } from 'vitest';
import { DEMO_USER_IDS } from '../../src/contexts/identity/index.ts';
import { LiveClient, type LiveMessage } from './live-client.ts';
import { api } from './orderflow-server.ts';

const LIFECYCLE = ['PENDING', 'PAID', 'CONFIRMED', 'ASSIGNED', 'READY', 'IN_DELIVERY', 'DELIVERED'];
const rank = (status: unknown) => LIFECYCLE.indexOf(String(status));
const ORDER = { items: [{ product_id: 'drink-lemonade', quantity: 1 }], payment: { method: 'wallet' } };

type Answer = Awaited<ReturnType<ReturnType<typeof api>>>;

/**
 * Drives paid orders through their whole lifecycle over HTTP as the demo buyers, kitchen and
 * courier would, against two API processes: a request that finds its process dead (refused,
 * cut off, 5xx) is sent again to the other, with the same `Idempotency-Key` for a placement.
 */
export class LifecycleDriver {
  /** Delivered orders (order id → DELIVERED), for `auditOrders`. */
  readonly accepted = new Map<string, string>();
  completed = 0;
  retries = 0;
  serverErrors = 0;
  replayed = 0;
  failed: string | undefined;
  readonly #keys: { key: string; orderId: string; buyer: string }[] = [];
  #next = 0;
  #turn = 0;

  constructor(
    private readonly apiUrls: readonly string[],
    private readonly tokens: Readonly<Record<string, string>>,
  ) {}

  /** Runs `count` lifecycles, `inFlight` at a time; stops at the first that cannot finish. */
  async run(count: number, inFlight: number): Promise<void> {
    await Promise.all(
      Array.from({ length: inFlight }, async () => {
        while (this.#next < count && !this.failed) {
          const index = this.#next++;
          try {
            await this.#lifecycle(index % 2 === 0 ? 'alice' : 'bob');
          } catch (error) {
            this.failed ??= `order ${index}: ${(error as Error).message}`;
          }
        }
      }),
    );
  }

  /** Orders placed so far (to replay those placed around a fault). */
  get placed(): number {
    return this.#keys.length;
  }

  /** Places `n` orders from the `from`th on again with their keys: each must answer the stored order. */
  async replaySome(n: number, from = 0): Promise<{ mismatched: string[] }> {
    const mismatched: string[] = [];
    for (const { key, orderId, buyer } of this.#keys.slice(Math.max(0, from), Math.max(0, from) + n)) {
      const again = await this.#request(buyer, 'POST', '/api/v1/orders', ORDER, { 'idempotency-key': key });
      if (
        again.status >= 300 ||
        again.body.order_id !== orderId ||
        again.headers.get('idempotent-replayed') !== 'true'
      )
        mismatched.push(`${key}: ${again.status} ${again.text}`);
      else this.replayed++;
    }
    return { mismatched };
  }

  async #lifecycle(buyer: string): Promise<void> {
    const key = randomUUID();
    let placed: Answer;
    for (;;) {
      placed = await this.#request(buyer, 'POST', '/api/v1/orders', ORDER, { 'idempotency-key': key });
      // The first attempt may still be running on a process that was cut off: ask again.
      if (placed.status === 409 && placed.body.code === 'IDEMPOTENCY_KEY_IN_PROGRESS') await sleep(250);
      else break;
    }
    if (placed.status !== 201 && placed.status !== 200)
      throw new Error(`placing: ${placed.status} ${placed.text}`);
    const orderId = placed.body.order_id as string;
    this.#keys.push({ key, orderId, buyer });
    await this.#waitFor(buyer, orderId, 'ASSIGNED');
    await this.#act('kitchen', buyer, orderId, `/api/v1/kitchen/orders/${orderId}/ready`, 'READY');
    await this.#act('courier', buyer, orderId, `/api/v1/courier/orders/${orderId}/pickup`, 'IN_DELIVERY');
    await this.#act('courier', buyer, orderId, `/api/v1/courier/orders/${orderId}/deliver`, 'DELIVERED');
    this.accepted.set(orderId, 'DELIVERED');
    this.completed++;
  }

  /** A kitchen or courier step; a 409 after a cut-off first attempt is fine once the step shows. */
  async #act(user: string, buyer: string, orderId: string, path: string, target: string): Promise<void> {
    for (let attempt = 0; attempt < 100; attempt++) {
      const answer = await this.#request(user, 'POST', path);
      if (answer.status < 300) return;
      if (answer.status !== 409) throw new Error(`${path}: ${answer.status} ${answer.text}`);
      const status = await this.#statusOf(buyer, orderId);
      if (rank(status) >= rank(target)) return;
      await sleep(200);
    }
    throw new Error(`${path}: still refused`);
  }

  async #waitFor(buyer: string, orderId: string, target: string): Promise<void> {
    const deadline = Date.now() + 120_000;
    while (Date.now() < deadline) {
      const status = await this.#statusOf(buyer, orderId);
      if (status === 'CANCELLED') throw new Error(`order ${orderId} was cancelled`);
      if (rank(status) >= rank(target)) return;
      await sleep(200);
    }
    throw new Error(`order ${orderId} did not become ${target}`);
  }

  async #statusOf(buyer: string, orderId: string): Promise<string | undefined> {
    const read = await this.#request(buyer, 'GET', `/api/v1/orders/${orderId}`);
    return read.status === 200 ? (read.body.status as string) : undefined;
  }

  async #request(
    user: string,
    method: string,
    path: string,
    body?: unknown,
    headers: Record<string, string> = {},
  ): Promise<Answer> {
    for (let attempt = 0; attempt < 240; attempt++) {
      const url = this.apiUrls[this.#turn++ % this.apiUrls.length]!;
      try {
        const answer = await api(url, this.tokens[user])(method, path, body, headers);
        if (answer.status < 500) return answer;
        this.serverErrors++;
      } catch {
        // refused or cut off: the process is down; the other one answers
      }
      this.retries++;
      await sleep(250);
    }
    throw new Error(`${method} ${path}: no API answered`);
  }
}

/**
 * A user's live socket that follows the hubs: when its hub dies it reconnects to the other
 * with `after` = the last position it got, as a client told to reconnect would.
 */
export class FollowingSocket {
  readonly #clients: LiveClient[] = [];
  #stopped = false;

  constructor(
    readonly user: keyof typeof DEMO_USER_IDS,
    private readonly hubs: readonly string[],
    private readonly token: string,
  ) {}

  get connections(): number {
    return this.#clients.length;
  }

  /** Every update received, over all connections, in arrival order. */
  get received(): LiveMessage[] {
    return this.#clients.flatMap((client) => client.updates());
  }

  async start(): Promise<void> {
    await this.#connect(0);
  }

  async stop(): Promise<void> {
    this.#stopped = true;
    await Promise.all(this.#clients.map((client) => client.close()));
  }

  /** Entries of the user's feed (from the database) this socket never got. */
  missingFrom(feeds: ReadonlyMap<string, readonly string[]>): string[] {
    const got = new Set(this.received.map((m) => m.event_id));
    return (feeds.get(DEMO_USER_IDS[this.user]) ?? []).filter((id) => !got.has(id));
  }

  duplicates(): number {
    const ids = this.received.map((m) => m.event_id);
    return ids.length - new Set(ids).size;
  }

  outOfOrder(): number {
    const positions = this.received.map((m) => m.position);
    return positions.filter((p, i) => i > 0 && p <= positions[i - 1]!).length;
  }

  async #connect(start: number): Promise<void> {
    for (let i = start; !this.#stopped; i++) {
      const last = this.received.at(-1)?.position;
      try {
        const client = await LiveClient.connect(this.hubs[i % this.hubs.length]!, {
          token: this.token,
          ...(last === undefined ? {} : { after: last }),
        });
        this.#clients.push(client);
        void client.closed.then(() => {
          if (!this.#stopped) void this.#connect(i + 1);
        });
        return;
      } catch {
        await sleep(300);
      }
    }
  }
}

/** Enough stock, kitchen capacity, ingredients and money for every order; the courier on the map. */
export async function prepareLifecycles(
  baseUrl: string,
  adminToken: string,
  courierToken: string,
): Promise<void> {
  const admin = api(baseUrl, adminToken);
  const ok = (r: { status: number; text: string }) => expect(r.status, r.text).toBeLessThan(300);
  ok(
    await admin('PUT', '/api/v1/products/drink-lemonade', {
      name: 'Lemonade',
      price: 300,
      currency: 'EUR',
      stock: 1_000_000,
    }),
  );
  ok(
    await admin('PUT', '/api/v1/food-points/fp-mitte', {
      name: 'Mitte Kitchen',
      location: { lat: 52.52, lon: 13.405 },
      accepts_delivery: true,
      capacity: 100_000,
    }),
  );
  ok(
    await admin('PUT', '/api/v1/food-points/fp-mitte/stock', {
      ingredients: { lemon: 1_000_000, sugar: 1_000_000 },
    }),
  );
  for (const buyer of [DEMO_USER_IDS.alice, DEMO_USER_IDS.bob]) {
    ok(await admin('POST', `/api/v1/wallets/${buyer}/top-ups`, { amount: 100_000_000 }));
  }
  ok(await api(baseUrl, courierToken)('PUT', '/api/v1/courier/location', { lat: 52.52, lon: 13.41 }));
}
