import type { SwaggerTransformObject } from '@fastify/swagger';
import type { FastifyInstance, RouteOptions } from 'fastify';
import type { ErrorCode } from '../../shared/errors.ts';
import { problemResponses } from './schemas.ts';

type RouteSchema = NonNullable<RouteOptions['schema']> & {
  hide?: boolean;
  response?: Record<string, unknown>;
  'x-body-optional'?: boolean;
};

const ON_EVERY_ROUTE: ErrorCode[] = ['RATE_LIMITED', 'INTERNAL'];
const ON_ROUTES_WITH_A_BODY: ErrorCode[] = ['PAYLOAD_TOO_LARGE', 'UNSUPPORTED_MEDIA_TYPE'];

/**
 * Adds the error answers any route can give (rate limit, internal error, and for routes that take
 * a body 413 and 415) to every documented route's responses, unless the route lists them itself.
 * Must be registered before @fastify/swagger so the description sees them.
 */
export function documentCommonProblems(app: FastifyInstance): void {
  app.addHook('onRoute', (route) => {
    const schema = route.schema as RouteSchema | undefined;
    if (schema === undefined || schema.hide === true || schema.response === undefined) return;
    const common = problemResponses(...ON_EVERY_ROUTE, ...(schema.body ? ON_ROUTES_WITH_A_BODY : []));
    const rateLimited = common[429];
    if (rateLimited) {
      common[429] = {
        ...rateLimited,
        headers: { 'retry-after': { type: 'integer', description: 'seconds to wait' } },
      } as typeof rateLimited;
    }
    schema.response = { ...common, ...schema.response };
  });
}

type Operation = { requestBody?: { required?: boolean }; 'x-body-optional'?: boolean };

/** A route marks its body optional with `'x-body-optional': true` (@fastify/swagger marks every body required). */
export const markOptionalBodies: SwaggerTransformObject = (document) => {
  if (!('openapiObject' in document)) return document.swaggerObject;
  const { openapiObject } = document;
  for (const methods of Object.values(openapiObject.paths ?? {})) {
    for (const operation of Object.values(methods ?? {}) as Operation[]) {
      if (typeof operation !== 'object' || operation === null) continue;
      if (operation['x-body-optional'] === true && operation.requestBody)
        operation.requestBody.required = false;
      delete operation['x-body-optional'];
    }
  }
  return openapiObject;
};
