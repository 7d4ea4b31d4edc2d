import type { BasketStore } from '../../../src/contexts/basket/index.ts';
import type {
  BillingStores,
  CustomerDirectory as KnownCustomers,
} from '../../../src/contexts/billing/index.ts';
import type { CatalogStores } from '../../../src/contexts/catalog/index.ts';
import type { CarrierStore, ShipmentStore } from '../../../src/contexts/delivery/index.ts';
import type { FoodPointStore, KitchenOrderStore } from '../../../src/contexts/fulfilment/index.ts';
import type { UserDirectory, UserRecord } from '../../../src/contexts/identity/index.ts';
import type { LiveFeedStore, UpdateTicketStore } from '../../../src/contexts/live-updates/index.ts';
import type { NotificationStore } from '../../../src/contexts/notifications/index.ts';
import type { PaymentRecords, UnpaidOrders } from '../../../src/contexts/ordering/index.ts';
import type { ProfileStores, UserBasics } from '../../../src/contexts/profile/index.ts';
import type {
  CustomerDirectory,
  OrderSummaryStore,
} from '../../../src/read-model/order-info/order-summary.ts';
import type { LoginFailureStore, RateLimitCounters } from '../../../src/shared/ports/abuse-counters.ts';
import type { EventStore } from '../../../src/shared/ports/event-store.ts';
import type { IdempotencyStore } from '../../../src/shared/ports/idempotency.ts';
import type { Outbox, OutboxRelayStore } from '../../../src/shared/ports/outbox.ts';
import type { ProcessedMessages } from '../../../src/shared/ports/processed-messages.ts';
import type { UnitOfWork } from '../../../src/shared/ports/unit-of-work.ts';

/**
 * Every store a storage adapter offers, each typed by the port that declares it (shared
 * ports, the contexts' `application/ports.ts`, the read model's store). The contract sees no
 * more of an implementation than the code that uses it.
 */
export interface ContractStores extends CatalogStores, BillingStores, ProfileStores {
  events: EventStore;
  outbox: Outbox & OutboxRelayStore;
  idempotency: IdempotencyStore;
  processed: ProcessedMessages;
  payments: PaymentRecords;
  unpaidOrders: UnpaidOrders;
  orderSummaries: OrderSummaryStore;
  /** `findById` is the profile service's `UserBasics` (composition passes it). */
  users: UserDirectory & CustomerDirectory & { findById: UserBasics };
  customers: KnownCustomers;
  foodPoints: FoodPointStore;
  kitchenOrders: KitchenOrderStore;
  carriers: CarrierStore;
  shipments: ShipmentStore;
  notifications: NotificationStore;
  liveFeed: LiveFeedStore;
  updateTickets: UpdateTicketStore;
  baskets: BasketStore;
  rateLimitCounters: RateLimitCounters;
  loginFailures: LoginFailureStore;
}

export interface StorageFixture {
  storage: UnitOfWork<ContractStores>;
  /** Commit notifications the in-process outbox relay wakes on (not a port: composition wires it). */
  onOutboxCommitted(listener: () => void): () => void;
  /** Adds a user the way demo seeding does: the directory ports only read. */
  addUser(user: UserRecord): Promise<void>;
  close(): Promise<void>;
}

/** The fixture of the running suite; valid inside tests (after `beforeAll`). */
export type CurrentFixture = () => StorageFixture;

export const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** A promise the test resolves when it says so (`fire`): one transaction holding on until told. */
export function signal(): { promise: Promise<void>; fire: () => void } {
  let fire!: () => void;
  const promise = new Promise<void>((resolve) => {
    fire = resolve;
  });
  return { promise, fire };
}

/** Thrown inside a transaction to roll it back on purpose. */
export class Rollback extends Error {
  constructor() {
    super('rolled back on purpose');
  }
}

/** Runs `n` transactions at once and splits the outcomes. */
export async function race<T>(
  storage: UnitOfWork<ContractStores>,
  n: number,
  work: (stores: ContractStores, i: number) => Promise<T>,
): Promise<{ won: T[]; lost: unknown[] }> {
  const results = await Promise.allSettled(
    Array.from({ length: n }, (_, i) => storage.transaction((tx) => work(tx, i))),
  );
  return {
    won: results.flatMap((r) => (r.status === 'fulfilled' ? [r.value] : [])),
    lost: results.flatMap((r) => (r.status === 'rejected' ? [r.reason] : [])),
  };
}
