import type { Logger } from 'pino';
import type { Config } from '../config.ts';
import type { MessageBus } from '../shared/ports/message-bus.ts';
import { type CreateBusOptions, createBus } from './create-bus.ts';
import { RetriesExhausted, retryWithBackoff } from './retry-with-backoff.ts';
import { reason, redactedUrl, StartupError } from './startup-error.ts';

/**
 * The bus, with RabbitMQ retried for `STARTUP_TIMEOUT_SECONDS` (it may still be starting);
 * a broker that stays unreachable, or refuses our credentials, is one `StartupError`.
 */
export async function connectBus(
  config: Config,
  log: Logger,
  options: Omit<CreateBusOptions, 'connectRetries'> = {},
): Promise<MessageBus> {
  const brokerUrl = config.brokerUrl;
  if (brokerUrl === undefined) return createBus(config, log, options);
  try {
    return await retryWithBackoff(() => createBus(config, log, { ...options, connectRetries: 0 }), {
      timeoutMs: config.startup.timeoutSeconds * 1000,
      isRetryable: (error) => !/ACCESS.REFUSED|NOT.ALLOWED/i.test(reason(error)),
      onRetry: (err, delayMs) =>
        log.warn({ err: reason(err), delayMs }, 'broker not reachable yet; retrying'),
    });
  } catch (error) {
    const last = error instanceof RetriesExhausted ? error.lastError : error;
    const tried = error instanceof RetriesExhausted && error.attempts > 1 ? `; ${error.message}` : '';
    throw new StartupError(
      `cannot connect to the message broker (${redactedUrl('BROKER_URL', brokerUrl)}): ${reason(last)}${tried}`,
      { cause: last },
    );
  }
}
