import {
  PostgresStorage,
  type PostgresStores,
  type StorageTarget,
} from '../../../src/adapters/storage/postgres-storage.ts';
import type { ContractStores, StorageFixture } from '../storage.contract.ts';

/** The storage adapter seen through the ports, plus the two things the ports leave out. */
export async function openStorageFixture(
  target: StorageTarget,
  cleanUp: () => Promise<void> = async () => {},
): Promise<StorageFixture> {
  const storage = await PostgresStorage.open(target);
  return {
    storage,
    onOutboxCommitted: (listener) => storage.onOutboxCommitted(listener),
    addUser: async (user) => {
      if (!(await storage.read.users.insertIfAbsent(user))) throw new Error(`user ${user.username} exists`);
    },
    close: async () => {
      await storage.close();
      await cleanUp();
    },
  };
}

/**
 * Every store the adapter offers is in `ContractStores`, and so has a contract: a new store
 * fails the type-check here, naming itself, until the contract covers it.
 */
type Uncovered = Exclude<keyof PostgresStores, keyof ContractStores | 'db'>;
export const everyStoreHasAContract: [Uncovered] extends [never] ? true : Uncovered = true;
