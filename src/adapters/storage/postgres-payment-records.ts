import { type Kysely, sql } from 'kysely';
import {
  PaymentAlreadyStarted,
  type PaymentRecord,
  type PaymentRecords,
} from '../../contexts/ordering/index.ts';
import { sendWrittenOrRefused } from './deferred-begin.ts';
import type { Database } from './schema.ts';

const COLUMNS = ['order_id', 'customer_id', 'amount', 'currency', 'operation_id', 'status'] as const;

export class PostgresPaymentRecords implements PaymentRecords {
  constructor(private readonly db: Kysely<Database>) {}

  async start(
    payment: Omit<PaymentRecord, 'status'>,
    status: 'DEBITED' | 'COMPLETED' = 'DEBITED',
  ): Promise<void> {
    // A payment already recorded inserts nothing, and refuses what follows it (the record may
    // leave with the unit of work's next statement, the debit). A concurrent start waits on the
    // order's key here until the other commits or rolls back, so the one that loses never
    // reaches the wallet.
    await sendWrittenOrRefused(
      this.db,
      this.db
        .insertInto('payments')
        .values({ ...payment, status })
        .onConflict((oc) => oc.column('order_id').doNothing())
        .returning(sql`1`.as('one')),
      () => new PaymentAlreadyStarted(payment.order_id),
    );
  }

  find(orderId: string): Promise<PaymentRecord | undefined> {
    return this.db
      .selectFrom('payments')
      .select(COLUMNS)
      .where('order_id', '=', orderId)
      .forUpdate()
      .executeTakeFirst();
  }

  complete(orderId: string): Promise<boolean> {
    return this.#move(orderId, ['DEBITED'], 'COMPLETED');
  }

  refunded(orderId: string): Promise<boolean> {
    return this.#move(orderId, ['DEBITED', 'COMPLETED'], 'REFUNDED');
  }

  stuck(olderThanMs: number, limit: number): Promise<PaymentRecord[]> {
    return this.db
      .selectFrom('payments')
      .select(COLUMNS)
      .where('status', '=', 'DEBITED')
      .where('updated_at', '<=', sql<Date>`now() - make_interval(secs => ${olderThanMs / 1000})`)
      .orderBy('updated_at')
      .limit(limit)
      .execute();
  }

  async #move(
    orderId: string,
    from: PaymentRecord['status'][],
    to: PaymentRecord['status'],
  ): Promise<boolean> {
    const result = await this.db
      .updateTable('payments')
      .set({ status: to, updated_at: sql<Date>`now()` })
      .where('order_id', '=', orderId)
      .where('status', 'in', from)
      .executeTakeFirst();
    return Number(result.numUpdatedRows) > 0;
  }
}
