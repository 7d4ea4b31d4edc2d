import { describe, expect, it } from 'vitest';
import { hashPassword, verifyPassword } from './password.ts';

describe('password hashing', () => {
  it('verifies the password it hashed', async () => {
    const stored = await hashPassword('correct horse');
    expect(stored).toMatch(/^scrypt\$32768\$8\$1\$[\w-]+\$[\w-]+$/);
    expect(await verifyPassword('correct horse', stored)).toBe(true);
  });

  it('refuses a wrong password', async () => {
    const stored = await hashPassword('correct horse');
    expect(await verifyPassword('correct horsE', stored)).toBe(false);
    expect(await verifyPassword('', stored)).toBe(false);
  });

  it('salts every hash', async () => {
    expect(await hashPassword('same')).not.toBe(await hashPassword('same'));
  });

  it('reads the cost back from the stored string', async () => {
    const cheap = await hashPassword('pw', { N: 1024, r: 8, p: 1 });
    expect(cheap.startsWith('scrypt$1024$8$1$')).toBe(true);
    expect(await verifyPassword('pw', cheap)).toBe(true);
  });

  it.each([
    ['not a hash'],
    ['bcrypt$10$8$1$c2FsdA$aGFzaA'],
    ['scrypt$1000$8$1$c2FsdHNhbHQ$aGFzaGhhc2hoYXNoaGFzaA'],
    ['scrypt$1073741824$8$1$c2FsdHNhbHQ$aGFzaGhhc2hoYXNoaGFzaA'],
    ['scrypt$1024$8$1$$aGFzaGhhc2hoYXNoaGFzaA'],
    ['scrypt$1024$8$1$c2FsdHNhbHQ$c2hvcnQ'],
  ])('treats a malformed or out-of-bounds stored value as a mismatch: %s', async (stored) => {
    expect(await verifyPassword('pw', stored)).toBe(false);
  });
});
