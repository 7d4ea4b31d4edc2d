import { type Kysely, type Selectable, sql } from 'kysely';
import type {
  ApplyResult,
  NewWalletOperation,
  Wallet,
  WalletOperation,
  WalletStore,
} from '../../contexts/billing/index.ts';
import { DomainError } from '../../shared/errors.ts';
import { MAX_AMOUNT } from '../../shared/money.ts';
import type { Database } from './schema.ts';

export class PostgresWalletStore implements WalletStore {
  constructor(private readonly db: Kysely<Database>) {}

  find(customerId: string): Promise<Wallet | undefined> {
    return this.db
      .selectFrom('wallets')
      .select(['customer_id', 'currency', 'balance'])
      .where('customer_id', '=', customerId)
      .executeTakeFirst();
  }

  async operations(customerId: string, limit: number, afterId?: string): Promise<WalletOperation[]> {
    let query = this.db.selectFrom('wallet_operations').selectAll().where('customer_id', '=', customerId);
    if (afterId !== undefined) {
      // Compared in SQL with the stored timestamp: its microseconds do not survive a JS Date.
      query = query.where(
        sql<boolean>`(created_at, id) < (select created_at, id from wallet_operations where id = ${afterId} and customer_id = ${customerId})`,
      );
    }
    const rows = await query.orderBy('created_at', 'desc').orderBy('id', 'desc').limit(limit).execute();
    return rows.map(toOperation);
  }

  async create(customerId: string, currency: string): Promise<boolean> {
    const result = await this.db
      .insertInto('wallets')
      .values({ customer_id: customerId, currency, balance: 0 })
      .onConflict((oc) => oc.column('customer_id').doNothing())
      .executeTakeFirst();
    return Number(result.numInsertedOrUpdatedRows ?? 0) > 0;
  }

  async open(customerId: string, currency: string): Promise<Wallet> {
    await this.db
      .insertInto('wallets')
      .values({ customer_id: customerId, currency, balance: 0 })
      .onConflict((oc) => oc.column('customer_id').doNothing())
      .execute();
    return (await this.find(customerId))!;
  }

  async apply(operation: NewWalletOperation): Promise<ApplyResult> {
    if (operation.order_id) {
      const existing = await this.#forOrder(operation.order_id, operation.kind);
      if (existing) return { outcome: 'duplicate', operation: existing };
    }
    // The conditional update is the guard against overdraft: it re-checks the balance under
    // the wallet's row lock, so concurrent debits of one wallet queue here.
    const moved = await this.db
      .updateTable('wallets')
      .set({ balance: sql<number>`balance + ${operation.amount}`, updated_at: sql<Date>`now()` })
      .where('customer_id', '=', operation.customer_id)
      .where('currency', '=', operation.currency)
      .where(sql<boolean>`balance + ${operation.amount}::bigint between 0 and ${MAX_AMOUNT}`)
      .returning('balance')
      .executeTakeFirst();
    if (!moved) {
      const wallet = await this.find(operation.customer_id);
      if (wallet && operation.amount > 0 && wallet.balance + operation.amount > MAX_AMOUNT) {
        throw new DomainError('VALIDATION_FAILED', `a wallet holds at most ${MAX_AMOUNT} minor units`);
      }
      if (wallet && wallet.currency !== operation.currency) {
        throw new DomainError(
          'VALIDATION_FAILED',
          `wallet is in ${wallet.currency}, not ${operation.currency}`,
        );
      }
      return { outcome: 'insufficient', balance: wallet?.balance ?? 0 };
    }
    const inserted = await this.db
      .insertInto('wallet_operations')
      .values({
        id: operation.id,
        customer_id: operation.customer_id,
        kind: operation.kind,
        amount: operation.amount,
        order_id: operation.order_id,
      })
      .onConflict((oc) => oc.columns(['order_id', 'kind']).where('order_id', 'is not', null).doNothing())
      .returningAll()
      .executeTakeFirst();
    if (!inserted) {
      // Another transaction recorded this order's operation first; throwing rolls back the
      // balance change made above.
      throw new DomainError(
        'CONCURRENCY_CONFLICT',
        `order ${operation.order_id} already has a ${operation.kind}`,
      );
    }
    return { outcome: 'applied', operation: toOperation(inserted), balance: moved.balance };
  }

  async ledgerSum(customerId: string): Promise<number> {
    const row = await this.db
      .selectFrom('wallet_operations')
      .select((eb) => eb.fn.coalesce(eb.fn.sum<string | number>('amount'), eb.lit(0)).as('sum'))
      .where('customer_id', '=', customerId)
      .executeTakeFirstOrThrow();
    return Number(row.sum);
  }

  async #forOrder(orderId: string, kind: WalletOperation['kind']): Promise<WalletOperation | undefined> {
    const row = await this.db
      .selectFrom('wallet_operations')
      .selectAll()
      .where('order_id', '=', orderId)
      .where('kind', '=', kind)
      .executeTakeFirst();
    return row && toOperation(row);
  }
}

const toOperation = (row: Selectable<Database['wallet_operations']>): WalletOperation => ({
  id: row.id,
  customer_id: row.customer_id,
  kind: row.kind,
  amount: row.amount,
  order_id: row.order_id,
  created_at: row.created_at.toISOString(),
});
