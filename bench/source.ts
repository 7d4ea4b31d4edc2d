import { execFile } from 'node:child_process';
import { mkdtemp, rm, symlink } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { promisify } from 'node:util';

const ROOT = resolve(import.meta.dirname, '..');
const run = promisify(execFile);

export interface ServerSource {
  /** Where `src/main.ts` is run from. */
  dir: string;
  /** Which code that is, for the report. */
  description: string;
  dispose(): Promise<void>;
}

/**
 * The orderflow code the bench starts: this working tree, or with BENCH_SERVER_REF=<commit> a
 * clean export of that commit in a temp dir (sharing this node_modules), so a run is not at the
 * mercy of half-finished edits and says exactly what it measured.
 */
export async function serverSource(ref = process.env.BENCH_SERVER_REF): Promise<ServerSource> {
  const git = (...args: string[]) => run('git', ['-C', ROOT, ...args]).then(({ stdout }) => stdout.trim());
  if (!ref) {
    const commit = await git('rev-parse', '--short', 'HEAD').catch(() => 'unknown');
    const dirty = await git('status', '--porcelain', '--', 'src').catch(() => '');
    return {
      dir: ROOT,
      description: `working tree at ${commit}${dirty ? ' with uncommitted changes in src/' : ''}`,
      dispose: async () => {},
    };
  }
  const commit = await git('rev-parse', '--short', `${ref}^{commit}`);
  const dir = await mkdtemp(join(tmpdir(), 'orderflow-bench-src-'));
  await run('sh', ['-c', `git -C "${ROOT}" archive "${commit}" | tar -x -C "${dir}"`]);
  await symlink(join(ROOT, 'node_modules'), join(dir, 'node_modules'));
  return {
    dir,
    description: `commit ${commit} (clean export)`,
    dispose: () => rm(dir, { recursive: true, force: true }),
  };
}
