import { spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { freePort, serverCommand, sleep } from './server.ts';
import { serverSource } from './source.ts';

// `npx tsx bench/start-up.ts [--runs N] [--phases]`: the embedded server started as `npm start`
// runs it (BENCH_SERVER_REF=<commit> for older code), N times on a fresh DATA_DIR and N times
// again on that same directory (a second start). For each start: wall time from spawn to the
// first 200 on /healthz, the CPU time the process had used by then (utime + stime from
// /proc/<pid>/stat: every thread, the WebAssembly compiler's and libuv's pool included), its
// resident set then, and the 1-minute load average. On a shared machine the CPU time is the
// figure to compare; the wall time depends on how many others want the cores.
// --phases prints the server's `start-up phase` debug lines (ms since its process started).

interface Start {
  wallMs: number;
  cpuMs: number;
  rssMiB: number;
  load: number;
  phases: string[];
}

const args = process.argv.slice(2);
const runs = Number(args[args.indexOf('--runs') + 1] ?? 3) || 3;
const showPhases = args.includes('--phases');
const TICK_MS = 10; // USER_HZ = 100 on Linux

function cpuMsOf(pid: number): number {
  // Fields after the command name (which may hold spaces): utime and stime are the 12th and 13th.
  const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  return (Number(fields[11]) + Number(fields[12])) * TICK_MS;
}

function rssMiBOf(pid: number): number {
  const status = readFileSync(`/proc/${pid}/status`, 'utf8');
  return Number(/VmRSS:\s+(\d+)/.exec(status)?.[1] ?? Number.NaN) / 1024;
}

async function startOnce(dir: string, command: string[], dataDir: string): Promise<Start> {
  const port = await freePort();
  const load = loadavg()[0] ?? Number.NaN;
  const spawnedAt = performance.now();
  const child = spawn(process.execPath, command, {
    cwd: dir,
    env: {
      ...process.env,
      HOST: '127.0.0.1',
      PORT: String(port),
      DATA_DIR: dataDir,
      LOG_LEVEL: showPhases ? 'debug' : 'warn',
      DATABASE_URL: '',
      BROKER_URL: '',
      OIDC_ISSUER: '',
      ROLES: 'all',
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const output: string[] = [];
  for (const stream of [child.stdout, child.stderr]) {
    stream.setEncoding('utf8').on('data', (chunk: string) => output.push(...chunk.split('\n')));
  }
  const exited = new Promise<void>((done) => child.once('exit', () => done()));
  let gone = false;
  void exited.then(() => (gone = true));
  try {
    while (!gone) {
      const ok = await fetch(`http://127.0.0.1:${port}/healthz`).then(
        (r) => r.ok,
        () => false,
      );
      if (ok) {
        const wallMs = performance.now() - spawnedAt;
        const phases = output
          .filter((line) => line.includes('start-up phase'))
          .map((line) => {
            const { phase, ms } = JSON.parse(line) as { phase: string; ms: number };
            return `${phase} ${ms}`;
          });
        return { wallMs, cpuMs: cpuMsOf(child.pid!), rssMiB: rssMiBOf(child.pid!), load, phases };
      }
      await sleep(10);
    }
    throw new Error(`server exited:\n${output.slice(-20).join('\n')}`);
  } finally {
    child.kill('SIGTERM');
    await exited;
  }
}

const source = await serverSource();
try {
  const command = await serverCommand(source.dir);
  process.stdout.write(`start-up of ${source.description}: node ${command.join(' ')}\n`);
  process.stdout.write('| start | wall to /healthz 200, s | CPU, s | RSS, MiB | load (1 min) |\n');
  process.stdout.write('| --- | --- | --- | --- | --- |\n');
  for (let run = 1; run <= runs; run++) {
    const dataDir = await mkdtemp(join(tmpdir(), 'orderflow-start-up-'));
    try {
      for (const kind of ['fresh', 'second']) {
        const start = await startOnce(source.dir, command, dataDir);
        const cells = [
          `${kind} (${run})`,
          (start.wallMs / 1000).toFixed(2),
          (start.cpuMs / 1000).toFixed(2),
          start.rssMiB.toFixed(0),
          start.load.toFixed(2),
        ];
        process.stdout.write(`| ${cells.join(' | ')} |\n`);
        if (showPhases) process.stdout.write(`  phases: ${start.phases.join(', ')}\n`);
      }
    } finally {
      await rm(dataDir, { recursive: true, force: true });
    }
  }
} finally {
  await source.dispose();
}
