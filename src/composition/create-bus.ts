import type { Logger } from 'pino';
import { InProcessBus } from '../adapters/bus/in-process-bus.ts';
import { RabbitMqBus } from '../adapters/bus/rabbitmq-bus.ts';
import type { Config } from '../config.ts';
import type { MessageBus } from '../shared/ports/message-bus.ts';

/**
 * RabbitMQ when `BROKER_URL` is set, else the in-process bus of the embedded mode.
 * `connectRetries` bounds amqplib's own retries of the first connection (start-up retries itself).
 */
export async function createBus(
  config: Config,
  log: Logger,
  options: { connectRetries?: number } = {},
): Promise<MessageBus> {
  const busLog = log.child({ component: 'bus' });
  if (!config.brokerUrl) {
    return new InProcessBus({
      maxDeliveries: config.bus.maxDeliveries,
      onHandlerError: (err, message, group) =>
        busLog.warn(
          { err, group, event_id: message.envelope.event_id },
          'message handler failed; will redeliver',
        ),
    });
  }
  return RabbitMqBus.connect({
    url: config.brokerUrl,
    exchange: config.bus.exchange,
    queuePrefix: config.bus.queuePrefix,
    maxDeliveries: config.bus.maxDeliveries,
    heartbeatSeconds: config.bus.heartbeatSeconds,
    connectionName: `${config.serviceName}:${config.roles.join('+')}:${process.pid}`,
    logger: busLog,
    ...(options.connectRetries === undefined ? {} : { connectRetries: options.connectRetries }),
  });
}
