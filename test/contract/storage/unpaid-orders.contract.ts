import { randomUUID } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import type { UnpaidOrder } from '../../../src/contexts/ordering/index.ts';
import { type CurrentFixture, race, sleep } from './storage-fixture.ts';

const unpaid = (customerId: string, createdAt = new Date().toISOString(), units = 1): UnpaidOrder => ({
  order_id: randomUUID(),
  customer_id: customerId,
  created_at: createdAt,
  units,
});

/** `UnpaidOrders`: ordering's index of PENDING orders, with per-buyer holdings (orders, units) whose caps hold under concurrency. */
export function unpaidOrdersContract(current: CurrentFixture): void {
  describe('unpaid orders', () => {
    const storage = () => current().storage;
    const orders = () => current().storage.read.unpaidOrders;

    it('adds an order once, counts a buyer’s orders and units and forgets a removed one', async () => {
      const buyer = `buyer-${randomUUID()}`;
      const now = new Date().toISOString();
      const [a, b] = [unpaid(buyer, now, 4), unpaid(buyer, now, 7)];
      expect(await orders().heldByBuyer(buyer)).toEqual({ orders: 0, units: 0 });
      await orders().add(a);
      await orders().add(a);
      await orders().add(b);
      await orders().add(unpaid(`buyer-${randomUUID()}`));
      expect(await orders().heldByBuyer(buyer)).toEqual({ orders: 2, units: 11 });
      await orders().remove(a.order_id);
      await orders().remove(a.order_id);
      expect(await orders().heldByBuyer(buyer)).toEqual({ orders: 1, units: 7 });
    });

    it('finds orders created at or before a cutoff, oldest first, up to a limit', async () => {
      const buyer = `buyer-${randomUUID()}`;
      // Instants no other test uses, so the limit sees only these rows.
      const at = (day: number) => new Date(Date.UTC(1990, 0, day)).toISOString();
      const rows = [unpaid(buyer, at(3)), unpaid(buyer, at(1)), unpaid(buyer, at(2)), unpaid(buyer, at(5))];
      for (const row of rows) await orders().add(row);
      const cutoff = new Date(at(3));
      expect(await orders().createdBefore(cutoff, 10)).toEqual([rows[1], rows[2], rows[0]]);
      expect(await orders().createdBefore(cutoff, 2)).toEqual([rows[1], rows[2]]);
      await orders().remove(rows[1]!.order_id);
      expect(await orders().createdBefore(cutoff, 1)).toEqual([rows[2]]);
    });

    it('lets no more than the cap through when 10 placements for one buyer race', async () => {
      const buyer = `buyer-${randomUUID()}`;
      const cap = 3;
      const { won, lost } = await race(storage(), 10, async (tx) => {
        const added = await tx.unpaidOrders.add(unpaid(buyer), { orders: cap, units: 100 });
        // Time for the others to check too, were the buyer not held until commit.
        await sleep(20);
        return added;
      });
      expect(lost).toEqual([]);
      expect(won.filter(Boolean)).toHaveLength(cap);
      expect(await orders().heldByBuyer(buyer)).toEqual({ orders: cap, units: cap });
    });

    it('holds a buyer to the units cap under a race, and a refused add leaves nothing', async () => {
      const buyer = `buyer-${randomUUID()}`;
      const { won, lost } = await race(storage(), 8, async (tx) => {
        const added = await tx.unpaidOrders.add(unpaid(buyer, undefined, 3), { orders: 100, units: 10 });
        await sleep(20);
        return added;
      });
      expect(lost).toEqual([]);
      expect(won.filter(Boolean)).toHaveLength(3);
      expect(await orders().heldByBuyer(buyer)).toEqual({ orders: 3, units: 9 });
      // More units than the cap at all, from a buyer who holds nothing: refused.
      const other = `buyer-${randomUUID()}`;
      const big = unpaid(other, undefined, 11);
      expect(await orders().add(big, { orders: 5, units: 10 })).toBe(false);
      expect(await orders().heldByBuyer(other)).toEqual({ orders: 0, units: 0 });
      expect(
        (await orders().createdBefore(new Date(Date.now() + 60_000), 1000)).map((o) => o.order_id),
      ).not.toContain(big.order_id);
      // Within the caps again once one is removed; adding an indexed order again is no refusal.
      const held = (await orders().createdBefore(new Date(Date.now() + 60_000), 1000)).filter(
        (o) => o.customer_id === buyer,
      );
      await orders().remove(held[0]!.order_id);
      expect(await orders().heldByBuyer(buyer)).toEqual({ orders: 2, units: 6 });
      expect(await orders().add(held[1]!, { orders: 2, units: 6 })).toBe(true);
      expect(await orders().add(unpaid(buyer, undefined, 3), { orders: 100, units: 10 })).toBe(true);
      expect(await orders().heldByBuyer(buyer)).toEqual({ orders: 3, units: 9 });
    });
  });
}
