import type { Clock } from '../../../shared/clock.ts';
import { DomainError } from '../../../shared/errors.ts';
import type { UnitOfWork } from '../../../shared/ports/unit-of-work.ts';
import type { OrderCommandHandler } from '../../ordering/index.ts';
import type { Shipment } from '../domain/shipment.ts';
import type { DeliveryStores, HandoverActor, KitchenHandover } from './ports.ts';

/**
 * Hands a READY order to an external carrier (DESIGN.md: `POST /orders/{id}/shipment`): the
 * kitchen's side (who may, capacity) through the `KitchenHandover` port, then the shipment
 * record — one transaction. The order stays READY until the carrier reports it picked up.
 */
export class ShipOrder<Stores extends DeliveryStores> {
  constructor(
    private readonly storage: UnitOfWork<Stores>,
    private readonly orders: OrderCommandHandler,
    private readonly handover: KitchenHandover<Stores>,
    private readonly clock: Clock,
  ) {}

  async execute(
    orderId: string,
    request: { carrier: string; tracking_number?: string | undefined; by: HandoverActor },
  ): Promise<Shipment> {
    return this.storage.transaction(async (tx) => {
      const { state } = await this.orders.load(orderId, tx);
      if (!state.exists)
        throw new DomainError('ORDER_NOT_FOUND', `order ${orderId} not found`, { order_id: orderId });
      // Visibility and the kitchen's capacity first: a caller who may not see the order learns
      // nothing more, not even whether the carrier exists (an unknown carrier rolls this back).
      await this.handover.handOver(tx, { order_id: orderId, carrier: request.carrier, by: request.by });
      const carrier = await tx.carriers.get(request.carrier);
      if (!carrier) {
        throw new DomainError('CARRIER_NOT_FOUND', `no carrier ${request.carrier}`, {
          carrier_id: request.carrier,
        });
      }
      if (state.status !== 'READY') {
        throw new DomainError(
          'ORDER_INVALID_TRANSITION',
          `only a READY order can be shipped; it is ${state.status}`,
          {
            order_id: orderId,
            current_status: state.status,
            attempted_status: 'IN_DELIVERY',
            command: 'Ship',
          },
        );
      }
      const shipment: Shipment = {
        order_id: orderId,
        carrier_id: carrier.carrier_id,
        tracking_number: request.tracking_number ?? null,
        created_by: request.by.user_id,
        created_at: this.clock.now().toISOString(),
      };
      if (!(await tx.shipments.create(shipment))) {
        const existing = await tx.shipments.get(orderId);
        throw new DomainError(
          'SHIPMENT_EXISTS',
          `order ${orderId} was already handed to ${existing?.carrier_id}`,
          {
            order_id: orderId,
            carrier_id: existing?.carrier_id,
          },
        );
      }
      return shipment;
    });
  }
}

/**
 * The handover until fulfilment provides its own: admins only (no kitchen assignment to check,
 * no capacity to release); anyone else is told the order does not exist.
 */
export const adminOnlyHandover: KitchenHandover = {
  async handOver(_tx, { order_id, by }) {
    if (!by.roles.includes('admin')) {
      throw new DomainError('ORDER_NOT_FOUND', `order ${order_id} not found`, { order_id });
    }
  },
};
