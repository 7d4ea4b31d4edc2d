import { describe, expect, it } from 'vitest';
import { formatLines, parseStatusMapping, parseUnits } from './key-values.ts';

describe('parseUnits', () => {
  it('reads ingredient = units lines, ignoring blank lines and spaces', () => {
    expect(parseUnits('bread = 2\n\n  cheese=1 \nham: 3')).toEqual({
      ok: true,
      value: { bread: 2, cheese: 1, ham: 3 },
    });
    expect(parseUnits('')).toEqual({ ok: true, value: {} });
  });

  it('names the wrong line in words', () => {
    expect(parseUnits('bread = 2\ncheese = lots')).toEqual({
      ok: false,
      error: 'Line 2 (“cheese = lots”): write it as ingredient = units (a whole number).',
    });
    expect(parseUnits('bread')).toMatchObject({ ok: false, error: expect.stringContaining('Line 1') });
    expect(parseUnits('bread = -1')).toMatchObject({ ok: false });
    expect(parseUnits('bread = 1.5')).toMatchObject({ ok: false });
    expect(parseUnits('two words = 1')).toMatchObject({ ok: false });
    expect(parseUnits('bread = 1\nbread = 2')).toEqual({ ok: false, error: 'Line 2: bread is named twice.' });
  });

  it('reads back what formatLines writes', () => {
    const stock = { bread: 10, 'cheese-slices': 0 };
    expect(parseUnits(formatLines(stock))).toEqual({ ok: true, value: stock });
  });
});

describe('parseStatusMapping', () => {
  it('maps a carrier status to IN_DELIVERY or DELIVERED, whatever the case of the target', () => {
    expect(parseStatusMapping('PICKED_UP = in_delivery\nHANDED_OVER = DELIVERED')).toEqual({
      ok: true,
      value: { PICKED_UP: 'IN_DELIVERY', HANDED_OVER: 'DELIVERED' },
    });
  });

  it('refuses any other order status', () => {
    expect(parseStatusMapping('LOST = CANCELLED')).toEqual({
      ok: false,
      error: 'Line 1 (“LOST = CANCELLED”): write it as CARRIER_STATUS = IN_DELIVERY or DELIVERED.',
    });
  });
});
