import type { OrderStatus } from '../domain/order.transitions.ts';

/** Who is looking at an order. */
export interface OrderViewer {
  userId: string;
  isAdmin: boolean;
  /** Kitchen staff: the food point they work at (the fulfilment context knows it). */
  foodPointId?: string | undefined;
  /** Couriers see READY orders (their job list) and the ones they picked up. */
  isCourier?: boolean | undefined;
}

/** What visibility looks at: the buyer, and where fulfilment has taken the order. */
export interface VisibleOrder {
  customer_id: string;
  status?: OrderStatus | undefined;
  food_point_id?: string | null | undefined;
  courier_id?: string | null | undefined;
}

/**
 * The one rule for who may see an order: its buyer, admins, the kitchen it is assigned to and
 * couriers (a READY order waiting for one, or the one they picked up). To anyone else it does
 * not exist (they get 404, never 403, so order ids cannot be probed).
 */
export const mayView = (order: VisibleOrder, viewer: OrderViewer): boolean =>
  viewer.isAdmin ||
  order.customer_id === viewer.userId ||
  (viewer.foodPointId !== undefined && order.food_point_id === viewer.foodPointId) ||
  (viewer.isCourier === true && (order.courier_id === viewer.userId || order.status === 'READY'));
