import { randomUUID } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { UnpaidCapReached, type UnpaidOrder } from '../../../src/contexts/ordering/index.ts';
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
        await tx.unpaidOrders.add(unpaid(buyer), { orders: cap, units: 100 });
        // The refusal may come with the next statement: this one, or the commit.
        const held = await tx.unpaidOrders.heldByBuyer(buyer);
        // Time for the others to check too, were the buyer not held until commit.
        await sleep(20);
        return held;
      });
      expect(won).toHaveLength(cap);
      expect(lost).toHaveLength(10 - cap);
      for (const refusal of lost) expect(refusal).toBeInstanceOf(UnpaidCapReached);
      expect(await orders().heldByBuyer(buyer)).toEqual({ orders: cap, units: cap });
    });

    it('holds a buyer to the units cap under a race, and a refused add leaves nothing', async () => {
      const buyer = `buyer-${randomUUID()}`;
      const { won, lost } = await race(storage(), 8, async (tx, i) => {
        await tx.unpaidOrders.add(unpaid(buyer, undefined, 3), { orders: 100, units: 10 });
        await sleep(20);
        // Half the refusals come from the commit, half from a statement after the add.
        if (i % 2 === 0) await tx.unpaidOrders.heldByBuyer(buyer);
        return i;
      });
      expect(won).toHaveLength(3);
      expect(lost).toHaveLength(5);
      for (const refusal of lost) expect(refusal).toBeInstanceOf(UnpaidCapReached);
      expect(await orders().heldByBuyer(buyer)).toEqual({ orders: 3, units: 9 });
      // More units than the cap at all, from a buyer who holds nothing: refused, outside a unit
      // of work by the add itself.
      const other = `buyer-${randomUUID()}`;
      const big = unpaid(other, undefined, 11);
      await expect(orders().add(big, { orders: 5, units: 10 })).rejects.toBeInstanceOf(UnpaidCapReached);
      // In one, nothing the unit of work wrote stays.
      const first = unpaid(other, undefined, 1);
      await expect(
        storage().transaction(async (tx) => {
          await tx.unpaidOrders.add(first, { orders: 5, units: 10 });
          await tx.unpaidOrders.add(big, { orders: 5, units: 10 });
        }),
      ).rejects.toBeInstanceOf(UnpaidCapReached);
      expect(await orders().heldByBuyer(other)).toEqual({ orders: 0, units: 0 });
      const indexed = (await orders().createdBefore(new Date(Date.now() + 60_000), 1000)).map(
        (o) => o.order_id,
      );
      expect(indexed).not.toContain(big.order_id);
      expect(indexed).not.toContain(first.order_id);
      // Within the caps again once one is removed; adding an indexed order again is no refusal.
      const held = (await orders().createdBefore(new Date(Date.now() + 60_000), 1000)).filter(
        (o) => o.customer_id === buyer,
      );
      await orders().remove(held[0]!.order_id);
      expect(await orders().heldByBuyer(buyer)).toEqual({ orders: 2, units: 6 });
      await orders().add(held[1]!, { orders: 2, units: 6 });
      await orders().add(unpaid(buyer, undefined, 3), { orders: 100, units: 10 });
      expect(await orders().heldByBuyer(buyer)).toEqual({ orders: 3, units: 9 });
    });
  });
}
