/** Why an order was cancelled, in the words the sad letter uses (one text per reason and locale). */
export type CancellationReason =
  | 'insufficient_funds'
  | 'payment_timeout'
  | 'cancelled_by_you'
  | 'cancelled_by_shop'
  | 'no_kitchen_available'
  | 'other';

/** The actor kinds ordering puts on a cancellation (`cancelled_by`). */
export type CancelledBy = 'buyer' | 'admin' | 'kitchen' | 'courier' | 'carrier' | 'system';

const INSUFFICIENT_FUNDS = /insufficient[ _]funds/i;
const PAYMENT_TIMEOUT = /payment[ _]timeout/i;
// Fulfilment cancels a confirmed order no food point could take (DESIGN.md, ASSIGNMENT_TIMEOUT_SECONDS).
const NO_KITCHEN = /no[ _](kitchen|food[ _]point)|assignment[ _]timeout|unassignable/i;

/**
 * Maps ordering's cancellation (free-text reason plus who cancelled) to a reason the buyer
 * understands. Who cancelled decides first: a buyer's or staff member's free text is theirs,
 * whatever it says, so only a `system` cancellation (billing, the timeouts) — or one from a
 * message published before `cancelled_by` existed — is read for a system reason.
 */
export function cancellationReason(
  reason: string | undefined,
  cancelledBy: CancelledBy | undefined,
): CancellationReason {
  switch (cancelledBy) {
    case 'buyer':
      return 'cancelled_by_you';
    case 'admin':
    case 'kitchen':
    case 'courier':
    case 'carrier':
      return 'cancelled_by_shop';
    default:
      return systemReason(reason ?? '');
  }
}

function systemReason(text: string): CancellationReason {
  if (INSUFFICIENT_FUNDS.test(text)) return 'insufficient_funds';
  if (PAYMENT_TIMEOUT.test(text)) return 'payment_timeout';
  if (NO_KITCHEN.test(text)) return 'no_kitchen_available';
  return 'other';
}
