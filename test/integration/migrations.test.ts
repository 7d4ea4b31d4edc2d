import { sql } from 'kysely';
import { expect, it } from 'vitest';
import { migrationProvider } from '../../src/adapters/storage/migrations/index.ts';
import { PostgresStorage } from '../../src/adapters/storage/postgres-storage.ts';
import { createTestDatabase } from '../support/postgres.ts';

it('migrates safely when several processes start at once on one PostgreSQL database', async () => {
  const database = await createTestDatabase();
  try {
    const storages = await Promise.all(
      Array.from({ length: 6 }, () =>
        PostgresStorage.open({ kind: 'postgres', url: database.url, poolSize: 2 }),
      ),
    );
    const { rows } = await sql<{ name: string }>`select name from kysely_migration order by name`.execute(
      storages[0]!.db,
    );
    const expected = Object.keys(await migrationProvider.getMigrations()).sort();
    expect(expected.length).toBeGreaterThan(1);
    expect(rows.map((r) => r.name)).toEqual(expected);
    await Promise.all(storages.map((s) => s.close()));
  } finally {
    await database.drop();
  }
});
