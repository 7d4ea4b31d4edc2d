import type { ColumnType, Generated, JSONColumnType } from 'kysely';

/** Row types of every table, for Kysely. Columns are snake_case as in SQL. */
export interface Database {
  streams: { stream_id: string; stream_type: string; version: number; updated_at: Generated<Date> };
  events: {
    position: ColumnType<number | string, never, never>;
    stream_id: string;
    version: number;
    event_id: string;
    event_type: string;
    data: JSONColumnType<Record<string, unknown>, string, string>;
    metadata: JSONColumnType<Record<string, unknown>, string, string>;
    recorded_at: Generated<Date>;
  };
  outbox: {
    id: ColumnType<number | string, never, never>;
    message_id: string;
    topic: string;
    message_key: string;
    payload: JSONColumnType<Record<string, unknown>, string, string>;
    headers: JSONColumnType<Record<string, string>, string, string>;
    created_at: Generated<Date>;
    published_at: Date | null;
  };
  idempotency_keys: {
    scope: string;
    key: string;
    request_hash: string;
    status_code: number | null;
    response: ColumnType<unknown, string, string>;
    created_at: Generated<Date>;
  };
  processed_messages: { consumer: string; message_id: string; processed_at: Generated<Date> };
  users: {
    id: string;
    username: string;
    password_hash: string;
    email: string | null;
    full_name: string | null;
    roles: JSONColumnType<string[], string, string>;
    created_at: Generated<Date>;
  };
  products: {
    id: string;
    name: string;
    category: string;
    price: number;
    currency: string;
    stock: number;
    updated_at: Generated<Date>;
  };
  order_summaries: {
    order_id: string;
    customer_id: string;
    status: string;
    items: JSONColumnType<unknown[], string, string>;
    total: number;
    currency: string;
    delivery: JSONColumnType<Record<string, unknown> | null, string | null, string | null>;
    history: JSONColumnType<unknown[], string, string>;
    last_event_at: Date;
    created_at: Date;
    updated_at: Generated<Date>;
    version: Generated<number>;
    customer_name: string | null;
    customer_email: string | null;
    details: JSONColumnType<Record<string, unknown>, string, string>;
    search: ColumnType<string | null, never, never>;
  };
  wallets: { customer_id: string; currency: string; balance: number; updated_at: Generated<Date> };
  wallet_operations: {
    id: string;
    customer_id: string;
    kind: 'top_up' | 'debit' | 'refund';
    amount: number;
    order_id: string | null;
    created_at: Generated<Date>;
  };
  unpaid_orders: { order_id: string; customer_id: string; created_at: Date; units: number };
  unpaid_holdings: { customer_id: string; orders: number; units: number };
  payments: {
    order_id: string;
    customer_id: string;
    amount: number;
    currency: string;
    operation_id: string;
    status: 'DEBITED' | 'COMPLETED' | 'REFUNDED';
    created_at: Generated<Date>;
    updated_at: Generated<Date>;
  };
  food_points: {
    id: string;
    name: string;
    lat: number;
    lon: number;
    accepts_delivery: boolean;
    capacity: number;
    in_kitchen: Generated<number>;
    updated_at: Generated<Date>;
  };
  food_point_stock: { food_point_id: string; ingredient: string; quantity: number };
  product_recipes: { product_id: string; ingredient: string; quantity: number };
  kitchen_staff: { user_id: string; food_point_id: string };
  fulfilment_orders: {
    order_id: string;
    status: string;
    food_point_id: string | null;
    items: JSONColumnType<unknown[], string, string>;
    destination: JSONColumnType<{ lat: number; lon: number } | null, string | null, string | null>;
    ingredients: JSONColumnType<Record<string, number>, string, string>;
    holds_slot: boolean;
    ingredients_reserved: boolean;
    waiting_since: Date;
    assigned_at: Date | null;
    courier_id: string | null;
    carrier: string | null;
    updated_at: Generated<Date>;
  };
  courier_locations: { courier_id: string; lat: number; lon: number; updated_at: Generated<Date> };
  carriers: {
    carrier_id: string;
    display_name: string;
    secrets: JSONColumnType<{ secret_id: string; secret: string; created_at: string }[], string, string>;
    status_mapping: JSONColumnType<Record<string, string>, string, string>;
    created_at: Date;
    updated_at: Date;
  };
  shipments: {
    order_id: string;
    carrier_id: string;
    tracking_number: string | null;
    created_by: string;
    created_at: Date;
  };
  shipment_updates: {
    carrier_id: string;
    webhook_id: string;
    order_id: string;
    seq: ColumnType<number | string, never, never>;
    carrier_status: string;
    mapped_status: string | null;
    tracking_number: string | null;
    occurred_at: Date;
    received_at: Date;
    outcome: string;
  };
  profiles: {
    user_id: string;
    display_name: string | null;
    email: string | null;
    locale: string;
    channels: JSONColumnType<{ email: boolean; push: boolean; live: boolean }, string, string>;
    updated_at: Date;
  };
  devices: {
    id: string;
    user_id: string;
    platform: string;
    token: string;
    state: string;
    disabled_reason: string | null;
    created_at: Date;
    updated_at: Date;
  };
  notification_deliveries: {
    id: string;
    event_id: string;
    order_id: string;
    customer_id: string;
    channel: string;
    target: string;
    device_id: string | null;
    payload: JSONColumnType<Record<string, unknown>, string, string>;
    /** W3C traceparent of the work that made the delivery (migration 0016). */
    trace_context: string | null;
    status: string;
    attempts: number;
    next_attempt_at: Date;
    created_at: Date;
    updated_at: Date;
  };
  notification_receipts: {
    id: string;
    delivery_id: string;
    order_id: string;
    channel: string;
    target: string;
    device_id: string | null;
    attempt: number;
    outcome: string;
    provider_status: number | null;
    error_code: string | null;
    message_id: string | null;
    message: string | null;
    attempted_at: Date;
  };
  live_update_counters: { user_id: string; last_position: ColumnType<number | string, number, never> };
  live_updates: {
    user_id: string;
    position: ColumnType<number | string, number, never>;
    event_id: string;
    order_id: string;
    message: JSONColumnType<Record<string, unknown>, string, never>;
    created_at: Date;
    acked_at: Date | null;
  };
  live_update_tickets: {
    ticket_hash: string;
    user_id: string;
    expires_at: Date;
    session_expires_at: Date;
    redeemed_at: Date | null;
  };
  live_update_order_versions: { user_id: string; order_id: string; last_rank: number };
  notification_order_versions: { order_id: string; last_rank: number; last_status: string };
  baskets: {
    customer_id: string;
    lines: JSONColumnType<{ product_id: string; quantity: number }[], string, string>;
    version: number;
    last_checkout_key: string | null;
    last_checkout_lines: JSONColumnType<
      { product_id: string; quantity: number }[] | null,
      string | null,
      string | null
    >;
    updated_at: Date;
  };
  /** Rate-limit counters shared by the API processes (migration 0017, UNLOGGED). */
  rate_limit_counters: { key: string; hits: number; window_ends_at: Date };
  /** The built-in provider's failed logins per username or address (migration 0017, UNLOGGED). */
  login_failures: { key: string; failures: number; last_failure_at: Date };
}
