import { mkdir, mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { migrationProvider } from '../../src/adapters/storage/migrations/index.ts';
import { buildPgliteTemplate, startFromTemplate } from '../../src/adapters/storage/pglite-template.ts';
import { PostgresStorage } from '../../src/adapters/storage/postgres-storage.ts';
import { seedDemoData } from '../../src/composition/seed-demo-data.ts';
import { uuidV7Generator as ids } from '../../src/shared/ids.ts';

// Building the template runs PGlite's initdb and every migration: slow on a busy machine.
const SLOW = 300_000;

let dir: string;
let template: string;
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'orderflow-template-'));
  template = join(dir, 'template');
  await buildPgliteTemplate(template);
}, SLOW);
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

const migrationNames = async () => Object.keys(await migrationProvider.getMigrations()).sort();

describe('the PGlite template', () => {
  it(
    'gives a fresh data directory a migrated database: nothing is applied twice, the tables are there',
    async () => {
      const target = join(dir, 'fresh', 'pglite');
      expect(startFromTemplate(target, template)).toBe(true);
      const storage = PostgresStorage.connect({ kind: 'pglite', dataDir: target });
      try {
        expect(await storage.migrate()).toEqual({ applied: [], total: (await migrationNames()).length });
        const { rows } = await sql<{ name: string }>`select name from kysely_migration order by name`.execute(
          storage.db,
        );
        expect(rows.map((r) => r.name)).toEqual(await migrationNames());
        expect(await storage.read.products.list()).toEqual([]);
      } finally {
        await storage.close();
      }
      // The copy went through a temporary directory that is gone.
      expect(await readdir(join(dir, 'fresh'))).toEqual(['pglite']);
    },
    SLOW,
  );

  it('leaves a directory that already holds something alone', async () => {
    const target = join(dir, 'used', 'pglite');
    await mkdir(target, { recursive: true });
    await writeFile(join(target, 'PG_VERSION'), '17\n');
    expect(startFromTemplate(target, template)).toBe(false);
    expect(await readdir(target)).toEqual(['PG_VERSION']);
  });

  it('is not used when it was built by another PGlite version, or is missing', async () => {
    const other = join(dir, 'other-version');
    await mkdir(join(other, 'pgdata'), { recursive: true });
    await writeFile(join(other, 'pgdata', 'PG_VERSION'), '17\n');
    const manifest = JSON.parse(await readFile(join(template, 'template.json'), 'utf8')) as object;
    await writeFile(join(other, 'template.json'), JSON.stringify({ ...manifest, pglite: '0.0.1' }));
    const target = join(dir, 'not-from-template', 'pglite');
    expect(startFromTemplate(target, other)).toBe(false);
    expect(startFromTemplate(target, join(dir, 'no-such-template'))).toBe(false);
    await expect(readdir(join(dir, 'not-from-template'))).rejects.toThrow(/ENOENT/);
  });
});

describe('the demo template', () => {
  it(
    'is the empty template with the demo data seeded: a start from it finds every demo row there',
    async () => {
      const demo = join(dir, 'demo-template');
      await buildPgliteTemplate(demo, { from: template, prepare: (storage) => seedDemoData(storage, ids) });
      const target = join(dir, 'fresh-demo', 'pglite');
      expect(startFromTemplate(target, demo)).toBe(true);
      const storage = PostgresStorage.connect({ kind: 'pglite', dataDir: target });
      try {
        expect((await storage.migrate()).applied).toEqual([]);
        expect(await seedDemoData(storage, ids)).toEqual({
          users: 0,
          products: 0,
          wallets: 0,
          foodPoints: 0,
          carriers: 0,
        });
        expect(await storage.read.users.findByUsername('alice')).toMatchObject({ username: 'alice' });
        expect((await storage.read.products.list()).length).toBeGreaterThan(0);
      } finally {
        await storage.close();
      }
    },
    SLOW,
  );
});

describe('migrate() on an up-to-date database', () => {
  it(
    'applies nothing, and still refuses a database with a migration this code does not know',
    async () => {
      const storage = await PostgresStorage.open({ kind: 'pglite', dataDir: 'memory://' });
      try {
        expect((await storage.migrate()).applied).toEqual([]);
        await sql`insert into kysely_migration (name, timestamp) values ('9999-from-the-future', now()::text)`.execute(
          storage.db,
        );
        await expect(storage.migrate()).rejects.toThrow(/9999-from-the-future/);
      } finally {
        await storage.close();
      }
    },
    SLOW,
  );
});
