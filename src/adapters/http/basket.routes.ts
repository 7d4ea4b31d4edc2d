import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import type { Baskets, MenuQuery } from '../../contexts/basket/index.ts';
import type { OrderInfoQueries } from '../../read-model/order-info/order-info.queries.ts';
import { type AuthPreHandler, principalOf, requireRole } from './auth/authenticate.ts';
import { DeliverySchema, OrderSchema, toOrderView } from './order-views.ts';
import { contextOf, viewerOf } from './request-context.ts';
import { bearerAuth, described, MINOR_UNITS, problemResponses } from './schemas.ts';

export interface BasketRoutesOptions {
  baskets: Baskets;
  menu: MenuQuery;
  queries: OrderInfoQueries;
  authenticate: AuthPreHandler;
  /** The buyer's profile (notification preferences), where a profile store is wired in. */
  profileOf?: (userId: string) => Promise<Record<string, unknown> | undefined>;
  onOrderCreated?: () => void;
}

const MenuSchema = Type.Object(
  {
    categories: Type.Array(
      Type.Object({
        category: Type.String(),
        items: Type.Array(
          Type.Object({
            product_id: Type.String(),
            name: Type.String(),
            price: Type.Integer({ description: `unit price, ${MINOR_UNITS}` }),
            currency: Type.String(),
            available: Type.Integer({ description: 'units that can be ordered now' }),
            is_available: Type.Boolean(),
          }),
        ),
      }),
    ),
  },
  { description: 'Products by category (seed 001 menu-info), with what is available now' },
);

const BasketSchema = Type.Object(
  {
    items: Type.Array(
      Type.Object({
        product_id: Type.String(),
        quantity: Type.Integer(),
        name: Type.String(),
        unit_price: Type.Integer({ description: MINOR_UNITS }),
        currency: Type.String(),
        line_total: Type.Integer({ description: MINOR_UNITS }),
        available: Type.Integer({ description: 'units in stock now' }),
        is_available: Type.Boolean(),
      }),
    ),
    total: Type.Integer({ description: MINOR_UNITS }),
    currency: Type.Union([Type.String(), Type.Null()], { description: 'null while empty' }),
    all_available: Type.Boolean(),
    version: Type.Integer({ description: 'grows with every change; 0 before the first' }),
  },
  { description: "The buyer's basket, priced now" },
);

const BasketLineInput = Type.Object(
  {
    product_id: Type.String({ minLength: 1, maxLength: 100 }),
    quantity: Type.Integer({ minimum: 1, maximum: 10_000, description: 'at most 99 per product' }),
  },
  { additionalProperties: false },
);

const ProfileSchema = Type.Object({
  user_id: Type.String(),
  username: Type.String(),
  roles: Type.Array(Type.String()),
  name: Type.Optional(Type.String()),
  email: Type.Optional(Type.String()),
  preferences: Type.Union([Type.Record(Type.String(), Type.Unknown()), Type.Null()], {
    description: 'the stored profile (locale, channels) where profiles are kept; else null',
  }),
});

const RECENT_ORDERS = 10;

