import { randomUUID } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { NO_STREAM } from '../../../src/shared/ports/event-store.ts';
import { event } from './event-store.contract.ts';
import type { CurrentFixture } from './storage-fixture.ts';

/** Billing's `CustomerDirectory`: an admin tops up only buyers orderflow knows. */
export function customersContract(current: CurrentFixture): void {
  describe('customers', () => {
    const customers = () => current().storage.read.customers;

    it('knows a user of the built-in provider', async () => {
      const id = randomUUID();
      await current().addUser({
        id,
        username: `buyer-${id}`,
        password_hash: 'scrypt$16384$8$1$c2FsdA$aGFzaA',
        email: null,
        full_name: null,
        roles: ['buyer'],
      });
      expect(await customers().isKnown(id)).toBe(true);
    });

    it('knows a customer of an external provider once they placed an order', async () => {
      const subject = `auth0|${randomUUID()}`;
      expect(await customers().isKnown(subject)).toBe(false);
      await current().storage.transaction((tx) =>
        tx.events.append(`order-${randomUUID()}`, 'order', NO_STREAM, [
          event('OrderCreated', { customer_id: subject }),
        ]),
      );
      expect(await customers().isKnown(subject)).toBe(true);
    });

    it('knows no one for an id it never saw', async () => {
      expect(await customers().isKnown(randomUUID())).toBe(false);
      expect(await customers().isKnown('not a uuid')).toBe(false);
    });
  });
}
