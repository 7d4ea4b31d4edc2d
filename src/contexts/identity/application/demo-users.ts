import type { UserRecord } from './ports.ts';

/** A demo user before seeding: the row to insert, with its plain password instead of a hash. */
export interface DemoUser extends Omit<UserRecord, 'password_hash'> {
  password: string;
}

/** The demo users' fixed ids, so other seeded data (wallets, orders, food points) can refer to them. */
export const DEMO_USER_IDS = {
  alice: '3777c390-174e-4d3a-8c98-665992249cff',
  bob: '19280ce9-b453-46e8-8a37-e2747d66637f',
  admin: '3f65ca8e-12bc-4dfd-9e97-20b2a1854063',
  kitchen: '91729832-74eb-48a3-ac25-a490dac40b7e',
  courier: '611987ff-7f89-4203-ac7e-a3ebef530217',
} as const;

/** The demo users seeded when `DEMO_DATA=true` (password = user name). */
export const DEMO_USERS: readonly DemoUser[] = Object.freeze([
  {
    id: DEMO_USER_IDS.alice,
    username: 'alice',
    password: 'alice',
    email: 'alice@orderflow.local',
    full_name: 'Alice Buyer',
    roles: ['buyer'],
  },
  {
    id: DEMO_USER_IDS.bob,
    username: 'bob',
    password: 'bob',
    email: 'bob@orderflow.local',
    full_name: 'Bob Buyer',
    roles: ['buyer'],
  },
  {
    id: DEMO_USER_IDS.admin,
    username: 'admin',
    password: 'admin',
    email: 'admin@orderflow.local',
    full_name: 'Ada Admin',
    roles: ['admin'],
  },
  {
    id: DEMO_USER_IDS.kitchen,
    username: 'kitchen',
    password: 'kitchen',
    email: 'kitchen@orderflow.local',
    full_name: 'Kim Kitchen',
    roles: ['kitchen'],
  },
  {
    id: DEMO_USER_IDS.courier,
    username: 'courier',
    password: 'courier',
    email: 'courier@orderflow.local',
    full_name: 'Carl Courier',
    roles: ['courier'],
  },
]);
