import type { CommandOutcome, OrderCommandHandler } from './order-command-handler.ts';
import type { OrderViewer } from './order-visibility.ts';
import type { RequestContext } from './ports.ts';

/** Seed 004's confirmation of a paid order by an admin (the auto-confirm policy does the same as the system). */
export class ConfirmOrder {
  constructor(private readonly handler: OrderCommandHandler) {}

  execute(orderId: string, admin: OrderViewer, context: RequestContext): Promise<CommandOutcome> {
    return this.handler.execute(
      orderId,
      (_order, now) => ({ type: 'ConfirmOrder', by: { id: admin.userId, kind: 'admin' }, now }),
      context,
    );
  }
}
