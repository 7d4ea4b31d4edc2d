import type { PostgresStorage } from '../adapters/storage/postgres-storage.ts';
import { DEMO_PRODUCTS } from '../contexts/catalog/index.ts';
import { DEMO_USERS, hashPassword } from '../contexts/identity/index.ts';

/**
 * Demo users and products for a newcomer (DESIGN.md: runtime modes). Only missing rows are
 * inserted: a restart keeps stock that was sold and passwords that were changed.
 */
export async function seedDemoData(storage: PostgresStorage): Promise<{ users: number; products: number }> {
  let users = 0;
  let products = 0;
  for (const { password, ...user } of DEMO_USERS) {
    if (await storage.read.users.findByUsername(user.username)) continue;
    if (await storage.read.users.insertIfAbsent({ ...user, password_hash: await hashPassword(password) }))
      users++;
  }
  for (const product of DEMO_PRODUCTS) {
    if (await storage.read.products.insertIfAbsent({ ...product })) products++;
  }
  return { users, products };
}
