import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import type { Wallets } from '../../contexts/billing/index.ts';
import { type AuthPreHandler, principalOf, requireRole } from './auth/authenticate.ts';
import { bearerAuth, problemResponses } from './schemas.ts';

export interface WalletsRoutesOptions {
  wallets: Wallets;
  authenticate: AuthPreHandler;
}

const WalletSchema = Type.Object({
  customer_id: Type.String(),
  balance: Type.Integer({ description: 'minor units' }),
  currency: Type.String(),
  operations: Type.Array(
    Type.Object({
      id: Type.String(),
      kind: Type.Union([Type.Literal('top_up'), Type.Literal('debit'), Type.Literal('refund')]),
      amount: Type.Integer(),
      order_id: Type.Union([Type.String(), Type.Null()]),
      created_at: Type.String({ format: 'date-time' }),
    }),
  ),
  next_cursor: Type.Union([Type.String(), Type.Null()], {
    description: 'pass as `cursor` for the next page of the ledger; null at its end',
  }),
});

/** Seed 003's wallet: the buyer reads their own; admins top up anyone's. */
export const walletsRoutes: FastifyPluginAsyncTypebox<WalletsRoutesOptions> = async (
  app,
  { wallets, authenticate },
) => {
  app.get(
    '/api/v1/me/wallet',
    {
      preValidation: [authenticate],
      schema: {
        tags: ['billing'],
        security: bearerAuth,
        description: 'The balance and the ledger, newest first, paged by cursor like GET /api/v1/orders.',
        querystring: Type.Object(
          {
            limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 100, default: 50 })),
            cursor: Type.Optional(Type.String({ maxLength: 200 })),
          },
          { additionalProperties: false },
        ),
        response: { 200: WalletSchema, ...problemResponses(400, 401) },
      },
    },
    async (request) =>
      wallets.view(principalOf(request).userId, { limit: request.query.limit, cursor: request.query.cursor }),
  );

  app.post(
    '/api/v1/wallets/:customer_id/top-ups',
    {
      preValidation: [authenticate, requireRole('admin')],
      schema: {
        tags: ['billing'],
        security: bearerAuth,
        params: Type.Object({ customer_id: Type.String({ minLength: 1, maxLength: 100 }) }),
        body: Type.Object(
          {
            amount: Type.Integer({ minimum: 1, maximum: 100_000_000 }),
            currency: Type.Optional(Type.String({ pattern: '^[A-Za-z]{3}$' })),
          },
          { additionalProperties: false },
        ),
        response: { 201: WalletSchema, ...problemResponses(400, 401, 403, 404) },
      },
    },
    async (request, reply) =>
      reply
        .code(201)
        .send(await wallets.topUp(request.params.customer_id, request.body.amount, request.body.currency)),
  );
};
