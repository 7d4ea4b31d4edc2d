import { Type } from 'typebox';

/** The OpenAPI description of the built-in provider's endpoints (Keycloak's shapes). */

const oauthProblem = (description: string, codes: string[]) => ({
  description,
  content: {
    'application/problem+json': {
      schema: Type.Object(
        {
          type: Type.String(),
          title: Type.String(),
          status: Type.Integer(),
          code: Type.Unsafe<string>({ type: 'string', enum: codes }),
          detail: Type.String(),
          instance: Type.String(),
          request_id: Type.String(),
          // Optional: errors Fastify raises before the handler (an empty JSON body) carry none, and
          // a required member the serializer cannot find would turn the problem into plain JSON.
          error: Type.Optional(
            Type.String({ description: 'RFC 6749 §5.2 error code, as Keycloak answers it' }),
          ),
          error_description: Type.Optional(Type.String()),
        },
        { additionalProperties: true },
      ),
    },
  },
});

export const discoverySchema = {
  tags: ['identity'],
  summary: 'OpenID Provider discovery document',
  description: "The built-in provider (embedded mode) at Keycloak's path for the realm `orderflow`.",
  response: {
    200: Type.Object(
      {
        issuer: Type.String(),
        token_endpoint: Type.String(),
        jwks_uri: Type.String(),
        grant_types_supported: Type.Array(Type.String()),
        token_endpoint_auth_methods_supported: Type.Array(Type.String()),
        subject_types_supported: Type.Array(Type.String()),
        id_token_signing_alg_values_supported: Type.Array(Type.String()),
        scopes_supported: Type.Array(Type.String()),
        claims_supported: Type.Array(Type.String()),
      },
      { description: 'The discovery document' },
    ),
  },
};

export const certsSchema = {
  tags: ['identity'],
  summary: 'Token signing keys (JWKS)',
  description: 'The public RS256 key(s) access tokens are signed with; cacheable for 5 minutes.',
  response: {
    200: Type.Object(
      {
        keys: Type.Array(
          Type.Object(
            {
              kty: Type.String(),
              kid: Type.String(),
              use: Type.String(),
              alg: Type.String(),
              n: Type.String(),
              e: Type.String(),
            },
            { additionalProperties: false },
          ),
        ),
      },
      { description: 'The key set' },
    ),
  },
};

export const tokenSchema = {
  tags: ['identity'],
  summary: 'Get an access token (password grant)',
  description:
    'OAuth 2.0 resource owner password grant for the public client `orderflow-web`. Errors are problem+json that also carry `error` and `error_description` as Keycloak sends them. Failed logins lock the username and the client address for a growing time (429 with Retry-After), whether or not the user exists.',
  consumes: ['application/x-www-form-urlencoded'],
  body: Type.Object(
    {
      grant_type: Type.Literal('password'),
      client_id: Type.Literal('orderflow-web'),
      username: Type.String(),
      password: Type.String({ format: 'password' }),
      scope: Type.Optional(Type.String({ description: 'ignored; tokens carry `profile email`' })),
    },
    { additionalProperties: true },
  ),
  response: {
    200: Type.Object(
      {
        access_token: Type.String({ description: 'an RS256 JWT; roles in `realm_access.roles`' }),
        expires_in: Type.Integer({ description: 'seconds' }),
        refresh_expires_in: Type.Integer({ description: '0: no refresh token is issued' }),
        token_type: Type.Literal('Bearer'),
        scope: Type.String(),
      },
      { description: 'An access token (RFC 6749 §5.1)' },
    ),
    400: oauthProblem('invalid_request, unsupported_grant_type', ['VALIDATION_FAILED']),
    401: oauthProblem('invalid_grant (wrong credentials), invalid_client', ['UNAUTHENTICATED']),
    429: oauthProblem('too many failed logins for this username or address', ['RATE_LIMITED']),
  },
};
