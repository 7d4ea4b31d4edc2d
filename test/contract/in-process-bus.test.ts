import { InProcessBus } from '../../src/adapters/bus/in-process-bus.ts';
import { messageBusContract } from './message-bus.contract.ts';

messageBusContract('in-process', async (maxDeliveries) => {
  const bus = new InProcessBus({ maxDeliveries, redeliveryDelayMs: 10 });
  return { bus, close: () => bus.close() };
});
