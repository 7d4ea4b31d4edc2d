import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { api, getToken, startTestServer, type TestServer } from '../support/orderflow-server.ts';
import { createTestDatabase } from '../support/postgres.ts';

type Client = ReturnType<typeof api>;

/** Issue 7, item 6 ("smaller leaks"), over HTTP in both storage modes. */
function smallLeaks(
  name: string,
  storageEnv: () => Promise<{ env: Record<string, string>; cleanup(): Promise<void> }>,
) {
  describe(`smaller leaks: ${name}`, () => {
    let server: TestServer;
    let cleanup: () => Promise<void>;
    let alice: Client;
    let admin: Client;
    let aliceId: string;
    let adminId: string;
    const subOf = (token: string) =>
      JSON.parse(Buffer.from(token.split('.')[1]!, 'base64url').toString()).sub as string;

    beforeAll(async () => {
      const storage = await storageEnv();
      cleanup = storage.cleanup;
      server = await startTestServer({ ...storage.env, AUTO_CONFIRM: 'false' });
      const [a, ad] = await Promise.all([
        getToken(server.baseUrl, 'alice'),
        getToken(server.baseUrl, 'admin'),
      ]);
      aliceId = subOf(a);
      adminId = subOf(ad);
      alice = api(server.baseUrl, a);
      admin = api(server.baseUrl, ad);
    });
    afterAll(async () => {
      await server?.stop();
      await cleanup?.();
    });

    it("shows the buyer an admin's cancellation by role and reason, not the admin's id; admins see the id", async () => {
      const orderId = (
        await alice('POST', '/api/v1/orders', { items: [{ product_id: 'drink-lemonade', quantity: 1 }] })
      ).body.order_id as string;
      expect(
        (await admin('POST', `/api/v1/orders/${orderId}/cancel`, { reason: 'kitchen closed' })).status,
      ).toBe(200);
      const own = await alice('GET', `/api/v1/orders/${orderId}/events`);
      expect(own.status).toBe(200);
      const cancelled = (own.body.events as { type: string; data: Record<string, unknown> }[]).at(-1)!;
      expect(cancelled.type).toBe('OrderCancelled');
      expect(cancelled.data).toMatchObject({ reason: 'kitchen closed', cancelled_by: { kind: 'admin' } });
      expect(own.text).not.toContain(adminId);
      const audit = await admin('GET', `/api/v1/orders/${orderId}/events`);
      expect(audit.text).toContain(adminId);
    });

    it('answers 404 CUSTOMER_NOT_FOUND to a top-up for an unknown customer, and opens no wallet', async () => {
      const nobody = randomUUID();
      const refused = await admin('POST', `/api/v1/wallets/${nobody}/top-ups`, { amount: 100 });
      expect(refused.status).toBe(404);
      expect(refused.body.code).toBe('CUSTOMER_NOT_FOUND');
      expect(refused.headers.get('content-type')).toContain('application/problem+json');
      const notAUuid = await admin('POST', '/api/v1/wallets/not-a-customer/top-ups', { amount: 100 });
      expect(notAUuid.status).toBe(404);
      const wallets = await server.running.storage.read.wallets.find(nobody);
      expect(wallets).toBeUndefined();
      expect((await admin('POST', `/api/v1/wallets/${aliceId}/top-ups`, { amount: 100 })).status).toBe(201);
    });

    it('pages the ledger by cursor: every operation exactly once, newest first', async () => {
      for (let i = 1; i <= 7; i++) {
        expect((await admin('POST', `/api/v1/wallets/${aliceId}/top-ups`, { amount: i })).status).toBe(201);
      }
      const all = (await alice('GET', '/api/v1/me/wallet?limit=100')).body.operations as { id: string }[];
      const seen: string[] = [];
      let cursor: string | null = null;
      let pages = 0;
      do {
        const query: string = cursor ? `?limit=3&cursor=${cursor}` : '?limit=3';
        const page = await alice('GET', `/api/v1/me/wallet${query}`);
        expect(page.status).toBe(200);
        const operations = page.body.operations as { id: string }[];
        expect(operations.length).toBeLessThanOrEqual(3);
        seen.push(...operations.map((o) => o.id));
        cursor = page.body.next_cursor as string | null;
        pages++;
      } while (cursor);
      expect(seen).toEqual(all.map((o) => o.id));
      expect(pages).toBe(Math.ceil(all.length / 3));
      expect(new Set(seen).size).toBe(seen.length);
      const bad = await alice('GET', '/api/v1/me/wallet?cursor=nonsense');
      expect(bad.status).toBe(400);
      expect((await alice('GET', '/api/v1/me/wallet?limit=101')).status).toBe(400);
    });
  });
}

smallLeaks('PGlite', async () => ({ env: {}, cleanup: async () => {} }));

smallLeaks('PostgreSQL', async () => {
  const database = await createTestDatabase();
  return { env: { DATABASE_URL: database.url, DEMO_DATA: 'true' }, cleanup: database.drop };
});
