import { afterAll, beforeAll, describe } from 'vitest';
import { loginFailuresContract, rateLimitCountersContract } from './storage/abuse-counters.contract.ts';
import { basketsContract } from './storage/baskets.contract.ts';
import { carriersContract } from './storage/carriers.contract.ts';
import { customersContract } from './storage/customers.contract.ts';
import { eventStoreContract } from './storage/event-store.contract.ts';
import { foodPointsContract, kitchenOrdersContract } from './storage/fulfilment.contract.ts';
import { idempotencyContract, processedMessagesContract } from './storage/idempotency.contract.ts';
import { liveFeedContract } from './storage/live-feed.contract.ts';
import { notificationsContract } from './storage/notifications.contract.ts';
import { orderSummariesContract } from './storage/order-summaries.contract.ts';
import { outboxContract } from './storage/outbox.contract.ts';
import { paymentsContract } from './storage/payments.contract.ts';
import { productsContract } from './storage/products.contract.ts';
import { devicesContract, profilesContract } from './storage/profiles.contract.ts';
import { shipmentsContract } from './storage/shipments.contract.ts';
import type { ContractStores, CurrentFixture, StorageFixture } from './storage/storage-fixture.ts';
import { unpaidOrdersContract } from './storage/unpaid-orders.contract.ts';
import { updateTicketsContract } from './storage/update-tickets.contract.ts';
import { usersContract } from './storage/users.contract.ts';
import { walletsContract } from './storage/wallets.contract.ts';

export type { ContractStores, StorageFixture } from './storage/storage-fixture.ts';

/** One contract per store: a store added to `ContractStores` does not compile without its own. */
const STORE_CONTRACTS: { [Store in keyof ContractStores]: (current: CurrentFixture) => void } = {
  events: eventStoreContract,
  outbox: outboxContract,
  idempotency: idempotencyContract,
  processed: processedMessagesContract,
  products: productsContract,
  wallets: walletsContract,
  payments: paymentsContract,
  unpaidOrders: unpaidOrdersContract,
  orderSummaries: orderSummariesContract,
  users: usersContract,
  customers: customersContract,
  foodPoints: foodPointsContract,
  kitchenOrders: kitchenOrdersContract,
  carriers: carriersContract,
  shipments: shipmentsContract,
  profiles: profilesContract,
  devices: devicesContract,
  notifications: notificationsContract,
  liveFeed: liveFeedContract,
  updateTickets: updateTicketsContract,
  baskets: basketsContract,
  rateLimitCounters: (current) => rateLimitCountersContract(() => current().storage.read.rateLimitCounters),
  loginFailures: (current) => loginFailuresContract(() => current().storage.read.loginFailures),
};

/**
 * The behaviour every storage implementation must have, store by store, typed to the ports
 * the code depends on. Runs unchanged against PGlite (in `npm run check`) and PostgreSQL (in
 * `npm test`). Tests share one database, so each works on its own streams, keys and rows.
 */
export function storageContract(name: string, create: () => Promise<StorageFixture>): void {
  describe(`Storage contract: ${name}`, () => {
    let fixture: StorageFixture | undefined;
    const current = () => {
      if (!fixture) throw new Error('the storage fixture failed to open');
      return fixture;
    };

    beforeAll(async () => {
      fixture = await create();
    });
    afterAll(async () => {
      await fixture?.close();
    });

    for (const contract of Object.values(STORE_CONTRACTS)) contract(current);
  });
}
