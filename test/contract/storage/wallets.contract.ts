import { randomUUID } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import {
  type ApplyResult,
  type NewWalletOperation,
  type OperationKind,
  WalletInOtherCurrency,
} from '../../../src/contexts/billing/index.ts';
import { DomainError } from '../../../src/shared/errors.ts';
import { MAX_AMOUNT } from '../../../src/shared/money.ts';
import { type CurrentFixture, race } from './storage-fixture.ts';

const operation = (
  customerId: string,
  kind: OperationKind,
  amount: number,
  orderId: string | null = null,
): NewWalletOperation => ({
  id: randomUUID(),
  customer_id: customerId,
  kind,
  amount,
  order_id: orderId,
  currency: 'EUR',
});

const isCode = (code: string) => (reason: unknown) => reason instanceof DomainError && reason.code === code;

/** `WalletStore`: the balance is the ledger's sum, never below zero, one debit and one refund per order. */
export function walletsContract(current: CurrentFixture): void {
  describe('wallets', () => {
    const storage = () => current().storage;
    const wallets = () => current().storage.read.wallets;
    /** A wallet holding `balance`, funded by one top-up. */
    const funded = async (balance: number) => {
      const customer = `buyer-${randomUUID()}`;
      await wallets().open(customer, 'EUR');
      if (balance > 0) await wallets().apply(operation(customer, 'top_up', balance));
      return customer;
    };
    const expectBalance = async (customer: string, balance: number) => {
      expect((await wallets().find(customer))?.balance).toBe(balance);
      expect(await wallets().ledgerSum(customer)).toBe(balance);
    };

    it('creates and opens a wallet once, at zero', async () => {
      const customer = `buyer-${randomUUID()}`;
      expect(await wallets().find(customer)).toBeUndefined();
      expect(await wallets().ledgerSum(customer)).toBe(0);
      expect(await wallets().create(customer, 'EUR')).toBe(true);
      expect(await wallets().create(customer, 'USD')).toBe(false);
      expect(await wallets().open(customer, 'USD')).toEqual({
        customer_id: customer,
        currency: 'EUR',
        balance: 0,
      });
      const other = `buyer-${randomUUID()}`;
      expect(await wallets().open(other, 'EUR')).toEqual({ customer_id: other, currency: 'EUR', balance: 0 });
      expect(await wallets().operations(other, 10)).toEqual([]);
    });

    it('moves the balance and appends the operation together; lists the ledger newest first', async () => {
      const customer = await funded(0);
      const top = operation(customer, 'top_up', 1000);
      expect(await wallets().apply(top)).toEqual<ApplyResult>({
        outcome: 'applied',
        balance: 1000,
        operation: {
          id: top.id,
          customer_id: customer,
          kind: 'top_up',
          amount: 1000,
          order_id: null,
          created_at: expect.any(String),
        },
      });
      const orderId = randomUUID();
      const debit = await wallets().apply(operation(customer, 'debit', -300, orderId));
      expect(debit).toMatchObject({ outcome: 'applied', balance: 700, operation: { order_id: orderId } });
      await expectBalance(customer, 700);
      const ledger = await wallets().operations(customer, 10);
      expect(ledger.map((o) => [o.kind, o.amount])).toEqual([
        ['debit', -300],
        ['top_up', 1000],
      ]);
      expect((await wallets().operations(customer, 1)).map((o) => o.kind)).toEqual(['debit']);
      expect(Number.isNaN(Date.parse(ledger[0]!.created_at))).toBe(false);
    });

    it('pages the ledger newest first after a given operation, ties broken by id', async () => {
      const customer = await funded(1000);
      // One transaction: these share a timestamp, so only the id orders them.
      await storage().transaction(async (tx) => {
        for (let i = 0; i < 3; i++) await tx.wallets.apply(operation(customer, 'debit', -10, randomUUID()));
      });
      await wallets().apply(operation(customer, 'top_up', 5));
      const all = await wallets().operations(customer, 100);
      expect(all).toHaveLength(5);
      // Newest first by time; operations of one transaction share their timestamp exactly and
      // are ordered by id. (Separate transactions may fall in one millisecond of the ISO strings
      // while PostgreSQL still tells their microseconds apart, so only the debits' tie is checked.)
      const times = all.map((o) => Date.parse(o.created_at));
      expect(times).toEqual([...times].sort((a, b) => b - a));
      const debits = all.filter((o) => o.kind === 'debit');
      expect(new Set(debits.map((o) => o.created_at)).size).toBe(1);
      const debitIds = debits.map((o) => o.id);
      expect(debitIds).toEqual([...debitIds].sort().reverse());
      const paged: string[] = [];
      let after: string | undefined;
      for (let page = 0; page < 10; page++) {
        const ops = await wallets().operations(customer, 2, after);
        if (ops.length === 0) break;
        paged.push(...ops.map((o) => o.id));
        after = ops.at(-1)!.id;
      }
      expect(paged).toEqual(all.map((o) => o.id));
    });

    it('refuses a debit the balance cannot cover, changing nothing', async () => {
      const customer = await funded(500);
      expect(await wallets().apply(operation(customer, 'debit', -501, randomUUID()))).toEqual({
        outcome: 'insufficient',
        balance: 500,
      });
      await expectBalance(customer, 500);
      expect(await wallets().operations(customer, 10)).toHaveLength(1);
    });

    it('refuses another currency and a balance past the maximum', async () => {
      const customer = await funded(100);
      // The class and its fields: place-order answers a paid order's refusal from them.
      const refused = await wallets()
        .apply({ ...operation(customer, 'debit', -50, randomUUID()), currency: 'USD' })
        .catch((error: unknown) => error);
      expect(refused).toBeInstanceOf(WalletInOtherCurrency);
      expect(refused).toMatchObject({
        walletCurrency: 'EUR',
        currency: 'USD',
        details: { wallet_currency: 'EUR', currency: 'USD' },
      });
      await expect(
        wallets().apply({ ...operation(customer, 'top_up', 100), currency: 'USD' }),
      ).rejects.toSatisfy(isCode('VALIDATION_FAILED'));
      await expect(wallets().apply(operation(customer, 'top_up', MAX_AMOUNT))).rejects.toSatisfy(
        isCode('VALIDATION_FAILED'),
      );
      await expectBalance(customer, 100);
    });

    it('applies one debit and one refund per order, answering a repeat with the first', async () => {
      const customer = await funded(1000);
      const orderId = randomUUID();
      const debit = operation(customer, 'debit', -400, orderId);
      expect((await wallets().apply(debit)).outcome).toBe('applied');
      const again = await wallets().apply(operation(customer, 'debit', -400, orderId));
      expect(again).toMatchObject({ outcome: 'duplicate', operation: { id: debit.id, amount: -400 } });
      expect((await wallets().apply(operation(customer, 'refund', 400, orderId))).outcome).toBe('applied');
      expect((await wallets().apply(operation(customer, 'refund', 400, orderId))).outcome).toBe('duplicate');
      await expectBalance(customer, 1000);
    });

    it('never overdraws when 25 orders debit one wallet at once', async () => {
      const customer = await funded(100);
      const { won, lost } = await race(storage(), 25, (tx) =>
        tx.wallets.apply(operation(customer, 'debit', -10, randomUUID())),
      );
      expect(lost).toEqual([]);
      expect(won.filter((r) => r.outcome === 'applied')).toHaveLength(10);
      expect(won.filter((r) => r.outcome === 'insufficient')).toHaveLength(15);
      await expectBalance(customer, 0);
    });

    it('debits an order once when 20 attempts race', async () => {
      const customer = await funded(1000);
      const orderId = randomUUID();
      const { won, lost } = await race(storage(), 20, (tx) =>
        tx.wallets.apply(operation(customer, 'debit', -100, orderId)),
      );
      expect(won.filter((r) => r.outcome === 'applied')).toHaveLength(1);
      expect(won.every((r) => r.outcome !== 'insufficient')).toBe(true);
      // A loser sees the winner's debit, or (not yet committed) a conflict that rolls it back.
      expect(lost.every(isCode('CONCURRENCY_CONFLICT'))).toBe(true);
      await expectBalance(customer, 900);
    });

    it('refunds an order once when 20 attempts race', async () => {
      const customer = await funded(1000);
      const orderId = randomUUID();
      await wallets().apply(operation(customer, 'debit', -250, orderId));
      const { won, lost } = await race(storage(), 20, (tx) =>
        tx.wallets.apply(operation(customer, 'refund', 250, orderId)),
      );
      expect(won.filter((r) => r.outcome === 'applied')).toHaveLength(1);
      expect(lost.every(isCode('CONCURRENCY_CONFLICT'))).toBe(true);
      await expectBalance(customer, 1000);
    });
  });
}
