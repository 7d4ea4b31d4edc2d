import { AjvCompiler, type ValidatorFactory } from '@fastify/ajv-compiler';
import { type SerializerFactory, SerializerSelector } from '@fastify/fast-json-stringify-compiler';

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
    return (part) => lazyValidator(() => (part.httpPart === 'body' ? strict(part) : coercing(part)));
  };
  return factory as unknown as ValidatorFactory;
}

/** An Ajv validator: `false` with the reasons left on `errors`. */
type Validator = ((...args: unknown[]) => unknown) & { errors?: unknown };

/**
 * Compiled on its first call instead of when Fastify gets ready: compiling every route's
 * schemas (Ajv writes and compiles a function for each) was a fifth of a start's CPU, and most
 * routes are not called soon after a start. Fastify reads the reasons of a failed validation
 * from the function it was given, so they are copied onto this one.
 */
function lazyValidator(compile: () => unknown): Validator {
  let compiled: Validator | undefined;
  const validate: Validator = (...args) => {
    compiled ??= compile() as Validator;
    const valid = compiled(...args);
    validate.errors = compiled.errors;
    return valid;
  };
  return validate;
}

/**
 * Fastify's response serializers (fast-json-stringify), each compiled when its route first
 * answers with that status instead of when Fastify gets ready (see `lazyValidator`).
 */
export function lazyResponseSerializer(): SerializerFactory {
  const pool = SerializerSelector();
  return (externalSchemas, options) => {
    const compile = pool(externalSchemas, options);
    return (route) => {
      let serialize: ((doc: unknown) => string) | undefined;
      return (doc) => {
        serialize ??= compile(route);
        return serialize(doc);
      };
    };
  };
}
