import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import type { OrderNotifications } from '../../contexts/notifications/index.ts';
import type { AuthPreHandler } from './auth/authenticate.ts';
import { viewerOf } from './request-context.ts';
import { bearerAuth, described, problemResponses } from './schemas.ts';

export interface NotificationsRoutesOptions {
  notifications: OrderNotifications;
  authenticate: AuthPreHandler;
}

const nullable = <T extends Parameters<typeof Type.Union>[0][number]>(schema: T) =>
  Type.Union([schema, Type.Null()]);

const ReceiptSchema = Type.Object({
  id: Type.String(),
  delivery_id: Type.String({
    description: 'the message (one per order change, channel and device or address)',
  }),
  order_id: Type.String(),
  channel: Type.Union([Type.Literal('email'), Type.Literal('push')]),
  target: Type.String({ description: 'the e-mail address, or the device id' }),
  device_id: nullable(Type.String()),
  attempt: Type.Integer({ minimum: 1 }),
  outcome: Type.Union(
    [
      Type.Literal('delivered'),
      Type.Literal('retry'),
      Type.Literal('device_invalid'),
      Type.Literal('failed'),
      Type.Literal('skipped'),
    ],
    {
      description:
        'retry: temporary, tried again later; device_invalid: the device is disabled for good; skipped: the device was disabled or removed before this attempt',
    },
  ),
  provider_status: nullable(Type.Integer({ description: 'HTTP status or SMTP reply code' })),
  error_code: nullable(Type.String()),
  message_id: nullable(Type.String()),
  message: nullable(Type.String()),
  attempted_at: Type.String({ format: 'date-time' }),
});

/** Seed 000's delivered/failed receipts: every attempt for an order, to its buyer and admins. */
export const notificationsRoutes: FastifyPluginAsyncTypebox<NotificationsRoutesOptions> = async (
  app,
  { notifications, authenticate },
) => {
  app.get(
    '/api/v1/orders/:id/notifications',
    {
      preValidation: [authenticate],
      schema: {
        tags: ['notifications'],
        summary: "An order's notification receipts",
        description:
          'Every attempt to tell the buyer (e-mail, push), oldest first, with the provider’s answer. The order’s buyer and admins only; to anyone else the order does not exist (404).',
        security: bearerAuth,
        params: Type.Object({ id: Type.String({ maxLength: 100 }) }),
        response: {
          200: described('The receipts', Type.Object({ receipts: Type.Array(ReceiptSchema) })),
          ...problemResponses('VALIDATION_FAILED', 'UNAUTHENTICATED', 'ORDER_NOT_FOUND'),
        },
      },
    },
    async (request) => ({ receipts: await notifications.receipts(request.params.id, viewerOf(request)) }),
  );
};
