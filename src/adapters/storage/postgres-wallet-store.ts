import { type Kysely, type Selectable, sql } from 'kysely';
import {
  type ApplyResult,
  type NewWalletOperation,
  type Wallet,
  WalletInOtherCurrency,
  type WalletOperation,
  type WalletStore,
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
    const orderId = operation.order_id ?? null;
    // One statement: the order's earlier operation of this kind if any; else the balance moved
    // by the conditional update, the guard against overdraft (it re-checks the balance under the
    // wallet's row lock, so concurrent debits of one wallet queue there); and the ledger row,
    // only if the balance moved.
    const { rows } = await sql<
      Selectable<Database['wallet_operations']> & {
        outcome: 'existing' | 'inserted' | 'moved';
        balance: number | null;
      }
    >`
      with existing as (
        select id, customer_id, kind, amount, order_id, created_at from wallet_operations
        where order_id = ${orderId}::uuid and kind = ${operation.kind}
      ), moved as (
        update wallets set balance = balance + ${operation.amount}::int, updated_at = now()
        where customer_id = ${operation.customer_id} and currency = ${operation.currency}
          and balance + ${operation.amount}::bigint between 0 and ${MAX_AMOUNT}
          and not exists (select 1 from existing)
        returning balance
      ), inserted as (
        insert into wallet_operations (id, customer_id, kind, amount, order_id)
        select ${operation.id}::uuid, ${operation.customer_id}, ${operation.kind}, ${operation.amount}::int,
          ${orderId}::uuid
        from moved
        on conflict (order_id, kind) where order_id is not null do nothing
        returning id, customer_id, kind, amount, order_id, created_at
      )
      select 'existing' as outcome, e.*, null::int as balance from existing e
      union all
      select 'inserted', i.*, (select balance from moved) from inserted i
      union all
      select 'moved', null::uuid, null::text, null::text, null::int, null::uuid, null::timestamptz, balance
        from moved where not exists (select 1 from inserted)`.execute(this.db);
    const row = rows[0];
    if (row?.outcome === 'existing') return { outcome: 'duplicate', operation: toOperation(row) };
    if (row?.outcome === 'inserted')
      return { outcome: 'applied', operation: toOperation(row), balance: row.balance! };
    if (row?.outcome === 'moved') {
      // Another transaction recorded this order's operation first; throwing rolls back the
      // balance change made above.
      throw new DomainError(
        'CONCURRENCY_CONFLICT',
        `order ${operation.order_id} already has a ${operation.kind}`,
      );
    }
    const wallet = await this.find(operation.customer_id);
    if (wallet && operation.amount > 0 && wallet.balance + operation.amount > MAX_AMOUNT) {
      throw new DomainError('VALIDATION_FAILED', `a wallet holds at most ${MAX_AMOUNT} minor units`);
    }
    if (wallet && wallet.currency !== operation.currency)
      throw new WalletInOtherCurrency(wallet.currency, operation.currency);
    return { outcome: 'insufficient', balance: wallet?.balance ?? 0 };
  }

  async ledgerSum(customerId: string): Promise<number> {
    const row = await this.db
      .selectFrom('wallet_operations')
      .select((eb) => eb.fn.coalesce(eb.fn.sum<string | number>('amount'), eb.lit(0)).as('sum'))
      .where('customer_id', '=', customerId)
      .executeTakeFirstOrThrow();
    return Number(row.sum);
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
