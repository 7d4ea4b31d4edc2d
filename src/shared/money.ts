/** Amounts are integers in minor units (cents); currency is an ISO 4217 code. */
export interface Money {
  amount: number;
  currency: string;
}

export const isMinorUnits = (n: number): boolean => Number.isSafeInteger(n) && n >= 0 && n <= MAX_AMOUNT;

/** Largest amount the ledger and the views hold (PostgreSQL `integer`). */
export const MAX_AMOUNT = 2_147_483_647;
