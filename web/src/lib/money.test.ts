import { describe, expect, it } from 'vitest';
import { formatMoney } from './money.ts';

describe('formatMoney', () => {
  it('shows minor units in major units with the currency', () => {
    expect(formatMoney(850, 'EUR', 'de-DE')).toBe('8,50\u00a0€');
    expect(formatMoney(850, 'EUR', 'en-IE')).toBe('€8.50');
    expect(formatMoney(5000, 'EUR', 'en-IE')).toBe('€50.00');
    expect(formatMoney(0, 'EUR', 'en-IE')).toBe('€0.00');
  });

  it('uses the currency’s own number of minor digits', () => {
    expect(formatMoney(500, 'JPY', 'en-US')).toBe('¥500');
    expect(formatMoney(1234, 'KWD', 'en-US')).toBe('KWD\u00a01.234');
  });
});
