import type { Logger } from 'pino';
import { InProcessBus } from '../adapters/bus/in-process-bus.ts';
import type { Metrics } from '../adapters/observability/metrics.ts';
import type { Config } from '../config.ts';
import type { BusMessage, MessageBus } from '../shared/ports/message-bus.ts';
import { CONSUMER_GROUPS } from './consumer-groups.ts';

export interface CreateBusOptions {
  /** amqplib's own retries of the first connection (start-up retries with a deadline instead). */
  connectRetries?: number;
}

/**
 * RabbitMQ when `BROKER_URL` is set, else the in-process bus of the embedded mode. Either way
 * the bus declares every consumer group in `CONSUMER_GROUPS` before its first publish.
 */
export async function createBus(
  config: Config,
  log: Logger,
  metrics: Pick<Metrics, 'busUnroutable'>,
  { connectRetries }: CreateBusOptions = {},
): Promise<MessageBus> {
  const busLog = log.child({ component: 'bus' });
  // Its publish failed and the outbox keeps it; the count is what an alert watches.
  const onUnroutable = (message: BusMessage) => metrics.busUnroutable.inc({ topic: message.topic });
  if (!config.brokerUrl) {
    return new InProcessBus({
      groups: CONSUMER_GROUPS,
      onUnroutable: (message) => {
        busLog.error(
          { event_id: message.envelope.event_id, topic: message.topic },
          'no consumer group takes this message; publish failed',
        );
        onUnroutable(message);
      },
      maxDeliveries: config.bus.maxDeliveries,
      onHandlerError: (err, message, group) =>
        busLog.warn(
          { err, group, event_id: message.envelope.event_id },
          'message handler failed; will redeliver',
        ),
    });
  }
  // Imported only here: the embedded mode does not load amqplib at all.
  const { RabbitMqBus } = await import('../adapters/bus/rabbitmq-bus.ts');
  return RabbitMqBus.connect({
    url: config.brokerUrl,
    exchange: config.bus.exchange,
    queuePrefix: config.bus.queuePrefix,
    groups: CONSUMER_GROUPS,
    onUnroutable,
    maxDeliveries: config.bus.maxDeliveries,
    heartbeatSeconds: config.bus.heartbeatSeconds,
    connectionName: `${config.serviceName}:${config.roles.join('+')}:${process.pid}`,
    logger: busLog,
    ...(connectRetries === undefined ? {} : { connectRetries }),
  });
}
