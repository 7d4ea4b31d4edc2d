import type { Clock } from '../../../shared/clock.ts';
import { ConcurrencyError, DomainError } from '../../../shared/errors.ts';
import type { IdGenerator } from '../../../shared/ids.ts';
import type { UnitOfWork } from '../../../shared/ports/unit-of-work.ts';
import type { OrderCommandHandler, OrderEvent, RequestContext } from '../../ordering/index.ts';
import { chooseFoodPoint, type Destination, type GeoPoint, ingredientsFor } from '../domain/food-point.ts';
import type { FulfilmentStores, KitchenOrder } from './ports.ts';

/** DESIGN.md: the reason an order no kitchen could take within the timeout is cancelled with. */
export const NO_KITCHEN_REASON = 'no kitchen available';

export interface AssignerOptions {
  /** The point for orders without a delivery location (`DEFAULT_FOOD_POINT_ID`). */
  defaultFoodPointId: string | undefined;
  /** `ASSIGNMENT_TIMEOUT_SECONDS`: how long an order may wait for a kitchen before it is cancelled. */
  timeoutSeconds: number;
  /** Whole-transaction retries when another assigner took the chosen slot first. */
  maxAttempts?: number;
}

export type AssignmentOutcome = 'assigned' | 'waiting' | 'skipped';

/** One pass over the waiting list; `failed` orders stay waiting for the next pass. */
export interface RetryResult {
  assigned: number;
  cancelled: number;
  waiting: number;
  failed: { order_id: string; error: unknown }[];
}

/** The point chosen was taken by a concurrent assigner between the read and the reservation. */
class ReservationLost extends Error {
  override name = 'ReservationLost';
}

/** Another assigner (or writer of the order) got there first: run the transaction again. */
export const isAssignmentRace = (error: unknown): boolean =>
  error instanceof ReservationLost || error instanceof ConcurrencyError;

const context = (orderId: string): RequestContext => ({
  correlation_id: `fulfilment:${orderId}`,
  actor_id: 'fulfilment',
});

/**
 * Seed 001's assignment: in one transaction, choose the nearest eligible point, reserve a slot
 * and the ingredients with conditional updates, and append FoodPointAssigned through ordering's
 * command handler. The choice is made on an unlocked read; the reservation re-checks under the
 * point's row lock and, if another assigner got there first, the whole transaction rolls back
 * and is tried again on fresh data. An order nobody can take joins the waiting list.
 */
export class FoodPointAssigner {
  readonly #listeners = new Set<() => void>();

  constructor(
    private readonly storage: UnitOfWork<FulfilmentStores>,
    private readonly commands: OrderCommandHandler,
    private readonly clock: Clock,
    private readonly ids: IdGenerator,
    private readonly options: AssignerOptions,
  ) {}

