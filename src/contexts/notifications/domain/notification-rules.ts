/** The letters seed 003 sends: the happy one when paid, the sad one when cancelled. */
export type LetterKind = 'paid' | 'cancelled';

/**
 * Which letter a status announces, if any. Every status change (and the order's creation)
 * also goes to each of the buyer's active devices as a push.
 */
export function letterFor(status: string): LetterKind | undefined {
  if (status === 'PAID') return 'paid';
  if (status === 'CANCELLED') return 'cancelled';
  return undefined;
}
