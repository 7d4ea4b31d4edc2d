import type { PostgresStorage } from '../adapters/storage/postgres-storage.ts';
import type { Config, ProcessRole } from '../config.ts';
import { FULFILMENT_CONSUMER, FULFILMENT_TOPICS } from '../contexts/fulfilment/index.ts';
import {
  LIVE_UPDATES_CONSUMER,
  LIVE_UPDATES_TOPICS,
  liveFeedConsumer,
} from '../contexts/live-updates/index.ts';
import { NOTIFICATIONS_CONSUMER, NOTIFICATIONS_TOPICS } from '../contexts/notifications/index.ts';
import {
  AUTO_CONFIRM_CONSUMER,
  AUTO_CONFIRM_TOPICS,
  autoConfirmPaidOrders,
} from '../contexts/ordering/index.ts';
import {
  ORDER_INFO_CONSUMER,
  ORDER_INFO_TOPICS,
  orderSummaryProjection,
} from '../read-model/order-info/order-summary.projection.ts';
import { systemClock } from '../shared/clock.ts';
import type { Broadcaster, ConsumerGroup, MessageHandler } from '../shared/ports/message-bus.ts';
import type { Services } from './services.ts';

/** Seed 001's order-info read model. */
export const ORDER_INFO_GROUP: ConsumerGroup = { group: ORDER_INFO_CONSUMER, topics: ORDER_INFO_TOPICS };

/**
 * Confirms paid orders. Declared and consumed whatever `AUTO_CONFIRM` says: with it off the
 * consumer acknowledges without confirming, so the queue does not grow forever and turning it
 * on later does not confirm a backlog of orders paid while confirmation was manual.
 */
export const AUTO_CONFIRM_GROUP: ConsumerGroup = {
  group: AUTO_CONFIRM_CONSUMER,
  topics: AUTO_CONFIRM_TOPICS,
};

/** Fulfilment (seed 001): assigns confirmed orders to food points, releases kitchens' capacity. */
export const FULFILMENT_GROUP: ConsumerGroup = { group: FULFILMENT_CONSUMER, topics: FULFILMENT_TOPICS };
/** Seed 003's notification service: letters and pushes for every order change. */
export const NOTIFICATIONS_GROUP: ConsumerGroup = {
  group: NOTIFICATIONS_CONSUMER,
  topics: NOTIFICATIONS_TOPICS,
};

/** Seed 004's PushUpdatesHub feed: each status change into its subscribers' live feeds. */
export const LIVE_UPDATES_GROUP: ConsumerGroup = {
  group: LIVE_UPDATES_CONSUMER,
  topics: LIVE_UPDATES_TOPICS,
};

/**
 * The bus topology: every consumer group of the system. Every process declares all of them
 * (queues, bindings, dead-letter queues) before it publishes or consumes, whatever its roles,
 * so a message is never published before the queue that should keep it exists. Add a group
 * here when adding a consumer; it receives messages from its first declaration on, and what
 * came before is back-filled from the event store (see docs/decisions.md, "Bus topology").
 */
export const CONSUMER_GROUPS: readonly ConsumerGroup[] = [
  ORDER_INFO_GROUP,
  AUTO_CONFIRM_GROUP,
  FULFILMENT_GROUP,
  NOTIFICATIONS_GROUP,
  LIVE_UPDATES_GROUP,
];

/**
 * One handler per group in `CONSUMER_GROUPS`, each with the role that consumes it: read models
 * (order-info, the live feed) in `projections`, the order workflow (auto-confirm, assignment) in
 * `fulfilment`, letters and pushes in `notifications`.
 */
export function consumers(
  config: Pick<Config, 'autoConfirm' | 'bus'>,
  storage: PostgresStorage,
  services: Pick<Services, 'commands' | 'fulfilment'>,
  handlers: {
    notifications: MessageHandler;
    /** Nudges the live hubs after a feed append (best effort; see docs/decisions.md). */
    broadcaster: Pick<Broadcaster, 'broadcast'>;
    onNudgeFailed: (error: unknown) => void;
    /** Hands what the feed consumer appended to this process's hub (best effort). */
    onAppended?: (positions: ReadonlyMap<string, number>, content: object) => void;
  },
): { group: ConsumerGroup; handler: MessageHandler; role: ProcessRole; prefetch: number }[] {
  const prefetch = config.bus.consumerPrefetch;
  return [
    {
      group: ORDER_INFO_GROUP,
      role: 'projections',
      // What it holds is written in batches (orderSummaryProjection): it takes more at once.
      prefetch: Math.max(prefetch, config.bus.batchingPrefetch),
      handler: orderSummaryProjection(storage),
    },
    {
      group: AUTO_CONFIRM_GROUP,
      role: 'fulfilment',
      prefetch,
      handler: config.autoConfirm ? autoConfirmPaidOrders(services.commands) : async () => {},
    },
    {
      group: FULFILMENT_GROUP,
      role: 'fulfilment',
      // The statuses it follows are written in batches (fulfilmentConsumer): it takes more at
      // once, its assignments still CONSUMER_PREFETCH at a time.
      prefetch: Math.max(prefetch, config.bus.batchingPrefetch),
      handler: services.fulfilment.consumer({ assignmentsAtOnce: prefetch }),
    },
    {
      group: NOTIFICATIONS_GROUP,
      role: 'notifications',
      // Changes that send nothing are recorded in batches (notifyBuyerPolicy): it takes more at once.
      prefetch: Math.max(prefetch, config.bus.batchingPrefetch),
      handler: handlers.notifications,
    },
    {
      group: LIVE_UPDATES_GROUP,
      role: 'projections',
      // What it holds is written in batches (liveFeedConsumer): it takes more at once.
      prefetch: Math.max(prefetch, config.bus.batchingPrefetch),
      handler: liveFeedConsumer(storage, systemClock, handlers.broadcaster, {
        onNudgeFailed: handlers.onNudgeFailed,
        ...(handlers.onAppended ? { onAppended: handlers.onAppended } : {}),
        // The profile's `live` channel preference; on unless the buyer turned it off.
        wantLiveUpdates: async (userIds) => {
          const profiles = await storage.read.profiles.getMany(userIds);
          return userIds.filter((userId) => profiles.get(userId)?.channels.live ?? true);
        },
        // The assigned kitchen's staff follow the order too (fulfilment answers, by its index.ts).
        followersOf: services.fulfilment.kitchenStaffOf,
      }),
    },
  ];
}
