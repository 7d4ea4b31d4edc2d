import type { Clock } from '../../../shared/clock.ts';
import { DomainError } from '../../../shared/errors.ts';
import type { UnitOfWork } from '../../../shared/ports/unit-of-work.ts';
import type { OrderCommandHandler } from './order-command-handler.ts';
import type { OrderingStores } from './ports.ts';

/** One candidate the sweep could not expire, and why; the sweep went on with the next. */
export interface ExpiryFailure {
  order_id: string;
  error: unknown;
}

export interface ExpiryResult {
  expired: number;
  failed: ExpiryFailure[];
}

/**
 * DESIGN.md's payment timeout: a PENDING order older than `ttlSeconds` is cancelled by the
 * system (reason `payment timeout`), which releases its stock and announces the change.
 * Candidates come from ordering's unpaid-orders index; the decision is the stream's, so
 * several processes may run this at once: the second append at the same version fails, the
 * retry finds the order CANCELLED and skips it. A payment landing first wins the same way.
 * A candidate that fails for any other reason is collected in `failed` (the caller logs it)
 * and the sweep goes on: one bad order must not keep every other one from expiring.
 */
export class ExpireUnpaidOrders {
  constructor(
    private readonly storage: UnitOfWork<OrderingStores>,
    private readonly commands: OrderCommandHandler,
    private readonly clock: Clock,
    private readonly ttlSeconds: number,
  ) {}

  async run(limit = 100): Promise<ExpiryResult> {
    const cutoff = new Date(this.clock.now().getTime() - this.ttlSeconds * 1000);
    let expired = 0;
    const failed: ExpiryFailure[] = [];
    for (const candidate of await this.storage.read.unpaidOrders.createdBefore(cutoff, limit)) {
      try {
        await this.commands.execute(
          candidate.order_id,
          (_order, now) => ({ type: 'ExpireUnpaidOrder', ttl_seconds: this.ttlSeconds, now }),
          { correlation_id: `unpaid-order-expiry:${candidate.order_id}`, actor_id: 'system' },
        );
        expired++;
      } catch (error) {
        // Paid, cancelled or expired by another process meanwhile: nothing left to do.
        if (error instanceof DomainError && error.code === 'ORDER_INVALID_TRANSITION') continue;
        failed.push({ order_id: candidate.order_id, error });
      }
    }
    return { expired, failed };
  }
}
