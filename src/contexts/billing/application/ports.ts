import { DomainError } from '../../../shared/errors.ts';
import type { NewWalletOperation, Wallet, WalletOperation } from '../domain/wallet.ts';

/** An operation in another currency than its wallet's: nothing changed. */
export class WalletInOtherCurrency extends DomainError {
  constructor(
    readonly walletCurrency: string,
    readonly currency: string,
  ) {
    super('VALIDATION_FAILED', `wallet is in ${walletCurrency}, not ${currency}`, {
      wallet_currency: walletCurrency,
      currency,
    });
  }
}

/** The outcome of applying one ledger operation. */
export type ApplyResult =
  | { outcome: 'applied'; operation: WalletOperation; balance: number }
  | { outcome: 'insufficient'; balance: number }
  /** This order already has an operation of this kind; nothing changed. */
  | { outcome: 'duplicate'; operation: WalletOperation };

/**
 * Wallets and their ledger, inside the caller's unit of work. `apply` moves the balance and
 * appends the operation together; a debit that would take the balance below zero changes
 * nothing. At most one debit and one refund per order exist, whatever the races.
 */
export interface WalletStore {
  find(customerId: string): Promise<Wallet | undefined>;
  /**
   * The ledger, newest first (`created_at`, then id); after `afterId` when given: the
   * operations that come after that one in this order (cursor paging).
   */
  operations(customerId: string, limit: number, afterId?: string): Promise<WalletOperation[]>;
  /** Creates the wallet with a zero balance; false when it already existed. */
  create(customerId: string, currency: string): Promise<boolean>;
  /** Opens the wallet with a zero balance unless it exists; returns it. */
  open(customerId: string, currency: string): Promise<Wallet>;
  /** Refuses an operation in another currency than the wallet's with `WalletInOtherCurrency`. */
  apply(operation: NewWalletOperation): Promise<ApplyResult>;
  /** Sum of the ledger, for audits and tests: always equals the balance. */
  ledgerSum(customerId: string): Promise<number>;
}

export interface BillingStores {
  wallets: WalletStore;
}

/** Whether a customer id names a buyer orderflow knows (an admin tops up only those). */
export interface CustomerDirectory {
  isKnown(customerId: string): Promise<boolean>;
}
