import { setTimeout as sleep } from 'node:timers/promises';
import { type OrderflowProcess, spawnOrderflow } from './child-process.ts';

/**
 * One production role (`ROLES=…`) run as its own OS process with `src/main.ts`, that a fault
 * test can SIGKILL and start again with the same environment, as a crashing container would be.
 */
export class RoleProcess {
  kills = 0;
  starts = 0;
  #current: OrderflowProcess | undefined;
  readonly #outputs: string[] = [];

  constructor(
    readonly name: string,
    private readonly env: Record<string, string>,
  ) {}

  /** Starts the process and waits (at most `timeoutMs`) until it logged "orderflow started". */
  async start(timeoutMs = 90_000): Promise<void> {
    const started = await spawnOrderflow(this.env, timeoutMs);
    this.#current = started;
    this.starts++;
  }

  /** SIGKILL: no shutdown hook runs, in-flight transactions and unacked messages are cut off. */
  async kill(): Promise<void> {
    const current = this.#current;
    this.#current = undefined;
    if (!current || current.child.exitCode !== null || current.child.signalCode !== null) return;
    const exited = new Promise((resolve) => current.child.once('exit', resolve));
    current.child.kill('SIGKILL');
    await exited;
    this.#outputs.push(current.output());
    this.kills++;
  }

  async restart(pauseMs = 0): Promise<void> {
    await this.kill();
    await sleep(pauseMs);
    await this.start();
  }

  /** SIGTERM, as at the end of a deployment. */
  async stop(): Promise<void> {
    const current = this.#current;
    this.#current = undefined;
    if (!current) return;
    await current.stop();
    this.#outputs.push(current.output());
  }

  /** Everything the role's processes printed, for a failing test's message. */
  output(): string {
    return [...this.#outputs, this.#current?.output() ?? ''].join(`\n--- ${this.name} restarted ---\n`);
  }
}
