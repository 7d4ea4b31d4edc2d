import { PostgresStorage, PostgresStores } from '../../src/adapters/storage/postgres-storage.ts';
import { createTestDatabase } from '../support/postgres.ts';
import { storageContract } from './storage.contract.ts';

const stores = (db: ConstructorParameters<typeof PostgresStores>[0], onOutbox: () => void) =>
  new PostgresStores(db, onOutbox);

storageContract('PostgreSQL', async () => {
  const database = await createTestDatabase();
  const storage = await PostgresStorage.open({ kind: 'postgres', url: database.url, poolSize: 60 }, stores);
  return {
    storage,
    close: async () => {
      await storage.close();
      await database.drop();
    },
  };
});

storageContract('PGlite', async () => {
  const storage = await PostgresStorage.open({ kind: 'pglite', dataDir: 'memory://' }, stores);
  return { storage, close: () => storage.close() };
});
