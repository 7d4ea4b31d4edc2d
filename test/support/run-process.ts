import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('../..', import.meta.url));

export interface Finished {
  code: number | null;
  signal: NodeJS.Signals | null;
  stdout: string;
  stderr: string;
}

/**
 * Runs `node <args>` from the repository root with a clean environment plus `env`, and resolves
 * when it exits (it is killed after `timeoutMs`, which then fails the test with its output).
 */
export function runNode(
  args: string[],
  env: Record<string, string> = {},
  timeoutMs = 60_000,
): Promise<Finished> {
  const child = spawn(process.execPath, args, {
    cwd: root,
    env: { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '/tmp', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (chunk) => (stdout += chunk));
  child.stderr.on('data', (chunk) => (stderr += chunk));
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`node ${args.join(' ')} still running after ${timeoutMs} ms:\n${stdout}\n${stderr}`));
    }, timeoutMs);
    child.once('error', reject);
    child.once('close', (code, signal) => {
      clearTimeout(timer);
      resolve({ code, signal, stdout, stderr });
    });
  });
}

/** `src/main.ts` (what `npm start` runs) until it exits. */
export function runServerToExit(env: Record<string, string>, timeoutMs?: number): Promise<Finished> {
  return runNode(['--import', 'tsx', 'src/main.ts'], { LOG_LEVEL: 'warn', ...env }, timeoutMs);
}

/** The operator CLI with `args`, until it exits. */
export function runCli(
  args: string[],
  env: Record<string, string> = {},
  timeoutMs?: number,
): Promise<Finished> {
  return runNode(['--import', 'tsx', 'src/cli.ts', ...args], env, timeoutMs);
}

/** stderr as its non-empty lines. */
export function lines(text: string): string[] {
  return text.split('\n').filter((line) => line.trim() !== '');
}

export interface RunningNode {
  output(): string;
  /** Resolves once the combined output contains `text`; rejects if the process exits first. */
  waitFor(text: string, timeoutMs?: number): Promise<void>;
  exited: Promise<Finished>;
  kill(signal?: NodeJS.Signals): void;
}

/** `src/main.ts` as a process the test watches while it starts. */
export function spawnServer(env: Record<string, string>): RunningNode {
  return spawnNode(['--import', 'tsx', 'src/main.ts'], env);
}

/** `node <args>` as a process the test watches while it runs. */
export function spawnNode(args: string[], env: Record<string, string>): RunningNode {
  const child = spawn(process.execPath, args, {
    cwd: root,
    env: { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '/tmp', LOG_LEVEL: 'info', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stdout = '';
  let stderr = '';
  const waiters = new Set<() => void>();
  const onData = () => {
    for (const check of waiters) check();
  };
  child.stdout.on('data', (chunk) => {
    stdout += chunk;
    onData();
  });
  child.stderr.on('data', (chunk) => {
    stderr += chunk;
    onData();
  });
  const exited = new Promise<Finished>((resolve) =>
    child.once('close', (code, signal) => resolve({ code, signal, stdout, stderr })),
  );
  return {
    output: () => stdout + stderr,
    exited,
    kill: (signal = 'SIGTERM') => child.kill(signal),
    waitFor(text, timeoutMs = 240_000) {
      return new Promise((resolve, reject) => {
        const check = () => {
          if (!(stdout + stderr).includes(text)) return;
          waiters.delete(check);
          clearTimeout(timer);
          resolve();
        };
        const timer = setTimeout(() => {
          waiters.delete(check);
          reject(new Error(`no "${text}" in ${timeoutMs} ms:\n${stdout}\n${stderr}`));
        }, timeoutMs);
        waiters.add(check);
        void exited.then((end) => {
          waiters.delete(check);
          clearTimeout(timer);
          if (!(end.stdout + end.stderr).includes(text))
            reject(new Error(`exited (${end.code}) before "${text}":\n${end.stdout}\n${end.stderr}`));
          else resolve();
        });
        check();
      });
    },
  };
}
