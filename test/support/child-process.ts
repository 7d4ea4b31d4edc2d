import { type ChildProcess, spawn } from 'node:child_process';
import { once } from 'node:events';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('../..', import.meta.url));

export interface OrderflowProcess {
  child: ChildProcess;
  output(): string;
  stop(): Promise<void>;
}

/** Runs `src/main.ts` as its own OS process, as production would, and waits until it has started. */
export async function spawnOrderflow(
  env: Record<string, string>,
  timeoutMs = 30_000,
): Promise<OrderflowProcess> {
  const child = spawn(process.execPath, ['--import', 'tsx', 'src/main.ts'], {
    cwd: root,
    env: {
      PATH: process.env.PATH ?? '',
      HOME: process.env.HOME ?? '/tmp',
      LOG_LEVEL: 'info',
      // Tests place many unpaid orders as one demo buyer; unpaid-orders.test.ts tests the cap.
      MAX_UNPAID_ORDERS_PER_BUYER: '100000',
      MAX_UNPAID_UNITS_PER_BUYER: '100000000',
      // Load from one address and a few users must not be throttled.
      RATE_LIMIT_PER_IP: '0',
      RATE_LIMIT_PER_USER: '0',
      ...env,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout!.on('data', (chunk) => (output += chunk));
  child.stderr!.on('data', (chunk) => (output += chunk));
  const started = new Promise<void>((resolve, reject) => {
    const timer = setTimeout(
      () => reject(new Error(`not started in ${timeoutMs} ms:\n${output}`)),
      timeoutMs,
    );
    child.stdout!.on('data', () => {
      if (output.includes('"msg":"orderflow started"')) {
        clearTimeout(timer);
        resolve();
      }
    });
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`exited with ${code} before starting:\n${output}`));
    });
  });
  // A process that did not start in time is not left behind running.
  await started.catch((error) => {
    child.kill('SIGKILL');
    throw error;
  });
  return {
    child,
    output: () => output,
    async stop() {
      // A child killed by a signal keeps exitCode null: it has exited all the same.
      if (child.exitCode !== null || child.signalCode !== null) return;
      child.kill('SIGTERM');
      await once(child, 'exit');
    },
  };
}
