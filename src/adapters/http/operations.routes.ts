import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import { sendProblem } from './problem-details.ts';
import { problemResponses } from './schemas.ts';

export interface OperationsRoutesOptions {
  /** Named dependency checks for `/readyz`; each throws when its dependency is down. */
  readiness: Record<string, () => Promise<void>>;
}

/** Liveness and readiness, outside `/api` (metrics: metrics-endpoint.ts). */
export const operationsRoutes: FastifyPluginAsyncTypebox<OperationsRoutesOptions> = async (
  app,
  { readiness },
) => {
  app.get(
    '/healthz',
    {
      schema: {
        tags: ['operations'],
        summary: 'Liveness',
        description: 'The process is up; says nothing about its dependencies (see /readyz).',
        response: { 200: Type.Object({ status: Type.Literal('ok') }, { description: 'The process is up' }) },
      },
      logLevel: 'warn',
    },
    async () => ({ status: 'ok' as const }),
  );

  const Checks = Type.Record(Type.String(), Type.Union([Type.Literal('ok'), Type.Literal('down')]));
  const readyzSchema = {
    tags: ['operations'],
    summary: 'Readiness',
    description: 'Checks each dependency (database, broker); 503 NOT_READY with `checks` when one is down.',
    response: {
      200: Type.Object(
        { status: Type.Literal('ready'), checks: Checks },
        { description: 'Every dependency answers' },
      ),
      ...problemResponses('NOT_READY'),
    },
  };
  app.get('/readyz', { schema: readyzSchema, logLevel: 'warn' }, async (request, reply) => {
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
    if (Object.values(checks).every((state) => state === 'ok')) return { status: 'ready' as const, checks };
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
