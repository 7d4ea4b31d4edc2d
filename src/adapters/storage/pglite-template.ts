import {
  chmodSync,
  cpSync,
  existsSync,
  mkdirSync,
  readdirSync,
  readFileSync,
  renameSync,
  rmSync,
  writeFileSync,
} from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { PGLITE_TEMPLATE_DIR } from '../../install-paths.ts';
import { migrationProvider } from './migrations/index.ts';
import { PostgresStorage } from './postgres-storage.ts';

/**
 * A fresh embedded data directory starts from a copy of a template: a PGlite database already
 * initialised and migrated, built once with the server (`npm start`'s build step, `npm run
 * build`) into `dist/pglite-template/`. Copying ~40 MB of files is much cheaper than what it
 * replaces: PGlite's initdb (a second WebAssembly PostgreSQL that creates the cluster, dumped
 * and loaded into the first) and every migration one by one.
 *
 * Safe because nothing else changes: the copy is made under the data-directory lock, into a
 * temporary directory renamed into place (a start interrupted half-way leaves no half
 * database), and `migrate()` still runs after it, applying exactly once whatever migration the
 * template predates (its `kysely_migration` table says which it has). A template from another
 * PGlite version, or none (running from `src/` with tsx), means PGlite's own initdb, as before.
 */

const DATA = 'pgdata';
const MANIFEST = 'template.json';

interface Manifest {
  pglite: string;
  migrations: string[];
}

/** The installed PGlite's version: a data directory is only known to suit the PGlite that wrote it. */
function pgliteVersion(): string {
  // The package's entry point is dist/index.*; package.json is one directory above dist/.
  const entry = createRequire(import.meta.url).resolve('@electric-sql/pglite');
  const manifest = JSON.parse(readFileSync(join(dirname(entry), '..', 'package.json'), 'utf8')) as {
    version: string;
  };
  return manifest.version;
}

export interface TemplateOptions {
  /** Start from this template instead of PGlite's initdb (a template with more in it). */
  from?: string;
  /** Runs on the migrated database before it is closed (the demo template: demo data). */
  prepare?: (storage: PostgresStorage) => Promise<unknown>;
}

/** Builds the template at `dir` (replacing any): a PGlite database with every migration applied. */
export async function buildPgliteTemplate(dir: string, options: TemplateOptions = {}): Promise<Manifest> {
  const building = `${dir}.building-${process.pid}`;
  rmSync(building, { recursive: true, force: true });
  mkdirSync(building, { recursive: true });
  if (options.from && !startFromTemplate(join(building, DATA), options.from))
    throw new Error(`no template for this PGlite at ${options.from}`);
  const storage = PostgresStorage.connect({ kind: 'pglite', dataDir: join(building, DATA) });
  let applied: string[];
  try {
    await storage.migrate();
    applied = Object.keys(await migrationProvider.getMigrations());
    await options.prepare?.(storage);
  } finally {
    await storage.close();
  }
  const manifest: Manifest = { pglite: pgliteVersion(), migrations: applied };
  writeFileSync(join(building, MANIFEST), `${JSON.stringify(manifest, null, 2)}\n`);
  // PGlite leaves some files 0600: the image's build user is not the user that copies them.
  readableByAll(building);
  rmSync(dir, { recursive: true, force: true });
  renameSync(building, dir);
  return manifest;
}

function readableByAll(path: string): void {
  for (const entry of readdirSync(path, { withFileTypes: true })) {
    const child = join(path, entry.name);
    if (entry.isDirectory()) readableByAll(child);
    else chmodSync(child, 0o644);
  }
  chmodSync(path, 0o755);
}

/**
 * When `pgliteDir` holds no database yet (missing or empty) and a template for this PGlite
 * exists at `templateDir`, copies the template there and returns true; otherwise changes
 * nothing and returns false (PGlite initialises the directory itself). The caller holds the
 * data-directory lock.
 */
export function startFromTemplate(
  pgliteDir: string,
  templateDir: string = PGLITE_TEMPLATE_DIR,
  onCopyFailed: (error: unknown) => void = () => {},
): boolean {
  if (existsSync(pgliteDir) && readdirSync(pgliteDir).length > 0) return false;
  let manifest: Manifest;
  try {
    manifest = JSON.parse(readFileSync(join(templateDir, MANIFEST), 'utf8')) as Manifest;
  } catch {
    return false;
  }
  if (manifest.pglite !== pgliteVersion() || !existsSync(join(templateDir, DATA, 'PG_VERSION'))) return false;
  const copying = `${pgliteDir}.from-template`;
  rmSync(copying, { recursive: true, force: true });
  mkdirSync(dirname(pgliteDir), { recursive: true });
  try {
    // Synchronous: on Node 20 fs.promises.cp costs three times the CPU for these ~1,100 files.
    cpSync(join(templateDir, DATA), copying, { recursive: true });
  } catch (error) {
    // An unreadable template is no reason not to start: PGlite's initdb does the same, slower.
    rmSync(copying, { recursive: true, force: true });
    onCopyFailed(error);
    return false;
  }
  rmSync(pgliteDir, { recursive: true, force: true });
  renameSync(copying, pgliteDir);
  return true;
}
