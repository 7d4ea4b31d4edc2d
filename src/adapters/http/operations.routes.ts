import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { sendProblem } from './problem-details.ts';

export interface OperationsRoutesOptions {
  /** Named dependency checks for `/readyz`; each throws when its dependency is down. */
  readiness: Record<string, () => Promise<void>>;
}

/** Liveness and readiness, outside `/api` (metrics: metrics-endpoint.ts). */
export const operationsRoutes: FastifyPluginAsyncTypebox<OperationsRoutesOptions> = async (
  app,
  { readiness },
) => {
  app.get('/healthz', { schema: { tags: ['operations'] }, logLevel: 'warn' }, async () => ({ status: 'ok' }));

  app.get('/readyz', { schema: { tags: ['operations'] }, logLevel: 'warn' }, async (request, reply) => {
    const checks = Object.fromEntries(
      await Promise.all(
        Object.entries(readiness).map(async ([name, check]) => {
          try {
            await withTimeout(check(), 2000);
            return [name, 'ok'] as const;
          } catch (error) {
            request.log.warn({ err: error, check: name }, 'readiness check failed');
            return [name, 'down'] as const;
          }
        }),
      ),
    );
    if (Object.values(checks).every((state) => state === 'ok')) return { status: 'ready', checks };
    return sendProblem(request, reply, 'NOT_READY', 'a dependency is down', { checks });
  });
};

function withTimeout<T>(promise: Promise<T>, ms: number): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  return Promise.race([
    promise,
    new Promise<never>((_, reject) => {
      timer = setTimeout(() => reject(new Error(`timed out after ${ms} ms`)), ms);
    }),
  ]).finally(() => clearTimeout(timer));
}
