#!/usr/bin/env node
// Builds the web app (web/ → web/dist) with Vite. With --if-stale (what `npm start` runs) it
// builds only when web/dist is missing or older than a source file, so a fresh clone's
// `npm install && npm start` serves the app and later starts cost nothing.
import { existsSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const web = fileURLToPath(new URL('../web/', import.meta.url));
const built = join(web, 'dist', 'index.html');
// The lock file too: new versions of React or Vite change the build without touching web/.
const sources = [
  join(web, 'src'),
  join(web, 'index.html'),
  join(web, 'vite.config.ts'),
  join(web, '..', 'package-lock.json'),
];

/** The newest modification time under `path` (a file or a directory), in ms. */
function newest(path) {
  const stat = statSync(path);
  if (!stat.isDirectory()) return stat.mtimeMs;
  return readdirSync(path).reduce((latest, name) => Math.max(latest, newest(join(path, name))), stat.mtimeMs);
}

const ifStale = process.argv.includes('--if-stale');
if (ifStale && existsSync(built) && statSync(built).mtimeMs >= Math.max(...sources.map(newest)))
  process.exit(0);

console.error(ifStale ? 'building the web app (web/dist is missing or stale)…' : 'building the web app…');
const { build } = await import('vite');
await build({ configFile: join(web, 'vite.config.ts'), logLevel: 'warn' });
console.error('web app built into web/dist');
