import type { Clock } from '../../../shared/clock.ts';
import { DomainError } from '../../../shared/errors.ts';
import type { UnitOfWork } from '../../../shared/ports/unit-of-work.ts';
import type { OrderCommands } from './order-commands.ts';
import type { OrderingStores } from './ports.ts';

/**
 * DESIGN.md's payment timeout: a PENDING order older than `ttlSeconds` is cancelled by the
 * system (reason `payment timeout`), which releases its stock and announces the change.
 * Candidates come from ordering's unpaid-orders index; the decision is the stream's, so
 * several processes may run this at once: the second append at the same version fails, the
 * retry finds the order CANCELLED and skips it. A payment landing first wins the same way.
 */
export class ExpireUnpaidOrders {
  constructor(
    private readonly storage: UnitOfWork<OrderingStores>,
    private readonly commands: OrderCommands,
    private readonly clock: Clock,
    private readonly ttlSeconds: number,
  ) {}

  async run(limit = 100): Promise<{ expired: number }> {
    const cutoff = new Date(this.clock.now().getTime() - this.ttlSeconds * 1000);
    let expired = 0;
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
        throw error;
      }
    }
    return { expired };
  }
}
