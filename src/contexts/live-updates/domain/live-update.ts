/** A feed entry's content: the socket message without its per-user position. */
export interface LiveUpdateContent {
  type: 'order.status_updated';
  event_id: string;
  order_id: string;
  status: string;
  previous_status: string | null;
  /** When the status changed (the integration message's timestamp). */
  timestamp: string;
  /** The order stream's version after the change: orders the updates of one order. */
  version: number;
  /** What a buyer may know beside the status (an allow-list: nothing internal). */
  tracking_number?: string;
  carrier?: string;
  delivered_at?: string;
  delivery_location?: string;
  reason?: string;
  refunded?: boolean;
}

/**
 * What the live hub pushes to a buyer's socket for one status change of one of their orders
 * (seed 004's PushUpdateIntegrationMessage). `position` is the place in the user's own feed:
 * it increases strictly per user, so a client resumes with `?after=<position>`.
 */
export interface LiveUpdateMessage extends LiveUpdateContent {
  position: number;
}

/** What a client sends back once it has shown an update (seed 004: "the buyer acknowledges"). */
export interface AckMessage {
  type: 'ack';
  event_id: string;
}

/** Narrows a parsed client frame to an ack; anything else is not one. */
export const isAck = (value: unknown): value is AckMessage =>
  typeof value === 'object' &&
  value !== null &&
  (value as Record<string, unknown>).type === 'ack' &&
  typeof (value as Record<string, unknown>).event_id === 'string' &&
  ((value as Record<string, unknown>).event_id as string).length > 0 &&
  ((value as Record<string, unknown>).event_id as string).length <= 100;

/**
 * Who hears about an order: its subscribers (seed 004's `OrderSubscriptionAdded`). A message
 * that carries the order's `subscribers` names them; one that does not (ordering publishes
 * none yet: the only subscription it adds is the buyer's at creation) reaches the buyer, the
 * message's `customer_id`.
 */
export const subscribersOf = (order: { customer_id: string; subscribers?: readonly string[] }): string[] =>
  order.subscribers && order.subscribers.length > 0 ? [...new Set(order.subscribers)] : [order.customer_id];
