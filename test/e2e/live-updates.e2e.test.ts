import { beforeAll, describe, expect, it } from 'vitest';
import { eventually } from '../support/eventually.ts';
import { LiveClient, type LiveMessage, tokenExpiringIn } from '../support/live-client.ts';
import { api, getToken, startTestServer } from '../support/orderflow-server.ts';
import { describeOnEmbeddedAndPostgres } from '../support/server-modes.ts';

// Seed 004's PushUpdatesHub over real HTTP and a real `ws` client, on the embedded server and on
// PostgreSQL. Order status changes are driven through the public API (place and pay as alice,
// confirm and cancel as admin); AUTO_CONFIRM is off so every status change is the test's own.
// The catch-up read is slow, so what arrives promptly arrived through the nudge.
describeOnEmbeddedAndPostgres(
  'live updates over WebSocket',
  (server) => {
    const tokens: Record<'alice' | 'bob' | 'admin', string> = { alice: '', bob: '', admin: '' };
    const base = () => server().baseUrl;
    const as = (user: keyof typeof tokens) => api(base(), tokens[user]);
    const subOf = (token: string) =>
      JSON.parse(Buffer.from(token.split('.')[1]!, 'base64url').toString()).sub as string;

    beforeAll(async () => {
      for (const user of ['alice', 'bob', 'admin'] as const) tokens[user] = await getToken(base(), user);
      const product = await as('admin')('PUT', '/api/v1/products/live-test-item', {
        name: 'Live test item',
        price: 100,
        currency: 'EUR',
        stock: 100_000,
      });
      expect([200, 201]).toContain(product.status);
      for (const buyer of ['alice', 'bob'] as const) {
        const topUp = await as('admin')('POST', `/api/v1/wallets/${subOf(tokens[buyer])}/top-ups`, {
          amount: 1_000_000,
        });
        expect(topUp.status).toBe(201);
      }
    });

    /** Places and pays an order as `buyer` (→ PAID); returns its id. */
    const placePaid = async (buyer: 'alice' | 'bob'): Promise<string> => {
      const placed = await as(buyer)('POST', '/api/v1/orders', {
        items: [{ product_id: 'live-test-item', quantity: 1 }],
        payment: { method: 'wallet' },
      });
      expect(placed.status, placed.text).toBe(201);
      expect(placed.body.status).toBe('PAID');
      return placed.body.order_id as string;
    };
    const confirm = async (orderId: string) =>
      expect((await as('admin')('POST', `/api/v1/orders/${orderId}/confirm`)).status).toBe(200);
    const cancel = async (orderId: string) =>
      expect((await as('admin')('POST', `/api/v1/orders/${orderId}/cancel`, { reason: 'test' })).status).toBe(
        200,
      );
    const statuses = (messages: LiveMessage[]) => messages.map((m) => m.status);
    const expectStrictlyIncreasing = (messages: LiveMessage[]) => {
      const positions = messages.map((m) => m.position);
      for (let i = 1; i < positions.length; i++) expect(positions[i]).toBeGreaterThan(positions[i - 1]!);
    };

    it('pushes a buyer the status changes of their own orders, on a token socket and a ticket socket alike', async () => {
      const withToken = await LiveClient.connect(base(), { token: tokens.alice });
      const issued = await as('alice')('POST', '/api/v1/updates/ticket');
      expect(issued.status).toBe(201);
      expect(issued.body.expires_in).toBeGreaterThan(0);
      const withTicket = await LiveClient.connect(base(), { ticket: issued.body.ticket as string });
      const bobs = await LiveClient.connect(base(), { token: tokens.bob });
      try {
        const mine = await placePaid('alice');
        const his = await placePaid('bob');
        await confirm(mine);
        for (const socket of [withToken, withTicket]) {
          await eventually(() => expect(statuses(socket.about(mine))).toEqual(['PAID', 'CONFIRMED']));
          const [paid, confirmed] = socket.about(mine);
          expect(paid).toMatchObject({
            type: 'order.status_updated',
            order_id: mine,
            status: 'PAID',
            previous_status: 'PENDING',
          });
          expect(confirmed).toMatchObject({ status: 'CONFIRMED', previous_status: 'PAID' });
          expect(typeof paid!.event_id).toBe('string');
          expect(typeof paid!.timestamp).toBe('string');
          expect(confirmed!.position).toBeGreaterThan(paid!.position);
          expectStrictlyIncreasing(socket.updates());
          expect(socket.about(his)).toEqual([]);
        }
        await eventually(() => expect(statuses(bobs.about(his))).toEqual(['PAID']));
        // Bob sees nothing of alice's orders, whatever else his feed holds.
        expect(bobs.about(mine)).toEqual([]);
        const alicesOrders = new Set(withToken.updates().map((m) => m.order_id));
        expect(bobs.updates().filter((m) => alicesOrders.has(m.order_id))).toEqual([]);
        const metrics = await (await fetch(`${base()}/metrics`)).text();
        expect(metrics).toMatch(/orderflow_live_updates_sent_total\{[^}]*\} [1-9]/);
      } finally {
        await Promise.all([withToken.close(), withTicket.close(), bobs.close()]);
      }
    });

    it('refuses the upgrade with 401 for a missing, bad or expired credential and for a used ticket', async () => {
      const refusals = {
        missing: await LiveClient.refusal(base(), {}),
        garbage: await LiveClient.refusal(base(), { token: 'not-a-jwt' }),
        expired: await LiveClient.refusal(base(), {
          token: await tokenExpiringIn(server().dataDir, tokens.alice, -120),
        }),
        unknownTicket: await LiveClient.refusal(base(), { ticket: 'x'.repeat(43) }),
      };
      for (const [what, refusal] of Object.entries(refusals)) {
        expect(refusal.status, what).toBe(401);
        expect(refusal.contentType, what).toContain('application/problem+json');
        expect(refusal.body.code, what).toBe('UNAUTHENTICATED');
      }
      const ticket = (await as('alice')('POST', '/api/v1/updates/ticket')).body.ticket as string;
      const first = await LiveClient.connect(base(), { ticket });
      expect((await LiveClient.refusal(base(), { ticket })).status).toBe(401);
      await first.close();
      expect((await api(base())('POST', '/api/v1/updates/ticket')).status).toBe(401);
      const plain = await api(base(), tokens.alice)('GET', '/api/v1/updates');
      expect(plain.status).toBe(426);
      expect(plain.body.code).toBe('UPGRADE_REQUIRED');
    });

    it('resumes after a position: what was missed while disconnected, in order, nothing lost or repeated', async () => {
      const witness = await LiveClient.connect(base(), { token: tokens.alice, after: 0 });
      const first = await LiveClient.connect(base(), { token: tokens.alice });
      const orderId = await placePaid('alice');
      await eventually(() => expect(statuses(first.about(orderId))).toEqual(['PAID']));
      const last = first.updates().at(-1)!.position;
      await first.close();

      await confirm(orderId);
      const other = await placePaid('alice');
      await cancel(orderId);
      await eventually(() =>
        expect(statuses(witness.about(orderId))).toEqual(['PAID', 'CONFIRMED', 'CANCELLED']),
      );
      await eventually(() => expect(statuses(witness.about(other))).toEqual(['PAID']));

      const resumed = await LiveClient.connect(base(), { token: tokens.alice, after: last });
      try {
        const missed = witness.updates().filter((m) => m.position > last);
        await eventually(() => expect(resumed.updates().length).toBeGreaterThanOrEqual(missed.length));
        await new Promise((resolve) => setTimeout(resolve, 300));
        // Exactly what the always-connected witness got after that position, in the same order.
        expect(resumed.updates()).toEqual(missed);
        expect(statuses(resumed.about(orderId))).toEqual(['CONFIRMED', 'CANCELLED']);
        expectStrictlyIncreasing(resumed.updates());
        expect(resumed.updates().every((m) => m.position > last)).toBe(true);
        expectStrictlyIncreasing(witness.updates());
        expect(new Set(witness.updates().map((m) => m.event_id)).size).toBe(witness.updates().length);
      } finally {
        await Promise.all([witness.close(), resumed.close()]);
      }
    });

    it('stores acks: reconnecting without a position re-sends only what was not acknowledged', async () => {
      const first = await LiveClient.connect(base(), { token: tokens.alice });
      const orderId = await placePaid('alice');
      await eventually(() => expect(statuses(first.about(orderId))).toEqual(['PAID']));
      first.ack(first.about(orderId)[0]!.event_id);
      const feed = server().running.services.liveFeed;
      const entriesOf = async (unackedOnly: boolean) =>
        (await feed.read(subOf(tokens.alice), 0, unackedOnly, 10_000)).filter(
          (e) => e.message.order_id === orderId,
        );
      await eventually(async () => expect((await entriesOf(false)).map((e) => e.acked)).toEqual([true]));
      first.ack('00000000-0000-0000-0000-000000000000');
      await eventually(() => expect(first.messages.some((m) => m.type === 'error')).toBe(true));
      expect(first.messages.find((m) => m.type === 'error')).toMatchObject({ code: 'UNKNOWN_EVENT' });
      await confirm(orderId);
      await eventually(() => expect(statuses(first.about(orderId))).toEqual(['PAID', 'CONFIRMED']));
      await first.close();

      const again = await LiveClient.connect(base(), { token: tokens.bob });
      await again.close(); // another user's socket in between changes nothing
      const second = await LiveClient.connect(base(), { token: tokens.alice });
      try {
        await eventually(() => expect(statuses(second.about(orderId))).toEqual(['CONFIRMED']));
        // Everything else it got is unacknowledged too; ack it all and nothing comes back.
        for (const m of second.updates()) second.ack(m.event_id);
        // The acks are stored: the feed holds nothing unacknowledged for this order any more.
        const feed = server().running.services.liveFeed;
        await eventually(async () =>
          expect(
            (await feed.read(subOf(tokens.alice), 0, true, 10_000)).filter(
              (e) => e.message.order_id === orderId,
            ),
          ).toEqual([]),
        );
        const stored = await feed.read(subOf(tokens.alice), 0, false, 10_000);
        expect(stored.filter((e) => e.message.order_id === orderId).map((e) => e.acked)).toEqual([
          true,
          true,
        ]);
      } finally {
        await second.close();
      }
      const third = await LiveClient.connect(base(), { token: tokens.alice });
      try {
        await new Promise((resolve) => setTimeout(resolve, 500));
        expect(third.about(orderId)).toEqual([]);
      } finally {
        await third.close();
      }
    });

    it("sends nothing to a buyer who turned the profile's live channel off", async () => {
      const bob = as('bob');
      expect((await bob('PUT', '/api/v1/me/profile', { channels: { live: false } })).status).toBe(200);
      const socket = await LiveClient.connect(base(), { token: tokens.bob });
      try {
        const orderId = await placePaid('bob');
        // Wait until the live-updates consumer has taken the PAID message, then look.
        const db = server().running.storage.db;
        await eventually(async () => {
          const published = await db
            .selectFrom('outbox')
            .select('message_id')
            .where('message_key', '=', orderId)
            .where('topic', '=', 'order.status_updated')
            .execute();
          expect(published).toHaveLength(1);
          const handled = await db
            .selectFrom('processed_messages')
            .select('message_id')
            .where('consumer', '=', 'live-updates')
            .where('message_id', '=', published[0]!.message_id)
            .execute();
          expect(handled).toHaveLength(1);
        });
        await new Promise((resolve) => setTimeout(resolve, 200));
        expect(socket.about(orderId)).toEqual([]);
        const feed = await server().running.services.liveFeed.read(subOf(tokens.bob), 0, false, 10_000);
        expect(feed.filter((e) => e.message.order_id === orderId)).toEqual([]);
      } finally {
        await socket.close();
        expect((await bob('PUT', '/api/v1/me/profile', { channels: { live: true } })).status).toBe(200);
      }
    });

    it('turns one bus message delivered twice into one live update', async () => {
      const socket = await LiveClient.connect(base(), { token: tokens.alice });
      try {
        const orderId = await placePaid('alice');
        await eventually(() => expect(statuses(socket.about(orderId))).toEqual(['PAID']));
        const paid = socket.about(orderId)[0]!;
        const { running } = server();
        const row = await running.storage.db
          .selectFrom('outbox')
          .selectAll()
          .where('message_id', '=', paid.event_id)
          .executeTakeFirstOrThrow();
        await running.bus.publish([
          { topic: row.topic, key: row.message_key, envelope: row.payload as never, headers: row.headers },
        ]);
        await confirm(orderId);
        await eventually(() => expect(statuses(socket.about(orderId))).toEqual(['PAID', 'CONFIRMED']));
        await new Promise((resolve) => setTimeout(resolve, 300));
        expect(statuses(socket.about(orderId))).toEqual(['PAID', 'CONFIRMED']);
      } finally {
        await socket.close();
      }
    });

    it('closes the session with 4001 when its token expires', async () => {
      const shortLived = await tokenExpiringIn(server().dataDir, tokens.alice, 2);
      const socket = await LiveClient.connect(base(), { token: shortLived });
      const closed = await socket.closed;
      expect(closed.code).toBe(4001);
    });

    it('drops a socket that stops answering pings', async () => {
      const socket = await LiveClient.connect(base(), { token: tokens.alice, autoPong: false });
      const closed = await socket.closed;
      expect(closed.code).toBe(1006); // cut without a close frame
      const metrics = await (await fetch(`${base()}/metrics`)).text();
      expect(metrics).toMatch(/orderflow_live_sockets_dropped_total\{[^}]*reason="no_pong"[^}]*\} [1-9]/);
      expect(metrics).toMatch(/orderflow_live_updates_sent_total\{[^}]*\} \d/);
      expect(metrics).toMatch(/orderflow_live_sockets\{[^}]*\} \d/);
    });
  },
  { AUTO_CONFIRM: 'false', LIVE_UPDATES_CATCHUP_MS: '600000', LIVE_UPDATES_HEARTBEAT_MS: '1000' },
);

describe('live updates when the server shuts down', () => {
  it('closes open sockets with 1012 (service restart), so clients reconnect elsewhere with after', async () => {
    const server = await startTestServer();
    let socket: LiveClient | undefined;
    try {
      socket = await LiveClient.connect(server.baseUrl, { token: await getToken(server.baseUrl, 'alice') });
    } finally {
      await server.stop();
    }
    expect((await socket.closed).code).toBe(1012);
  });
});