/** Seed 001's menu-info, basket-info / basket-master and the gateway's "order page". */
export const basketRoutes: FastifyPluginAsyncTypebox<BasketRoutesOptions> = async (app, options) => {
  const { baskets, menu, queries, authenticate, profileOf, onOrderCreated = () => {} } = options;
  const buyerOnly = [authenticate, requireRole('buyer')];

  app.get(
    '/api/v1/menu',
    {
      schema: {
        tags: ['basket'],
        summary: 'The menu',
        description: 'Products by category with their price and the units available to order now.',
        response: { 200: MenuSchema },
      },
    },
    async () => menu.get(),
  );

  app.get(
    '/api/v1/me/basket',
    {
      preValidation: buyerOnly,
      schema: {
        tags: ['basket'],
        summary: "Read the buyer's basket",
        security: bearerAuth,
        response: { 200: BasketSchema, ...problemResponses('UNAUTHENTICATED', 'FORBIDDEN') },
      },
    },
    async (request) => baskets.get(principalOf(request).userId),
  );

  app.put(
    '/api/v1/me/basket',
    {
      preValidation: buyerOnly,
      schema: {
        tags: ['basket'],
        summary: "Replace the buyer's basket",
        description:
          'The whole basket: known products only, at most 50 products and 99 units of each, one currency (else 400). Repeated lines of a product add up. Availability is judged at checkout.',
        security: bearerAuth,
        body: Type.Object(
          { items: Type.Array(BasketLineInput, { maxItems: 100 }) },
          { additionalProperties: false },
        ),
        response: {
          200: BasketSchema,
          ...problemResponses('VALIDATION_FAILED', 'UNAUTHENTICATED', 'FORBIDDEN'),
        },
      },
    },
    async (request) => baskets.put(principalOf(request).userId, request.body.items),
  );

  app.post(
    '/api/v1/me/basket/checkout',
    {
      preValidation: buyerOnly,
      schema: {
        tags: ['basket'],
        summary: 'Order what is in the basket',
        description:
          'Places the order from the basket exactly as `POST /api/v1/orders` does (400 PRODUCT_UNAVAILABLE with the availability items, 406 INSUFFICIENT_FUNDS, `Idempotency-Key` honoured) and empties the basket only when an order was placed. A retry with the same key after the basket was emptied answers the same order.',
        security: bearerAuth,
        headers: Type.Object({
          'idempotency-key': Type.Optional(Type.String({ minLength: 1, maxLength: 200 })),
        }),
        body: Type.Optional(
          Type.Object(
            {
              delivery: Type.Optional(DeliverySchema),
              payment: Type.Optional(
                Type.Object({ method: Type.Literal('wallet') }, { additionalProperties: false }),
              ),
            },
            { additionalProperties: false },
          ),
        ),
        response: {
          201: described('Created: PENDING, or PAID when payment was asked', OrderSchema),
          ...problemResponses(
            'VALIDATION_FAILED',
            'BASKET_EMPTY',
            'PRODUCT_UNAVAILABLE',
            'UNAUTHENTICATED',
            'FORBIDDEN',
            'INSUFFICIENT_FUNDS',
            'IDEMPOTENCY_KEY_IN_PROGRESS',
            'TOO_MANY_UNPAID_ORDERS',
            'IDEMPOTENCY_KEY_REUSED',
          ),
        },
      },
    },
    async (request, reply) => {
      const body = request.body ?? {};
      const result = await baskets.checkout(
        principalOf(request).userId,
        {
          delivery: body.delivery ?? null,
          payment: body.payment,
          idempotency_key: request.headers['idempotency-key'],
        },
        contextOf(request),
      );
      if (result.replayed) reply.header('idempotent-replayed', 'true');
      else onOrderCreated();
      return reply.code(201).header('location', `/api/v1/orders/${result.body.order_id}`).send(result.body);
    },
  );

  app.get(
    '/api/v1/me/order-page',
    {
      preValidation: buyerOnly,
      schema: {
        tags: ['basket'],
        summary: "The buyer's order page in one answer",
        description:
          "Seed 001's gateway assembly: the buyer's recent orders (newest first), basket, menu and profile.",
        security: bearerAuth,
        response: {
          200: Type.Object(
            {
              orders: Type.Array(OrderSchema),
              basket: BasketSchema,
              menu: MenuSchema,
              profile: ProfileSchema,
            },
            { description: 'Orders, basket, menu and profile' },
          ),
          ...problemResponses('UNAUTHENTICATED', 'FORBIDDEN'),
        },
      },
    },
    async (request) => {
      const principal = principalOf(request);
      const [page, basket, currentMenu, preferences] = await Promise.all([
        queries.search({ limit: RECENT_ORDERS }, viewerOf(request)),
        baskets.get(principal.userId),
        menu.get(),
        profileOf ? profileOf(principal.userId) : Promise.resolve(undefined),
      ]);
      return {
        orders: page.orders.map(toOrderView),
        basket,
        menu: currentMenu,
        profile: {
          user_id: principal.userId,
          username: principal.username,
          roles: principal.roles,
          ...(principal.name === undefined ? {} : { name: principal.name }),
          ...(principal.email === undefined ? {} : { email: principal.email }),
          preferences: preferences ?? null,
        },
      };
    },
  );
};
