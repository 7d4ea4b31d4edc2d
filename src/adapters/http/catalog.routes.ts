import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import type { AvailabilityChecker, ProductCatalog } from '../../contexts/catalog/index.ts';
import { type AuthPreHandler, requireRole } from './auth/authenticate.ts';
import {
  AvailabilitySchema,
  bearerAuth,
  described,
  MINOR_UNITS,
  problemResponses,
  RequestedItemSchema,
} from './schemas.ts';

export interface CatalogRoutesOptions {
  catalog: ProductCatalog;
  availability: AvailabilityChecker;
  authenticate: AuthPreHandler;
}

const ProductSchema = Type.Object({
  id: Type.String(),
  name: Type.String(),
  category: Type.String(),
  price: Type.Integer({ description: `unit price, ${MINOR_UNITS}` }),
  currency: Type.String({ description: 'ISO 4217 code' }),
  stock: Type.Integer({ description: 'units in stock, not reserved by an order' }),
});

/** Seed 002's Product Service over HTTP. */
export const catalogRoutes: FastifyPluginAsyncTypebox<CatalogRoutesOptions> = async (
  app,
  { catalog, availability, authenticate },
) => {
  app.get(
    '/api/v1/products',
    {
      schema: {
        tags: ['catalog'],
        summary: 'List the products',
        description: 'Seed 002 Product Service: every product with its price and the stock left to order.',
        response: {
          200: Type.Object({ products: Type.Array(ProductSchema) }, { description: 'All products' }),
        },
      },
    },
    async () => ({ products: await catalog.list() }),
  );

  app.put(
    '/api/v1/products/:id',
    {
      preValidation: [authenticate, requireRole('admin')],
      schema: {
        tags: ['catalog'],
        summary: 'Create or update a product',
        description:
          'Admins only. Replaces the product with this id, or creates it; `stock` sets the units left.',
        security: bearerAuth,
        params: Type.Object({
          id: Type.String({ minLength: 1, maxLength: 100, pattern: '^[A-Za-z0-9._-]+$' }),
        }),
        body: Type.Object(
          {
            name: Type.String({ minLength: 1, maxLength: 200 }),
            price: Type.Integer({
              minimum: 0,
              maximum: 100_000_000,
              description: `unit price, ${MINOR_UNITS}`,
            }),
            currency: Type.String({ pattern: '^[A-Za-z]{3}$', description: 'ISO 4217 code' }),
            stock: Type.Integer({ minimum: 0, maximum: 100_000_000 }),
            category: Type.Optional(Type.String({ minLength: 1, maxLength: 100 })),
          },
          { additionalProperties: false },
        ),
        response: {
          200: described('The product as stored', ProductSchema),
          ...problemResponses('VALIDATION_FAILED', 'UNAUTHENTICATED', 'FORBIDDEN'),
        },
      },
    },
    async (request) => catalog.put(request.params.id, request.body),
  );

  app.post(
    '/api/v1/products/check-availability',
    {
      schema: {
        tags: ['catalog'],
        summary: 'Check whether items are available',
        description:
          'Seed 002: for each requested product, how many are available now. Reserves nothing; placing the order re-checks under lock.',
        body: Type.Object(
          { items: Type.Array(RequestedItemSchema, { minItems: 1, maxItems: 100 }) },
          { additionalProperties: false },
        ),
        response: {
          200: described('Availability per requested product', AvailabilitySchema),
          ...problemResponses('VALIDATION_FAILED'),
        },
      },
    },
    async (request) => {
      const { all_available, items } = await availability.check(request.body.items);
      return { all_available, items };
    },
  );
};
