import type { Kysely } from 'kysely';
import type { StoredTicket, UpdateTicketStore } from '../../contexts/live-updates/index.ts';
import type { Database } from './schema.ts';

export class PostgresUpdateTickets implements UpdateTicketStore {
  constructor(private readonly db: Kysely<Database>) {}

  async issue(ticket: StoredTicket): Promise<void> {
    await this.db.insertInto('live_update_tickets').values(ticket).execute();
  }

  async redeem(
    ticketHash: string,
    now: Date,
  ): Promise<Pick<StoredTicket, 'user_id' | 'session_expires_at'> | undefined> {
    // One statement: of concurrent redeemers (in any process) exactly one finds it unredeemed.
    return this.db
      .updateTable('live_update_tickets')
      .set({ redeemed_at: now })
      .where('ticket_hash', '=', ticketHash)
      .where('redeemed_at', 'is', null)
      .where('expires_at', '>', now)
      .returning(['user_id', 'session_expires_at'])
      .executeTakeFirst();
  }

  async deleteExpiredBefore(cutoff: Date): Promise<number> {
    const result = await this.db
      .deleteFrom('live_update_tickets')
      .where('expires_at', '<', cutoff)
      .executeTakeFirst();
    return Number(result.numDeletedRows);
  }
}
