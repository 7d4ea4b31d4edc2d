import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { lines, runCli, runServerToExit } from '../support/run-process.ts';

const EX_UNAVAILABLE = 69;

// An unusable DATA_DIR used to end in an ENOTDIR/EACCES stack trace and exit 1.
describe('an unusable DATA_DIR is one start-up line naming it', { timeout: 300_000 }, () => {
  let scratch: string;
  let file: string;

  beforeAll(async () => {
    scratch = await mkdtemp(join(tmpdir(), 'orderflow-bad-data-dir-'));
    file = join(scratch, 'a-file');
    await writeFile(file, 'not a directory\n');
  });
  afterAll(async () => {
    await rm(scratch, { recursive: true, force: true });
  });

  const expectOneLine = (run: { code: number | null; stderr: string }, dataDir: string) => {
    expect(run.code, run.stderr).toBe(EX_UNAVAILABLE);
    const stderr = lines(run.stderr);
    expect(stderr, run.stderr).toHaveLength(1);
    expect(stderr[0]).toContain(`DATA_DIR=${dataDir}`);
    expect(stderr[0]).toMatch(/ENOTDIR|EEXIST|not a directory/);
    expect(run.stderr).not.toMatch(/^\s+at /m);
  };

  it('the server: a path under a regular file (ENOTDIR)', async () => {
    const dataDir = join(file, 'x');
    expectOneLine(await runServerToExit({ DATA_DIR: dataDir, HOST: '127.0.0.1', PORT: '0' }), dataDir);
  });

  it('the server: a regular file itself', async () => {
    expectOneLine(await runServerToExit({ DATA_DIR: file, HOST: '127.0.0.1', PORT: '0' }), file);
  });

  it('the operator CLI too', async () => {
    const dataDir = join(file, 'x');
    expectOneLine(await runCli(['projections', 'rebuild'], { DATA_DIR: dataDir }), dataDir);
  });
});
