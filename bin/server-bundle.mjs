// How the server is bundled (bin/build-server.mjs; test/deploy/server-bundle.test.ts checks it).
//
// dist/main.js and dist/cli.js are each one file: our code and most of node_modules, so a start
// reads and compiles one module instead of ~1,000 (Node resolves, reads and links every file of
// a package one by one, which was about a third of a start's CPU). Packages stay outside the
// bundle (`external`, imported from node_modules as before) when bundling would break them:
//  - OpenTelemetry patches pg, pg-pool and amqplib when Node loads them: bundled, they would
//    never be loaded as modules and go untraced. The SDK and its hook are only loaded with
//    tracing on anyway.
//  - packages that find their own files at run time (their directory, a worker script, a
//    WebAssembly binary): PGlite, pino's transports, Swagger UI's static assets, …
import { fileURLToPath } from 'node:url';

export const ROOT = fileURLToPath(new URL('../', import.meta.url));

/** Entry points, by output name under dist/. */
export const ENTRY_POINTS = {
  main: 'src/main.ts',
  cli: 'src/cli.ts',
  // bin/build-server.mjs imports this one to build the PGlite templates.
  'pglite-template-builder': 'src/composition/pglite-templates.ts',
  // The embedded database's thread (src/adapters/storage/pglite-session.ts starts
  // `./pglite-worker.js` beside its own code, which the bundle puts at the root of dist/).
  'pglite-worker': 'src/adapters/storage/pglite-worker.ts',
};

/** Packages whose instrumentation hooks module loading (see src/adapters/observability/tracing.ts). */
export const INSTRUMENTED = ['pg', 'pg-pool', 'amqplib'];

export const EXTERNAL = [
  ...INSTRUMENTED,
  '@opentelemetry/*',
  '@fastify/otel',
  'import-in-the-middle',
  // WebAssembly and its file-system image, read from the package's directory.
  '@electric-sql/pglite',
  // Transports run in worker threads that load files by path.
  'pino',
  'pino-pretty',
  'thread-stream',
  // Serves its static files from its own directory.
  '@fastify/swagger-ui',
];

/**
 * esbuild's options. ESM output (main.ts awaits at top level); bundled CommonJS packages call
 * `require`, which an ES module does not have: the banner gives it one, resolving from dist/.
 */
export function bundleOptions(outdir) {
  return {
    absWorkingDir: ROOT,
    entryPoints: ENTRY_POINTS,
    outdir,
    bundle: true,
    platform: 'node',
    format: 'esm',
    // Code behind a dynamic import() goes in a chunk of its own and is loaded when imported, with
    // the packages it imports: main.ts starts tracing before it imports the server, so pg and
    // amqplib load after OpenTelemetry's hooks, and the SDK loads only when tracing is on.
    splitting: true,
    // At the root of dist/ like the entries: src/install-paths.ts finds files from where its code is.
    chunkNames: '[name]-[hash]',
    target: 'node20',
    external: EXTERNAL,
    banner: {
      js: "import { createRequire as __orderflowCreateRequire } from 'node:module'; const require = __orderflowCreateRequire(import.meta.url);",
    },
    // Stack traces name src/ lines with `node --enable-source-maps`.
    sourcemap: 'linked',
    metafile: true,
    logLevel: 'warning',
  };
}
