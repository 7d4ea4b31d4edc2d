import { DomainError } from '../../../shared/errors.ts';
import type { IdGenerator } from '../../../shared/ids.ts';
import type { UnitOfWork } from '../../../shared/ports/unit-of-work.ts';
import type { Wallet, WalletOperation } from '../domain/wallet.ts';
import type { BillingStores, CustomerDirectory } from './ports.ts';

export interface WalletView extends Wallet {
  operations: WalletOperation[];
  /** Opaque cursor for the next page of the ledger, or null at its end. */
  next_cursor: string | null;
}

export interface LedgerPage {
  limit?: number | undefined;
  cursor?: string | undefined;
}

export const DEFAULT_CURRENCY = 'EUR';
export const DEFAULT_LEDGER_PAGE = 50;

/** Seed 003's Billing Service: balances, the ledger, top-ups. */
export class Wallets {
  constructor(
    private readonly storage: UnitOfWork<BillingStores>,
    private readonly ids: IdGenerator,
    private readonly customers: CustomerDirectory,
  ) {}

  /** The balance and one page of the ledger, newest first. */
  async view(customerId: string, page: LedgerPage = {}): Promise<WalletView> {
    const limit = page.limit ?? DEFAULT_LEDGER_PAGE;
    const afterId = page.cursor === undefined ? undefined : decodeCursor(page.cursor);
    const wallet = await this.storage.read.wallets.find(customerId);
    if (!wallet) {
      return {
        customer_id: customerId,
        currency: DEFAULT_CURRENCY,
        balance: 0,
        operations: [],
        next_cursor: null,
      };
    }
    const rows = await this.storage.read.wallets.operations(customerId, limit + 1, afterId);
    const operations = rows.slice(0, limit);
    const next = rows.length > limit ? operations.at(-1) : undefined;
    return { ...wallet, operations, next_cursor: next ? encodeCursor(next.id) : null };
  }

  async topUp(customerId: string, amount: number, currency = DEFAULT_CURRENCY): Promise<WalletView> {
    if (!Number.isSafeInteger(amount) || amount <= 0) {
      throw new DomainError('VALIDATION_FAILED', 'amount must be a positive integer in minor units');
    }
    // A top-up for an id nobody uses would open a wallet no one can ever spend.
    if (!(await this.storage.read.wallets.find(customerId)) && !(await this.customers.isKnown(customerId))) {
      throw new DomainError('CUSTOMER_NOT_FOUND', `no customer ${customerId}`, { customer_id: customerId });
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

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

const encodeCursor = (operationId: string) => Buffer.from(operationId).toString('base64url');

function decodeCursor(cursor: string): string {
  const id = Buffer.from(cursor, 'base64url').toString();
  if (!UUID.test(id)) throw new DomainError('VALIDATION_FAILED', 'cursor is not one this API handed out');
  return id;
}
