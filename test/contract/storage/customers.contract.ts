import { randomUUID } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { NO_STREAM } from '../../../src/shared/ports/event-store.ts';
import { event } from './event-store.contract.ts';
import type { CurrentFixture } from './storage-fixture.ts';

/** Billing's `CustomerDirectory`: a buyer is known as a user of the built-in issuer or by an order. */
export function customersContract(current: CurrentFixture): void {
  describe('customers (billing)', () => {
    const customers = () => current().storage.read.customers;

    it('knows a user of the built-in identity provider', async () => {
      const id = randomUUID();
      expect(await customers().isKnown(id)).toBe(false);
      await current().addUser({
        id,
        username: `user-${randomUUID()}`,
        password_hash: 'scrypt$16384$8$1$c2FsdA$aGFzaA',
        email: null,
        full_name: null,
        roles: ['buyer'],
      });
      expect(await customers().isKnown(id)).toBe(true);
    });

    it('knows a buyer of another identity provider once they placed an order', async () => {
      const subject = `auth0|${randomUUID()}`;
      expect(await customers().isKnown(subject)).toBe(false);
      const orderId = randomUUID();
      await current().storage.read.events.append(`order-${orderId}`, 'order', NO_STREAM, [
        event('OrderCreated', { order_id: orderId, customer_id: subject }),
      ]);
      expect(await customers().isKnown(subject)).toBe(true);
      expect(await customers().isKnown(`auth0|${randomUUID()}`)).toBe(false);
    });
  });
}
