import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import type { Device, Profiles } from '../../contexts/profile/index.ts';
import { type AuthPreHandler, principalOf } from './auth/authenticate.ts';
import { bearerAuth, described, problemResponses } from './schemas.ts';

export interface ProfileRoutesOptions {
  profiles: Profiles;
  authenticate: AuthPreHandler;
}

const Locale = Type.Union([Type.Literal('en'), Type.Literal('ru')]);
const Channels = Type.Object({
  email: Type.Boolean(),
  push: Type.Boolean(),
  live: Type.Boolean({ description: 'live updates over the WebSocket' }),
});

const ProfileSchema = Type.Object({
  user_id: Type.String(),
  display_name: Type.Union([Type.String(), Type.Null()]),
  email: Type.Union([Type.String(), Type.Null()]),
  locale: Locale,
  channels: Channels,
});

const DeviceSchema = Type.Object({
  id: Type.String(),
  platform: Type.Union([Type.Literal('android'), Type.Literal('ios')]),
  token: Type.String(),
  state: Type.Union([Type.Literal('active'), Type.Literal('disabled')]),
  disabled_reason: Type.Union([Type.String(), Type.Null()], {
    description: "why it was disabled: the provider's answer (e.g. UNREGISTERED, BadDeviceToken)",
  }),
  created_at: Type.String({ format: 'date-time' }),
  updated_at: Type.String({ format: 'date-time' }),
});

const toDeviceView = ({ user_id: _u, ...device }: Device) => device;

/** Seed 003's profile service: the caller's contacts, locale, channel preferences and push devices. */
export const profileRoutes: FastifyPluginAsyncTypebox<ProfileRoutesOptions> = async (
  app,
  { profiles, authenticate },
) => {
  const auth = { preValidation: [authenticate] };
  app.get(
    '/api/v1/me/profile',
    {
      ...auth,
      schema: {
        tags: ['profile'],
        summary: "Read the caller's profile",
        description:
          'Without a saved profile: the name and e-mail the identity provider knows, locale en, every channel on.',
        security: bearerAuth,
        response: { 200: described('The profile', ProfileSchema), ...problemResponses('UNAUTHENTICATED') },
      },
    },
    async (request) => profiles.get(principalOf(request).userId),
  );

  app.put(
    '/api/v1/me/profile',
    {
      ...auth,
      schema: {
        tags: ['profile'],
        summary: "Change the caller's profile",
        description: 'Fields left out keep their value; `channels` may name only the channels to change.',
        security: bearerAuth,
        body: Type.Object(
          {
            display_name: Type.Optional(
              Type.Union([Type.String({ minLength: 1, maxLength: 200 }), Type.Null()]),
            ),
            email: Type.Optional(Type.Union([Type.String({ format: 'email', maxLength: 320 }), Type.Null()])),
            locale: Type.Optional(Locale),
            channels: Type.Optional(Type.Partial(Channels, { additionalProperties: false })),
          },
          { additionalProperties: false },
        ),
        response: {
          200: described('The profile after the change', ProfileSchema),
          ...problemResponses('VALIDATION_FAILED', 'UNAUTHENTICATED'),
        },
      },
    },
    async (request) => profiles.update(principalOf(request).userId, request.body),
  );

  app.post(
    '/api/v1/me/devices',
    {
      ...auth,
      schema: {
        tags: ['profile'],
        summary: 'Register a push token',
        description:
          'Idempotent per token: registering it again answers 200 with the same device. A token registered by another user moves to the caller.',
        security: bearerAuth,
        body: Type.Object(
          {
            platform: Type.Union([Type.Literal('android'), Type.Literal('ios')]),
            token: Type.String({ minLength: 1, maxLength: 4096 }),
          },
          { additionalProperties: false },
        ),
        response: {
          200: described('Already registered by the caller', DeviceSchema),
          201: described('Registered (or moved to the caller)', DeviceSchema),
          ...problemResponses('VALIDATION_FAILED', 'UNAUTHENTICATED'),
        },
      },
    },
    async (request, reply) => {
      const { platform, token } = request.body;
      const { device, created } = await profiles.registerDevice(principalOf(request).userId, platform, token);
      return reply.code(created ? 201 : 200).send(toDeviceView(device));
    },
  );

  app.get(
    '/api/v1/me/devices',
    {
      ...auth,
      schema: {
        tags: ['profile'],
        summary: "List the caller's push devices",
        description: 'Oldest first, with their state: a disabled device is never pushed to again.',
        security: bearerAuth,
        response: {
          200: described('The devices', Type.Object({ devices: Type.Array(DeviceSchema) })),
          ...problemResponses('UNAUTHENTICATED'),
        },
      },
    },
    async (request) => ({
      devices: (await profiles.listDevices(principalOf(request).userId)).map(toDeviceView),
    }),
  );

  app.delete(
    '/api/v1/me/devices/:id',
    {
      ...auth,
      schema: {
        tags: ['profile'],
        summary: 'Remove a push device',
        security: bearerAuth,
        params: Type.Object({ id: Type.String({ format: 'uuid' }) }),
        response: {
          204: described('Removed', Type.Null()),
          ...problemResponses('VALIDATION_FAILED', 'UNAUTHENTICATED', 'DEVICE_NOT_FOUND'),
        },
      },
    },
    async (request, reply) => {
      await profiles.removeDevice(principalOf(request).userId, request.params.id);
      return reply.code(204).send(null);
    },
  );
};
