import { createHash, randomBytes } from 'node:crypto';
import type { Clock } from '../../../shared/clock.ts';
import type { UpdateTicketStore } from './ports.ts';

export interface IssuedTicket {
  ticket: string;
  expires_in: number;
}

/** Whose session a redeemed ticket opens, and until when. */
export interface TicketSession {
  userId: string;
  sessionExpiresAt: Date;
}

/**
 * One-time tickets for `GET /api/v1/updates?ticket=…` (DESIGN.md: browsers cannot set headers
 * on a WebSocket). Stored hashed in the database, so any hub process can redeem one, and
 * redeemed by a conditional update, so it opens one socket only, across processes.
 */
export class UpdateTickets {
  constructor(
    private readonly store: () => UpdateTicketStore,
    private readonly clock: Clock,
    private readonly ttlSeconds: number,
  ) {}

  /** A ticket for `userId`; the session it opens ends when the token it was issued for expires. */
  async issue(userId: string, tokenExpiresAt: Date): Promise<IssuedTicket> {
    const ticket = randomBytes(32).toString('base64url');
    const now = this.clock.now();
    await this.store().issue({
      ticket_hash: hashTicket(ticket),
      user_id: userId,
      expires_at: new Date(now.getTime() + this.ttlSeconds * 1000),
      session_expires_at: tokenExpiresAt,
    });
    return { ticket, expires_in: this.ttlSeconds };
  }

  /** The session the ticket opens, or undefined when it is unknown, expired or used. */
  async redeem(ticket: string): Promise<TicketSession | undefined> {
    if (!/^[A-Za-z0-9_-]{20,100}$/.test(ticket)) return undefined;
    const redeemed = await this.store().redeem(hashTicket(ticket), this.clock.now());
    return redeemed && { userId: redeemed.user_id, sessionExpiresAt: redeemed.session_expires_at };
  }
}

const hashTicket = (ticket: string): string => createHash('sha256').update(ticket).digest('hex');
