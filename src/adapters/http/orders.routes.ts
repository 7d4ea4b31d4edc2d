import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import { hasRole } from '../../contexts/identity/index.ts';
import { ORDER_STATUSES, type OrderStatus, type PlaceOrder } from '../../contexts/ordering/index.ts';
import type { OrderInfoQueries } from '../../read-model/order-info/order-info.queries.ts';
import { MAX_PAGE_SIZE } from '../../read-model/order-info/order-info.queries.ts';
import { DomainError } from '../../shared/errors.ts';
import { type AuthPreHandler, principalOf, requireRole } from './auth/authenticate.ts';
import { bearerAuth, problemResponses, RequestedItemSchema } from './schemas.ts';

export interface OrdersRoutesOptions {
  placeOrder: PlaceOrder;
  queries: OrderInfoQueries;
  authenticate: AuthPreHandler;
  onOrderCreated?: () => void;
}

const LineSchema = Type.Object({
  product_id: Type.String(),
  name: Type.String(),
  quantity: Type.Integer(),
  unit_price: Type.Integer(),
});
const DeliverySchema = Type.Object(
  {
    address: Type.String({ minLength: 1, maxLength: 500 }),
    lat: Type.Optional(Type.Number({ minimum: -90, maximum: 90 })),
    lon: Type.Optional(Type.Number({ minimum: -180, maximum: 180 })),
  },
  { additionalProperties: false },
);
const Status = Type.Unsafe<OrderStatus>({ type: 'string', enum: [...ORDER_STATUSES] });
const OrderSchema = Type.Object({
  order_id: Type.String({ format: 'uuid' }),
  status: Status,
  customer_id: Type.String(),
  items: Type.Array(LineSchema),
  total: Type.Integer({ description: 'minor units' }),
  currency: Type.String(),
  delivery: Type.Union([DeliverySchema, Type.Null()]),
  created_at: Type.String({ format: 'date-time' }),
  history: Type.Optional(
    Type.Array(Type.Object({ status: Status, at: Type.String(), event_id: Type.String() })),
  ),
  updated_at: Type.Optional(Type.String({ format: 'date-time' })),
});

/** Placing orders (seed 002) and reading them back from order-info (seed 001). */
export const ordersRoutes: FastifyPluginAsyncTypebox<OrdersRoutesOptions> = async (app, options) => {
  const { placeOrder, queries, authenticate, onOrderCreated = () => {} } = options;

  app.post(
    '/api/v1/orders',
    {
      preHandler: [authenticate, requireRole('buyer')],
      schema: {
        tags: ['orders'],
        security: bearerAuth,
        headers: Type.Object({
          'idempotency-key': Type.Optional(Type.String({ minLength: 1, maxLength: 200 })),
        }),
        body: Type.Object(
          {
            items: Type.Array(RequestedItemSchema, { minItems: 1, maxItems: 100 }),
            customer_id: Type.Optional(Type.String({ minLength: 1, maxLength: 100 })),
            delivery: Type.Optional(DeliverySchema),
          },
          { additionalProperties: false },
        ),
        response: { 201: OrderSchema, ...problemResponses(400, 401, 403, 413, 415, 422) },
      },
    },
    async (request, reply) => {
      const principal = principalOf(request);
      const { items, customer_id, delivery } = request.body;
      // Seed 003: an order is placed only in the name of the token's owner.
      if (customer_id !== undefined && customer_id !== principal.userId) {
        throw new DomainError('FORBIDDEN', 'customer_id must be the authenticated buyer', { customer_id });
      }
      const result = await placeOrder.execute(
        {
          customer_id: principal.userId,
          items,
          delivery: delivery ?? null,
          idempotency_key: request.headers['idempotency-key'],
        },
        {
          correlation_id: String(request.id),
          traceparent: headerValue(request.headers.traceparent),
          actor_id: principal.userId,
        },
      );
      if (!result.replayed) onOrderCreated();
      if (result.replayed) reply.header('idempotent-replayed', 'true');
      return reply
        .code(result.status_code)
        .header('location', `/api/v1/orders/${result.body.order_id}`)
        .send(result.body);
    },
  );

  app.get(
    '/api/v1/orders',
    {
      preHandler: [authenticate],
      schema: {
        tags: ['orders'],
        security: bearerAuth,
        querystring: Type.Object(
          {
            limit: Type.Integer({ minimum: 1, default: 20 }),
            cursor: Type.Optional(Type.String({ maxLength: 500 })),
          },
          { additionalProperties: false },
        ),
        response: {
          200: Type.Object({
            orders: Type.Array(OrderSchema),
            next_cursor: Type.Union([Type.String(), Type.Null()]),
          }),
          ...problemResponses(400, 401),
        },
      },
    },
    async (request) => {
      const principal = principalOf(request);
      if (request.query.limit > MAX_PAGE_SIZE) {
        throw new DomainError('PAGE_SIZE_TOO_LARGE', `limit must be at most ${MAX_PAGE_SIZE}`, {
          max: MAX_PAGE_SIZE,
        });
      }
      return queries.listForCustomer(principal.userId, {
        limit: request.query.limit,
        after: request.query.cursor,
      });
    },
  );

  app.get(
    '/api/v1/orders/:id',
    {
      preHandler: [authenticate],
      schema: {
        tags: ['orders'],
        security: bearerAuth,
        params: Type.Object({ id: Type.String({ maxLength: 100 }) }),
        response: { 200: OrderSchema, ...problemResponses(401, 404) },
      },
    },
    async (request) => {
      const principal = principalOf(request);
      return queries.get(request.params.id, {
        userId: principal.userId,
        isAdmin: hasRole(principal, 'admin'),
      });
    },
  );
};

const headerValue = (value: string | string[] | undefined) => (Array.isArray(value) ? value[0] : value);
