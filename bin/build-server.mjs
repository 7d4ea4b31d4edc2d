#!/usr/bin/env node
// Builds the server (src/ → dist/main.js, dist/cli.js: one bundled file each, see
// bin/server-bundle.mjs) with esbuild and prepares the embedded database template
// (dist/pglite-template/, see src/adapters/storage/pglite-template.ts). With --if-stale (what
// `npm start` runs) it does so only when dist/ is missing or older than a source file, so a
// fresh clone's `npm install && npm start` builds once and later starts cost nothing; the
// server then runs as plain JavaScript (`node dist/main.js`), without tsx's loader.
//
// `npm start` builds without type-checking (as tsx ran the sources: a type error does not stop
// a local start); `npm run build` (the container image, CI) type-checks with tsc first.
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { bundleOptions, ROOT as root } from './server-bundle.mjs';

const dist = join(root, 'dist');
const stamp = join(dist, '.build-stamp');
// The lock file too: a new PGlite changes the template, a new esbuild or package the bundle.
const sources = [
  'src',
  'tsconfig.json',
  'tsconfig.build.json',
  'package-lock.json',
  'bin/build-server.mjs',
  'bin/server-bundle.mjs',
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
if (check) {
  const tsc = createRequire(import.meta.url).resolve('typescript/bin/tsc');
  const checked = spawnSync(process.execPath, [tsc, '--noEmit', '-p', join(root, 'tsconfig.build.json')], {
    stdio: 'inherit',
  });
  if (checked.status !== 0) process.exit(checked.status ?? 1);
}

// Whatever an older build left (tsc wrote one file per source) goes.
rmSync(dist, { recursive: true, force: true });
const { build } = await import('esbuild');
await build(bundleOptions(dist));

// Migrated PGlite databases that a fresh DATA_DIR starts from (no initdb, no migrations one by
// one), one empty and one with the demo data. Built by the bundled code itself, so they are
// exactly what the server would create.
const { buildPgliteTemplates } = await import('../dist/pglite-template-builder.js');
await buildPgliteTemplates(dist);

// Written last: an interrupted build is stale.
writeFileSync(stamp, `${new Date().toISOString()}\n`);
console.error('server built into dist/');
