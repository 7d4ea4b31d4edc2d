import { describe, expect, it } from 'vitest';
import { assessAvailability } from './product.ts';

describe('assessAvailability', () => {
  const stock = new Map([
    ['product_456', 150],
    ['product_789', 0],
    ['p3', 5],
  ]);

  it('answers seed 002 example field for field', () => {
    expect(
      assessAvailability(
        [
          { product_id: 'product_456', quantity: 2 },
          { product_id: 'product_789', quantity: 1 },
        ],
        stock,
      ),
    ).toEqual({
      all_available: false,
      items: [
        { product_id: 'product_456', requested: 2, available: 150, is_available: true },
        { product_id: 'product_789', requested: 1, available: 0, is_available: false },
      ],
    });
  });

  it('is all available when every line fits', () => {
    expect(assessAvailability([{ product_id: 'p3', quantity: 5 }], stock).all_available).toBe(true);
  });

  it('judges repeated lines of one product together', () => {
    const result = assessAvailability(
      [
        { product_id: 'p3', quantity: 3 },
        { product_id: 'p3', quantity: 3 },
      ],
      stock,
    );
    expect(result.all_available).toBe(false);
  });

  it('treats an unknown product as unavailable', () => {
    expect(assessAvailability([{ product_id: 'nope', quantity: 1 }], stock).items[0]).toEqual({
      product_id: 'nope',
      requested: 1,
      available: 0,
      is_available: false,
    });
  });
});
