import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import {
  auditTrail,
  isOrderStatus,
  type OrderStatus,
  orderStreamId,
  type PlaceOrder,
} from '../../contexts/ordering/index.ts';
import type { OrderInfoQueries } from '../../read-model/order-info/order-info.queries.ts';
import { DomainError } from '../../shared/errors.ts';
import type { EventStore } from '../../shared/ports/event-store.ts';
import { type AuthPreHandler, principalOf, requireRole } from './auth/authenticate.ts';
import { instantParam } from './date-param.ts';
import { DeliverySchema, OrderSchema, toOrderView } from './order-views.ts';
import { contextOf, staffViewerOf, viewerOf } from './request-context.ts';
import { bearerAuth, described, problemResponses, RequestedItemSchema } from './schemas.ts';

export interface OrdersRoutesOptions {
  placeOrder: PlaceOrder;
  queries: OrderInfoQueries;
  events: Pick<EventStore, 'readStream'>;
  authenticate: AuthPreHandler;
  onOrderCreated?: () => void;
  /** The food point a kitchen user works at, so kitchens see their orders (fulfilment). */
  pointOfStaff?: (userId: string) => Promise<string | undefined>;
}

const OrderId = Type.Object({ id: Type.String({ maxLength: 100 }) });
/** Orders: placing (seed 002/003), searching (004), reading (001) and auditing. */
export const ordersRoutes: FastifyPluginAsyncTypebox<OrdersRoutesOptions> = async (app, options) => {
  const { placeOrder, queries, events, authenticate, onOrderCreated = () => {}, pointOfStaff } = options;

  app.post(
    '/api/v1/orders',
    {
      preValidation: [authenticate, requireRole('buyer')],
      schema: {
        tags: ['orders'],
        summary: 'Place an order (and pay it)',
        description:
          'Buyers only. Checks availability first: anything unavailable is 400 PRODUCT_UNAVAILABLE with the availability items, and no order is created. With `payment: {method: "wallet"}` the wallet is debited at once: 201 PAID, or 406 INSUFFICIENT_FUNDS and the order is cancelled. A repeated `Idempotency-Key` answers the first response again (header `Idempotent-Replayed: true`). Amounts in the answer are in minor units.',
        security: bearerAuth,
        headers: Type.Object({
          'idempotency-key': Type.Optional(
            Type.String({
              minLength: 1,
              maxLength: 200,
              description: 'makes retries safe: the same key (per buyer) and body get the first answer',
            }),
          ),
        }),
        body: Type.Object(
          {
            items: Type.Array(RequestedItemSchema, { minItems: 1, maxItems: 100 }),
            customer_id: Type.Optional(Type.String({ minLength: 1, maxLength: 100 })),
            delivery: Type.Optional(DeliverySchema),
            payment: Type.Optional(
              Type.Object({ method: Type.Literal('wallet') }, { additionalProperties: false }),
            ),
          },
          { additionalProperties: false },
        ),
        response: {
          201: described(
            'Created: PENDING, or PAID when payment was asked (Location names the order)',
            OrderSchema,
          ),
          ...problemResponses(
            'VALIDATION_FAILED',
            'PRODUCT_UNAVAILABLE',
            'UNAUTHENTICATED',
            'FORBIDDEN',
            'INSUFFICIENT_FUNDS',
            'IDEMPOTENCY_KEY_IN_PROGRESS',
            'TOO_MANY_UNPAID_ORDERS',
            'IDEMPOTENCY_KEY_REUSED',
          ),
        },
      },
    },
    async (request, reply) => {
      const principal = principalOf(request);
      const { items, customer_id, delivery, payment } = request.body;
      // Seed 003: an order is placed only in the name of the token's owner.
      if (customer_id !== undefined && customer_id !== principal.userId) {
        throw new DomainError('FORBIDDEN', 'customer_id must be the authenticated buyer', { customer_id });
      }
      const result = await placeOrder.execute(
        {
          customer_id: principal.userId,
          items,
          delivery: delivery ?? null,
          payment,
          idempotency_key: request.headers['idempotency-key'],
        },
        contextOf(request),
      );
      if (result.replayed) reply.header('idempotent-replayed', 'true');
      else onOrderCreated();
      return reply.code(201).header('location', `/api/v1/orders/${result.body.order_id}`).send(result.body);
    },
  );

  app.get(
    '/api/v1/orders',
    {
      preValidation: [authenticate],
      schema: {
        tags: ['orders'],
        summary: 'List or search orders',
        security: bearerAuth,
        description:
          'A buyer sees their own orders (and reads their own writes); an admin searches all of them by status, customer, creation time and full text. Newest first, paged by `cursor`.',
        querystring: Type.Object(
          {
            limit: Type.Optional(
              Type.Integer({ minimum: 1, default: 20, description: 'page size, at most 100' }),
            ),
            cursor: Type.Optional(
              Type.String({ maxLength: 500, description: '`next_cursor` of the page before' }),
            ),
            status: Type.Optional(
              Type.String({ pattern: '^[A-Z_]+(,[A-Z_]+)*$', description: 'statuses, comma-separated' }),
            ),
            customer_id: Type.Optional(Type.String({ maxLength: 100, description: 'admins only' })),
            created_from: Type.Optional(Type.String({ format: 'date-time', description: 'inclusive' })),
            created_to: Type.Optional(Type.String({ format: 'date-time', description: 'exclusive' })),
            q: Type.Optional(Type.String({ maxLength: 200, description: 'full-text search' })),
          },
          { additionalProperties: false },
        ),
        response: {
          200: Type.Object(
            {
              orders: Type.Array(OrderSchema),
              next_cursor: Type.Union([Type.String(), Type.Null()], {
                description: 'pass as `cursor` for the next page; null at the end',
              }),
            },
            { description: 'A page of orders, newest first' },
          ),
          ...problemResponses('VALIDATION_FAILED', 'PAGE_SIZE_TOO_LARGE', 'UNAUTHENTICATED'),
        },
      },
    },
    async (request) => {
      const { limit, cursor, status, customer_id, created_from, created_to, q } = request.query;
      const statuses = status?.split(',');
      const unknown = statuses?.filter((s) => !isOrderStatus(s));
      if (unknown?.length) throw new DomainError('VALIDATION_FAILED', `unknown status ${unknown.join(', ')}`);
      const page = await queries.search(
        {
          // Ajv fills in the default; the type cannot know.
          limit: limit ?? 20,
          after: cursor,
          statuses: statuses as OrderStatus[] | undefined,
          customer_id,
          created_from: instantParam('created_from', created_from),
          created_to: instantParam('created_to', created_to),
          q,
        },
        viewerOf(request),
      );
      return { orders: page.orders.map(toOrderView), next_cursor: page.next_cursor };
    },
  );

  app.get(
    '/api/v1/orders/:id',
    {
      preValidation: [authenticate],
      schema: {
        tags: ['orders'],
        summary: 'Read an order',
        description:
          'Its owner, admins, and the kitchen or courier it is assigned to; anyone else gets 404. Waits briefly for the read model after a write.',
        security: bearerAuth,
        params: OrderId,
        response: {
          200: described('The order with its status history', OrderSchema),
          ...problemResponses('VALIDATION_FAILED', 'UNAUTHENTICATED', 'ORDER_NOT_FOUND'),
        },
      },
    },
    async (request) =>
      toOrderView(await queries.get(request.params.id, await staffViewerOf(request, pointOfStaff))),
  );

  app.get(
    '/api/v1/orders/:id/events',
    {
      preValidation: [authenticate],
      schema: {
        tags: ['orders'],
        summary: "Read an order's event stream",
        security: bearerAuth,
        description:
          "The order's events in order, for audit (its buyer and admins; others get 404). A buyer sees who acted by role, not by user id.",
        params: OrderId,
        response: {
          200: Type.Object(
            {
              order_id: Type.String(),
              events: Type.Array(
                Type.Object({
                  version: Type.Integer(),
                  position: Type.Integer(),
                  event_id: Type.String(),
                  type: Type.String(),
                  data: Type.Record(Type.String(), Type.Unknown()),
                  recorded_at: Type.String({ format: 'date-time' }),
                }),
              ),
            },
            { description: 'The stream, oldest event first' },
          ),
          ...problemResponses('VALIDATION_FAILED', 'UNAUTHENTICATED', 'ORDER_NOT_FOUND'),
        },
      },
    },
    async (request) => {
      const stream = await events.readStream(orderStreamId(request.params.id));
      const visible = auditTrail(request.params.id, stream, viewerOf(request));
      return {
        order_id: request.params.id,
        events: visible.map((e) => ({ ...e, recorded_at: e.recorded_at.toISOString() })),
      };
    },
  );
};
