import { join } from 'node:path';
import { buildPgliteTemplate } from '../adapters/storage/pglite-template.ts';
import { uuidV7Generator } from '../shared/ids.ts';
import { seedDemoData } from './seed-demo-data.ts';

/**
 * The embedded databases a fresh DATA_DIR is copied from (bin/build-server.mjs builds them into
 * dist/): `pglite-template/`, migrated and empty, and `pglite-template-demo/`, the same with
 * the demo data seeded — the embedded default, so `npm start` on a new directory neither hashes
 * the demo users' passwords (scrypt, a second of CPU) nor inserts the rows one by one. The
 * server still runs `seedDemoData` on it, which finds every row there.
 */
export async function buildPgliteTemplates(dir: string): Promise<void> {
  const empty = join(dir, 'pglite-template');
  await buildPgliteTemplate(empty);
  await buildPgliteTemplate(join(dir, 'pglite-template-demo'), {
    from: empty,
    prepare: (storage) => seedDemoData(storage, uuidV7Generator),
  });
}
