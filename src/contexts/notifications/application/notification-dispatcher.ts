import type { Clock } from '../../../shared/clock.ts';
import { GroupCommit, ItemFailed } from '../../../shared/group-commit.ts';
import type { IdGenerator } from '../../../shared/ids.ts';
import type {
  DeliveryOutcome,
  EmailChannel,
  PushChannel,
  PushPlatform,
} from '../../../shared/ports/notification-channel.ts';
import { noTraceContinuation, type TraceContinuation } from '../../../shared/ports/trace-continuation.ts';
import type { UnitOfWork } from '../../../shared/ports/unit-of-work.ts';
import type { Device } from '../../profile/index.ts';
import { mayRetry, type RetryPolicy, retryDelayMs } from '../domain/retry-policy.ts';
import type {
  ClaimedDelivery,
  DeliveryUpdate,
  NotificationObserver,
  NotificationStores,
  Receipt,
} from './ports.ts';

export interface NotificationChannels {
  email: EmailChannel;
  push: Readonly<Record<PushPlatform, PushChannel>>;
}

export interface DispatcherOptions {
  storage: UnitOfWork<NotificationStores>;
  channels: NotificationChannels;
  retry: RetryPolicy;
  /** How long a claimed delivery is left to its sender before another worker may take it over. */
  leaseMs: number;
  clock: Clock;
  ids: IdGenerator;
  /** In [0, 1): the jitter of the backoff. */
  random: () => number;
  observer?: NotificationObserver;
  /** Each attempt continues the trace its delivery was made in (a retry pass has none of its own). */
  trace?: TraceContinuation;
}

/** Tries at recording one attempt: a connection cut mid-transaction must not cause a re-send. */
const RECORD_TRIES = 3;

/**
 * Sends deliveries and records each attempt (seed 000 step 7). Claiming a delivery leases it;
 * the outcome decides what follows: delivered; retried later with capped, jittered backoff that
 * honours Retry-After (the due time is stored, so a restart forgets nothing); the device
 * disabled for good; or a permanent failure. A crash after sending and before recording leaves
 * the lease to expire and the delivery is sent again: at-least-once there, with the later
 * attempt's receipt recorded (docs/decisions.md). Recording is fenced by the lease: a sender
 * whose lease expired (another worker took over) records nothing.
 */
export class NotificationDispatcher {
  constructor(private readonly options: DispatcherOptions) {}

  readonly #inFlight = new Set<Promise<void>>();
  /** The deliveries that concurrent `sendNow` calls name, claimed in one statement. */
  readonly #claims = new GroupCommit<readonly string[], ClaimedDelivery[]>((lists) => this.#claimMany(lists));
  /** Attempts finished together, recorded in one transaction. */
  readonly #records = new GroupCommit<PendingRecord, boolean>((records) => this.#recordMany(records));

  /** Sends the just-created deliveries at once (the consumer, after its commit). */
  async sendNow(ids: readonly string[]): Promise<void> {
    if (ids.length === 0) return;
    await this.#send(await this.#claims.submit(ids));
  }

  /**
   * `sendNow` without waiting: the bus message is settled at the commit, so a slow provider
   * (an SMTP timeout) never holds up the consumer (nor, in embedded mode, the outbox relay that
   * waits for in-process handlers). A failure here leaves the rows to the periodic task.
   */
  sendSoon(ids: readonly string[], onError: (error: unknown) => void = () => {}): void {
    if (ids.length === 0) return;
    const sending = this.sendNow(ids).catch(onError);
    this.#inFlight.add(sending);
    void sending.finally(() => this.#inFlight.delete(sending));
  }

  /** Resolves once every `sendSoon` started so far has finished (tests; stopping). */
  async settled(): Promise<void> {
    while (this.#inFlight.size > 0) await Promise.all([...this.#inFlight]);
  }

  /** Sends pending deliveries that are due (retries, and any a crashed sender left); how many. */
  async sendDue(limit = 50): Promise<number> {
    const claimed = await this.#claim({ limit });
    await this.#send(claimed);
    return claimed.length;
  }

  /** One claim for the ids of several callers; each gets back the ones it named. */
  async #claimMany(lists: readonly (readonly string[])[]): Promise<ClaimedDelivery[][]> {
    const claimed = await this.#claim({ ids: lists.flat() });
    const byId = new Map(claimed.map((delivery) => [delivery.id, delivery]));
    return lists.map((ids) => ids.flatMap((id) => byId.get(id) ?? []));
  }

  #claim(select: { ids: readonly string[] } | { limit: number }): Promise<ClaimedDelivery[]> {
    const now = this.options.clock.now();
    const leaseUntil = new Date(now.getTime() + this.options.leaseMs);
    return this.options.storage.read.notifications.claim(select, now, leaseUntil);
  }

