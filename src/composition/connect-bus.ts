import type { Logger } from 'pino';
import type { Metrics } from '../adapters/observability/metrics.ts';
import type { Config } from '../config.ts';
import type { MessageBus } from '../shared/ports/message-bus.ts';
import { createBus } from './create-bus.ts';
import { connectAtStartup } from './retry-with-backoff.ts';
import { reason, redactedUrl, StartupError } from './startup-error.ts';

/**
 * The bus, with RabbitMQ retried for `STARTUP_TIMEOUT_SECONDS` (it may still be starting);
 * a broker that stays unreachable, or refuses our credentials, is one `StartupError`. So is a
 * queue declared with other arguments (another `BUS_MAX_DELIVERIES`), at once and in its terms.
 */
export async function connectBus(
  config: Config,
  log: Logger,
  metrics: Pick<Metrics, 'busUnroutable'>,
): Promise<MessageBus> {
  const brokerUrl = config.brokerUrl;
  if (brokerUrl === undefined) return createBus(config, log, metrics);
  try {
    return await connectAtStartup(
      `the message broker (${redactedUrl('BROKER_URL', brokerUrl)})`,
      () => createBus(config, log, metrics, { connectRetries: 0 }),
      {
        timeoutMs: config.startup.timeoutSeconds * 1000,
        // Waiting changes none of these: credentials, permissions, a queue's arguments.
        isRetryable: (error) => !/ACCESS.REFUSED|NOT.ALLOWED|PRECONDITION.FAILED/i.test(reason(error)),
        onRetry: (err, delayMs) =>
          log.warn({ err: reason(err), delayMs }, 'broker not reachable yet; retrying'),
      },
    );
  } catch (error) {
    throw deliveryLimitMismatch(error, config.bus.maxDeliveries) ?? error;
  }
}

/**
 * The broker refuses to declare a queue that exists with another `x-delivery-limit` (406): the
 * processes disagree on BUS_MAX_DELIVERIES (the queue holds it minus one, rabbitmq-topology.ts).
 */
function deliveryLimitMismatch(error: unknown, maxDeliveries: number): StartupError | undefined {
  const found = /inequivalent arg 'x-delivery-limit' for queue '([^']+)'.*?current is '(\d+)'/.exec(
    reason(error),
  );
  if (!found) return undefined;
  const [, queue, current] = found;
  return new StartupError(
    `BUS_MAX_DELIVERIES is ${maxDeliveries}, but queue ${queue} on the broker was declared with ` +
      `BUS_MAX_DELIVERIES=${Number(current) + 1}: every process must use the same value ` +
      `(to change it, see "Delivery limit" in docs/operations.md)`,
    { cause: error },
  );
}
