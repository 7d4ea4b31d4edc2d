import type { PostgresStorage } from '../adapters/storage/postgres-storage.ts';
import { Baskets, MenuQuery } from '../contexts/basket/index.ts';
import { Wallets } from '../contexts/billing/index.ts';
import { AvailabilityChecker, ProductCatalog } from '../contexts/catalog/index.ts';
import { createFulfilment, type FulfilmentOptions } from '../contexts/fulfilment/index.ts';
import {
  CancelOrder,
  ConfirmOrder,
  ExpireUnpaidOrders,
  OrderCommandHandler,
  orderStreamId,
  type PaymentFaults,
  PaymentRecovery,
  PayOrder,
  PlaceOrder,
} from '../contexts/ordering/index.ts';
import { OrderInfoQueries } from '../read-model/order-info/order-info.queries.ts';
import type { Clock } from '../shared/clock.ts';
import type { IdGenerator } from '../shared/ids.ts';

export interface ServiceOptions {
  clock: Clock;
  ids: IdGenerator;
  readYourWritesTimeoutMs: number;
  /** How long a paying retry waits for the first request's payment (`IDEMPOTENCY_WAIT_MS`). */
  idempotencyWaitMs: number;
  paymentRecoveryGraceMs: number;
  unpaidOrders: { ttlSeconds: number; maxPerBuyer: number; maxUnitsPerBuyer: number };
  /** Assignment to food points; defaults: no default point, 1800 s timeout. */
  fulfilment?: FulfilmentOptions;
  /** Only tests inject faults (a crash between debit and "paid"). */
  paymentFaults?: PaymentFaults;
}

/** The application services over one storage: what the API and the workers call. */
export function createServices(storage: PostgresStorage, options: ServiceOptions) {
  const { clock, ids } = options;
  const availability = new AvailabilityChecker(storage.read.products);
  const commands = new OrderCommandHandler(storage, clock, ids);
  const payOrder = new PayOrder(storage, commands, ids, options.paymentFaults);
  const placeOrder = new PlaceOrder(storage, availability, commands, payOrder, clock, ids, {
    paymentWaitMs: options.idempotencyWaitMs,
    maxUnpaidPerBuyer: options.unpaidOrders.maxPerBuyer,
    maxUnpaidUnitsPerBuyer: options.unpaidOrders.maxUnitsPerBuyer,
  });
  return {
    availability,
    catalog: new ProductCatalog(storage.read.products),
    commands,
    payOrder,
    placeOrder,
    expireUnpaidOrders: new ExpireUnpaidOrders(storage, commands, clock, options.unpaidOrders.ttlSeconds),
    confirmOrder: new ConfirmOrder(commands),
    cancelOrder: new CancelOrder(commands, ids),
    paymentRecovery: new PaymentRecovery(storage, commands, ids, options.paymentRecoveryGraceMs),
    wallets: new Wallets(storage, ids, storage.read.customers),
    fulfilment: createFulfilment(
      storage,
      commands,
      clock,
      ids,
      options.fulfilment ?? { defaultFoodPointId: undefined, timeoutSeconds: 1800 },
    ),
    queries: new OrderInfoQueries(
      storage.read.orderSummaries,
      storage.read.events,
      orderStreamId,
      options.readYourWritesTimeoutMs,
    ),
    baskets: new Baskets(storage.read.baskets, storage.read.products, placeOrder, clock),
    menu: new MenuQuery(storage.read.products),
  };
}

export type Services = ReturnType<typeof createServices>;
