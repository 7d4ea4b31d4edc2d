import { PostgresStorage, type StorageTarget } from '../../../src/adapters/storage/postgres-storage.ts';
import type { StorageFixture } from '../storage.contract.ts';

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
