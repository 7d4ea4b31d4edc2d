import { AjvCompiler, type ValidatorFactory } from '@fastify/ajv-compiler';

/** What Fastify hands a validator compiler for each part of each route. */
interface RouteSchemaPart {
  schema: unknown;
  method: string;
  url: string;
  httpPart: string;
}
type CompileRoutePart = (part: RouteSchemaPart) => unknown;
type BuildFromPool = (
  externalSchemas: unknown,
  options: { customOptions?: Record<string, unknown> },
) => CompileRoutePart;

/**
 * Fastify's validator (Ajv with formats) with type coercion for the query string, path and
 * headers, which are text on the wire, but none for bodies: in JSON a string or a boolean where
 * a number belongs is a client error (`"quantity": "1e2"` must not order 100 items).
 */
export function strictBodyValidator(): ValidatorFactory {
  // The package's types describe the compiler as Ajv's `compile(schema)`; at run time Fastify
  // calls it with the route part (schema, method, url, httpPart), as its docs show.
  const pool = AjvCompiler() as unknown as BuildFromPool;
  const factory: BuildFromPool = (externalSchemas, serverOptions) => {
    const custom = serverOptions.customOptions ?? {};
    const coercing = pool(externalSchemas, serverOptions);
    const strict = pool(externalSchemas, {
      ...serverOptions,
      customOptions: { ...custom, coerceTypes: false },
    });
    return (part) => (part.httpPart === 'body' ? strict(part) : coercing(part));
  };
  return factory as unknown as ValidatorFactory;
}
