import { fileURLToPath } from 'node:url';

// Files that ship beside the code, found from this module's own URL. It sits at the root of
// src/, and its code is inlined at the root of dist/ (dist/main.js, dist/cli.js: the bundles
// bin/build-server.mjs writes), so `../` is the project's root whether the server runs from
// the sources (tsx) or from the build.

/** The project's root: package.json, templates/, web/dist/. */
export const PROJECT_ROOT = fileURLToPath(new URL('../', import.meta.url));

/** Notification templates, one folder per locale. */
export const NOTIFICATION_TEMPLATES_DIR = fileURLToPath(
  new URL('../templates/notifications/', import.meta.url),
);

/**
 * The migrated PGlite database a fresh embedded data directory starts from: built beside the
 * compiled code (`dist/pglite-template/`). Run from the sources there is none, and PGlite
 * initialises the directory itself.
 */
export const PGLITE_TEMPLATE_DIR = fileURLToPath(new URL('./pglite-template/', import.meta.url));

/** The same with the demo data in it (DEMO_DATA=true, the embedded default). */
export const PGLITE_DEMO_TEMPLATE_DIR = fileURLToPath(new URL('./pglite-template-demo/', import.meta.url));
