import { randomUUID } from 'node:crypto';
import { beforeAll, expect, it } from 'vitest';
import type { PushMessage } from '../../src/shared/ports/notification-channel.ts';
import { eventually } from '../support/eventually.ts';
import { api, getToken, type TestServer } from '../support/orderflow-server.ts';
import type { SmtpTestServer } from '../support/smtp-test-server.ts';

type Client = ReturnType<typeof api>;

export interface NotificationsScenarioOptions {
  smtp: () => SmtpTestServer;
  /** Pushes as the provider saw them: the dev inbox (embedded) or the recording channels. */
  pushesTo: (token: string) => Promise<Pick<PushMessage, 'title' | 'data'>[]>;
}

/**
 * Issue 10 end to end over real HTTP: devices registered through the API, an order paid and
 * orders cancelled (insufficient funds, by the buyer) give the happy and sad letters over SMTP,
 * a push per device per status change, and receipts the owner and admins can read.
 */
export function notificationsScenario(server: () => TestServer, options: NotificationsScenarioOptions): void {
  let alice: Client;
  let bob: Client;
  let admin: Client;
  const aliceToken = `fcm-${randomUUID()}`;
  const bobToken = `apns-${randomUUID()}`;

  beforeAll(async () => {
    const { baseUrl } = server();
    const [a, b, ad] = await Promise.all(['alice', 'bob', 'admin'].map((u) => getToken(baseUrl, u)));
    alice = api(baseUrl, a);
    bob = api(baseUrl, b);
    admin = api(baseUrl, ad);
    expect(
      (await alice('POST', '/api/v1/me/devices', { platform: 'android', token: aliceToken })).status,
    ).toBe(201);
    expect((await bob('POST', '/api/v1/me/devices', { platform: 'ios', token: bobToken })).status).toBe(201);
  });

  const newProduct = async (price: number) => {
    const id = `p-${randomUUID().slice(0, 8)}`;
    const body = { name: `Soup ${id}`, price, currency: 'EUR', stock: 100 };
    expect((await admin('PUT', `/api/v1/products/${id}`, body)).status).toBe(200);
    return id;
  };
  const place = (client: Client, productId: string, pay: boolean) =>
    client('POST', '/api/v1/orders', {
      items: [{ product_id: productId, quantity: 1 }],
      ...(pay ? { payment: { method: 'wallet' } } : {}),
    });
  const lettersFor = (orderId: string) =>
    options.smtp().received.filter((m) => m.text.includes(`/orders/${orderId}`));
  const pushesFor = async (token: string, orderId: string) =>
    (await options.pushesTo(token)).filter((p) => p.data.order_id === orderId).map((p) => p.data.status);

  it('paid: the happy letter (English), a push per status change, receipts for the owner and admins only', async () => {
    const placed = await place(alice, await newProduct(100), true);
    expect(placed.status).toBe(201);
    const orderId = placed.body.order_id as string;
    const [letter] = await eventually(() => {
      const letters = lettersFor(orderId);
      expect(letters).toHaveLength(1);
      return letters;
    });
    expect(letter).toMatchObject({
      to: ['alice@orderflow.local'],
      subject: expect.stringMatching(/is paid/),
    });
    expect(letter?.html).toMatch(/Good news/);
    const statuses = await eventually(async () => {
      const seen = await pushesFor(aliceToken, orderId);
      expect(seen).toEqual(expect.arrayContaining(['PENDING', 'PAID', 'CONFIRMED']));
      return seen;
    });
    expect(new Set(statuses).size).toBe(statuses.length);

    const receipts = await eventually(async () => {
      const read = await alice('GET', `/api/v1/orders/${orderId}/notifications`);
      expect(read.status).toBe(200);
      const list = read.body.receipts as { channel: string; outcome: string; target: string }[];
      expect(list.filter((r) => r.channel === 'push')).toHaveLength(statuses.length);
      expect(list.filter((r) => r.channel === 'email')).toHaveLength(1);
      return list;
    });
    expect(receipts.every((r) => r.outcome === 'delivered')).toBe(true);
    expect(receipts.find((r) => r.channel === 'email')?.target).toBe('alice@orderflow.local');
    expect((await admin('GET', `/api/v1/orders/${orderId}/notifications`)).status).toBe(200);
    const other = await bob('GET', `/api/v1/orders/${orderId}/notifications`);
    expect(other.status).toBe(404);
    expect(other.body).toMatchObject({ code: 'ORDER_NOT_FOUND' });
  });

  it('cancelled for want of funds: the sad letter in Russian with the reason, and a push', async () => {
    const refused = await place(bob, await newProduct(50_000_000), true);
    expect(refused.status).toBe(406);
    const orderId = refused.body.order_id as string;
    const [letter] = await eventually(() => {
      const letters = lettersFor(orderId);
      expect(letters).toHaveLength(1);
      return letters;
    });
    expect(letter).toMatchObject({ to: ['bob@orderflow.local'], subject: expect.stringMatching(/отменён/) });
    expect(letter?.text).toMatch(/недостаточно средств/);
    expect(letter?.html).toMatch(/недостаточно средств/);
    await eventually(async () => expect(await pushesFor(bobToken, orderId)).toContain('CANCELLED'));
  });

  it('cancelled by the buyer: the sad letter says so', async () => {
    const placed = await place(alice, await newProduct(100), false);
    const orderId = placed.body.order_id as string;
    expect((await alice('POST', `/api/v1/orders/${orderId}/cancel`)).status).toBe(200);
    const [letter] = await eventually(() => {
      const letters = lettersFor(orderId);
      expect(letters).toHaveLength(1);
      return letters;
    });
    expect(letter?.text).toMatch(/you cancelled it/);
    await eventually(async () =>
      expect(await pushesFor(aliceToken, orderId)).toEqual(['PENDING', 'CANCELLED']),
    );
  });

  it('paid, then cancelled by the shop: the happy letter, then the sad one (refunded); a push per status change on each of two devices', async () => {
    const second = `apns-${randomUUID()}`;
    expect((await alice('POST', '/api/v1/me/devices', { platform: 'ios', token: second })).status).toBe(201);
    const placed = await place(alice, await newProduct(100), true);
    expect(placed.status, placed.text).toBe(201);
    const orderId = placed.body.order_id as string;
    await eventually(() => expect(lettersFor(orderId)).toHaveLength(1));
    const cancelled = await admin('POST', `/api/v1/orders/${orderId}/cancel`, { reason: 'out of bread' });
    expect(cancelled.status, cancelled.text).toBe(200);
    expect(cancelled.body.refunded).toBe(true);

    const [happy, sad] = await eventually(() => {
      const letters = lettersFor(orderId);
      expect(letters).toHaveLength(2);
      return letters;
    });
    expect(happy?.subject).toMatch(/is paid/);
    expect(sad?.subject).toMatch(/is cancelled/);
    expect(sad?.text).toMatch(/shop cancelled it/);
    expect(sad?.text).toMatch(/returned to your wallet/);

    // Every status the order went through, once, on each device, the cancellation last.
    const history = (await alice('GET', `/api/v1/orders/${orderId}`)).body.history as { status: string }[];
    const statuses = history.map((h) => h.status);
    expect(statuses).toEqual(expect.arrayContaining(['PENDING', 'PAID', 'CANCELLED']));
    for (const token of [aliceToken, second]) {
      await eventually(async () => {
        const seen = await pushesFor(token, orderId);
        expect([...seen].sort()).toEqual([...statuses].sort());
      });
    }
    const receipts = await eventually(async () => {
      const read = await alice('GET', `/api/v1/orders/${orderId}/notifications`);
      const list = read.body.receipts as { channel: string; outcome: string }[];
      expect(list.filter((r) => r.channel === 'push')).toHaveLength(2 * statuses.length);
      expect(list.filter((r) => r.channel === 'email')).toHaveLength(2);
      return list;
    });
    expect(receipts.every((r) => r.outcome === 'delivered')).toBe(true);
    expect((await bob('GET', `/api/v1/orders/${orderId}/notifications`)).status).toBe(404);
  });
}
