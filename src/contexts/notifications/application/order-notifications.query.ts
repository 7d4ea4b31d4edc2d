import { DomainError } from '../../../shared/errors.ts';
import { mayView, type OrderViewer } from '../../ordering/index.ts';
import type { NotificationStore, Receipt } from './ports.ts';

/** The buyer of an order, or undefined when there is no such order. */
export type OrderOwnerLookup = (orderId: string) => Promise<string | undefined>;

/** `GET /api/v1/orders/{id}/notifications`: every attempt, oldest first, for the owner and admins. */
export class OrderNotifications {
  constructor(
    private readonly store: NotificationStore,
    private readonly ownerOf: OrderOwnerLookup,
  ) {}

  async receipts(orderId: string, viewer: OrderViewer): Promise<Receipt[]> {
    const customerId = await this.ownerOf(orderId);
    // Anyone else learns nothing, not even that the order exists (same rule as the order).
    if (customerId === undefined || !mayView({ customer_id: customerId }, viewer)) {
      throw new DomainError('ORDER_NOT_FOUND', 'order not found', { order_id: orderId });
    }
    return this.store.receiptsFor(orderId);
  }
}
