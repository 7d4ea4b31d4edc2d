import { DomainError } from '../../../shared/errors.ts';
import type { UnitOfWork } from '../../../shared/ports/unit-of-work.ts';
import type { OrderCommandHandler } from '../../ordering/index.ts';
import type { FulfilmentStores, KitchenOrder } from './ports.ts';

export const notFound = (orderId: string) =>
  new DomainError('ORDER_NOT_FOUND', `order ${orderId} not found`, { order_id: orderId });

/**
 * Seed 001's food_point app: kitchen staff see their point's orders and mark one READY. An
 * order of another point does not exist for them (404).
 */
export class KitchenOrders {
  constructor(
    private readonly storage: UnitOfWork<FulfilmentStores>,
    private readonly commands: OrderCommandHandler,
  ) {}

  /** The point the kitchen user works at; FORBIDDEN when an admin has not assigned one. */
  async pointOf(userId: string, stores: FulfilmentStores = this.storage.read): Promise<string> {
    const pointId = await stores.foodPoints.pointOfStaff(userId);
    if (pointId === undefined)
      throw new DomainError('FORBIDDEN', 'this kitchen user is not assigned to a food point', {
        user_id: userId,
      });
    return pointId;
  }

  /** The point's orders in the kitchen, newest assigned first, with their items. */
  async list(userId: string, limit = 100): Promise<{ food_point_id: string; orders: KitchenOrder[] }> {
    const pointId = await this.pointOf(userId);
    return { food_point_id: pointId, orders: await this.storage.read.kitchenOrders.atPoint(pointId, limit) };
  }

  /** ASSIGNED → READY: the ingredients reserved at assignment are consumed, in the same transaction. */
  async markReady(orderId: string, userId: string, correlationId: string) {
    return this.storage.transaction(async (tx) => {
      const pointId = await this.pointOf(userId, tx);
      const record = await tx.kitchenOrders.getForUpdate(orderId);
      if (!record || record.food_point_id !== pointId) throw notFound(orderId);
      const outcome = await this.commands.executeIn(tx, orderId, (_s, now) => ({ type: 'MarkReady', now }), {
        correlation_id: correlationId,
        actor_id: userId,
      });
      await tx.kitchenOrders.save({ ...record, status: 'READY', ingredients_reserved: false });
      return outcome;
    });
  }
}
