import type { FastifyInstance } from 'fastify';
import type { Logger } from 'pino';
import { buildMetricsApp } from '../adapters/http/metrics-endpoint.ts';
import type { Metrics } from '../adapters/observability/metrics.ts';
import type { LiveUpdatesHub } from '../adapters/realtime/live-updates-hub.ts';
import type { Config } from '../config.ts';
import { createVerifier } from './build-api.ts';
import { liveUpdatesPlugin } from './live-updates.ts';
import type { Services } from './services.ts';

/**
 * The `hub` role in a process without `api`: the live-updates routes (`GET /api/v1/updates`,
 * `POST /api/v1/updates/ticket`) with `/healthz` and `/readyz` on PORT, and `/metrics` there
 * unless METRICS_PORT serves it. Tokens are verified as the API does (same issuer and keys),
 * so an ingress may send `/api/v1/updates*` to hub processes and everything else to the API.
 */
export async function buildHubApp(
  config: Config,
  log: Logger,
  metrics: Metrics,
  readiness: Record<string, () => Promise<void>>,
  hub: LiveUpdatesHub,
  services: Pick<Services, 'updateTickets'>,
): Promise<FastifyInstance> {
  const { verifier } = await createVerifier(config);
  const app = await buildMetricsApp({
    registry: metrics.registry,
    token: config.http.metrics.token,
    readiness,
    logger: log,
    serveMetrics: config.http.metrics.port === undefined,
  });
  await app.register(liveUpdatesPlugin(hub, verifier, services));
  return app;
}
