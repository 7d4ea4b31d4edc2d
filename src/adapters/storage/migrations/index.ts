import type { Migration, MigrationProvider } from 'kysely';
import * as foundation from './0001-foundation.ts';
import * as billingAndSearch from './0002-billing-and-search.ts';
import * as orderOwnerIndex from './0003-order-owner-index.ts';
import * as unpaidOrders from './0004-unpaid-orders.ts';
import * as idempotencyResultOnly from './0005-idempotency-result-only.ts';
import * as unpaidOrderUnits from './0006-unpaid-order-units.ts';
import * as fulfilment from './0007-fulfilment.ts';
import * as delivery from './0008-delivery.ts';
import * as notifications from './0009-notifications.ts';
import * as liveUpdates from './0010-live-updates.ts';
import * as basket from './0011-basket.ts';
import * as lastAppliedVersions from './0012-last-applied-versions.ts';
import * as unpaidHoldings from './0014-unpaid-holdings.ts';
import * as notificationTraceContext from './0016-notification-trace-context.ts';
import * as sharedAbuseLimits from './0017-shared-abuse-limits.ts';

/** Migrations are listed in code (not read from disk) so they work from `src/` and `dist/` alike. */
export const migrationProvider: MigrationProvider = {
  async getMigrations(): Promise<Record<string, Migration>> {
    return {
      '0001-foundation': foundation,
      '0002-billing-and-search': billingAndSearch,
      '0003-order-owner-index': orderOwnerIndex,
      '0004-unpaid-orders': unpaidOrders,
      '0005-idempotency-result-only': idempotencyResultOnly,
      '0006-unpaid-order-units': unpaidOrderUnits,
      '0007-fulfilment': fulfilment,
      '0008-delivery': delivery,
      '0009-notifications': notifications,
      '0010-live-updates': liveUpdates,
      '0011-basket': basket,
      '0012-last-applied-versions': lastAppliedVersions,
      '0014-unpaid-holdings': unpaidHoldings,
      '0016-notification-trace-context': notificationTraceContext,
      '0017-shared-abuse-limits': sharedAbuseLimits,
    };
  },
};
