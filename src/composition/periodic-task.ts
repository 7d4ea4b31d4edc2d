import { context, ROOT_CONTEXT } from '@opentelemetry/api';
/** Runs `work` now and then every `intervalMs`, one run at a time; `stop` waits for a run in progress. */
export class PeriodicTask {
  #timer: NodeJS.Timeout | undefined;
  #running: Promise<void> | undefined;
  #stopped = false;
  #wakeAfterRun = false;

  constructor(
    private readonly intervalMs: number,
    private readonly work: () => Promise<void>,
    private readonly onError: (error: unknown) => void,
  ) {}

  start(): this {
    this.#tick();
    return this;
  }

  /** Runs soon instead of at the next interval (at most one extra run queued). */
  wake(): void {
    if (this.#stopped) return;
    if (this.#running) {
      this.#wakeAfterRun = true;
      return;
    }
    clearTimeout(this.#timer);
    this.#timer = untraced(() => setTimeout(() => this.#tick(), 0));
  }

  async stop(): Promise<void> {
    this.#stopped = true;
    clearTimeout(this.#timer);
    await this.#running;
  }

  #tick(): void {
    if (this.#stopped) return;
    this.#running = this.work()
      .catch(this.onError)
      .finally(() => {
        this.#running = undefined;
        const delay = this.#wakeAfterRun ? 0 : this.intervalMs;
        this.#wakeAfterRun = false;
        if (!this.#stopped) this.#timer = untraced(() => setTimeout(() => this.#tick(), delay));
      });
  }
}

/**
 * Timers keep the trace context they were set in: a wake from inside a request or a consumer
 * would make every later run part of that one trace. A periodic run belongs to none.
 */
function untraced<T>(schedule: () => T): T {
  return context.with(ROOT_CONTEXT, schedule);
}
