import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import type { CancelOrder, ConfirmOrder, PayOrder } from '../../contexts/ordering/index.ts';
import { type AuthPreHandler, principalOf, requireRole } from './auth/authenticate.ts';
import { StatusSchema } from './order-views.ts';
import { contextOf, viewerOf } from './request-context.ts';
import { bearerAuth, problemResponses } from './schemas.ts';

export interface OrderCommandsRoutesOptions {
  payOrder: PayOrder;
  confirmOrder: ConfirmOrder;
  cancelOrder: CancelOrder;
  authenticate: AuthPreHandler;
}

const OrderId = Type.Object({ id: Type.String({ maxLength: 100 }) });
const CommandResult = Type.Object({
  order_id: Type.String(),
  status: StatusSchema,
  previous_status: StatusSchema,
});

/** Moving an order on: payment (seed 003), confirmation (seed 004), cancellation. */
export const orderCommandsRoutes: FastifyPluginAsyncTypebox<OrderCommandsRoutesOptions> = async (
  app,
  { payOrder, confirmOrder, cancelOrder, authenticate },
) => {
  app.post(
    '/api/v1/orders/:id/payment',
    {
      preValidation: [authenticate, requireRole('buyer')],
      schema: {
        tags: ['orders'],
        security: bearerAuth,
        params: OrderId,
        response: {
          200: Type.Object({
            order_id: Type.String(),
            status: Type.Literal('PAID'),
            operation_id: Type.String(),
            amount: Type.Integer(),
            currency: Type.String(),
          }),
          ...problemResponses(401, 403, 404, 406, 409),
        },
      },
    },
    async (request) =>
      payOrder.execute(request.params.id, { userId: principalOf(request).userId }, contextOf(request)),
  );

  app.post(
    '/api/v1/orders/:id/confirm',
    {
      preValidation: [authenticate, requireRole('admin')],
      schema: {
        tags: ['orders'],
        security: bearerAuth,
        params: OrderId,
        response: { 200: CommandResult, ...problemResponses(401, 403, 404, 409) },
      },
    },
    async (request) => {
      const outcome = await confirmOrder.execute(request.params.id, viewerOf(request), contextOf(request));
      return {
        order_id: request.params.id,
        status: outcome.after.status,
        previous_status: outcome.before.status,
      };
    },
  );

  app.post(
    '/api/v1/orders/:id/cancel',
    {
      preValidation: [authenticate, requireRole('buyer', 'admin')],
      schema: {
        tags: ['orders'],
        security: bearerAuth,
        params: OrderId,
        body: Type.Optional(
          Type.Union([
            Type.Object(
              { reason: Type.Optional(Type.String({ maxLength: 500 })) },
              { additionalProperties: false },
            ),
            Type.Null(),
          ]),
        ),
        response: {
          200: Type.Object({ ...CommandResult.properties, refunded: Type.Boolean() }),
          ...problemResponses(401, 403, 404, 409),
        },
      },
    },
    async (request) => {
      const reason = request.body?.reason ?? 'cancelled on request';
      const outcome = await cancelOrder.execute(
        request.params.id,
        viewerOf(request),
        reason,
        contextOf(request),
      );
      return {
        order_id: request.params.id,
        status: outcome.after.status,
        previous_status: outcome.before.status,
        refunded: outcome.refunded,
      };
    },
  );
};
