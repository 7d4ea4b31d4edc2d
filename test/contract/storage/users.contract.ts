import { randomUUID } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import type { UserRecord } from '../../../src/contexts/identity/index.ts';
import type { CurrentFixture } from './storage-fixture.ts';

const user = (overrides: Partial<UserRecord> = {}): UserRecord => ({
  id: randomUUID(),
  username: `user-${randomUUID()}`,
  password_hash: 'scrypt$16384$8$1$c2FsdA$aGFzaA',
  email: 'grace@example.com',
  full_name: 'Grace Hopper',
  roles: ['buyer', 'admin'],
  ...overrides,
});

/** `UserDirectory` (log-in) and `CustomerDirectory` (the view's search fields). */
export function usersContract(current: CurrentFixture): void {
  describe('users', () => {
    const users = () => current().storage.read.users;

    it('finds a user by username, with their roles', async () => {
      const grace = user();
      await current().addUser(grace);
      expect(await users().findByUsername(grace.username)).toMatchObject(grace);
      expect(await users().findByUsername(`user-${randomUUID()}`)).toBeUndefined();
      const plain = user({ email: null, full_name: null, roles: [] });
      await current().addUser(plain);
      expect(await users().findByUsername(plain.username)).toMatchObject(plain);
    });

    it('finds a customer by id, and no one for an id it never issued', async () => {
      const grace = user({ roles: ['buyer'] });
      await current().addUser(grace);
      expect(await users().findById(grace.id)).toMatchObject({
        full_name: 'Grace Hopper',
        email: 'grace@example.com',
      });
      expect(await users().findById(randomUUID())).toBeUndefined();
      // Subjects from an external identity provider need not be UUIDs.
      expect(await users().findById('auth0|123456')).toBeUndefined();
    });

    it('finds several customers by id in one lookup: name and e-mail of those it knows', async () => {
      const grace = user({ roles: ['buyer'] });
      const plain = user({ email: null, full_name: null, roles: [] });
      await Promise.all([current().addUser(grace), current().addUser(plain)]);
      const found = await users().findMany([grace.id, plain.id, randomUUID(), 'auth0|123456']);
      expect(found).toEqual(
        new Map([
          [grace.id, { full_name: 'Grace Hopper', email: 'grace@example.com' }],
          [plain.id, { full_name: null, email: null }],
        ]),
      );
      expect(await users().findMany(['auth0|123456'])).toEqual(new Map());
    });
  });
}
