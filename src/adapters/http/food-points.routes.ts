import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import type { FoodPointAdmin, StockedFoodPoint } from '../../contexts/fulfilment/index.ts';
import { type AuthPreHandler, requireRole } from './auth/authenticate.ts';
import { bearerAuth, described, problemResponses } from './schemas.ts';

export interface FoodPointsRoutesOptions {
  foodPoints: FoodPointAdmin;
  authenticate: AuthPreHandler;
}

const SLUG = { minLength: 1, maxLength: 100, pattern: '^[A-Za-z0-9._-]+$' };
const PointId = Type.Object({ id: Type.String(SLUG) });
const IngredientsSchema = Type.Record(
  Type.String({ pattern: '^[A-Za-z0-9._-]{1,100}$' }),
  Type.Integer({ minimum: 0, maximum: 100_000_000 }),
  {
    description: 'ingredient → units',
    maxProperties: 200,
  },
);
const LocationSchema = Type.Object(
  {
    lat: Type.Number({ minimum: -90, maximum: 90 }),
    lon: Type.Number({ minimum: -180, maximum: 180 }),
  },
  { additionalProperties: false },
);
const FoodPointSchema = Type.Object({
  id: Type.String(),
  name: Type.String(),
  location: LocationSchema,
  accepts_delivery: Type.Boolean(),
  capacity: Type.Integer({ description: 'orders in the kitchen at once' }),
  in_kitchen: Type.Integer({ description: 'orders in the kitchen now' }),
  stock: Type.Record(Type.String(), Type.Integer(), { description: 'ingredient → units in stock' }),
  staff: Type.Optional(Type.Array(Type.String(), { description: 'user ids of its kitchen staff' })),
});
const adminOnly = (summary: string, description: string) => ({
  tags: ['fulfilment'],
  summary,
  description: `Admins only. ${description}`,
  security: bearerAuth,
});
const view = (point: StockedFoodPoint & { staff?: string[] }) => point;

/** Admins manage food points, their stock, kitchen staff and the products' recipes (seed 001). */
export const foodPointsRoutes: FastifyPluginAsyncTypebox<FoodPointsRoutesOptions> = async (
  app,
  { foodPoints, authenticate },
) => {
  const admin = [authenticate, requireRole('admin')];

  app.get(
    '/api/v1/food-points',
    {
      preValidation: admin,
      schema: {
        ...adminOnly('List food points', 'Every point with its load and ingredient stock.'),
        response: {
          200: described('The food points', Type.Object({ food_points: Type.Array(FoodPointSchema) })),
          ...problemResponses('UNAUTHENTICATED', 'FORBIDDEN'),
        },
      },
    },
    async () => ({ food_points: (await foodPoints.list()).map(view) }),
  );

  app.get(
    '/api/v1/food-points/:id',
    {
      preValidation: admin,
      schema: {
        ...adminOnly('Read a food point', 'The point with its stock and kitchen staff.'),
        params: PointId,
        response: {
          200: described('The food point', FoodPointSchema),
          ...problemResponses('VALIDATION_FAILED', 'UNAUTHENTICATED', 'FORBIDDEN', 'FOOD_POINT_NOT_FOUND'),
        },
      },
    },
    async (request) => view(await foodPoints.get(request.params.id)),
  );

  app.put(
    '/api/v1/food-points/:id',
    {
      preValidation: admin,
      schema: {
        ...adminOnly(
          'Create or update a food point',
          'Sets the name, location, delivery switch and capacity; its load and stock are kept. 201 when created.',
        ),
        params: PointId,
        body: Type.Object(
          {
            name: Type.String({ minLength: 1, maxLength: 200 }),
            location: LocationSchema,
            accepts_delivery: Type.Boolean({ description: 'takes orders with a delivery location' }),
            capacity: Type.Integer({
              minimum: 0,
              maximum: 100_000,
              description: 'orders in the kitchen at once',
            }),
          },
          { additionalProperties: false },
        ),
        response: {
          200: described('Updated', FoodPointSchema),
          201: described('Created', FoodPointSchema),
          ...problemResponses('VALIDATION_FAILED', 'UNAUTHENTICATED', 'FORBIDDEN'),
        },
      },
    },
    async (request, reply) => {
      const { created, point } = await foodPoints.put({ id: request.params.id, ...request.body });
      return reply.code(created ? 201 : 200).send(view(point));
    },
  );

  app.put(
    '/api/v1/food-points/:id/stock',
    {
      preValidation: admin,
      schema: {
        ...adminOnly(
          'Set ingredient stock',
          'Sets the units of the named ingredients; others are unchanged.',
        ),
        params: PointId,
        body: Type.Object({ ingredients: IngredientsSchema }, { additionalProperties: false }),
        response: {
          200: described('The point with its new stock', FoodPointSchema),
          ...problemResponses('VALIDATION_FAILED', 'UNAUTHENTICATED', 'FORBIDDEN', 'FOOD_POINT_NOT_FOUND'),
        },
      },
    },
    async (request) => view(await foodPoints.setStock(request.params.id, request.body.ingredients)),
  );

  app.put(
    '/api/v1/food-points/:id/staff/:user_id',
    {
      preValidation: admin,
      schema: {
        ...adminOnly(
          'Assign kitchen staff',
          'Ties a kitchen user to this point (a user works at one point: an earlier assignment is replaced).',
        ),
        params: Type.Object({
          id: Type.String(SLUG),
          user_id: Type.String({ minLength: 1, maxLength: 100 }),
        }),
        response: {
          200: described('The point with its staff', FoodPointSchema),
          ...problemResponses('VALIDATION_FAILED', 'UNAUTHENTICATED', 'FORBIDDEN', 'FOOD_POINT_NOT_FOUND'),
        },
      },
    },
    async (request) => {
      await foodPoints.assignStaff(request.params.id, request.params.user_id);
      return view(await foodPoints.get(request.params.id));
    },
  );

  const RecipeSchema = Type.Object({ product_id: Type.String(), ingredients: IngredientsSchema });

  app.get(
    '/api/v1/products/:id/recipe',
    {
      preValidation: admin,
      schema: {
        ...adminOnly("Read a product's recipe", 'The ingredients one unit of the product needs.'),
        params: PointId,
        response: {
          200: described('The recipe', RecipeSchema),
          ...problemResponses('VALIDATION_FAILED', 'UNAUTHENTICATED', 'FORBIDDEN', 'RECIPE_NOT_FOUND'),
        },
      },
    },
    async (request) => ({
      product_id: request.params.id,
      ingredients: await foodPoints.recipe(request.params.id),
    }),
  );

  app.put(
    '/api/v1/products/:id/recipe',
    {
      preValidation: admin,
      schema: {
        ...adminOnly(
          "Set a product's recipe",
          'Replaces the ingredients one unit needs. A product without a recipe cannot be assigned to any kitchen.',
        ),
        params: PointId,
        body: Type.Object({ ingredients: IngredientsSchema }, { additionalProperties: false }),
        response: {
          200: described('The recipe', RecipeSchema),
          ...problemResponses('VALIDATION_FAILED', 'UNAUTHENTICATED', 'FORBIDDEN', 'PRODUCT_NOT_FOUND'),
        },
      },
    },
    async (request) => ({
      product_id: request.params.id,
      ingredients: await foodPoints.setRecipe(request.params.id, request.body.ingredients),
    }),
  );
};
