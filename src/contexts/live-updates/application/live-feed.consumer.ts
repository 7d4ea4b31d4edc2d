import type { Clock } from '../../../shared/clock.ts';
import { IntegrationEventTypes } from '../../../shared/envelope.ts';
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
  /** Staff who follow the order too (the assigned kitchen's); none by default. */
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
 */
export function liveFeedConsumer(
  storage: UnitOfWork<LiveUpdatesStores>,
  clock: Clock,
  broadcaster: Pick<Broadcaster, 'broadcast'>,
  {
    onNudgeFailed = () => {},
    wantLiveUpdates = async (userIds) => [...userIds],
    followersOf = async () => [],
    onAppended = () => {},
  }: LiveFeedConsumerOptions = {},
): MessageHandler {
  return async (message) => {
    // Only status changes are pushed; other types are not this consumer's to validate.
    if (message.envelope.event_type !== IntegrationEventTypes.orderStatusUpdated) return;
    const parsed = parseOrderMessage(message.envelope);
    if (parsed?.event_type !== IntegrationEventTypes.orderStatusUpdated) return;
    const { envelope } = parsed;
    const { data } = envelope;
    const followers = await followersOf({
      order_id: data.order_id,
      ...(data.food_point_id === undefined ? {} : { food_point_id: data.food_point_id }),
    });
    const subscribers = await wantLiveUpdates([...new Set([...subscribersOf(data), ...followers])]);
    const content = liveUpdateOf(envelope);
    let positions: ReadonlyMap<string, number> = new Map();
    await storage.transaction(async (stores) => {
      if (!(await stores.processed.markProcessed(LIVE_UPDATES_CONSUMER, envelope.event_id))) return;
      if (subscribers.length > 0) positions = await stores.liveFeed.append(subscribers, content, clock.now());
    });
    if (subscribers.length === 0) return;
    if (positions.size > 0) {
      try {
        onAppended(positions, content);
      } catch (error) {
        onNudgeFailed(error);
      }
    }
    // Also after a redelivery: the first attempt may have died between commit and nudge, and a
    // nudge for rows a socket already has sends it nothing.
    const nudge: FeedNudge = {
      user_ids: subscribers,
      ...(positions.size > 0 ? { positions: Object.fromEntries(positions) } : {}),
    };
    await broadcaster.broadcast(LIVE_UPDATES_CHANNEL, { ...nudge }).catch(onNudgeFailed);
  };
}

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
