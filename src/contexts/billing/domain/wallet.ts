/** A customer's wallet: minor units of one currency; never below zero. */
export interface Wallet {
  customer_id: string;
  currency: string;
  balance: number;
}

export type OperationKind = 'top_up' | 'debit' | 'refund';

/** One line of the append-only ledger; debits are negative. */
export interface WalletOperation {
  id: string;
  customer_id: string;
  kind: OperationKind;
  amount: number;
  order_id: string | null;
  created_at: string;
}

export type NewWalletOperation = Omit<WalletOperation, 'created_at'> & { currency: string };

/** The signed amount of an operation of `kind` moving `magnitude` minor units. */
export const signedAmount = (kind: OperationKind, magnitude: number): number =>
  kind === 'debit' ? -magnitude : magnitude;
