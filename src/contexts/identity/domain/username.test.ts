import { describe, expect, it } from 'vitest';
import { normalizeUsername } from './username.ts';

describe('normalizeUsername', () => {
  it('maps padded, cased and decomposed variants to one name', () => {
    const variants = ['bob', ' bob', 'bob ', '\tBOB\n', 'Bob', '\u00a0bob\u2003'];
    for (const variant of variants) expect(normalizeUsername(variant)).toBe('bob');
    expect(normalizeUsername('Rene\u0301')).toBe(normalizeUsername('ren\u00e9'));
  });
});
