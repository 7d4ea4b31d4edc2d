import { describe, expect, it } from 'vitest';
import { hasRole } from '../domain/principal.ts';
import { authenticateUser } from './authenticate-user.ts';
import { DEMO_USER_IDS, DEMO_USERS } from './demo-users.ts';
import { hashPassword } from './password.ts';
import type { UserDirectory, UserRecord } from './ports.ts';

const directoryOf = (users: UserRecord[]): UserDirectory => ({
  findByUsername: async (username) => users.find((user) => user.username === username),
});

describe('authenticateUser', async () => {
  const alice: UserRecord = {
    id: DEMO_USER_IDS.alice,
    username: 'alice',
    password_hash: await hashPassword('alice'),
    email: 'alice@orderflow.local',
    full_name: 'Alice Buyer',
    roles: ['buyer'],
  };
  const noContact: UserRecord = { ...alice, id: 'u2', username: 'ghost', email: null, full_name: null };
  const users = directoryOf([alice, noContact]);

  it('answers the principal for the right password, username case-insensitively', async () => {
    const principal = await authenticateUser(users, ' Alice ', 'alice');
    expect(principal).toEqual({
      userId: DEMO_USER_IDS.alice,
      username: 'alice',
      roles: ['buyer'],
      email: 'alice@orderflow.local',
      name: 'Alice Buyer',
    });
    expect(principal && hasRole(principal, 'buyer')).toBe(true);
    expect(principal && hasRole(principal, 'admin')).toBe(false);
  });

  it('leaves out contact fields the user does not have', async () => {
    expect(await authenticateUser(users, 'ghost', 'alice')).toEqual({
      userId: 'u2',
      username: 'ghost',
      roles: ['buyer'],
    });
  });

  it('answers undefined for a wrong password or an unknown user', async () => {
    expect(await authenticateUser(users, 'alice', 'bob')).toBeUndefined();
    expect(await authenticateUser(users, 'mallory', 'alice')).toBeUndefined();
  });
});

describe('DEMO_USERS', () => {
  it('has the five demo users from the design, password = user name, with distinct ids', () => {
    expect(DEMO_USERS.map((user) => [user.username, user.roles])).toEqual([
      ['alice', ['buyer']],
      ['bob', ['buyer']],
      ['admin', ['admin']],
      ['kitchen', ['kitchen']],
      ['courier', ['courier']],
    ]);
    expect(DEMO_USERS.every((user) => user.password === user.username)).toBe(true);
    expect(new Set(DEMO_USERS.map((user) => user.id)).size).toBe(5);
  });
});
