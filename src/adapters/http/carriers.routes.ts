import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import type { ManageCarriers } from '../../contexts/delivery/index.ts';
import { type AuthPreHandler, requireRole } from './auth/authenticate.ts';
import { bearerAuth, described, problemResponses } from './schemas.ts';

export interface CarriersRoutesOptions {
  manageCarriers: ManageCarriers;
  authenticate: AuthPreHandler;
}

const Target = Type.Union([Type.Literal('IN_DELIVERY'), Type.Literal('DELIVERED')]);
const Mapping = Type.Record(Type.String({ minLength: 1, maxLength: 64 }), Target, {
  description:
    'carrier status (matched case-insensitively) → order status; default SHIPPED, IN_TRANSIT, OUT_FOR_DELIVERY → IN_DELIVERY; DELIVERED, COMPLETED → DELIVERED',
  maxProperties: 100,
});
const SecretInput = Type.String({
  pattern: '^whsec_[A-Za-z0-9+/]+={0,2}$',
  maxLength: 300,
  description:
    'Standard Webhooks secret: "whsec_" + base64 of 16–128 random bytes; omit to have one generated',
});
const CarrierSchema = Type.Object({
  carrier_id: Type.String(),
  display_name: Type.String(),
  status_mapping: Type.Record(Type.String(), Type.String()),
  secrets: Type.Array(
    Type.Object({
      secret_id: Type.String(),
      hint: Type.String({ description: 'the first characters only; the full secret is shown once' }),
      created_at: Type.String({ format: 'date-time' }),
    }),
  ),
  created_at: Type.String({ format: 'date-time' }),
  updated_at: Type.String({ format: 'date-time' }),
});
const IssuedSecretSchema = Type.Object({
  secret_id: Type.String(),
  secret: Type.String({ description: 'the whole secret: shown in this answer only' }),
  created_at: Type.String({ format: 'date-time' }),
});
const CarrierParams = Type.Object({ carrier: Type.String({ maxLength: 63 }) });
const admin = { security: bearerAuth, tags: ['carriers'] };
const ADMIN_PROBLEMS = ['VALIDATION_FAILED', 'UNAUTHENTICATED', 'FORBIDDEN'] as const;

/** Admins configure carriers (DESIGN.md: `/api/v1/carriers…`): mapping and secrets with rotation. */
export const carriersRoutes: FastifyPluginAsyncTypebox<CarriersRoutesOptions> = async (
  app,
  { manageCarriers, authenticate },
) => {
  const preValidation = [authenticate, requireRole('admin')];

  app.post(
    '/api/v1/carriers',
    {
      preValidation,
      schema: {
        ...admin,
        summary: 'Add a carrier',
        description:
          'Admins only. Answers the signing secret in full, this once; later answers show a hint only.',
        body: Type.Object(
          {
            carrier_id: Type.String({ pattern: '^[a-z0-9][a-z0-9_-]{0,62}$' }),
            display_name: Type.String({ minLength: 1, maxLength: 200 }),
            status_mapping: Type.Optional(Mapping),
            secret: Type.Optional(SecretInput),
          },
          { additionalProperties: false },
        ),
        response: {
          201: described('Created', Type.Object({ carrier: CarrierSchema, secret: IssuedSecretSchema })),
          ...problemResponses(...ADMIN_PROBLEMS, 'CARRIER_EXISTS'),
        },
      },
    },
    async (request, reply) => reply.code(201).send(await manageCarriers.create(request.body)),
  );

  app.get(
    '/api/v1/carriers',
    {
      preValidation,
      schema: {
        ...admin,
        summary: 'List carriers',
        response: {
          200: described('Carriers', Type.Object({ carriers: Type.Array(CarrierSchema) })),
          ...problemResponses(...ADMIN_PROBLEMS),
        },
      },
    },
    async () => ({ carriers: await manageCarriers.list() }),
  );

  app.get(
    '/api/v1/carriers/:carrier',
    {
      preValidation,
      schema: {
        ...admin,
        summary: 'One carrier',
        params: CarrierParams,
        response: {
          200: described('The carrier', CarrierSchema),
          ...problemResponses(...ADMIN_PROBLEMS, 'CARRIER_NOT_FOUND'),
        },
      },
    },
    async (request) => manageCarriers.get(request.params.carrier),
  );

  app.patch(
    '/api/v1/carriers/:carrier',
    {
      preValidation,
      schema: {
        ...admin,
        summary: "Change a carrier's name or status mapping",
        params: CarrierParams,
        body: Type.Object(
          {
            display_name: Type.Optional(Type.String({ minLength: 1, maxLength: 200 })),
            status_mapping: Type.Optional(Mapping),
          },
          { additionalProperties: false },
        ),
        response: {
          200: described('Changed', CarrierSchema),
          ...problemResponses(...ADMIN_PROBLEMS, 'CARRIER_NOT_FOUND'),
        },
      },
    },
    async (request) => manageCarriers.update(request.params.carrier, request.body),
  );

  app.post(
    '/api/v1/carriers/:carrier/secrets',
    {
      preValidation,
      schema: {
        ...admin,
        summary: 'Add a signing secret (rotation)',
        description:
          'The new secret works at once, beside the old ones, until an admin retires them. The body is optional: without `secret` one is generated. Answers the secret in full, this once.',
        'x-body-optional': true,
        params: CarrierParams,
        body: Type.Optional(
          Type.Union([
            Type.Object({ secret: Type.Optional(SecretInput) }, { additionalProperties: false }),
            Type.Null(),
          ]),
        ),
        response: {
          201: described('Added', IssuedSecretSchema),
          ...problemResponses(...ADMIN_PROBLEMS, 'CARRIER_NOT_FOUND'),
        },
      },
    },
    async (request, reply) =>
      reply.code(201).send(await manageCarriers.addSecret(request.params.carrier, request.body?.secret)),
  );

  app.delete(
    '/api/v1/carriers/:carrier/secrets/:secret_id',
    {
      preValidation,
      schema: {
        ...admin,
        summary: 'Retire a signing secret',
        description:
          'Webhooks signed with it are refused from now on. The last secret cannot be retired (409).',
        params: Type.Object({
          carrier: Type.String({ maxLength: 63 }),
          secret_id: Type.String({ maxLength: 100 }),
        }),
        response: {
          204: Type.Null({ description: 'Retired' }),
          ...problemResponses(...ADMIN_PROBLEMS, 'CARRIER_NOT_FOUND', 'CARRIER_LAST_SECRET'),
        },
      },
    },
    async (request, reply) => {
      await manageCarriers.removeSecret(request.params.carrier, request.params.secret_id);
      return reply.code(204).send(null);
    },
  );
};
