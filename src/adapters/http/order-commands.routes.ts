import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import type { CancelOrder, ConfirmOrder, PayOrder } from '../../contexts/ordering/index.ts';
import { type AuthPreHandler, principalOf, requireRole } from './auth/authenticate.ts';
import { StatusSchema } from './order-views.ts';
import { contextOf, viewerOf } from './request-context.ts';
import { bearerAuth, described, MINOR_UNITS, problemResponses } from './schemas.ts';

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
        summary: 'Pay a pending order from the wallet',
        description:
          "The order's buyer only. Debits the wallet: 200 PAID, or 406 INSUFFICIENT_FUNDS and the order is cancelled; 409 when the order is no longer PENDING. Repeating a successful payment answers it again without a second debit.",
        security: bearerAuth,
        params: OrderId,
        response: {
          200: Type.Object(
            {
              order_id: Type.String(),
              status: Type.Literal('PAID'),
              operation_id: Type.String({ description: "the wallet operation's id" }),
              amount: Type.Integer({ description: MINOR_UNITS }),
              currency: Type.String(),
            },
            { description: 'Paid (also the answer to a repeated payment)' },
          ),
          ...problemResponses(
            'VALIDATION_FAILED',
            'UNAUTHENTICATED',
            'FORBIDDEN',
            'ORDER_NOT_FOUND',
            'INSUFFICIENT_FUNDS',
            'ORDER_INVALID_TRANSITION',
            'CONCURRENCY_CONFLICT',
          ),
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
        summary: 'Confirm a paid order',
        description: 'Admins only (seed 004). PAID → CONFIRMED; any other status is 409.',
        security: bearerAuth,
        params: OrderId,
        response: {
          200: described('Confirmed', CommandResult),
          ...problemResponses(
            'VALIDATION_FAILED',
            'UNAUTHENTICATED',
            'FORBIDDEN',
            'ORDER_NOT_FOUND',
            'ORDER_INVALID_TRANSITION',
            'CONCURRENCY_CONFLICT',
          ),
        },
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
        summary: 'Cancel an order',
        description:
          'Its buyer until it is assigned to a food point, admins until it is delivered. Releases the stock and refunds a paid order. The body is optional.',
        'x-body-optional': true,
        security: bearerAuth,
        params: OrderId,
        body: Type.Optional(
          Type.Union([
            Type.Object(
              { reason: Type.Optional(Type.String({ maxLength: 500, description: 'shown to the buyer' })) },
              { additionalProperties: false },
            ),
            Type.Null(),
          ]),
        ),
        response: {
          200: Type.Object(
            {
              ...CommandResult.properties,
              refunded: Type.Boolean({ description: 'whether the payment went back to the wallet' }),
            },
            { description: 'Cancelled' },
          ),
          ...problemResponses(
            'VALIDATION_FAILED',
            'UNAUTHENTICATED',
            'FORBIDDEN',
            'ORDER_NOT_FOUND',
            'ORDER_INVALID_TRANSITION',
            'CONCURRENCY_CONFLICT',
          ),
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
