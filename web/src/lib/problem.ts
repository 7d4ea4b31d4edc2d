import { formatMoney } from './money.ts';

/** An `application/problem+json` answer, as far as the app reads it. */
export interface Problem {
  status?: number;
  code?: string;
  title?: string;
  detail?: string;
  [extension: string]: unknown;
}

interface AvailabilityItem {
  product_id: string;
  requested: number;
  available: number;
  is_available: boolean;
}

/**
 * Says in words what went wrong, for a person: which items are unavailable and how many are
 * left; for insufficient funds, the balance and the total; otherwise the problem's `detail`.
 */
export function describeProblem(
  problem: Problem,
  nameOf: (productId: string) => string = (id) => id,
  locale?: string,
): string {
  if (problem.code === 'PRODUCT_UNAVAILABLE' && Array.isArray(problem.items)) {
    const short = (problem.items as AvailabilityItem[]).filter((item) => !item.is_available);
    const parts = short.map((item) =>
      item.available === 0
        ? `${nameOf(item.product_id)} is sold out`
        : `${nameOf(item.product_id)}: only ${item.available} left (you asked for ${item.requested})`,
    );
    return `Not available: ${parts.join('; ')}.`;
  }
  if (
    problem.code === 'INSUFFICIENT_FUNDS' &&
    typeof problem.balance === 'number' &&
    typeof problem.required === 'number' &&
    typeof problem.currency === 'string'
  ) {
    const money = (amount: number) => formatMoney(amount, problem.currency as string, locale);
    return `Insufficient funds: your wallet has ${money(problem.balance)} but the order costs ${money(problem.required)}. The order was cancelled; top up and try again.`;
  }
  return problem.detail ?? problem.title ?? 'Something went wrong.';
}
