import type { Clock } from '../../../shared/clock.ts';
import type { FeedEntry, LiveUpdatesStores } from './ports.ts';

export interface LiveFeedOptions {
  /** How long entries are kept for resuming (`LIVE_UPDATES_RETENTION_SECONDS`). */
  retentionSeconds: number;
  /** Used tickets and expired ones are kept this long after expiry, then swept. */
  ticketGraceSeconds?: number;
}

/** What the hub reads and writes: a user's feed, their acks, and the retention sweep. */
export class LiveFeed {
  constructor(
    private readonly stores: () => Pick<LiveUpdatesStores, 'liveFeed' | 'updateTickets'>,
    private readonly clock: Clock,
    private readonly options: LiveFeedOptions,
  ) {}

  /** The user's entries after `after` (only unacknowledged ones with `unackedOnly`), in order. */
  read(userId: string, after: number, unackedOnly: boolean, limit: number): Promise<FeedEntry[]> {
    return this.stores().liveFeed.read(userId, { after, unackedOnly, limit });
  }

  /** Each user's last position, in one query: the hubs' catch-up reads only feeds that moved. */
  latestPositions(userIds: readonly string[]): Promise<Map<string, number>> {
    return this.stores().liveFeed.latestPositions(userIds);
  }

  /** Stores the user's ack; false when the event is not in their feed. */
  acknowledge(userId: string, eventId: string): Promise<boolean> {
    return this.stores().liveFeed.acknowledge(userId, eventId, this.clock.now());
  }

  /** Deletes what is past the retention window, and old tickets. */
  async sweep(): Promise<{ entries: number; tickets: number }> {
    const now = this.clock.now().getTime();
    const entries = await this.stores().liveFeed.deleteCreatedBefore(
      new Date(now - this.options.retentionSeconds * 1000),
    );
    const tickets = await this.stores().updateTickets.deleteExpiredBefore(
      new Date(now - (this.options.ticketGraceSeconds ?? 3600) * 1000),
    );
    return { entries, tickets };
  }
}
