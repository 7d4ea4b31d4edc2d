#!/usr/bin/env node
// Compiles the server (src/ → dist/) with tsc and prepares the embedded database template
// (dist/pglite-template/, see src/adapters/storage/pglite-template.ts). With --if-stale (what
// `npm start` runs) it does so only when dist/ is missing or older than a source file, so a
// fresh clone's `npm install && npm start` builds once and later starts cost nothing; the
// server then runs as plain JavaScript (`node dist/main.js`), without tsx's loader.
//
// `npm start` compiles without type-checking (`--noCheck`, as tsx ran the sources: a type
// error does not stop a local start); `npm run build` (the container image, CI) type-checks.
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('../', import.meta.url));
const stamp = join(root, 'dist', '.build-stamp');
// The lock file too: a new PGlite changes the template, a new TypeScript the output.
const sources = [
  'src',
  'tsconfig.json',
  'tsconfig.build.json',
  'package-lock.json',
  'bin/build-server.mjs',
].map((path) => join(root, path));

/** The newest modification time under `path` (a file or a directory), in ms. */
function newest(path) {
  const stat = statSync(path);
  if (!stat.isDirectory()) return stat.mtimeMs;
  return readdirSync(path).reduce((latest, name) => Math.max(latest, newest(join(path, name))), stat.mtimeMs);
}

const ifStale = process.argv.includes('--if-stale');
const check = !ifStale || process.argv.includes('--check');
if (
  ifStale &&
  existsSync(stamp) &&
  statSync(stamp).mtimeMs >= Math.max(...sources.filter(existsSync).map(newest))
)
  process.exit(0);

console.error(ifStale ? 'building the server (dist/ is missing or stale)…' : 'building the server…');
const tsc = createRequire(import.meta.url).resolve('typescript/bin/tsc');
const compiled = spawnSync(
  process.execPath,
  [tsc, '-p', join(root, 'tsconfig.build.json'), ...(check ? [] : ['--noCheck'])],
  { stdio: 'inherit' },
);
if (compiled.status !== 0) process.exit(compiled.status ?? 1);

// A migrated, empty PGlite database that a fresh DATA_DIR starts from (no initdb, no migrations
// one by one). Built by the compiled code itself, so it is exactly what the server would create.
const { buildPgliteTemplate } = await import('../dist/adapters/storage/pglite-template.js');
await buildPgliteTemplate(join(root, 'dist', 'pglite-template'));

// Written last: an interrupted build is stale.
const { writeFileSync } = await import('node:fs');
writeFileSync(stamp, `${new Date().toISOString()}\n`);
console.error('server built into dist/');
