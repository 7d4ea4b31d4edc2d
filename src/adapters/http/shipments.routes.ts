import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import type { DeliveryStores, ShipmentStore, ShipOrder } from '../../contexts/delivery/index.ts';
import { DomainError } from '../../shared/errors.ts';
import { type AuthPreHandler, principalOf, requireRole } from './auth/authenticate.ts';
import { bearerAuth, described, problemResponses } from './schemas.ts';

export interface ShipmentsRoutesOptions {
  shipOrder: ShipOrder<DeliveryStores>;
  shipments: ShipmentStore;
  authenticate: AuthPreHandler;
}

const OrderId = Type.Object({ id: Type.String({ maxLength: 100 }) });
const ShipmentSchema = Type.Object({
  order_id: Type.String(),
  carrier_id: Type.String(),
  tracking_number: Type.Union([Type.String(), Type.Null()]),
  created_by: Type.String(),
  created_at: Type.String({ format: 'date-time' }),
});
const UpdateSchema = Type.Object({
  webhook_id: Type.String(),
  carrier_status: Type.String(),
  mapped_status: Type.Union([Type.String(), Type.Null()]),
  tracking_number: Type.Union([Type.String(), Type.Null()]),
  occurred_at: Type.String({ format: 'date-time' }),
  received_at: Type.String({ format: 'date-time' }),
  outcome: Type.String({
    description: 'APPLIED (moved the order), STALE (older than its status) or UNMAPPED',
  }),
});

/** Handing a READY order to an external carrier (DESIGN.md), and its shipment record. */
export const shipmentsRoutes: FastifyPluginAsyncTypebox<ShipmentsRoutesOptions> = async (
  app,
  { shipOrder, shipments, authenticate },
) => {
  app.post(
    '/api/v1/orders/:id/shipment',
    {
      preValidation: [authenticate, requireRole('admin', 'kitchen')],
      schema: {
        tags: ['delivery'],
        summary: 'Hand a READY order to a carrier',
        description:
          "An admin, or kitchen staff of the order's food point. Creates the shipment; the order stays READY until the carrier's webhook reports it SHIPPED (→ IN_DELIVERY). An order the caller may not see is 404; not READY is 409.",
        security: bearerAuth,
        params: OrderId,
        body: Type.Object(
          {
            carrier: Type.String({ minLength: 1, maxLength: 63, description: 'a configured carrier id' }),
            tracking_number: Type.Optional(Type.String({ minLength: 1, maxLength: 100 })),
          },
          { additionalProperties: false },
        ),
        response: {
          201: described('Handed over', ShipmentSchema),
          ...problemResponses(
            'VALIDATION_FAILED',
            'UNAUTHENTICATED',
            'FORBIDDEN',
            'ORDER_NOT_FOUND',
            'CARRIER_NOT_FOUND',
            'ORDER_INVALID_TRANSITION',
            'SHIPMENT_EXISTS',
          ),
        },
      },
    },
    async (request, reply) => {
      const principal = principalOf(request);
      const shipment = await shipOrder.execute(request.params.id, {
        carrier: request.body.carrier,
        tracking_number: request.body.tracking_number,
        by: { user_id: principal.userId, roles: principal.roles },
      });
      return reply.code(201).send(shipment);
    },
  );

  app.get(
    '/api/v1/orders/:id/shipment',
    {
      preValidation: [authenticate, requireRole('admin')],
      schema: {
        tags: ['delivery'],
        summary: "An order's shipment and every carrier report on it",
        description: 'Admins only. Reports are listed as received, including stale and unmapped ones.',
        security: bearerAuth,
        params: OrderId,
        response: {
          200: described(
            'The shipment',
            Type.Object({ ...ShipmentSchema.properties, history: Type.Array(UpdateSchema) }),
          ),
          ...problemResponses('UNAUTHENTICATED', 'FORBIDDEN', 'NOT_FOUND'),
        },
      },
    },
    async (request) => {
      const shipment = await shipments.get(request.params.id);
      if (!shipment) throw notShipped(request.params.id);
      const history = (await shipments.history(shipment.order_id)).map(
        ({ carrier_id: _c, order_id: _o, ...update }) => update,
      );
      return { ...shipment, history };
    },
  );
};

const notShipped = (orderId: string) =>
  new DomainError('NOT_FOUND', `order ${orderId} has no shipment`, { order_id: orderId });
