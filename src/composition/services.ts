import type { PostgresStorage, PostgresStores } from '../adapters/storage/postgres-storage.ts';
import { Baskets, MenuQuery } from '../contexts/basket/index.ts';
import { Wallets } from '../contexts/billing/index.ts';
import { AvailabilityChecker, ProductCatalog } from '../contexts/catalog/index.ts';
import {
  CarrierCache,
  type KitchenHandover,
  ManageCarriers,
  ReceiveCarrierUpdate,
  ShipOrder,
} from '../contexts/delivery/index.ts';
import { createFulfilment, type FulfilmentOptions, handOverToCarrier } from '../contexts/fulfilment/index.ts';
import { LiveFeed, UpdateTickets } from '../contexts/live-updates/index.ts';
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
import { Profiles } from '../contexts/profile/index.ts';
import { OrderInfoQueries } from '../read-model/order-info/order-info.queries.ts';
import type { Clock } from '../shared/clock.ts';
import type { IdGenerator } from '../shared/ids.ts';

export interface ServiceOptions {
  clock: Clock;
  ids: IdGenerator;
  readYourWritesTimeoutMs: number;
  /** How long a carrier and its secrets stay cached in process (`CARRIER_CACHE_TTL_MS`; default 0, off). */
  carrierCacheTtlMs?: number;
  /** How long products stay kept in process for placing orders (`PRODUCT_CACHE_TTL_MS`; default 0, off). */
  productCacheTtlMs?: number;
  /** How long a paying retry waits for the first request's payment (`IDEMPOTENCY_WAIT_MS`). */
  idempotencyWaitMs: number;
  paymentRecoveryGraceMs: number;
  unpaidOrders: { ttlSeconds: number; maxPerBuyer: number; maxUnitsPerBuyer: number };
  /** Assignment to food points; defaults: no default point, 1800 s timeout. */
  fulfilment?: FulfilmentOptions;
  /**
   * The kitchen's side of handing an order to a carrier (who may, capacity release); by default
   * fulfilment's `handOverToCarrier`. Delivery's `adminOnlyHandover` is the stand-in without it.
   */
  kitchenHandover?: KitchenHandover<PostgresStores>;
  /** Only tests inject faults (a crash between debit and "paid"). */
  paymentFaults?: PaymentFaults;
  /** The live feed's retention and the hub's ticket lifetime (defaults: a day, 30 s). */
  liveUpdates?: { retentionSeconds: number; ticketTtlSeconds: number };
}

/** The application services over one storage: what the API and the workers call. */
export function createServices(storage: PostgresStorage, options: ServiceOptions) {
  const { clock, ids } = options;
  const availability = new AvailabilityChecker(storage.read.products, options.productCacheTtlMs ?? 0);
  const commands = new OrderCommandHandler(storage, clock, ids);
  const carriers = new CarrierCache(options.carrierCacheTtlMs ?? 0);
  const payOrder = new PayOrder(storage, commands, ids, options.paymentFaults);
  const placeOrder = new PlaceOrder(storage, availability, commands, payOrder, clock, ids, {
    paymentWaitMs: options.idempotencyWaitMs,
    maxUnpaidPerBuyer: options.unpaidOrders.maxPerBuyer,
    maxUnpaidUnitsPerBuyer: options.unpaidOrders.maxUnitsPerBuyer,
  });
  return {
    availability,
    catalog: new ProductCatalog(storage.read.products, (id) => availability.forget(id)),
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
    manageCarriers: new ManageCarriers(storage, clock, ids, carriers),
    shipOrder: new ShipOrder(storage, commands, options.kitchenHandover ?? fulfilmentHandover, clock),
    carrierUpdates: new ReceiveCarrierUpdate(storage, commands, clock, undefined, carriers),
    liveFeed: new LiveFeed(() => storage.read, clock, {
      retentionSeconds: options.liveUpdates?.retentionSeconds ?? 86_400,
    }),
    updateTickets: new UpdateTickets(
      () => storage.read.updateTickets,
      clock,
      options.liveUpdates?.ticketTtlSeconds ?? 30,
    ),
    queries: new OrderInfoQueries(
      storage.read.orderSummaries,
      storage.read.events,
      orderStreamId,
      options.readYourWritesTimeoutMs,
    ),
    profiles: new Profiles(storage, (id) => storage.read.users.findById(id), clock, ids),
    baskets: new Baskets(storage.read.baskets, storage.read.products, placeOrder, clock),
    menu: new MenuQuery(storage.read.products),
  };
}

export type Services = ReturnType<typeof createServices>;

/** Delivery's `KitchenHandover` port, filled by the fulfilment context (kitchen staff of the point, capacity). */
const fulfilmentHandover: KitchenHandover<PostgresStores> = {
  async handOver(tx, request) {
    await handOverToCarrier(tx, request);
  },
};
