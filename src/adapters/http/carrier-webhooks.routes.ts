import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import type { FastifyRequest } from 'fastify';
import { Type } from 'typebox';
import type { Carrier, ReceiveCarrierUpdate } from '../../contexts/delivery/index.ts';
import { contextOf } from './request-context.ts';
import { described, problemResponses } from './schemas.ts';

declare module 'fastify' {
  interface FastifyRequest {
    /** The body's bytes as received, kept for the webhook signature (carrier webhook route only). */
    rawBody?: Buffer;
    /** Set once a carrier webhook's signature is verified: who sent it, under which webhook-id. */
    carrierWebhook?: { carrier: Carrier; webhook_id: string };
  }
}

export const CARRIER_WEBHOOK_ROUTE = '/api/v1/webhooks/carriers/:carrier';

export interface CarrierWebhooksRoutesOptions {
  carrierUpdates: ReceiveCarrierUpdate;
}

/** A body that is not JSON still reaches the signature check; validation then refuses it (400). */
const NOT_JSON = 'body is not JSON';

const header = (request: FastifyRequest, name: string): string | undefined => {
  const value = request.headers[name];
  return Array.isArray(value) ? value.join(' ') : value;
};

const dateTime = { format: 'date-time', maxLength: 40 } as const;

/**
 * `POST /api/v1/webhooks/carriers/{carrier}` (seed 000): a carrier's signed status report.
 * Order of checks: the signature over the raw bytes (401), then the body (400), then the
 * compare-then-update (200 applied, stale, unmapped or duplicate; 404 unknown order; 409 an
 * order never handed to this carrier, or one it cannot move).
 */
export const carrierWebhooksRoutes: FastifyPluginAsyncTypebox<CarrierWebhooksRoutesOptions> = async (
  app,
  { carrierUpdates },
) => {
  // This plugin's own JSON parser (encapsulated: other routes keep Fastify's): keep the bytes.
  app.removeContentTypeParser('application/json');
  app.addContentTypeParser('application/json', { parseAs: 'buffer' }, (request, body, done) => {
    const raw = body as Buffer;
    request.rawBody = raw;
    try {
      done(null, JSON.parse(raw.toString('utf8')));
    } catch {
      done(null, NOT_JSON);
    }
  });

  app.post(
    CARRIER_WEBHOOK_ROUTE,
    {
      preValidation: async (request) => {
        const carrierId = (request.params as { carrier: string }).carrier;
        const { carrier, webhook } = await carrierUpdates.authenticate(
          carrierId,
          {
            'webhook-id': header(request, 'webhook-id'),
            'webhook-timestamp': header(request, 'webhook-timestamp'),
            'webhook-signature': header(request, 'webhook-signature'),
          },
          request.rawBody ?? Buffer.alloc(0),
        );
        request.carrierWebhook = { carrier, webhook_id: webhook.webhook_id };
      },
      schema: {
        tags: ['delivery'],
        summary: "A carrier's signed status report (Standard Webhooks)",
        description:
          'Signed per the Standard Webhooks spec with one of the carrier\'s active secrets: `webhook-signature` is a space-separated list of `v1,<base64 HMAC-SHA256 of "webhook-id.webhook-timestamp.body">` over the raw body; a timestamp more than 5 minutes off is refused. The carrier\'s status is mapped (SHIPPED, IN_TRANSIT, OUT_FOR_DELIVERY → IN_DELIVERY; DELIVERED, COMPLETED → DELIVERED by default) and moves the order forward only; an older status is recorded on the shipment and answered 200; a replayed webhook-id changes nothing (200, outcome DUPLICATE). Rate limited per carrier (CARRIER_WEBHOOK_RATE_LIMIT).',
        params: Type.Object({ carrier: Type.String({ maxLength: 63 }) }),
        headers: Type.Object({
          'webhook-id': Type.Optional(
            Type.String({ description: 'unique per message; replays are ignored' }),
          ),
          'webhook-timestamp': Type.Optional(Type.String({ description: 'Unix seconds' })),
          'webhook-signature': Type.Optional(Type.String({ description: 'v1,<base64> [v1,<base64> …]' })),
        }),
        body: Type.Object(
          {
            order_id: Type.String({ format: 'uuid' }),
            status: Type.String({ minLength: 1, maxLength: 64, description: "in the carrier's vocabulary" }),
            tracking_number: Type.Optional(Type.String({ minLength: 1, maxLength: 100 })),
            carrier: Type.Optional(Type.String({ maxLength: 200 })),
            delivered_at: Type.Optional(Type.String(dateTime)),
            delivery_location: Type.Optional(
              Type.String({ maxLength: 500, description: 'where it was left, e.g. "Front door"' }),
            ),
            occurred_at: Type.String(dateTime),
          },
          // Carriers add fields of their own; they are ignored, not refused.
          { additionalProperties: true },
        ),
        response: {
          200: described(
            'Accepted',
            Type.Object({
              order_id: Type.String(),
              outcome: Type.Union([
                Type.Literal('APPLIED'),
                Type.Literal('STALE'),
                Type.Literal('UNMAPPED'),
                Type.Literal('DUPLICATE'),
              ]),
              status: Type.String({ description: "the order's status after the report" }),
            }),
          ),
          ...problemResponses(
            'VALIDATION_FAILED',
            'WEBHOOK_HEADERS_MISSING',
            'WEBHOOK_SIGNATURE_INVALID',
            'WEBHOOK_TIMESTAMP_OUT_OF_RANGE',
            'WEBHOOK_CARRIER_UNKNOWN',
            'ORDER_NOT_FOUND',
            'ORDER_NOT_WITH_CARRIER',
            'ORDER_INVALID_TRANSITION',
            'CONCURRENCY_CONFLICT',
          ),
        },
      },
    },
    async (request) => {
      const verified = request.carrierWebhook;
      if (!verified) throw new Error('the webhook route ran without its signature check');
      return carrierUpdates.apply(verified.carrier, verified.webhook_id, request.body, contextOf(request));
    },
  );
};
