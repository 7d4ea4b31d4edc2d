import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import type { AvailabilityChecker, ProductCatalog } from '../../contexts/catalog/index.ts';
import { type AuthPreHandler, requireRole } from './auth/authenticate.ts';
import { AvailabilitySchema, bearerAuth, problemResponses, RequestedItemSchema } from './schemas.ts';

export interface CatalogRoutesOptions {
  catalog: ProductCatalog;
  availability: AvailabilityChecker;
  authenticate: AuthPreHandler;
}

const ProductSchema = Type.Object({
  id: Type.String(),
  name: Type.String(),
  category: Type.String(),
  price: Type.Integer({ description: 'minor units' }),
  currency: Type.String(),
  stock: Type.Integer(),
});

/** Seed 002's Product Service over HTTP. */
export const catalogRoutes: FastifyPluginAsyncTypebox<CatalogRoutesOptions> = async (
  app,
  { catalog, availability, authenticate },
) => {
  app.get(
    '/api/v1/products',
    {
      schema: { tags: ['catalog'], response: { 200: Type.Object({ products: Type.Array(ProductSchema) }) } },
    },
    async () => ({ products: await catalog.list() }),
  );

  app.put(
    '/api/v1/products/:id',
    {
      preValidation: [authenticate, requireRole('admin')],
      schema: {
        tags: ['catalog'],
        security: bearerAuth,
        params: Type.Object({
          id: Type.String({ minLength: 1, maxLength: 100, pattern: '^[A-Za-z0-9._-]+$' }),
        }),
        body: Type.Object(
          {
            name: Type.String({ minLength: 1, maxLength: 200 }),
            price: Type.Integer({ minimum: 0, maximum: 100_000_000 }),
            currency: Type.String({ pattern: '^[A-Za-z]{3}$' }),
            stock: Type.Integer({ minimum: 0, maximum: 100_000_000 }),
            category: Type.Optional(Type.String({ minLength: 1, maxLength: 100 })),
          },
          { additionalProperties: false },
        ),
        response: { 200: ProductSchema, ...problemResponses(400, 401, 403) },
      },
    },
    async (request) => catalog.put(request.params.id, request.body),
  );

  app.post(
    '/api/v1/products/check-availability',
    {
      schema: {
        tags: ['catalog'],
        body: Type.Object(
          { items: Type.Array(RequestedItemSchema, { minItems: 1, maxItems: 100 }) },
          { additionalProperties: false },
        ),
        response: { 200: AvailabilitySchema, ...problemResponses(400) },
      },
    },
    async (request) => {
      const { all_available, items } = await availability.check(request.body.items);
      return { all_available, items };
    },
  );
};
