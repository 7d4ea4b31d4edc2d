/** The billing context (seed 003's Billing Service): wallets and their ledger. */

export { DEMO_WALLET_BALANCE } from './application/demo-wallets.ts';
export {
  type OrderMoney,
  returnMoneyForOrder,
  takeMoneyForOrder,
  walletCurrency,
} from './application/order-payments.ts';
export type { ApplyResult, BillingStores, CustomerDirectory, WalletStore } from './application/ports.ts';
export { WalletInOtherCurrency } from './application/ports.ts';
export {
  DEFAULT_CURRENCY,
  DEFAULT_LEDGER_PAGE,
  type LedgerPage,
  Wallets,
  type WalletView,
} from './application/wallets.ts';
export type { NewWalletOperation, OperationKind, Wallet, WalletOperation } from './domain/wallet.ts';
export { signedAmount } from './domain/wallet.ts';
