import type { IdGenerator } from '../../../shared/ids.ts';
import type { UnitOfWork } from '../../../shared/ports/unit-of-work.ts';
import type { OrderCommandHandler } from './order-command-handler.ts';
import { completePayment } from './pay-order.ts';
import type { OrderingStores } from './ports.ts';

/**
 * Finishes payments a crash left between debit and "paid": each DEBITED payment older than
 * the grace period either completes (the order is still PENDING) or is refunded. Safe to run
 * in several processes at once and beside live payments: each step is conditional.
 */
export class PaymentRecovery {
  constructor(
    private readonly storage: UnitOfWork<OrderingStores>,
    private readonly commands: OrderCommandHandler,
    private readonly ids: IdGenerator,
    private readonly graceMs = 30_000,
  ) {}

  async run(limit = 100): Promise<{ completed: number; refunded: number }> {
    const result = { completed: 0, refunded: 0 };
    for (const payment of await this.storage.read.payments.stuck(this.graceMs, limit)) {
      const outcome = await completePayment(this.storage, this.commands, this.ids, payment, {
        correlation_id: `payment-recovery:${payment.order_id}`,
        actor_id: 'payment-recovery',
      });
      result[outcome]++;
    }
    return result;
  }
}
