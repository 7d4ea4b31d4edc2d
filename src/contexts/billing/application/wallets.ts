import { DomainError } from '../../../shared/errors.ts';
import type { IdGenerator } from '../../../shared/ids.ts';
import type { UnitOfWork } from '../../../shared/ports/unit-of-work.ts';
import type { Wallet, WalletOperation } from '../domain/wallet.ts';
import type { BillingStores } from './ports.ts';

export interface WalletView extends Wallet {
  operations: WalletOperation[];
}

export const DEFAULT_CURRENCY = 'EUR';

/** Seed 003's Billing Service: balances, the ledger, top-ups. */
export class Wallets {
  constructor(
    private readonly storage: UnitOfWork<BillingStores>,
    private readonly ids: IdGenerator,
  ) {}

  async view(customerId: string, limit = 50): Promise<WalletView> {
    const wallet = await this.storage.read.wallets.find(customerId);
    if (!wallet) return { customer_id: customerId, currency: DEFAULT_CURRENCY, balance: 0, operations: [] };
    return { ...wallet, operations: await this.storage.read.wallets.operations(customerId, limit) };
  }

  async topUp(customerId: string, amount: number, currency = DEFAULT_CURRENCY): Promise<WalletView> {
    if (!Number.isSafeInteger(amount) || amount <= 0) {
      throw new DomainError('VALIDATION_FAILED', 'amount must be a positive integer in minor units');
    }
    await this.storage.transaction(async (tx) => {
      const wallet = await tx.wallets.open(customerId, currency.toUpperCase());
      if (wallet.currency !== currency.toUpperCase()) {
        throw new DomainError('VALIDATION_FAILED', `wallet is in ${wallet.currency}, not ${currency}`);
      }
      await tx.wallets.apply({
        id: this.ids.next(),
        customer_id: customerId,
        kind: 'top_up',
        amount,
        order_id: null,
        currency: wallet.currency,
      });
    });
    return this.view(customerId);
  }
}
