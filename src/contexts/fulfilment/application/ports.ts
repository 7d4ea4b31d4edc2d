import type { ProcessedMessages } from '../../../shared/ports/processed-messages.ts';
import type { Later } from '../../../shared/ports/unit-of-work.ts';
import type { OrderingStores, OrderLine } from '../../ordering/index.ts';
import type { FoodPoint, GeoPoint, Ingredients, StockedFoodPoint } from '../domain/food-point.ts';

/** What an admin sets on a point (its load, `in_kitchen`, is the assigner's). */
export type FoodPointInput = Omit<FoodPoint, 'in_kitchen'>;

/**
 * Food points, their stock, recipes and kitchen staff. `reserve`, `releaseSlot` and
 * `returnIngredients` change a point's load and stock only by conditional updates under the
 * point's row lock (taken first, then the stock rows), so concurrent assigners in any number
 * of processes never take the last slot or ingredient twice.
 */
export interface FoodPointStore {
  /** Creates the point or updates its settings; its load is kept. */
  upsert(point: FoodPointInput): Promise<void>;
  /** Inserts only when the id is new (demo seeding). */
  insertIfAbsent(point: FoodPointInput): Promise<boolean>;
  get(id: string): Promise<StockedFoodPoint | undefined>;
  /** Every point with its stock, by id. */
  list(): Promise<StockedFoodPoint[]>;
  /** Sets the stock of the named ingredients (others unchanged). */
  setStock(pointId: string, stock: Ingredients): Promise<void>;
  setRecipe(productId: string, ingredients: Ingredients): Promise<void>;
  recipe(productId: string): Promise<Ingredients | undefined>;
  /** Recipes of the products that have one. */
  recipesFor(productIds: readonly string[]): Promise<Record<string, Ingredients>>;
  /** Ties a kitchen user to one point (replacing an earlier assignment). */
  assignStaff(userId: string, pointId: string): Promise<void>;
  staffOf(pointId: string): Promise<string[]>;
  /** The point a kitchen user works at. */
  pointOfStaff(userId: string): Promise<string | undefined>;
  /** Takes one slot and the ingredients, all or none; false when the point could not give them at that instant. */
  reserve(pointId: string, needs: Ingredients): Promise<boolean>;
  /** Gives a slot back. */
  releaseSlot(pointId: string): Promise<void>;
  /** Puts reserved ingredients back (an order cancelled before READY). */
  returnIngredients(pointId: string, ingredients: Ingredients): Promise<void>;
}

/** Where an order is in fulfilment; WAITING orders have no point yet. */
export type KitchenOrderStatus =
  | 'WAITING'
  | 'ASSIGNED'
  | 'READY'
  | 'HANDED_OVER'
  | 'IN_DELIVERY'
  | 'DELIVERED'
  | 'CANCELLED';

/** Fulfilment's own record of an order: the waiting list, a kitchen's queue, a courier's job. */
export interface KitchenOrder {
  order_id: string;
  status: KitchenOrderStatus;
  food_point_id: string | null;
  items: OrderLine[];
  /** The delivery location, when the order has one. */
  destination: GeoPoint | null;
  /** Ingredients reserved for the whole order. */
  ingredients: Ingredients;
  /** Holds one of its point's slots. */
  holds_slot: boolean;
  /** Its ingredients are reserved and not yet consumed (consumed at READY). */
  ingredients_reserved: boolean;
  waiting_since: string;
  assigned_at: string | null;
  courier_id: string | null;
  carrier: string | null;
}

/** A READY order as couriers see it: where to pick it up. */
export interface PickupJob extends KitchenOrder {
  pickup: GeoPoint;
  food_point_name: string;
}

/** An order, with the food point its message names when it names one. */
export interface OrderOfPoint {
  order_id: string;
  food_point_id?: string;
}

export interface KitchenOrderStore {
  /** Inserts or replaces the record. */
  save(order: KitchenOrder): Promise<void>;
  get(orderId: string): Promise<KitchenOrder | undefined>;
  /** The record locked until the unit of work ends (orders on one order serialise here). */
  getForUpdate(orderId: string): Promise<KitchenOrder | undefined>;
  /**
   * As `getForUpdate`, sent with the unit of work's next statement (a read under the lock, in
   * the same round trip): resolves once it will be, and `answer()` is the record.
   */
  lock(orderId: string): Promise<Later<KitchenOrder | undefined>>;
  /** The records of those orders that have one, each locked until the unit of work ends, by order id. */
  getManyForUpdate(orderIds: readonly string[]): Promise<Map<string, KitchenOrder>>;
  /**
   * For each order, in their order and in one read, the kitchen staff of the point it names, or
   * else of the point it is assigned to (none before assignment).
   */
  staffOfOrders(orders: readonly OrderOfPoint[]): Promise<string[][]>;
  /** Orders waiting for a point, longest waiting first. */
  waiting(limit: number): Promise<KitchenOrder[]>;
  /** How many orders are on the waiting list (the assignment-waiting metric). */
  countWaiting(): Promise<number>;
  /** A point's orders in the kitchen (ASSIGNED, READY), newest assigned first. */
  atPoint(pointId: string, limit: number): Promise<KitchenOrder[]>;
  /**
   * READY orders not handed to a carrier, with their pickup location: nearest `near` first
   * (great-circle distance, ordered in the query), else oldest assigned first; at most `limit`.
   */
  readyForPickup(limit: number, near?: GeoPoint): Promise<PickupJob[]>;
  setCourierLocation(courierId: string, location: GeoPoint): Promise<void>;
  courierLocation(courierId: string): Promise<GeoPoint | undefined>;
}

/** What the fulfilment use cases write in one unit of work (with ordering's, for its commands). */
export interface FulfilmentStores extends OrderingStores {
  foodPoints: FoodPointStore;
  kitchenOrders: KitchenOrderStore;
  processed: ProcessedMessages;
}

/** Who acts on a kitchen or courier endpoint. */
export interface StaffMember {
  user_id: string;
  roles: readonly string[];
}
