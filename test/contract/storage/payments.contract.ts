import { randomUUID } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { PaymentAlreadyStarted, type PaymentRecord } from '../../../src/contexts/ordering/index.ts';
import { type CurrentFixture, race, sleep } from './storage-fixture.ts';

const payment = (): Omit<PaymentRecord, 'status'> => ({
  order_id: randomUUID(),
  customer_id: `buyer-${randomUUID()}`,
  amount: 1250,
  currency: 'EUR',
  operation_id: randomUUID(),
});

/** `PaymentRecords`: the payment saga's durable state, one per order, moved on once. */
export function paymentsContract(current: CurrentFixture): void {
  describe('payment records', () => {
    const storage = () => current().storage;
    const payments = () => current().storage.read.payments;

    it('starts one payment per order', async () => {
      const p = payment();
      expect(await payments().find(p.order_id)).toBeUndefined();
      await payments().start(p);
      await expect(payments().start({ ...p, amount: 1, operation_id: randomUUID() })).rejects.toEqual(
        new PaymentAlreadyStarted(p.order_id),
      );
      expect(await payments().find(p.order_id)).toEqual({ ...p, status: 'DEBITED' });
    });

    it('refuses a whole unit of work that starts a payment already there, whatever it wrote before or after', async () => {
      const p = payment();
      await payments().start(p);
      const q = payment();
      const again = storage().transaction(async (tx) => {
        await tx.payments.start(q);
        await tx.payments.start({ ...p, operation_id: randomUUID() });
        return tx.payments.find(q.order_id);
      });
      await expect(again).rejects.toBeInstanceOf(PaymentAlreadyStarted);
      expect(await payments().find(q.order_id)).toBeUndefined();
      // The refusal comes from the statement it went with (here the read), or from the commit.
      await expect(
        storage().transaction((tx) => tx.payments.start({ ...p, operation_id: randomUUID() })),
      ).rejects.toBeInstanceOf(PaymentAlreadyStarted);
    });

    it('completes a debited payment once, and refunds it once', async () => {
      const p = payment();
      await payments().start(p);
      expect(await payments().complete(p.order_id)).toBe(true);
      expect(await payments().complete(p.order_id)).toBe(false);
      expect((await payments().find(p.order_id))?.status).toBe('COMPLETED');
      expect(await payments().refunded(p.order_id)).toBe(true);
      expect(await payments().refunded(p.order_id)).toBe(false);
      expect(await payments().complete(p.order_id)).toBe(false);
      expect((await payments().find(p.order_id))?.status).toBe('REFUNDED');

      const q = payment();
      await payments().start(q);
      expect(await payments().refunded(q.order_id)).toBe(true);
      expect(await payments().complete(q.order_id)).toBe(false);
      expect(await payments().refunded(randomUUID())).toBe(false);
    });

    it('lets one of 20 concurrent attempts start the payment of an order', async () => {
      const p = payment();
      const { won, lost } = await race(storage(), 20, async (tx) => {
        await tx.payments.start({ ...p, operation_id: randomUUID() });
        // What the debit would do next: never reached by a loser (its unit of work is refused).
        return tx.payments.find(p.order_id);
      });
      expect(won).toHaveLength(1);
      expect(lost).toHaveLength(19);
      for (const error of lost) expect(error).toBeInstanceOf(PaymentAlreadyStarted);
    });

    it('locks the record it finds in a transaction, so one of 10 racing finishers sees it DEBITED', async () => {
      const p = payment();
      await payments().start(p);
      const { won, lost } = await race(storage(), 10, async (tx) => {
        const seen = await tx.payments.find(p.order_id);
        if (seen?.status !== 'DEBITED') return seen?.status;
        await sleep(20);
        await tx.payments.complete(p.order_id);
        return 'finished';
      });
      expect(lost).toEqual([]);
      expect(won.filter((w) => w === 'finished')).toHaveLength(1);
      expect(won.filter((w) => w === 'COMPLETED')).toHaveLength(9);
    });

    it('reports payments left DEBITED longer than the grace period', async () => {
      const left = payment();
      const done = payment();
      for (const p of [left, done]) await payments().start(p);
      await payments().complete(done.order_id);
      const mine = (records: PaymentRecord[]) =>
        records.filter((r) => [left.order_id, done.order_id].includes(r.order_id));
      expect(mine(await payments().stuck(0, 1000))).toEqual([{ ...left, status: 'DEBITED' }]);
      expect(mine(await payments().stuck(3_600_000, 1000))).toEqual([]);
    });
  });
}
