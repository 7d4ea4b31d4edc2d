import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import type { DevInbox } from '../../contexts/notifications/index.ts';
import { type AuthPreHandler, requireRole } from './auth/authenticate.ts';
import { bearerAuth, described, problemResponses } from './schemas.ts';

export interface DevInboxRoutesOptions {
  inbox: DevInbox;
  authenticate: AuthPreHandler;
}

const EntrySchema = Type.Union([
  Type.Object({
    id: Type.String(),
    kind: Type.Literal('email'),
    to: Type.String(),
    subject: Type.String(),
    html: Type.String(),
    text: Type.String(),
    captured_at: Type.String({ format: 'date-time' }),
  }),
  Type.Object({
    id: Type.String(),
    kind: Type.Literal('push'),
    platform: Type.Union([Type.Literal('android'), Type.Literal('ios')]),
    token: Type.String(),
    title: Type.String(),
    body: Type.String(),
    data: Type.Record(Type.String(), Type.String()),
    captured_at: Type.String({ format: 'date-time' }),
  }),
]);

/**
 * The dev inbox: registered only in embedded mode for the channels without a real provider, so
 * in production the path does not exist (404).
 */
export const devInboxRoutes: FastifyPluginAsyncTypebox<DevInboxRoutesOptions> = async (
  app,
  { inbox, authenticate },
) => {
  app.get(
    '/dev/inbox',
    {
      preValidation: [authenticate, requireRole('admin')],
      schema: {
        tags: ['notifications'],
        summary: 'E-mails and pushes captured instead of sent (embedded mode)',
        description:
          'Admins only. Rendered e-mails and push payloads as they would have been sent, newest first, with the recipient address or device token. Exists only in embedded mode for channels without a real provider.',
        security: bearerAuth,
        querystring: Type.Object(
          { limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 1000, default: 100 })) },
          { additionalProperties: false },
        ),
        response: {
          200: described(
            'Captured messages, newest first',
            Type.Object({ messages: Type.Array(EntrySchema) }),
          ),
          ...problemResponses('VALIDATION_FAILED', 'UNAUTHENTICATED', 'FORBIDDEN'),
        },
      },
    },
    async (request) => ({ messages: inbox.list(request.query.limit) }),
  );
};
