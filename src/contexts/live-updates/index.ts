/** The live-updates context: seed 004's PushUpdatesHub feed, per user, with acks and resume. */

export {
  type FeedNudge,
  LIVE_UPDATES_CHANNEL,
  LIVE_UPDATES_CONSUMER,
  LIVE_UPDATES_TOPICS,
  liveFeedConsumer,
  liveUpdateOf,
} from './application/live-feed.consumer.ts';
export { LiveFeed, type LiveFeedOptions } from './application/live-feed.ts';
export type {
  FeedAppend,
  FeedEntry,
  FeedQuery,
  LiveFeedStore,
  LiveUpdatesStores,
  OrderFollowers,
  StoredTicket,
  UpdateTicketStore,
} from './application/ports.ts';
export { type IssuedTicket, type TicketSession, UpdateTickets } from './application/update-tickets.ts';
export {
  type AckMessage,
  isAck,
  type LiveUpdateContent,
  type LiveUpdateMessage,
  subscribersOf,
} from './domain/live-update.ts';
