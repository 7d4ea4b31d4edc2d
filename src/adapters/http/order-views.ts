import { Type } from 'typebox';
import { ORDER_STATUSES, type OrderStatus } from '../../contexts/ordering/index.ts';
import type { OrderSummary } from '../../read-model/order-info/order-summary.ts';
import { MINOR_UNITS } from './schemas.ts';

export const StatusSchema = Type.Unsafe<OrderStatus>({ type: 'string', enum: [...ORDER_STATUSES] });

export const LineSchema = Type.Object({
  product_id: Type.String(),
  name: Type.String(),
  quantity: Type.Integer(),
  unit_price: Type.Integer({ description: MINOR_UNITS }),
});

export const DeliverySchema = Type.Object(
  {
    address: Type.String({ minLength: 1, maxLength: 500 }),
    lat: Type.Optional(Type.Number({ minimum: -90, maximum: 90 })),
    lon: Type.Optional(Type.Number({ minimum: -180, maximum: 180 })),
  },
  { additionalProperties: false },
);

const optionalString = Type.Optional(Type.String());

/** The order as the API shows it (the order-info view, with what later events told flattened in). */
export const OrderSchema = Type.Object({
  order_id: Type.String({ format: 'uuid' }),
  status: StatusSchema,
  customer_id: Type.String(),
  customer_name: Type.Optional(Type.Union([Type.String(), Type.Null()])),
  customer_email: Type.Optional(Type.Union([Type.String(), Type.Null()])),
  items: Type.Array(LineSchema),
  total: Type.Integer({ description: MINOR_UNITS }),
  currency: Type.String(),
  delivery: Type.Union([DeliverySchema, Type.Null()]),
  created_at: Type.String({ format: 'date-time' }),
  updated_at: Type.Optional(Type.String({ format: 'date-time' })),
  history: Type.Optional(
    Type.Array(Type.Object({ status: StatusSchema, at: Type.String(), event_id: Type.String() })),
  ),
  tracking_number: optionalString,
  carrier: optionalString,
  delivered_at: optionalString,
  delivery_location: optionalString,
  food_point_id: optionalString,
  payment: Type.Optional(Type.Object({ method: Type.Literal('wallet'), operation_id: Type.String() })),
  cancellation_reason: optionalString,
});

const DETAIL_FIELDS = [
  'tracking_number',
  'carrier',
  'delivered_at',
  'delivery_location',
  'food_point_id',
] as const;

export function toOrderView(summary: OrderSummary) {
  const { details, version: _v, ...rest } = summary;
  const extra: Record<string, unknown> = {};
  for (const field of DETAIL_FIELDS) if (typeof details[field] === 'string') extra[field] = details[field];
  if (typeof details.operation_id === 'string')
    extra.payment = { method: 'wallet', operation_id: details.operation_id };
  if (typeof details.reason === 'string') extra.cancellation_reason = details.reason;
  return { ...rest, ...extra };
}