  async #send(deliveries: ClaimedDelivery[]): Promise<void> {
    if (deliveries.length === 0) return;
    // The pushes' devices in one read, as they stand now (disabled, removed or moved meanwhile?).
    // If that read fails, the letters still go; the pushes wait for their lease to run out.
    const deviceIds = deliveries.flatMap((delivery) =>
      delivery.device_id === null ? [] : [delivery.device_id],
    );
    let devices: ReadonlyMap<string, Device> | undefined;
    let lookupFailed: unknown;
    try {
      devices = await this.options.storage.read.devices.getMany(deviceIds);
    } catch (error) {
      lookupFailed = error;
    }
    // FCM, APNs and SMTP in parallel (seed 000's `par`); one failing never stops the others.
    const trace = this.options.trace ?? noTraceContinuation;
    await Promise.all(
      deliveries.flatMap((delivery) =>
        delivery.device_id !== null && devices === undefined
          ? []
          : [trace.resume(delivery.trace_context, () => this.#attempt(delivery, devices ?? new Map()))],
      ),
    );
    if (lookupFailed !== undefined) throw lookupFailed;
  }

  async #attempt(delivery: ClaimedDelivery, devices: ReadonlyMap<string, Device>): Promise<void> {
    const { clock } = this.options;
    const attemptedAt = clock.now();
    const attempt = delivery.attempts + 1;
    if (delivery.device_id !== null) {
      const device = devices.get(delivery.device_id);
      const why = unusable(device, delivery.customer_id);
      if (why !== undefined) {
        return this.#record(delivery, attempt, attemptedAt, {
          status: 'skipped',
          outcome: 'skipped',
          message: why,
        });
      }
    }
    // The lease ran out before the send began (a slow lookup, a paused process): another worker
    // may hold the delivery now, so this one sends nothing.
    if (clock.now().getTime() >= delivery.lease_until.getTime()) return;
    const outcome = await this.#deliver(delivery);
    const { provider } = outcome;
    const answer = {
      provider_status: provider.status ?? null,
      error_code: provider.error_code ?? null,
      message_id: provider.message_id ?? null,
      message: provider.message ?? null,
    };
    const next = this.#next(outcome, attempt);
    // Retries used up: the receipt says failed, so the buyer's history shows it ended there.
    const gaveUp = outcome.outcome === 'retry' && next.status === 'failed';
    await this.#record(delivery, attempt, attemptedAt, {
      ...next,
      outcome: gaveUp ? 'failed' : outcome.outcome,
      gaveUp,
      ...answer,
    });
  }

  async #deliver(delivery: ClaimedDelivery): Promise<DeliveryOutcome> {
    const { payload } = delivery;
    try {
      if (payload.kind === 'email') {
        return await this.options.channels.email.send({ ...payload.message, message_id: delivery.id });
      }
      return await this.options.channels.push[payload.platform].send(payload.message);
    } catch (error) {
      // A channel should classify every answer; one that throws is treated as temporary.
      const message = error instanceof Error ? error.message : String(error);
      return { outcome: 'retry', provider: { error_code: 'CHANNEL_ERROR', message } };
    }
  }

  #next(outcome: DeliveryOutcome, attempt: number): { status: DeliveryUpdate['status']; retryInMs?: number } {
    switch (outcome.outcome) {
      case 'delivered':
        return { status: 'delivered' };
      case 'device_invalid':
        return { status: 'device_invalid' };
      case 'failed':
        return { status: 'failed' };
      case 'retry': {
        if (!mayRetry(this.options.retry, attempt)) return { status: 'failed' };
        const retryInMs = retryDelayMs(
          this.options.retry,
          attempt,
          this.options.random,
          outcome.retry_after_ms,
        );
        return { status: 'pending', retryInMs };
      }
    }
  }

  async #record(
    delivery: ClaimedDelivery,
    attempt: number,
    attemptedAt: Date,
    result: {
      status: DeliveryUpdate['status'];
      outcome: Receipt['outcome'];
      retryInMs?: number;
      gaveUp?: boolean;
      provider_status?: number | null;
      error_code?: string | null;
      message_id?: string | null;
      message?: string | null;
    },
  ): Promise<void> {
    const { clock, ids, observer } = this.options;
    const now = clock.now();
    const receipt: Receipt = {
      id: ids.next(),
      delivery_id: delivery.id,
      order_id: delivery.order_id,
      channel: delivery.channel,
      target: delivery.target,
      device_id: delivery.device_id,
      attempt,
      outcome: result.outcome,
      provider_status: result.provider_status ?? null,
      error_code: result.error_code ?? null,
      message_id: result.message_id ?? null,
      message: result.message ?? null,
      attempted_at: attemptedAt.toISOString(),
    };
    const update: DeliveryUpdate = {
      status: result.status,
      attempts: attempt,
      next_attempt_at: new Date(now.getTime() + (result.retryInMs ?? 0)),
    };
    const disable =
      result.status === 'device_invalid' && delivery.device_id !== null
        ? { deviceId: delivery.device_id, reason: receipt.error_code ?? 'device_invalid', at: now }
        : undefined;
    // The provider has answered: failing to record now (a terminated connection, a failover)
    // would let the lease expire and the letter go out again, so the record is tried again
    // while the lease holds (the fencing makes a repeat harmless: it records nothing twice).
    let recorded = false;
    for (let tries = 1; ; tries++) {
      try {
        recorded = await this.#records.submit({ receipt, update, leaseUntil: delivery.lease_until, disable });
        break;
      } catch (error) {
        if (tries >= RECORD_TRIES || clock.now().getTime() >= delivery.lease_until.getTime()) throw error;
      }
    }
    // Fenced out: the send outlasted the lease and another worker took the delivery over; its
    // record is the one that counts (NOTIFICATION_SEND_LEASE_MS is bounded to make this rare).
    if (!recorded) return;
    observer?.attempted({
      delivery,
      receipt,
      gaveUp: result.gaveUp ?? false,
      ...(result.status === 'delivered'
        ? { deliveredAfterMs: now.getTime() - delivery.created_at.getTime() }
        : {}),
    });
  }

  /**
   * Records attempts that finished together at once: one statement, atomic, each attempt
   * fenced by its own lease (a transaction only when a device is to be disabled with it). If
   * that fails, each is recorded alone, so one bad row costs the others nothing.
   */
  async #recordMany(records: readonly PendingRecord[]): Promise<(boolean | ItemFailed)[]> {
    const { storage } = this.options;
    const recordAll = (items: readonly PendingRecord[]): Promise<boolean[]> => {
      const attempts = items.map(({ receipt, update, leaseUntil }) => ({ receipt, update, leaseUntil }));
      if (!items.some((item) => item.disable)) return storage.read.notifications.recordMany(attempts);
      return storage.transaction(async (tx) => {
        const recorded = await tx.notifications.recordMany(attempts);
        for (const [i, { disable }] of items.entries())
          if (recorded[i] && disable) await tx.devices.disable(disable.deviceId, disable.reason, disable.at);
        return recorded;
      });
    };
    if (records.length === 1) return recordAll(records);
    try {
      return await recordAll(records);
    } catch {
      const recorded: (boolean | ItemFailed)[] = [];
      for (const record of records) {
        recorded.push(
          await recordAll([record]).then(
            ([ok]) => ok!,
            (error: unknown) => new ItemFailed(error),
          ),
        );
      }
      return recorded;
    }
  }
}

/** One attempt's receipt and delivery update, waiting for its statement. */
interface PendingRecord {
  receipt: Receipt;
  update: DeliveryUpdate;
  leaseUntil: Date;
  disable: { deviceId: string; reason: string; at: Date } | undefined;
}

/** Why a push must not go to this device any more, if it must not. */
function unusable(device: Device | undefined, customerId: string): string | undefined {
  if (!device) return 'device removed';
  // A token that moved to another user since must not show them this buyer's order.
  if (device.user_id !== customerId) return 'device registered to another user since';
  if (device.state !== 'active') return `device disabled: ${device.disabled_reason ?? 'unknown'}`;
  return undefined;
}
