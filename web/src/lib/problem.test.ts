import { describe, expect, it } from 'vitest';
import { describeProblem } from './problem.ts';

describe('problems in words', () => {
  const names: Record<string, string> = { 'cookie-choc': 'Chocolate cookie', cake: 'Cheesecake' };
  const nameOf = (id: string) => names[id] ?? id;

  it('names each unavailable item and how many are left', () => {
    const text = describeProblem(
      {
        code: 'PRODUCT_UNAVAILABLE',
        detail: 'x',
        items: [
          { product_id: 'cookie-choc', requested: 5, available: 3, is_available: false },
          { product_id: 'cake', requested: 1, available: 0, is_available: false },
          { product_id: 'ok', requested: 1, available: 9, is_available: true },
        ],
      },
      nameOf,
    );
    expect(text).toBe(
      'Not available: Chocolate cookie: only 3 left (you asked for 5); Cheesecake is sold out.',
    );
  });

  it('gives the balance and the total for insufficient funds', () => {
    const text = describeProblem(
      { code: 'INSUFFICIENT_FUNDS', balance: 1200, required: 90000, currency: 'EUR' },
      nameOf,
      'en-IE',
    );
    expect(text).toContain('your wallet has €12.00 but the order costs €900.00');
  });

  it('falls back to the detail, then the title', () => {
    expect(describeProblem({ code: 'FORBIDDEN', detail: 'admins only' })).toBe('admins only');
    expect(describeProblem({ title: 'Not found' })).toBe('Not found');
  });
});
