/**
 * The integration message envelope, exactly as seed 002 fixes it. Every message on the bus
 * (exchange `orders`) has this shape; trace and correlation ids travel in headers, not here.
 */
export interface EventEnvelope<
  TData extends { order_id: string } = { order_id: string } & Record<string, unknown>,
> {
  event_id: string;
  event_type: string;
  timestamp: string;
  source: string;
  data: TData;
}

/** Headers carried beside the envelope (AMQP headers, in-process: a plain object). */
export interface MessageHeaders {
  correlation_id?: string;
  traceparent?: string;
  tracestate?: string;
  [name: string]: string | undefined;
}

export const ORDERS_TOPIC = 'orders';

export const IntegrationEventTypes = {
  orderCreated: 'order.created',
  orderStatusUpdated: 'order.status_updated',
} as const;
