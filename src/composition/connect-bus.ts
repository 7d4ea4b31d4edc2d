import type { Logger } from 'pino';
import type { Metrics } from '../adapters/observability/metrics.ts';
import type { Config } from '../config.ts';
import type { MessageBus } from '../shared/ports/message-bus.ts';
import { createBus } from './create-bus.ts';
import { connectAtStartup } from './retry-with-backoff.ts';
import { reason, redactedUrl } from './startup-error.ts';

/**
 * The bus, with RabbitMQ retried for `STARTUP_TIMEOUT_SECONDS` (it may still be starting);
 * a broker that stays unreachable, or refuses our credentials, is one `StartupError`.
 */
export async function connectBus(
  config: Config,
  log: Logger,
  metrics: Pick<Metrics, 'busUnroutable'>,
): Promise<MessageBus> {
  const brokerUrl = config.brokerUrl;
  if (brokerUrl === undefined) return createBus(config, log, metrics);
  return connectAtStartup(
    `the message broker (${redactedUrl('BROKER_URL', brokerUrl)})`,
    () => createBus(config, log, metrics, { connectRetries: 0 }),
    {
      timeoutMs: config.startup.timeoutSeconds * 1000,
      isRetryable: (error) => !/ACCESS.REFUSED|NOT.ALLOWED/i.test(reason(error)),
      onRetry: (err, delayMs) =>
        log.warn({ err: reason(err), delayMs }, 'broker not reachable yet; retrying'),
    },
  );
}
