import { DomainError } from '../../../shared/errors.ts';
import type { IdGenerator } from '../../../shared/ids.ts';
import type { CommandOutcome, OrderCommandHandler } from './order-command-handler.ts';
import { mayView, type OrderViewer } from './order-visibility.ts';
import type { RequestContext } from './ports.ts';

export interface CancelOrderResult extends CommandOutcome {
  /** True when money went back to the buyer's wallet. */
  refunded: boolean;
}

/**
 * Cancellation on request: the buyer cancels their own order before ASSIGNED, an admin any
 * order until delivery (the guard is the domain's). Stock is released and a paid order
 * refunded in the same transaction.
 */
export class CancelOrder {
  constructor(
    private readonly handler: OrderCommandHandler,
    private readonly ids: IdGenerator,
  ) {}

  async execute(
    orderId: string,
    actor: OrderViewer,
    reason: string,
    context: RequestContext,
  ): Promise<CancelOrderResult> {
    const outcome = await this.handler.execute(
      orderId,
      (order, now) => {
        if (!mayView(order, actor)) {
          throw new DomainError('ORDER_NOT_FOUND', `order ${orderId} not found`, { order_id: orderId });
        }
        return {
          type: 'CancelOrder',
          by: { id: actor.userId, kind: actor.isAdmin ? 'admin' : 'buyer' },
          reason,
          refund_operation_id: this.ids.next(),
          now,
        };
      },
      context,
    );
    const refunded = outcome.events.some((e) => e.type === 'OrderCancelled' && e.data.refund !== null);
    return { ...outcome, refunded };
  }
}
