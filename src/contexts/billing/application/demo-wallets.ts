/** Demo buyers start with this much (minor units of EUR): enough for a few orders, not endless. */
export const DEMO_WALLET_BALANCE = 5_000;
