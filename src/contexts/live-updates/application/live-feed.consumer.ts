import type { Clock } from '../../../shared/clock.ts';
import { type EventEnvelope, IntegrationEventTypes } from '../../../shared/envelope.ts';
import { GroupCommit } from '../../../shared/group-commit.ts';
import type { Broadcaster, MessageHandler } from '../../../shared/ports/message-bus.ts';
import type { UnitOfWork } from '../../../shared/ports/unit-of-work.ts';
import { type OrderStatusUpdatedData, parseOrderMessage } from '../../ordering/index.ts';
import { type LiveUpdateContent, subscribersOf } from '../domain/live-update.ts';
import type { LiveUpdatesStores, OrderFollowers } from './ports.ts';

export const LIVE_UPDATES_CONSUMER = 'live-updates';
export const LIVE_UPDATES_TOPICS = [IntegrationEventTypes.orderStatusUpdated];
/** The broadcast channel on which feed appends nudge every hub process. */
export const LIVE_UPDATES_CHANNEL = 'live-updates.appended';

/**
 * The nudge's payload: whose feeds grew, and (when this delivery appended) to which position. The
 * hub reads the rows from the database, and skips a user whose sockets there are at that position
 * already (the entries were handed to it in process).
 */
export interface FeedNudge {
  user_ids: string[];
  positions?: Record<string, number>;
}

export interface LiveFeedConsumerOptions {
  /** A nudge could not be broadcast: the hubs' periodic catch-up read delivers the rows later. */
  onNudgeFailed?: (error: unknown) => void;
  /**
   * Of `userIds`, in their order, those who want live updates (the profile's `live` channel
   * preference), in one read for all of them; users who turned it off get no feed entries. Asked
   * before the transaction: on PGlite a read outside the transaction's own stores would wait for
   * it forever.
   */
  wantLiveUpdates?: (userIds: readonly string[]) => Promise<string[]>;
  /** Staff who follow each order too (the assigned kitchen's); none by default. */
  followersOf?: OrderFollowers;
  /**
   * After the commit, the entries just appended (position by user) and their content: a hub in
   * this process sends them to its sockets without reading them back. Best effort like the nudge.
   */
  onAppended?: (positions: ReadonlyMap<string, number>, content: LiveUpdateContent) => void;
}

/**
 * Seed 004's path from the bus to the push hub: each `order.status_updated` becomes one entry
 * in the feed of each of the order's subscribers and followers (the kitchen staff of its food
 * point, so the kitchen screen moves without polling), in one transaction with the record that this
 * event id was processed (a redelivered message appends nothing). After the commit it nudges
 * every hub process through a best-effort broadcast; the rows, not the nudge, are the truth.
 *
 * Messages that arrive while a batch is being written go together in the next (`GroupCommit`):
 * one read of their followers, one of the preferences, one transaction, one nudge. A batch that
 * fails is written again message by message, so a malformed one fails alone.
 */
export function liveFeedConsumer(
  storage: UnitOfWork<LiveUpdatesStores>,
  clock: Clock,
  broadcaster: Pick<Broadcaster, 'broadcast'>,
  {
    onNudgeFailed = () => {},
    wantLiveUpdates = async (userIds) => [...userIds],
    followersOf = async (orders) => orders.map(() => []),
    onAppended = () => {},
  }: LiveFeedConsumerOptions = {},
): MessageHandler {
  const batches = new GroupCommit<Envelope, void>((envelopes) => appendBatch(envelopes), {
    isolateFailures: true,
  });

  async function appendBatch(envelopes: readonly Envelope[]): Promise<undefined[]> {
    const followers = await followersOf(
      envelopes.map(({ data }) => ({
        order_id: data.order_id,
        ...(data.food_point_id === undefined ? {} : { food_point_id: data.food_point_id }),
      })),
    );
    const everyone = envelopes.map(({ data }, i) => [...new Set([...subscribersOf(data), ...followers[i]!])]);
    const wanting = new Set(await wantLiveUpdates([...new Set(everyone.flat())]));
    const subscribers = everyone.map((users) => users.filter((userId) => wanting.has(userId)));
    const contents = envelopes.map((envelope) => liveUpdateOf(envelope));
    let positions: Map<string, number>[] = [];
    // The mark leaves with the feed's locks and read, the feed's write with the COMMIT: a
    // redelivered message, or the second copy of one in this batch, appends nothing.
    await storage.transaction(async (stores) => {
      const fresh = await stores.processed.markProcessedManyWithNext(
        LIVE_UPDATES_CONSUMER,
        envelopes.map((envelope) => envelope.event_id),
      );
      positions = await stores.liveFeed.appendMany(
        envelopes.map((_, i) => ({ userIds: subscribers[i]!, content: contents[i]! })),
        clock.now(),
        fresh,
      );
    });
    for (const [i, given] of positions.entries()) {
      if (given.size === 0) continue;
      try {
        onAppended(given, contents[i]!);
      } catch (error) {
        onNudgeFailed(error);
      }
    }
    // Also after a redelivery: the first attempt may have died between commit and nudge, and a
    // nudge for rows a socket already has sends it nothing. One for the batch: each user's
    // furthest position.
    const users = [...new Set(subscribers.flat())];
    if (users.length > 0) {
      const furthest: Record<string, number> = {};
      for (const given of positions)
        for (const [userId, position] of given) furthest[userId] = Math.max(furthest[userId] ?? 0, position);
      const nudge: FeedNudge = {
        user_ids: users,
        ...(Object.keys(furthest).length > 0 ? { positions: furthest } : {}),
      };
      await broadcaster.broadcast(LIVE_UPDATES_CHANNEL, { ...nudge }).catch(onNudgeFailed);
    }
    return envelopes.map(() => undefined);
  }

  return async (message) => {
    // Only status changes are pushed; other types are not this consumer's to validate.
    if (message.envelope.event_type !== IntegrationEventTypes.orderStatusUpdated) return;
    const parsed = parseOrderMessage(message.envelope);
    if (parsed?.event_type !== IntegrationEventTypes.orderStatusUpdated) return;
    await batches.submit(parsed.envelope);
  };
}

type Envelope = EventEnvelope<OrderStatusUpdatedData>;

/**
 * What a buyer may read beside the status: the allow-list. Anything else on the bus message
 * (courier and food point ids, payment operation, who cancelled, the customer id) is internal.
 */
const SHOWN_DETAILS = [
  'tracking_number',
  'carrier',
  'delivered_at',
  'delivery_location',
  'reason',
  'refunded',
] as const;

/** The socket message for one status change, without its per-user position. */
export function liveUpdateOf(envelope: {
  event_id: string;
  timestamp: string;
  data: OrderStatusUpdatedData;
}): LiveUpdateContent {
  const { data } = envelope;
  const content: LiveUpdateContent = {
    type: 'order.status_updated',
    event_id: envelope.event_id,
    order_id: data.order_id,
    status: data.current_status,
    previous_status: data.previous_status,
    timestamp: envelope.timestamp,
    version: data.version,
  };
  for (const key of SHOWN_DETAILS) {
    if (data[key] !== undefined) Object.assign(content, { [key]: data[key] });
  }
  return content;
}
