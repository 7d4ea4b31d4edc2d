import type { ApplyResult, BillingStores } from './ports.ts';

/** Money moving for one order, in the caller's unit of work. */
export interface OrderMoney {
  /** Id of the ledger operation to write. */
  operation_id: string;
  customer_id: string;
  order_id: string;
  /** Minor units, positive. */
  amount: number;
  currency: string;
}

/**
 * Takes an order's price from the buyer's wallet: at most one debit per order; a wallet that
 * cannot cover it is left as it was (`insufficient`). Billing owns the wallet and its ledger;
 * other contexts move money only through these two operations.
 */
export function takeMoneyForOrder(stores: BillingStores, money: OrderMoney): Promise<ApplyResult> {
  return stores.wallets.apply({
    id: money.operation_id,
    customer_id: money.customer_id,
    kind: 'debit',
    amount: -money.amount,
    order_id: money.order_id,
    currency: money.currency,
  });
}

/** Gives an order's money back: at most one refund per order (a second is a `duplicate`). */
export function returnMoneyForOrder(stores: BillingStores, money: OrderMoney): Promise<ApplyResult> {
  return stores.wallets.apply({
    id: money.operation_id,
    customer_id: money.customer_id,
    kind: 'refund',
    amount: money.amount,
    order_id: money.order_id,
    currency: money.currency,
  });
}

/** The currency of the buyer's wallet, or undefined while they have none (it opens on first use). */
export async function walletCurrency(stores: BillingStores, customerId: string): Promise<string | undefined> {
  return (await stores.wallets.find(customerId))?.currency;
}