  /** Assigns a CONFIRMED order now, or puts it on the waiting list. Idempotent. */
  async assign(orderId: string): Promise<AssignmentOutcome> {
    const attempts = this.options.maxAttempts ?? 20;
    for (let attempt = 1; ; attempt++) {
      try {
        return await this.storage.transaction((tx) => this.assignIn(tx, orderId));
      } catch (error) {
        if (!isAssignmentRace(error)) throw error;
        if (attempt >= attempts) return this.storage.transaction((tx) => this.#waitAfterRaces(tx, orderId));
      }
    }
  }

  /** The assignment in the caller's transaction (the bus consumer's, with its dedupe record). */
  async assignIn(tx: FulfilmentStores, orderId: string): Promise<AssignmentOutcome> {
    // The record locked, and the order's stream read under the lock, in one round trip.
    const locked = await tx.kitchenOrders.lock(orderId);
    const loaded = await this.commands.load(orderId, tx);
    const record = await locked.answer();
    if (record && record.status !== 'WAITING') return 'skipped';
    const { state } = loaded;
    if (!state.exists) return 'skipped';
    if (state.status !== 'CONFIRMED') {
      if (record && state.status === 'CANCELLED')
        await tx.kitchenOrders.save({ ...record, status: 'CANCELLED' });
      return 'skipped';
    }
    const destination = destinationOf(loaded.events);
    const { chosen, needs } = await this.#choose(tx, state.items, destination);
    if (!chosen || !needs) {
      // Nobody can take it now: it joins the waiting list (once; its waiting time runs from here).
      if (!record)
        await tx.kitchenOrders.save(newRecord(orderId, state.items, destination, this.clock.now()));
      return 'waiting';
    }
    if (!(await tx.foodPoints.reserve(chosen.id, needs))) throw new ReservationLost();
    await this.commands.executeIn(
      tx,
      orderId,
      (_s, now) => ({ type: 'AssignFoodPoint', food_point_id: chosen.id, now }),
      context(orderId),
      loaded,
    );
    await tx.kitchenOrders.save({
      ...(record ?? newRecord(orderId, state.items, destination, this.clock.now())),
      status: 'ASSIGNED',
      food_point_id: chosen.id,
      ingredients: needs,
      holds_slot: true,
      ingredients_reserved: true,
      assigned_at: this.clock.now().toISOString(),
    });
    return 'assigned';
  }

  /**
   * One pass over the waiting list, longest waiting first: an order past the timeout is
   * cancelled (and so refunded) by the system, any other is tried again.
   */
  async retryWaiting(limit = 100): Promise<RetryResult> {
    const result: RetryResult = { assigned: 0, cancelled: 0, waiting: 0, failed: [] };
    const cutoff = this.clock.now().getTime() - this.options.timeoutSeconds * 1000;
    for (const waiting of await this.storage.read.kitchenOrders.waiting(limit)) {
      try {
        if (Date.parse(waiting.waiting_since) <= cutoff) {
          if (await this.#cancelForTimeout(waiting.order_id)) result.cancelled++;
          continue;
        }
        const outcome = await this.assign(waiting.order_id);
        if (outcome === 'assigned') result.assigned++;
        if (outcome === 'waiting') result.waiting++;
      } catch (error) {
        // One order that fails must not keep every other one waiting: the caller logs it.
        result.failed.push({ order_id: waiting.order_id, error });
      }
    }
    return result;
  }

  /** Calls `listener` when capacity or ingredients may have come free (to retry soon). */
  onCapacityFreed(listener: () => void): () => void {
    this.#listeners.add(listener);
    return () => this.#listeners.delete(listener);
  }

  /** Capacity or ingredients came free in this process: waiting orders should be retried. */
  capacityFreed(): void {
    for (const listener of this.#listeners) listener();
  }

  async #cancelForTimeout(orderId: string): Promise<boolean> {
    try {
      return await this.storage.transaction(async (tx) => {
        const record = await tx.kitchenOrders.getForUpdate(orderId);
        if (record?.status !== 'WAITING') return false;
        await this.commands.executeIn(
          tx,
          orderId,
          (_s, now) => ({
            type: 'CancelOrder',
            by: { id: 'fulfilment', kind: 'system' },
            reason: NO_KITCHEN_REASON,
            refund_operation_id: this.ids.next(),
            now,
          }),
          context(orderId),
        );
        await tx.kitchenOrders.save({ ...record, status: 'CANCELLED' });
        return true;
      });
    } catch (error) {
      // Assigned or cancelled by someone else meanwhile: the next message or pass settles it.
      if (
        error instanceof DomainError &&
        ['ORDER_INVALID_TRANSITION', 'CONCURRENCY_CONFLICT'].includes(error.code)
      )
        return false;
      throw error;
    }
  }

  /** The point that should take these items now (on an unlocked read), and what they need. */
  async #choose(tx: FulfilmentStores, items: KitchenOrder['items'], destination: GeoPoint | null) {
    const recipes = await tx.foodPoints.recipesFor(items.map((i) => i.product_id));
    const needs = ingredientsFor(items, recipes);
    const where: Destination = destination
      ? { kind: 'deliver', to: destination }
      : { kind: 'default', pointId: this.options.defaultFoodPointId };
    return { chosen: chooseFoodPoint(await tx.foodPoints.list(), where, needs), needs };
  }

  /** After losing every race: the order joins the waiting list (unless it moved on meanwhile). */
  async #waitAfterRaces(tx: FulfilmentStores, orderId: string): Promise<AssignmentOutcome> {
    const record = await tx.kitchenOrders.getForUpdate(orderId);
    if (record) return record.status === 'WAITING' ? 'waiting' : 'skipped';
    const loaded = await this.commands.load(orderId, tx);
    if (!loaded.state.exists || loaded.state.status !== 'CONFIRMED') return 'skipped';
    await tx.kitchenOrders.save(
      newRecord(orderId, loaded.state.items, destinationOf(loaded.events), this.clock.now()),
    );
    return 'waiting';
  }
}

function newRecord(
  orderId: string,
  items: KitchenOrder['items'],
  destination: GeoPoint | null,
  now: Date,
): KitchenOrder {
  return {
    order_id: orderId,
    status: 'WAITING',
    food_point_id: null,
    items,
    destination,
    ingredients: {},
    holds_slot: false,
    ingredients_reserved: false,
    waiting_since: now.toISOString(),
    assigned_at: null,
    courier_id: null,
    carrier: null,
  };
}

/** The delivery location the order was placed with (OrderCreated), when it has coordinates. */
export function destinationOf(events: readonly OrderEvent[]): GeoPoint | null {
  for (const event of events) {
    if (event.type !== 'OrderCreated') continue;
    const { lat, lon } = event.data.delivery ?? {};
    return typeof lat === 'number' && typeof lon === 'number' ? { lat, lon } : null;
  }
  return null;
}
