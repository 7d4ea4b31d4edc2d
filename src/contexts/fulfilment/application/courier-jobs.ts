import { DomainError } from '../../../shared/errors.ts';
import type { UnitOfWork } from '../../../shared/ports/unit-of-work.ts';
import type { OrderCommandHandler } from '../../ordering/index.ts';
import { distanceKm, type GeoPoint } from '../domain/food-point.ts';
import { notFound } from './kitchen-orders.ts';
import { releaseHeld } from './kitchen-release.ts';
import type { FulfilmentStores, PickupJob } from './ports.ts';

/** A READY order offered to a courier, with the distance from where they last were. */
export interface OfferedJob extends PickupJob {
  distance_km: number | null;
}

/**
 * Seed 001's delivery app: couriers report where they are, list READY orders nearest first,
 * pick one up (IN_DELIVERY; the kitchen's slot comes free) and deliver it (DELIVERED, only the
 * courier who picked it up).
 */
export class CourierJobs {
  constructor(
    private readonly storage: UnitOfWork<FulfilmentStores>,
    private readonly commands: OrderCommandHandler,
    private readonly onSlotFreed: () => void = () => {},
  ) {}

  async reportLocation(courierId: string, location: GeoPoint): Promise<void> {
    await this.storage.read.kitchenOrders.setCourierLocation(courierId, location);
  }

  /** READY orders not handed to a carrier, nearest pickup first (oldest first without a known location). */
  async offered(
    courierId: string,
    limit = 100,
  ): Promise<{ location: GeoPoint | null; orders: OfferedJob[] }> {
    const location = (await this.storage.read.kitchenOrders.courierLocation(courierId)) ?? null;
    // Ordered by distance and limited in the database: however many orders are READY, the
    // nearest are the ones listed.
    const ready = await this.storage.read.kitchenOrders.readyForPickup(limit, location ?? undefined);
    const jobs = ready.map((job) => ({
      ...job,
      distance_km: location ? distanceKm(location, job.pickup) : null,
    }));
    return { location, orders: jobs };
  }

  /**
   * READY → IN_DELIVERY for this courier. The order's record is locked first, so of two
   * couriers racing the second finds it taken: 409 ORDER_INVALID_TRANSITION. Any order a
   * courier could not have seen as READY (not yet READY, cancelled, handed to a carrier) is
   * 404, as DESIGN.md answers callers who may not see an order: its status is not theirs to learn.
   */
  async pickUp(orderId: string, courierId: string, correlationId: string) {
    const outcome = await this.storage.transaction(async (tx) => {
      const record = await tx.kitchenOrders.getForUpdate(orderId);
      if (!record || !lostRaceOrReady(record)) throw notFound(orderId);
      if (record.status !== 'READY') throw taken(orderId, record.status);
      const released = await releaseHeld(tx, record, { ingredients: false });
      const result = await this.commands.executeIn(
        tx,
        orderId,
        (_s, now) => ({ type: 'PickUp', courier_id: courierId, now }),
        { correlation_id: correlationId, actor_id: courierId },
      );
      await tx.kitchenOrders.save({ ...released, status: 'IN_DELIVERY', courier_id: courierId });
      return result;
    });
    this.onSlotFreed();
    return outcome;
  }

  /** IN_DELIVERY → DELIVERED, by the courier who picked it up; anyone else: 404. */
  async deliver(orderId: string, courierId: string, correlationId: string) {
    return this.storage.transaction(async (tx) => {
      const record = await tx.kitchenOrders.getForUpdate(orderId);
      if (!record || record.courier_id !== courierId) throw notFound(orderId);
      const result = await this.commands.executeIn(tx, orderId, (_s, now) => ({ type: 'Deliver', now }), {
        correlation_id: correlationId,
        actor_id: courierId,
      });
      await tx.kitchenOrders.save({ ...record, status: 'DELIVERED' });
      return result;
    });
  }
}

/**
 * READY, or taken since by a courier (the race loser saw it READY in their list): the orders
 * whose state a courier may learn from a pickup.
 */
function lostRaceOrReady(record: { status: string; courier_id: string | null }): boolean {
  if (record.status === 'READY') return true;
  return (record.status === 'IN_DELIVERY' || record.status === 'DELIVERED') && record.courier_id !== null;
}

function taken(orderId: string, status: string): DomainError {
  return new DomainError(
    'ORDER_INVALID_TRANSITION',
    `order ${orderId} is not waiting for a courier (${status})`,
    {
      order_id: orderId,
      current_status: status,
      attempted_status: 'IN_DELIVERY',
      command: 'PickUp',
    },
  );
}
