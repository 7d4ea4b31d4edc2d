import { DomainError } from '../../../shared/errors.ts';
import type { IdGenerator } from '../../../shared/ids.ts';
import type { ExistingOrder } from '../domain/order.ts';
import type { CommandOutcome, OrderCommands } from './order-commands.ts';
import { mayView } from './order-visibility.ts';
import type { RequestContext } from './ports.ts';

export interface OrderActor {
  userId: string;
  isAdmin: boolean;
}

/** Seed 004's admin confirmation, and cancellation by the buyer or an admin. */
export class ManageOrder {
  constructor(
    private readonly commands: OrderCommands,
    private readonly ids: IdGenerator,
  ) {}

  confirm(orderId: string, admin: OrderActor, context: RequestContext): Promise<CommandOutcome> {
    return this.commands.execute(
      orderId,
      (_order, now) => ({ type: 'ConfirmOrder', by: { id: admin.userId, kind: 'admin' }, now }),
      context,
    );
  }

  /** The buyer cancels their own order before ASSIGNED; an admin any order until delivery. */
  cancel(
    orderId: string,
    actor: OrderActor,
    reason: string,
    context: RequestContext,
  ): Promise<CommandOutcome> {
    return this.commands.execute(
      orderId,
      (order, now) => {
        visibleTo(order, actor);
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
  }
}

/** An order is visible to its buyer and to admins; to anyone else it does not exist. */
export function visibleTo(order: ExistingOrder, actor: OrderActor): void {
  if (!mayView(order, actor)) {
    throw new DomainError('ORDER_NOT_FOUND', `order ${order.order_id} not found`, {
      order_id: order.order_id,
    });
  }
}
