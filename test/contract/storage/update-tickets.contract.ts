import { randomUUID } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import type { StoredTicket } from '../../../src/contexts/live-updates/index.ts';
import type { CurrentFixture } from './storage-fixture.ts';

const ticket = (expiresAt: Date): StoredTicket => ({
  ticket_hash: randomUUID(),
  user_id: `user-${randomUUID()}`,
  expires_at: expiresAt,
  session_expires_at: new Date(Date.UTC(2100, 0, 1)),
});

/** `UpdateTicketStore`: one-time tickets for the live hub, redeemed once across processes. */
export function updateTicketsContract(current: CurrentFixture): void {
  describe('update tickets', () => {
    const tickets = () => current().storage.read.updateTickets;
    const inAMinute = () => new Date(Date.now() + 60_000);

    it('redeems an unexpired ticket once, and no unknown or expired one', async () => {
      const t = ticket(inAMinute());
      await tickets().issue(t);
      expect(await tickets().redeem(t.ticket_hash, new Date())).toEqual({
        user_id: t.user_id,
        session_expires_at: t.session_expires_at,
      });
      expect(await tickets().redeem(t.ticket_hash, new Date())).toBeUndefined();
      expect(await tickets().redeem(randomUUID(), new Date())).toBeUndefined();
      const expired = ticket(new Date(Date.now() - 1000));
      await tickets().issue(expired);
      expect(await tickets().redeem(expired.ticket_hash, new Date())).toBeUndefined();
    });

    it('lets exactly one of 10 concurrent redemptions through', async () => {
      const t = ticket(inAMinute());
      await tickets().issue(t);
      const results = await Promise.all(
        Array.from({ length: 10 }, () =>
          current().storage.transaction((tx) => tx.updateTickets.redeem(t.ticket_hash, new Date())),
        ),
      );
      expect(results.filter((r) => r !== undefined)).toHaveLength(1);
    });

    it('sweeps tickets that expired before a cutoff', async () => {
      const old = ticket(new Date(Date.UTC(1990, 0, 1)));
      const fresh = ticket(inAMinute());
      await tickets().issue(old);
      await tickets().issue(fresh);
      expect(await tickets().deleteExpiredBefore(new Date(Date.UTC(1990, 0, 2)))).toBeGreaterThanOrEqual(1);
      expect(await tickets().redeem(fresh.ticket_hash, new Date())).toBeDefined();
    });
  });
}
