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
import { contextOf, viewerOf } from './request-context.ts';
import { bearerAuth, problemResponses, RequestedItemSchema } from './schemas.ts';

export interface OrdersRoutesOptions {
  placeOrder: PlaceOrder;
  queries: OrderInfoQueries;
  events: Pick<EventStore, 'readStream'>;
  authenticate: AuthPreHandler;
  onOrderCreated?: () => void;
}

const OrderId = Type.Object({ id: Type.String({ maxLength: 100 }) });
/** Orders: placing (seed 002/003), searching (004), reading (001) and auditing. */
export const ordersRoutes: FastifyPluginAsyncTypebox<OrdersRoutesOptions> = async (app, options) => {
  const { placeOrder, queries, events, authenticate, onOrderCreated = () => {} } = options;

  app.post(
    '/api/v1/orders',
    {
      preValidation: [authenticate, requireRole('buyer')],
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
            payment: Type.Optional(
              Type.Object({ method: Type.Literal('wallet') }, { additionalProperties: false }),
            ),
          },
          { additionalProperties: false },
        ),
        response: { 201: OrderSchema, ...problemResponses(400, 401, 403, 406, 413, 415, 422) },
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
        security: bearerAuth,
        description: 'A buyer sees their own orders; an admin searches all of them.',
        querystring: Type.Object(
          {
            limit: Type.Integer({ minimum: 1, default: 20 }),
            cursor: Type.Optional(Type.String({ maxLength: 500 })),
            status: Type.Optional(
              Type.String({ pattern: '^[A-Z_]+(,[A-Z_]+)*$', description: 'comma-separated' }),
            ),
            customer_id: Type.Optional(Type.String({ maxLength: 100 })),
            created_from: Type.Optional(Type.String({ format: 'date-time' })),
            created_to: Type.Optional(Type.String({ format: 'date-time' })),
            q: Type.Optional(Type.String({ maxLength: 200 })),
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
      const { limit, cursor, status, customer_id, created_from, created_to, q } = request.query;
      const statuses = status?.split(',');
      const unknown = statuses?.filter((s) => !isOrderStatus(s));
      if (unknown?.length) throw new DomainError('VALIDATION_FAILED', `unknown status ${unknown.join(', ')}`);
      const page = await queries.search(
        {
          limit,
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
        security: bearerAuth,
        params: OrderId,
        response: { 200: OrderSchema, ...problemResponses(401, 404) },
      },
    },
    async (request) => toOrderView(await queries.get(request.params.id, viewerOf(request))),
  );

  app.get(
    '/api/v1/orders/:id/events',
    {
      preValidation: [authenticate],
      schema: {
        tags: ['orders'],
        security: bearerAuth,
        description: "The order's event stream, for audit (its buyer and admins).",
        params: OrderId,
        response: {
          200: Type.Object({
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
          }),
          ...problemResponses(401, 404),
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
