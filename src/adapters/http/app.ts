import { randomUUID } from 'node:crypto';
import swagger from '@fastify/swagger';
import swaggerUi from '@fastify/swagger-ui';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import Fastify, { type FastifyBaseLogger, type FastifyInstance } from 'fastify';
import type { Registry } from 'prom-client';
import { type CatalogRoutesOptions, catalogRoutes } from './catalog.routes.ts';
import { operationsRoutes } from './operations.routes.ts';
import { type OrderCommandsRoutesOptions, orderCommandsRoutes } from './order-commands.routes.ts';
import { type OrdersRoutesOptions, ordersRoutes } from './orders.routes.ts';
import {
  clientErrorHandler,
  frameworkErrorHandler,
  registerProblemDetails,
  sendProblem,
} from './problem-details.ts';
import { instrumentHttp } from './request-metrics.ts';
import { strictBodyValidator } from './validation.ts';
import { type WalletsRoutesOptions, walletsRoutes } from './wallets.routes.ts';

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
  /** Extra route plugins (the built-in identity provider), registered encapsulated. */
  plugins?: ((app: FastifyInstance) => Promise<void>)[];
  publicUrl: string;
}

const REQUEST_ID = /^[A-Za-z0-9._:-]{1,128}$/;

/** The API process's HTTP face: problem+json errors, request ids, metrics, OpenAPI. */
export async function buildHttpApp(options: HttpAppOptions): Promise<FastifyInstance> {
  const app = Fastify({
    loggerInstance: options.logger,
    bodyLimit: options.bodyLimitBytes,
    // Reuse a caller's request id (so one id follows a request across services), else mint one.
    genReqId: (request) => {
      const incoming = request.headers['x-request-id'];
      return typeof incoming === 'string' && REQUEST_ID.test(incoming) ? incoming : randomUUID();
    },
    // Unknown body fields are refused (400), never silently dropped or applied; only the query
    // string, path and headers are coerced from text (see strictBodyValidator).
    ajv: { customOptions: { removeAdditional: false, coerceTypes: 'array', allErrors: false } },
    schemaController: { compilersFactory: { buildValidator: strictBodyValidator() } },
    routerOptions: { ignoreTrailingSlash: true },
    // Errors raised before a route runs leave as problem+json too.
    frameworkErrors: frameworkErrorHandler,
    clientErrorHandler,
    return503OnClosing: false,
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

  await app.register(swagger, {
    openapi: {
      openapi: '3.1.0',
      info: {
        title: 'orderflow',
        version: '1',
        description: 'Order processing and notification platform. Errors are application/problem+json.',
      },
      servers: [{ url: options.publicUrl }],
      components: {
        securitySchemes: { bearerAuth: { type: 'http', scheme: 'bearer', bearerFormat: 'JWT' } },
      },
    },
  });
  await app.register(swaggerUi, { routePrefix: '/docs' });
  app.get('/openapi.json', { schema: { hide: true } }, async () => app.swagger());

  const typed = app.withTypeProvider<TypeBoxTypeProvider>();
  await typed.register(operationsRoutes, {
    readiness: options.readiness,
    registry: options.metrics.registry,
  });
  await typed.register(catalogRoutes, options.catalog);
  await typed.register(ordersRoutes, options.orders);
  await typed.register(orderCommandsRoutes, options.orderCommands);
  await typed.register(walletsRoutes, options.wallets);
  for (const plugin of options.plugins ?? []) await app.register(plugin);
  return app;
}
