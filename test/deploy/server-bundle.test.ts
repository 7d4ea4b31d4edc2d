import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { build, type Metafile } from 'esbuild';
import { beforeAll, describe, expect, it } from 'vitest';
// @ts-expect-error: a plain .mjs module without types, shared with bin/build-server.mjs.
import { bundleOptions, ENTRY_POINTS, EXTERNAL, INSTRUMENTED, ROOT } from '../../bin/server-bundle.mjs';

// dist/main.js and dist/cli.js are bundles (bin/server-bundle.mjs). What a bundle silently
// breaks is checked here, on the same options, written nowhere.
const OUT = 'dist-test';
let metafile: Metafile;
beforeAll(async () => {
  const result = await build({ ...bundleOptions(join(ROOT, OUT)), write: false });
  if (!result.metafile) throw new Error('esbuild wrote no metafile');
  metafile = result.metafile;
}, 60_000);

const packageOf = (path: string) => /node_modules\/((?:@[^/]+\/)?[^/]+)\//.exec(path)?.[1];
const dependencies = Object.keys(
  (JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as { dependencies: Record<string, string> })
    .dependencies,
);

/** Every file the output `name` imports when it is loaded (static imports, followed through chunks). */
function loadedWith(name: string): Set<string> {
  const seen = new Set<string>();
  const visit = (path: string) => {
    for (const imported of metafile.outputs[path]?.imports ?? []) {
      if (imported.kind !== 'import-statement' || seen.has(imported.path)) continue;
      seen.add(imported.path);
      if (!imported.external) visit(imported.path);
    }
  };
  visit(`${OUT}/${name}`);
  return seen;
}

describe('the server bundle', () => {
  it('has an output per entry point, every file at the root of dist/ (install-paths.ts relies on it)', () => {
    for (const [name, source] of Object.entries(ENTRY_POINTS as Record<string, string>))
      expect(metafile.outputs[`${OUT}/${name}.js`]?.entryPoint, name).toBe(source);
    for (const path of Object.keys(metafile.outputs)) expect(path).toMatch(new RegExp(`^${OUT}/[^/]+$`));
    // The embedded database's thread, started by file name from beside pglite-session.ts's code.
    expect(metafile.outputs[`${OUT}/pglite-worker.js`]?.entryPoint).toBe(
      'src/adapters/storage/pglite-worker.ts',
    );
    const inputs = Object.keys(metafile.inputs);
    for (const path of ['src/composition/orderflow.ts', 'src/install-paths.ts', 'src/config.ts'])
      expect(inputs).toContain(path);
  });

  it('leaves the packages that tracing patches outside, loaded only after main.js started tracing', () => {
    const bundled = new Set(Object.keys(metafile.inputs).map(packageOf).filter(Boolean));
    for (const name of INSTRUMENTED as string[]) {
      expect(bundled.has(name), name).toBe(false);
      expect(EXTERNAL).toContain(name);
    }
    // main.js imports the server (and so pg) dynamically, after tracing.ts; nor does it load
    // the OpenTelemetry SDK unless tracing is on.
    // Nor does cli.js (the container's entrypoint, `serve`): its commands import what they need.
    for (const entry of ['main.js', 'cli.js']) {
      const atLoad = loadedWith(entry);
      expect(
        [...atLoad].filter((path) => /^(pg|amqplib|@opentelemetry\/sdk-node)$/.test(path)),
        entry,
      ).toEqual([]);
    }
    // The production image installs only `dependencies`: what stays outside must be among them
    // (or come with one of them).
    for (const name of EXTERNAL as string[]) {
      if (name.includes('*') || ['pg-pool', 'thread-stream', 'pino-pretty'].includes(name)) continue;
      expect(dependencies, name).toContain(name);
    }
  });

  it('bundles no package that finds its own files at run time (they would look in dist/)', () => {
    // In an ES module bundle __dirname does not exist and require.resolve starts from dist/.
    const offenders = Object.keys(metafile.inputs)
      .filter((path) => path.includes('node_modules/'))
      .filter((path) =>
        /\b__dirname\b|\b__filename\b|require\.resolve\(/.test(readFileSync(join(ROOT, path), 'utf8')),
      )
      .filter((path) => !ALLOWED_RUNTIME_PATHS.some((allowed) => path.endsWith(allowed)));
    expect(offenders).toEqual([]);
  });
});

/**
 * Bundled files that mention __dirname or require.resolve where it is harmless for orderflow,
 * each checked by hand.
 */
const ALLOWED_RUNTIME_PATHS: string[] = [
  // Reads its own package.json inside try/catch for defaults orderflow sets itself (info.version).
  '@fastify/swagger/lib/util/read-package-json.js',
  // Only in comments (executableDir's documentation).
  'commander/lib/command.js',
];
