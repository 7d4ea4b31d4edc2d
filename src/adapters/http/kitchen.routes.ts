import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import type { CourierJobs, KitchenOrder, KitchenOrders } from '../../contexts/fulfilment/index.ts';
import type { OrderStatus } from '../../contexts/ordering/index.ts';
import { type AuthPreHandler, principalOf, requireRole } from './auth/authenticate.ts';
import { LineSchema, StatusSchema } from './order-views.ts';
import { bearerAuth, described, problemResponses } from './schemas.ts';

export interface KitchenRoutesOptions {
  kitchen: KitchenOrders;
  couriers: CourierJobs;
  authenticate: AuthPreHandler;
}

const OrderId = Type.Object({ id: Type.String({ maxLength: 100 }) });
const GeoSchema = Type.Object(
  { lat: Type.Number({ minimum: -90, maximum: 90 }), lon: Type.Number({ minimum: -180, maximum: 180 }) },
  { additionalProperties: false },
);
const KitchenOrderSchema = Type.Object({
  order_id: Type.String(),
  status: Type.String({ description: 'ASSIGNED, READY, … as fulfilment sees the order' }),
  food_point_id: Type.Union([Type.String(), Type.Null()]),
  items: Type.Array(LineSchema),
  destination: Type.Union([GeoSchema, Type.Null()], { description: 'the delivery location, if any' }),
  assigned_at: Type.Union([Type.String({ format: 'date-time' }), Type.Null()]),
});
const JobSchema = Type.Object({
  ...KitchenOrderSchema.properties,
  food_point_name: Type.String(),
  pickup: GeoSchema,
  distance_km: Type.Union([Type.Number(), Type.Null()], {
    description: "from the courier's last reported location; null before they reported one",
  }),
});
const MoveSchema = Type.Object({
  order_id: Type.String(),
  status: StatusSchema,
  previous_status: StatusSchema,
});
const MOVE_PROBLEMS = [
  'VALIDATION_FAILED',
  'UNAUTHENTICATED',
  'FORBIDDEN',
  'ORDER_NOT_FOUND',
  'ORDER_INVALID_TRANSITION',
  'CONCURRENCY_CONFLICT',
] as const;

const kitchenView = (order: KitchenOrder) => ({
  order_id: order.order_id,
  status: order.status,
  food_point_id: order.food_point_id,
  items: order.items,
  destination: order.destination,
  assigned_at: order.assigned_at,
});

const move = (
  orderId: string,
  outcome: { before: { status: OrderStatus }; after: { status: OrderStatus } },
) => ({
  order_id: orderId,
  status: outcome.after.status,
  previous_status: outcome.before.status,
});

/** Seed 001's food_point app (role kitchen) and delivery app (role courier). */
export const kitchenRoutes: FastifyPluginAsyncTypebox<KitchenRoutesOptions> = async (
  app,
  { kitchen, couriers, authenticate },
) => {
  const asKitchen = [authenticate, requireRole('kitchen')];
  const asCourier = [authenticate, requireRole('courier')];

  app.get(
    '/api/v1/kitchen/orders',
    {
      preValidation: asKitchen,
      schema: {
        tags: ['fulfilment'],
        summary: "List the kitchen's orders",
        description:
          "Kitchen staff only: the orders in their point's kitchen (ASSIGNED, READY), newest assigned first, with items. 403 when no admin has tied the user to a point.",
        security: bearerAuth,
        response: {
          200: described(
            "The point's orders",
            Type.Object({ food_point_id: Type.String(), orders: Type.Array(KitchenOrderSchema) }),
          ),
          ...problemResponses('UNAUTHENTICATED', 'FORBIDDEN'),
        },
      },
    },
    async (request) => {
      const { food_point_id, orders } = await kitchen.list(principalOf(request).userId);
      return { food_point_id, orders: orders.map(kitchenView) };
    },
  );

  app.post(
    '/api/v1/kitchen/orders/:id/ready',
    {
      preValidation: asKitchen,
      schema: {
        tags: ['fulfilment'],
        summary: 'Mark an order READY',
        description:
          "Kitchen staff of the order's point: ASSIGNED → READY, consuming its ingredients. Another point's order is 404; any other status 409.",
        security: bearerAuth,
        params: OrderId,
        response: { 200: described('Ready', MoveSchema), ...problemResponses(...MOVE_PROBLEMS) },
      },
    },
    async (request) =>
      move(
        request.params.id,
        await kitchen.markReady(request.params.id, principalOf(request).userId, String(request.id)),
      ),
  );

  app.put(
    '/api/v1/courier/location',
    {
      preValidation: asCourier,
      schema: {
        tags: ['fulfilment'],
        summary: "Report the courier's location",
        description: 'Couriers only. READY orders are then listed nearest first from here.',
        security: bearerAuth,
        body: GeoSchema,
        response: {
          200: described('Recorded', GeoSchema),
          ...problemResponses('VALIDATION_FAILED', 'UNAUTHENTICATED', 'FORBIDDEN'),
        },
      },
    },
    async (request) => {
      await couriers.reportLocation(principalOf(request).userId, request.body);
      return request.body;
    },
  );

  app.get(
    '/api/v1/courier/orders',
    {
      preValidation: asCourier,
      schema: {
        tags: ['fulfilment'],
        summary: 'List READY orders to pick up',
        description:
          "Couriers only: READY orders not handed to a carrier, nearest pickup first from the courier's last reported location.",
        security: bearerAuth,
        response: {
          200: described(
            'Orders waiting for a courier',
            Type.Object({ location: Type.Union([GeoSchema, Type.Null()]), orders: Type.Array(JobSchema) }),
          ),
          ...problemResponses('UNAUTHENTICATED', 'FORBIDDEN'),
        },
      },
    },
    async (request) => {
      const { location, orders } = await couriers.offered(principalOf(request).userId);
      return {
        location,
        orders: orders.map((job) => ({
          ...kitchenView(job),
          food_point_name: job.food_point_name,
          pickup: job.pickup,
          distance_km: job.distance_km,
        })),
      };
    },
  );

  app.post(
    '/api/v1/courier/orders/:id/pickup',
    {
      preValidation: asCourier,
      schema: {
        tags: ['fulfilment'],
        summary: 'Pick up a READY order',
        description:
          'Couriers only: READY → IN_DELIVERY; the kitchen slot comes free. Of two couriers racing, one wins; the other gets 409.',
        security: bearerAuth,
        params: OrderId,
        response: { 200: described('In delivery', MoveSchema), ...problemResponses(...MOVE_PROBLEMS) },
      },
    },
    async (request) =>
      move(
        request.params.id,
        await couriers.pickUp(request.params.id, principalOf(request).userId, String(request.id)),
      ),
  );

  app.post(
    '/api/v1/courier/orders/:id/deliver',
    {
      preValidation: asCourier,
      schema: {
        tags: ['fulfilment'],
        summary: 'Deliver an order',
        description:
          'The courier who picked the order up: IN_DELIVERY → DELIVERED. Any other courier gets 404.',
        security: bearerAuth,
        params: OrderId,
        response: { 200: described('Delivered', MoveSchema), ...problemResponses(...MOVE_PROBLEMS) },
      },
    },
    async (request) =>
      move(
        request.params.id,
        await couriers.deliver(request.params.id, principalOf(request).userId, String(request.id)),
      ),
  );
};
