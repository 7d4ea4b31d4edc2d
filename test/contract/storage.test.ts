import { PostgresStorage } from '../../src/adapters/storage/postgres-storage.ts';
import { createTestDatabase } from '../support/postgres.ts';
import { storageContract } from './storage.contract.ts';

storageContract('PostgreSQL', async () => {
  const database = await createTestDatabase();
  const storage = await PostgresStorage.open({ kind: 'postgres', url: database.url, poolSize: 60 });
  return {
    storage,
    close: async () => {
      await storage.close();
      await database.drop();
    },
  };
});

storageContract('PGlite', async () => {
  const storage = await PostgresStorage.open({ kind: 'pglite', dataDir: 'memory://' });
  return { storage, close: () => storage.close() };
});
