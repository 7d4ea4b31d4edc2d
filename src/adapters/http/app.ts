import { randomUUID } from 'node:crypto';
import swagger from '@fastify/swagger';
import swaggerUi from '@fastify/swagger-ui';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import Fastify, { type FastifyBaseLogger, type FastifyInstance } from 'fastify';
import type { Registry } from 'prom-client';
import { type RateLimitOptions, registerRateLimits } from './abuse-limits.ts';
import { type BasketRoutesOptions, basketRoutes } from './basket.routes.ts';
import {
  CARRIER_WEBHOOK_ROUTE,
  type CarrierWebhooksRoutesOptions,
  carrierWebhooksRoutes,
} from './carrier-webhooks.routes.ts';
import { type CarriersRoutesOptions, carriersRoutes } from './carriers.routes.ts';
import { type CatalogRoutesOptions, catalogRoutes } from './catalog.routes.ts';
import { type DevInboxRoutesOptions, devInboxRoutes } from './dev-inbox.routes.ts';
import { type FoodPointsRoutesOptions, foodPointsRoutes } from './food-points.routes.ts';
import { type KitchenRoutesOptions, kitchenRoutes } from './kitchen.routes.ts';
import { metricsRoute } from './metrics-endpoint.ts';
import { type NotificationsRoutesOptions, notificationsRoutes } from './notifications.routes.ts';
import { documentCommonProblems, markOptionalBodies } from './openapi.ts';
import { operationsRoutes } from './operations.routes.ts';
import { type OrderCommandsRoutesOptions, orderCommandsRoutes } from './order-commands.routes.ts';
import { type OrdersRoutesOptions, ordersRoutes } from './orders.routes.ts';
import {
  clientErrorHandler,
  frameworkErrorHandler,
  registerProblemDetails,
  sendProblem,
} from './problem-details.ts';
import { type ProfileRoutesOptions, profileRoutes } from './profile.routes.ts';
import { instrumentHttp } from './request-metrics.ts';
import { registerSecurityHeaders } from './security-headers.ts';
import { type ShipmentsRoutesOptions, shipmentsRoutes } from './shipments.routes.ts';
import { type SignInMethodRoutesOptions, signInMethodRoutes } from './sign-in-method.routes.ts';
import { lazyResponseSerializer, strictBodyValidator } from './validation.ts';
import { type WalletsRoutesOptions, walletsRoutes } from './wallets.routes.ts';
import { type WebAppOptions, webAppRoutes } from './web-app.routes.ts';

export interface HttpAppOptions {
  logger: FastifyBaseLogger;
  bodyLimitBytes: number;
  /** The process's Prometheus registry: request latency is recorded there and `/metrics` serves it. */
  metrics: { registry: Registry };
  readiness: Record<string, () => Promise<void>>;
  catalog: CatalogRoutesOptions;
  orders: OrdersRoutesOptions;
  orderCommands: OrderCommandsRoutesOptions;
  wallets: WalletsRoutesOptions;
  /** Fulfilment (seed 001): food points and recipes (admin), kitchen and courier apps. */
  foodPoints?: FoodPointsRoutesOptions;
  kitchen?: KitchenRoutesOptions;
  /** Carriers, shipments and carrier webhooks (the delivery context). */
  delivery: CarriersRoutesOptions & ShipmentsRoutesOptions & CarrierWebhooksRoutesOptions;
  /** Seed 003's profile service (profile and push devices). */
  profile?: ProfileRoutesOptions;
  /** Notification receipts per order. */
  notifications?: NotificationsRoutesOptions;
  /** Only in embedded mode for channels without a real provider (`GET /dev/inbox`). */
  devInbox?: DevInboxRoutesOptions;
  /** Seed 001's menu, basket and order page. */
  basket?: BasketRoutesOptions;
  /** The browser app served at `/` (Vite build), with client routes falling back to index.html. */
  webApp?: WebAppOptions;
  /** How the web app signs in (`GET /api/v1/sign-in-method`); an external issuer is also allowed in the CSP. */
  signInMethod?: SignInMethodRoutesOptions;
  /** Extra route plugins (the built-in identity provider), registered encapsulated. */
  plugins?: ((app: FastifyInstance) => Promise<void>)[];
  publicUrl: string;
  edge: HttpEdgeOptions;
}

/** Timeouts, limits, headers and metrics exposure (README, "Configuration"). */
export interface HttpEdgeOptions {
  trustProxy: boolean;
  requestTimeoutMs: number;
  headersTimeoutMs: number;
  corsOrigins: readonly string[];
  rateLimit: RateLimitOptions;
  /** Serve `/metrics` on the API port (false when it has a port of its own). */
  metricsOnApiPort: boolean;
  metricsToken: string | undefined;
}

const OPERATIONS_ROUTES = ['/healthz', '/readyz', '/metrics'];

const REQUEST_ID = /^[A-Za-z0-9._:-]{1,128}$/;

