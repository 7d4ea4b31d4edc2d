import { createTestDatabase } from '../support/postgres.ts';
import { openStorageFixture } from './storage/open-postgres-storage.ts';
import { storageContract } from './storage.contract.ts';

storageContract('PostgreSQL', async () => {
  const database = await createTestDatabase();
  return openStorageFixture({ kind: 'postgres', url: database.url, poolSize: 60 }, () => database.drop());
});
