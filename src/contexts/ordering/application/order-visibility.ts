/** Who is looking at an order. */
export interface OrderViewer {
  userId: string;
  isAdmin: boolean;
}

/**
 * The one rule for who may see an order: its buyer and admins. To anyone else it does not
 * exist (they get 404, never 403, so order ids cannot be probed).
 */
export const mayView = (order: { customer_id: string }, viewer: OrderViewer): boolean =>
  viewer.isAdmin || order.customer_id === viewer.userId;
