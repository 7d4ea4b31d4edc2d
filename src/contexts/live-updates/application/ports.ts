import type { ProcessedMessages } from '../../../shared/ports/processed-messages.ts';
import type { Later } from '../../../shared/ports/unit-of-work.ts';
import type { LiveUpdateContent, LiveUpdateMessage } from '../domain/live-update.ts';

/**
 * Who follows each order live besides its subscribers, in their order: the kitchen staff of the
 * food point it is assigned to. Another context knows (fulfilment, through its index.ts, wired in
 * composition); `food_point_id` is passed when the status message names it. Asked before the
 * feed's transaction, as the profile preference is, once for a batch of messages.
 */
export type OrderFollowers = (
  orders: readonly { order_id: string; food_point_id?: string }[],
) => Promise<string[][]>;

/** One entry of a user's feed, as stored. */
export interface FeedEntry {
  user_id: string;
  position: number;
  event_id: string;
  message: LiveUpdateMessage;
  acked: boolean;
}

export interface FeedQuery {
  /** Entries with a greater position only. */
  after: number;
  /** Only entries the user has not acknowledged. */
  unackedOnly: boolean;
  limit: number;
}

/** One status change for the feeds of `userIds`. */
export interface FeedAppend {
  userIds: readonly string[];
  content: LiveUpdateContent;
}

/** The per-user live feed. */
export interface LiveFeedStore {
  /**
   * Appends `content` to the feed of each user at that user's next position. Positions come
   * from a per-user counter row updated in the caller's transaction, so they increase strictly
   * per user and concurrent appends for one user are serialised until commit (a reader that has
   * seen position n never later finds a smaller one appear). An event already in a user's feed
   * is skipped. So is an update whose order `version` is not newer than the last one appended
   * for that user and order (a consumer that took an older status late: the client has a newer
   * one); such users are absent from the result unless the event itself is in their feed.
   * Returns the positions given.
   */
  append(userIds: readonly string[], content: LiveUpdateContent, at: Date): Promise<Map<string, number>>;
  /**
   * As `append` for each of `appends` in turn, in one go (a consumer's batch): the positions given
   * for each, in their order. Within the batch, an update of an order no further than an earlier
   * one for the same user is stale as it would be across calls. With `fresh` (the message ids a
   * processed-message mark sent just before found new: `ProcessedMessages.markProcessedManyWithNext`),
   * only the first append of each event in it appends anything; the others are given nothing.
   */
  appendMany(
    appends: readonly FeedAppend[],
    at: Date,
    fresh?: Later<ReadonlySet<string>>,
  ): Promise<Map<string, number>[]>;
  /** The user's entries in position order. */
  read(userId: string, query: FeedQuery): Promise<FeedEntry[]>;
  /** Each listed user's last position given (users with no feed yet are absent). */
  latestPositions(userIds: readonly string[]): Promise<Map<string, number>>;
  /** Marks the user's entry for `eventId` acknowledged (once); false when the user has no such entry. */
  acknowledge(userId: string, eventId: string, at: Date): Promise<boolean>;
  /** Deletes entries created before `cutoff` (retention); positions are never reused. */
  deleteCreatedBefore(cutoff: Date): Promise<number>;
}

/** A one-time ticket as stored: only its hash, so a leaked table opens no socket. */
export interface StoredTicket {
  ticket_hash: string;
  user_id: string;
  expires_at: Date;
  /** When the session the ticket opens must end: the expiry of the token it was issued for. */
  session_expires_at: Date;
}

/** One-time tickets for browsers, which cannot set `Authorization` on a WebSocket. */
export interface UpdateTicketStore {
  issue(ticket: StoredTicket): Promise<void>;
  /**
   * Redeems the ticket: succeeds once, for an unexpired ticket, in whichever process asks first
   * (a conditional update); every later or concurrent attempt gets undefined.
   */
  redeem(
    ticketHash: string,
    now: Date,
  ): Promise<Pick<StoredTicket, 'user_id' | 'session_expires_at'> | undefined>;
  /** Deletes tickets that expired before `cutoff`. */
  deleteExpiredBefore(cutoff: Date): Promise<number>;
}

export interface LiveUpdatesStores {
  liveFeed: LiveFeedStore;
  updateTickets: UpdateTicketStore;
  processed: ProcessedMessages;
}