/** The API process's HTTP face: problem+json errors, request ids, metrics, OpenAPI. */
export async function buildHttpApp(options: HttpAppOptions): Promise<FastifyInstance> {
  const { edge } = options;
  const app = Fastify({
    loggerInstance: options.logger,
    bodyLimit: options.bodyLimitBytes,
    // The API is built while PGlite opens in the background (embedded start-up), whose
    // WebAssembly can hold the event loop for seconds on a loaded machine: a plugin waiting for
    // a file read then outlived avvio's default 10 s and failed the start ("Plugin did not start
    // in time: '@fastify/swagger-ui'", seen in test runs). Our plugins do not hang; this only
    // bounds a start that does.
    pluginTimeout: 120_000,
    // Reuse a caller's request id (so one id follows a request across services), else mint one.
    genReqId: (request) => {
      const incoming = request.headers['x-request-id'];
      return typeof incoming === 'string' && REQUEST_ID.test(incoming) ? incoming : randomUUID();
    },
    // Unknown body fields are refused (400), never silently dropped or applied; only the query
    // string, path and headers are coerced from text (see strictBodyValidator).
    ajv: { customOptions: { removeAdditional: false, coerceTypes: 'array', allErrors: false } },
    // Each route's schemas are compiled when the route is first used (see validation.ts).
    schemaController: {
      compilersFactory: { buildValidator: strictBodyValidator(), buildSerializer: lazyResponseSerializer() },
    },
    routerOptions: { ignoreTrailingSlash: true },
    // Errors raised before a route runs leave as problem+json too.
    frameworkErrors: frameworkErrorHandler,
    clientErrorHandler,
    return503OnClosing: false,
    trustProxy: edge.trustProxy,
    // Node's own limits: a slow client (headers or body trickled in) is cut off with a 408.
    requestTimeout: edge.requestTimeoutMs,
    http: {
      headersTimeout: edge.headersTimeoutMs,
      // Node checks the timeouts on this interval (30 s by default, too coarse for short limits).
      connectionsCheckingInterval: Math.max(50, Math.min(1000, Math.floor(edge.headersTimeoutMs / 2))),
    },
  });

  let closing = false;
  app.addHook('preClose', async () => {
    closing = true;
  });

  app.addHook('onRequest', async (request, reply) => {
    reply.header('x-request-id', request.id);
    if (closing) {
      reply.header('connection', 'close');
      return sendProblem(request, reply, 'NOT_READY', 'the server is shutting down');
    }
  });
  registerProblemDetails(app);
  instrumentHttp(app, options.metrics.registry);
  const method = options.signInMethod?.method;
  await registerSecurityHeaders(app, {
    corsOrigins: edge.corsOrigins,
    // The web app fetches an external issuer's discovery document and token endpoint itself.
    connectOrigins: method?.mode === 'authorization_code' ? [new URL(method.issuer).origin] : [],
  });
  await registerRateLimits(app, {
    ...edge.rateLimit,
    exempt: OPERATIONS_ROUTES,
    // Counted once the signature is verified, so forged requests cannot use up a carrier's quota.
    carrierOf: (request) =>
      request.routeOptions.url === CARRIER_WEBHOOK_ROUTE
        ? request.carrierWebhook?.carrier.carrier_id
        : undefined,
  });

  documentCommonProblems(app);
  await app.register(swagger, {
    transformObject: markOptionalBodies,
    openapi: {
      openapi: '3.1.0',
      info: {
        title: 'orderflow',
        version: '1',
        description:
          'Order processing and notification platform. Amounts (prices, totals, balances, top-ups) are integers in minor units of their currency: 5000 = 50.00 EUR. Every error is application/problem+json with a stable `code`; request bodies are not type-coerced. Get a token from the token endpoint (tag identity) and send it as `Authorization: Bearer`.',
      },
      servers: [{ url: options.publicUrl }],
      components: {
        securitySchemes: { bearerAuth: { type: 'http', scheme: 'bearer', bearerFormat: 'JWT' } },
      },
    },
  });
  // staticCSP: the UI's own scripts and styles under Helmet's policy.
  await app.register(swaggerUi, { routePrefix: '/docs', staticCSP: true });
  app.get('/openapi.json', { schema: { hide: true } }, async () => app.swagger());

  const typed = app.withTypeProvider<TypeBoxTypeProvider>();
  await typed.register(operationsRoutes, { readiness: options.readiness });
  if (edge.metricsOnApiPort) {
    await app.register(metricsRoute, { registry: options.metrics.registry, token: edge.metricsToken });
  }
  await typed.register(catalogRoutes, options.catalog);
  await typed.register(ordersRoutes, options.orders);
  await typed.register(orderCommandsRoutes, options.orderCommands);
  await typed.register(walletsRoutes, options.wallets);
  if (options.foodPoints) await typed.register(foodPointsRoutes, options.foodPoints);
  if (options.kitchen) await typed.register(kitchenRoutes, options.kitchen);
  await typed.register(carriersRoutes, options.delivery);
  await typed.register(shipmentsRoutes, options.delivery);
  await typed.register(carrierWebhooksRoutes, options.delivery);
  if (options.profile) await typed.register(profileRoutes, options.profile);
  if (options.notifications) await typed.register(notificationsRoutes, options.notifications);
  if (options.devInbox) await typed.register(devInboxRoutes, options.devInbox);
  if (options.basket) await typed.register(basketRoutes, options.basket);
  if (options.signInMethod) await typed.register(signInMethodRoutes, options.signInMethod);
  for (const plugin of options.plugins ?? []) await app.register(plugin);
  if (options.webApp) await app.register(webAppRoutes, options.webApp);
  return app;
}
