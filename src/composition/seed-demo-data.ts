import type { PostgresStorage } from '../adapters/storage/postgres-storage.ts';
import { DEFAULT_CURRENCY, DEMO_WALLET_BALANCE } from '../contexts/billing/index.ts';
import { DEMO_PRODUCTS } from '../contexts/catalog/index.ts';
import { demoCarrier } from '../contexts/delivery/index.ts';
import { seedDemoFulfilment } from '../contexts/fulfilment/index.ts';
import { DEMO_USERS, hashPassword } from '../contexts/identity/index.ts';
import { DEMO_PROFILES } from '../contexts/profile/index.ts';
import type { IdGenerator } from '../shared/ids.ts';

/**
 * Demo users and products for a newcomer (DESIGN.md: runtime modes). Only missing rows are
 * inserted: a restart keeps stock that was sold and passwords that were changed.
 */
export async function seedDemoData(
  storage: PostgresStorage,
  ids: IdGenerator,
): Promise<{ users: number; products: number; wallets: number; foodPoints: number; carriers: number }> {
  let users = 0;
  let products = 0;
  let wallets = 0;
  const missing: (typeof DEMO_USERS)[number][] = [];
  for (const user of DEMO_USERS) {
    if (!(await storage.read.users.findByUsername(user.username))) missing.push(user);
  }
  // scrypt runs on libuv's thread pool: the users' hashes are computed side by side.
  const hashes = await Promise.all(missing.map(({ password }) => hashPassword(password)));
  for (const [i, { password: _, ...user }] of missing.entries()) {
    if (await storage.read.users.insertIfAbsent({ ...user, password_hash: hashes[i]! })) users++;
  }
  for (const product of DEMO_PRODUCTS) {
    if (await storage.read.products.insertIfAbsent({ ...product })) products++;
  }
  // Buyers start with a balance, once: a wallet that exists is left as it is.
  for (const user of DEMO_USERS.filter((u) => u.roles.includes('buyer'))) {
    const opened = await storage.transaction(async (tx) => {
      // Only the process that creates the wallet funds it (several may seed at once).
      if (!(await tx.wallets.create(user.id, DEFAULT_CURRENCY))) return false;
      await tx.wallets.apply({
        id: ids.next(),
        customer_id: user.id,
        kind: 'top_up',
        amount: DEMO_WALLET_BALANCE,
        order_id: null,
        currency: DEFAULT_CURRENCY,
      });
      return true;
    });
    if (opened) wallets++;
  }
  // Demo buyers read different languages, so both sets of templates get used.
  for (const profile of DEMO_PROFILES) {
    if (!(await storage.read.profiles.get(profile.user_id)))
      await storage.read.profiles.save(profile, new Date());
  }
  const foodPoints = await seedDemoFulfilment(storage.read);
  // The carrier the README signs webhooks for (its secret is public: demo data only).
  const carriers = (await storage.read.carriers.create(demoCarrier(new Date().toISOString()))) ? 1 : 0;
  return { users, products, wallets, foodPoints, carriers };
}
