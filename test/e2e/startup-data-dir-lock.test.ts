import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { type OrderflowProcess, spawnOrderflow } from '../support/child-process.ts';
import { lines, runCli, runServerToExit } from '../support/run-process.ts';

// Issue: two `npm start` on one DATA_DIR both came up and lost each other's commits.
// PGlite's first start can take a minute on a loaded machine.
const START_MS = 240_000;

describe('the embedded data directory belongs to one process', { timeout: 600_000 }, () => {
  let dataDir: string;
  const started: OrderflowProcess[] = [];
  const env = (port: number) => ({ DATA_DIR: dataDir, HOST: '127.0.0.1', PORT: String(port) });

  beforeEach(async () => {
    dataDir = await mkdtemp(join(tmpdir(), 'orderflow-lock-e2e-'));
  });
  afterEach(async () => {
    for (const server of started.splice(0)) await server.stop();
    await rm(dataDir, { recursive: true, force: true });
  }, START_MS);

  it('refuses a second server and the rebuild while one runs, and a SIGKILLed owner blocks nothing', async () => {
    const first = await spawnOrderflow(env(0), START_MS);
    started.push(first);
    const refusal = `DATA_DIR ${dataDir} is in use by process ${first.child.pid}`;

    const second = await runServerToExit(env(0));
    expect(second.code).not.toBe(0);
    expect(lines(second.stderr)).toEqual([expect.stringContaining(refusal)]);

    const rebuild = await runCli(['projections', 'rebuild'], { DATA_DIR: dataDir });
    expect(rebuild.code).not.toBe(0);
    expect(lines(rebuild.stderr)).toEqual([expect.stringContaining(refusal)]);

    const exited = new Promise((done) => first.child.once('exit', done));
    first.child.kill('SIGKILL');
    await exited;
    // The dead owner's lock file is still there; the next start judges it stale.
    expect(JSON.parse(await readFile(join(dataDir, 'orderflow.lock'), 'utf8')).pid).toBe(first.child.pid);
    const third = await spawnOrderflow(env(0), START_MS);
    started.push(third);
    expect(JSON.parse(await readFile(join(dataDir, 'orderflow.lock'), 'utf8')).pid).toBe(third.child.pid);
  });

  it('lets exactly one of two servers started at the same moment run', async () => {
    const [a, b] = await Promise.allSettled([
      spawnOrderflow(env(0), START_MS),
      spawnOrderflow(env(0), START_MS),
    ]);
    const winners = [a, b].filter((r) => r.status === 'fulfilled').map((r) => r.value);
    started.push(...winners);
    expect(winners).toHaveLength(1);
    const loser = [a, b].find((r) => r.status === 'rejected');
    expect(String(loser?.reason)).toContain(
      `DATA_DIR ${dataDir} is in use by process ${winners[0]?.child.pid}`,
    );
  });
});
