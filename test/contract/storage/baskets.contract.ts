import { randomUUID } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { type CurrentFixture, Rollback } from './storage-fixture.ts';

/** `BasketStore`: one basket per buyer, versioned; a checkout empties only the version it ordered. */
export function basketsContract(current: CurrentFixture): void {
  describe('baskets', () => {
    const baskets = () => current().storage.read.baskets;
    const now = new Date('2026-01-01T10:00:00Z');

    it('creates a basket on first save, replaces its lines and bumps the version after', async () => {
      const buyer = `buyer-${randomUUID()}`;
      expect(await baskets().find(buyer)).toBeUndefined();
      const first = await baskets().save(buyer, [{ product_id: 'a', quantity: 2 }], now);
      expect(first).toMatchObject({ customer_id: buyer, version: 1, last_checkout: null });
      expect(first.lines).toEqual([{ product_id: 'a', quantity: 2 }]);
      const second = await baskets().save(buyer, [{ product_id: 'b', quantity: 1 }], now);
      expect(second.version).toBe(2);
      expect((await baskets().find(buyer))?.lines).toEqual([{ product_id: 'b', quantity: 1 }]);
      expect(await baskets().find(`buyer-${randomUUID()}`)).toBeUndefined();
    });

    it('empties the basket at the checked-out version and remembers the checkout', async () => {
      const buyer = `buyer-${randomUUID()}`;
      const lines = [{ product_id: 'a', quantity: 3 }];
      const saved = await baskets().save(buyer, lines, now);
      expect(await baskets().checkedOut(buyer, saved.version, { key: 'k1', lines }, now)).toBe(true);
      const after = await baskets().find(buyer);
      expect(after?.lines).toEqual([]);
      expect(after?.last_checkout).toEqual({ key: 'k1', lines });
      expect(after?.version).toBe(saved.version + 1);
    });

    it('keeps lines changed since the checkout read the basket', async () => {
      const buyer = `buyer-${randomUUID()}`;
      const lines = [{ product_id: 'a', quantity: 1 }];
      const read = await baskets().save(buyer, lines, now);
      await baskets().save(buyer, [{ product_id: 'c', quantity: 5 }], now);
      expect(await baskets().checkedOut(buyer, read.version, { key: null, lines }, now)).toBe(false);
      expect((await baskets().find(buyer))?.lines).toEqual([{ product_id: 'c', quantity: 5 }]);
    });

    it('forgets a save whose transaction rolled back', async () => {
      const buyer = `buyer-${randomUUID()}`;
      await expect(
        current().storage.transaction(async (tx) => {
          await tx.baskets.save(buyer, [{ product_id: 'a', quantity: 1 }], now);
          throw new Rollback();
        }),
      ).rejects.toBeInstanceOf(Rollback);
      expect(await baskets().find(buyer)).toBeUndefined();
    });
  });
}
