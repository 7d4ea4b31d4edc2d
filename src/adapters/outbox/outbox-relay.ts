import { context, ROOT_CONTEXT } from '@opentelemetry/api';
import type { Clock } from '../../shared/clock.ts';
import type { BusMessage, MessageBus } from '../../shared/ports/message-bus.ts';
import type { OutboxRelayStore, PendingOutboxMessage } from '../../shared/ports/outbox.ts';
import type { UnitOfWork } from '../../shared/ports/unit-of-work.ts';

export interface OutboxRelayOptions {
  storage: UnitOfWork<{ outbox: OutboxRelayStore }>;
  bus: MessageBus;
  clock: Clock;
  batchSize?: number;
  pollIntervalMs?: number;
  /** Longest pause after failures (backoff doubles from `pollIntervalMs`). */
  maxBackoffMs?: number;
  onError?: (error: unknown) => void;
  onPublished?: (count: number) => void;
  /** The messages of each batch once published and marked (business-event logs). */
  onMessagesPublished?: (messages: readonly PendingOutboxMessage[]) => void;
}

/**
 * Publishes what committed to the outbox. Each batch is claimed and marked published in one
 * statement (row locks: other relays skip it), then published, and the transaction commits
 * only after the broker confirmed it: a crash or a failed publish before the commit rolls the
 * mark back and the batch is published again later. Delivery is therefore at least once;
 * consumers dedupe by `event_id`.
 */
export class OutboxRelay {
  readonly #storage: OutboxRelayOptions['storage'];
  readonly #bus: MessageBus;
  readonly #clock: Clock;
  readonly #batchSize: number;
  readonly #pollIntervalMs: number;
  readonly #maxBackoffMs: number;
  readonly #onError: (error: unknown) => void;
  readonly #onPublished: (count: number) => void;
  readonly #onMessagesPublished: (messages: readonly PendingOutboxMessage[]) => void;
  #running = false;
  #timer: NodeJS.Timeout | undefined;
  #wakeRequested = false;
  #loop: Promise<void> | undefined;
  #failures = 0;

  constructor({
    storage,
    bus,
    clock,
    batchSize = 100,
    pollIntervalMs = 250,
    maxBackoffMs = 10_000,
    onError = () => {},
    onPublished = () => {},
    onMessagesPublished = () => {},
  }: OutboxRelayOptions) {
    this.#storage = storage;
    this.#bus = bus;
    this.#clock = clock;
    this.#batchSize = batchSize;
    this.#pollIntervalMs = pollIntervalMs;
    this.#maxBackoffMs = maxBackoffMs;
    this.#onError = onError;
    this.#onPublished = onPublished;
    this.#onMessagesPublished = onMessagesPublished;
  }

  /** Publishes one batch; returns how many messages it published. */
  async relayOnce(): Promise<number> {
    const batch = this.#bus.publishAwaitsHandlers
      ? await this.#relayThenMark()
      : await this.#storage.transaction(async ({ outbox }) => {
          // Claimed and marked in one statement; the mark commits only after the broker confirmed.
          const claimed = await outbox.claim(this.#batchSize, { markPublishedAt: this.#clock.now() });
          if (claimed.length > 0) await this.#bus.publish(claimed.map(toBusMessage));
          return claimed;
        });
    if (batch.length > 0) this.#onMessagesPublished(batch);
    return batch.length;
  }

  /**
   * For a bus whose publish waits for the handlers (in-process): the handlers write to the
   * database, so the batch is not held locked while publishing. Only one relay runs per such
   * bus (one process), and a crash before the mark still means a re-publish, never a loss.
   */
  async #relayThenMark(): Promise<PendingOutboxMessage[]> {
    // Each a statement alone, without a transaction: with one relay there is nobody to lock out.
    const batch = await this.#storage.read.outbox.claim(this.#batchSize);
    if (batch.length === 0) return batch;
    await this.#bus.publish(batch.map(toBusMessage));
    await this.#storage.read.outbox.markPublished(
      batch.map((m) => m.id),
      this.#clock.now(),
    );
    return batch;
  }

  start(): void {
    if (this.#running) return;
    this.#running = true;
    this.#schedule(0);
  }

  /** Publish soon: a local commit just wrote to the outbox. */
  wake(): void {
    if (!this.#running) return;
    if (this.#loop) {
      this.#wakeRequested = true;
      return;
    }
    if (this.#failures === 0) this.#schedule(0);
  }

  async stop(): Promise<void> {
    this.#running = false;
    clearTimeout(this.#timer);
    await this.#loop;
  }

  #schedule(delayMs: number): void {
    clearTimeout(this.#timer);
    // In no trace: a wake comes from a committing request, and the timer would carry its
    // context into every later batch. Each message's own trace travels in its headers.
    this.#timer = context.with(ROOT_CONTEXT, () =>
      setTimeout(() => {
        this.#loop = this.#drain().finally(() => {
          this.#loop = undefined;
        });
      }, delayMs),
    );
  }

  async #drain(): Promise<void> {
    try {
      do {
        this.#wakeRequested = false;
        while (this.#running) {
          const published = await this.relayOnce();
          if (published === 0) break;
          this.#onPublished(published);
        }
      } while (this.#running && this.#wakeRequested);
      this.#failures = 0;
    } catch (error) {
      this.#failures++;
      this.#onError(error);
    }
    if (!this.#running) return;
    const backoff = Math.min(this.#maxBackoffMs, this.#pollIntervalMs * 2 ** this.#failures);
    this.#schedule(this.#failures > 0 ? backoff : this.#pollIntervalMs);
  }
}

const toBusMessage = ({ topic, key, envelope, headers }: PendingOutboxMessage): BusMessage => ({
  topic,
  key,
  envelope,
  headers,
});
