import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import { described } from './schemas.ts';

/** How the web app signs people in: what `GET /api/v1/sign-in-method` answers. */
export type SignInMethod =
  | { mode: 'password'; issuer: string; token_endpoint: string; client_id: string }
  | { mode: 'authorization_code'; issuer: string; client_id: string; scope: string };

export interface SignInMethodRoutesOptions {
  method: SignInMethod;
}

const SignInMethodSchema = Type.Union([
  Type.Object(
    {
      mode: Type.Literal('password'),
      issuer: Type.String(),
      token_endpoint: Type.String(),
      client_id: Type.String(),
    },
    {
      description:
        'The built-in identity provider: a Username/Password form posting the password grant to `token_endpoint` (a path on this server)',
    },
  ),
  Type.Object(
    {
      mode: Type.Literal('authorization_code'),
      issuer: Type.String(),
      client_id: Type.String(),
      scope: Type.String(),
    },
    {
      description:
        'An external issuer (OIDC_ISSUER): the authorization-code flow with PKCE for this public client, discovery at `{issuer}/.well-known/openid-configuration`',
    },
  ),
]);

/** Public: the web app asks before it shows a sign-in screen, so one build serves every mode. */
export const signInMethodRoutes: FastifyPluginAsyncTypebox<SignInMethodRoutesOptions> = async (
  app,
  { method },
) => {
  const answer = Object.freeze({ ...method });
  app.get(
    '/api/v1/sign-in-method',
    {
      schema: {
        tags: ['identity'],
        summary: 'How the web app signs in (built-in password form or an external issuer)',
        description:
          'No token needed. `password`: the built-in provider (embedded default), whose token endpoint takes the password grant. `authorization_code`: `OIDC_ISSUER` is set; sign in there with PKCE as `client_id` asking for `scope`.',
        response: { 200: described('The sign-in method', SignInMethodSchema) },
      },
    },
    async () => answer,
  );
};
