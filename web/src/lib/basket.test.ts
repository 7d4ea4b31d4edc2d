import { describe, expect, it } from 'vitest';
import { addOne, MAX_QUANTITY, quantityOf, setQuantity, unitCount } from './basket.ts';

describe('basket editing', () => {
  const lines = [
    { product_id: 'a', quantity: 1 },
    { product_id: 'b', quantity: 2 },
  ];

  it('adds a new product last and counts up an existing one in place', () => {
    expect(addOne(lines, 'c')).toEqual([...lines, { product_id: 'c', quantity: 1 }]);
    expect(addOne(lines, 'a')).toEqual([
      { product_id: 'a', quantity: 2 },
      { product_id: 'b', quantity: 2 },
    ]);
    expect(lines[0]!.quantity).toBe(1);
  });

  it('removes a line set to zero or less and caps at the server limit', () => {
    expect(setQuantity(lines, 'a', 0)).toEqual([{ product_id: 'b', quantity: 2 }]);
    expect(setQuantity(lines, 'a', -3)).toEqual([{ product_id: 'b', quantity: 2 }]);
    expect(quantityOf(setQuantity(lines, 'b', 1000), 'b')).toBe(MAX_QUANTITY);
    expect(setQuantity(lines, 'z', 0)).toEqual(lines);
  });

  it('counts units', () => {
    expect(unitCount(lines)).toBe(3);
    expect(quantityOf(lines, 'nope')).toBe(0);
  });
});
