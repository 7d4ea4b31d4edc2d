import { randomUUID } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import type { LiveUpdateContent } from '../../../src/contexts/live-updates/index.ts';
import { type CurrentFixture, race, signal, sleep } from './storage-fixture.ts';

const update = (status = 'PAID', eventId = randomUUID()): LiveUpdateContent => ({
  type: 'order.status_updated',
  event_id: eventId,
  order_id: randomUUID(),
  status,
  previous_status: 'PENDING',
  timestamp: new Date().toISOString(),
  version: 3,
  reason: 'kept as a detail',
});

/** `LiveFeedStore`: the live hub's per-user feed, positions strictly increasing per user, acks, retention. */
export function liveFeedContract(current: CurrentFixture): void {
  describe('live feed', () => {
    const storage = () => current().storage;
    const feed = () => current().storage.read.liveFeed;
    const user = () => `user-${randomUUID()}`;

    it('gives each user their own strictly increasing positions and keeps an event once per user', async () => {
      const [alice, bob] = [user(), user()];
      const first = update('PAID');
      const both = await feed().append([alice, bob], first, new Date());
      expect(Object.fromEntries(both)).toEqual({ [alice]: 1, [bob]: 1 });
      expect((await feed().append([alice], update('CONFIRMED'), new Date())).get(alice)).toBe(2);
      expect((await feed().append([alice], first, new Date())).get(alice)).toBe(1);
      expect((await feed().append([alice], update('CANCELLED'), new Date())).get(alice)).toBeGreaterThan(2);
      const entries = await feed().read(alice, { after: 0, unackedOnly: false, limit: 10 });
      expect(entries.map((e) => e.message.status)).toEqual(['PAID', 'CONFIRMED', 'CANCELLED']);
      expect(entries[0]!.message).toEqual({ ...first, position: 1 });
      const positions = entries.map((e) => e.position);
      expect([...positions].sort((a, b) => a - b)).toEqual(positions);
      expect(new Set(positions).size).toBe(3);
      expect(await feed().read(bob, { after: 0, unackedOnly: false, limit: 10 })).toHaveLength(1);
    });

    it("tells each user's last position in one call, leaving out users without a feed", async () => {
      const [alice, bob, nobody] = [user(), user(), user()];
      await feed().append([alice, bob], update(), new Date());
      await feed().append([alice], update(), new Date());
      expect(Object.fromEntries(await feed().latestPositions([alice, bob, nobody, alice]))).toEqual({
        [alice]: 2,
        [bob]: 1,
      });
      expect((await feed().latestPositions([])).size).toBe(0);
    });

    it('reads after a position, up to a limit, and without acknowledged entries when asked', async () => {
      const alice = user();
      const sent = [update('PAID'), update('CONFIRMED'), update('ASSIGNED'), update('READY')];
      for (const u of sent) await feed().append([alice], u, new Date());
      expect(
        (await feed().read(alice, { after: 1, unackedOnly: false, limit: 2 })).map((e) => e.position),
      ).toEqual([2, 3]);
      expect(await feed().acknowledge(alice, sent[1]!.event_id, new Date())).toBe(true);
      expect(await feed().acknowledge(alice, sent[1]!.event_id, new Date())).toBe(true);
      expect(await feed().acknowledge(user(), sent[2]!.event_id, new Date())).toBe(false);
      expect(await feed().acknowledge(alice, randomUUID(), new Date())).toBe(false);
      const unacked = await feed().read(alice, { after: 0, unackedOnly: true, limit: 10 });
      expect(unacked.map((e) => e.message.status)).toEqual(['PAID', 'ASSIGNED', 'READY']);
      const all = await feed().read(alice, { after: 0, unackedOnly: false, limit: 10 });
      expect(all.map((e) => e.acked)).toEqual([false, true, false, false]);
    });

    it('hands out distinct, increasing positions when 10 appends for one user race', async () => {
      const alice = user();
      const { won, lost } = await race(storage(), 10, async (tx) => {
        const positions = await tx.liveFeed.append([alice], update(), new Date());
        await sleep(10); // hold the transaction open: the others must wait, not share a position
        return positions.get(alice)!;
      });
      expect(lost).toEqual([]);
      expect([...won].sort((a, b) => a - b)).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9, 10]);
      const entries = await feed().read(alice, { after: 0, unackedOnly: false, limit: 20 });
      expect(entries.map((e) => e.position)).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9, 10]);
    });

    it("skips an update of an order no further than one already in the user's feed (consumers out of order)", async () => {
      const [alice, bob] = [user(), user()];
      const orderId = randomUUID();
      const of = (status: string, version: number): LiveUpdateContent => ({
        ...update(status),
        order_id: orderId,
        version,
      });
      const delivered = of('DELIVERED', 7);
      expect((await feed().append([alice], delivered, new Date())).get(alice)).toBe(1);
      // IN_DELIVERY (version 6) consumed after DELIVERED: stale for alice, new for bob.
      const late = await feed().append([alice, bob], of('IN_DELIVERY', 6), new Date());
      expect(late.has(alice)).toBe(false);
      expect(late.get(bob)).toBe(1);
      // The same status again (another event id) is stale too; the same event keeps its position.
      expect((await feed().append([alice], of('DELIVERED', 8), new Date())).has(alice)).toBe(false);
      expect((await feed().append([alice], delivered, new Date())).get(alice)).toBe(1);
      // Another order of the same user is not held back by this one's status.
      expect((await feed().append([alice], update('PAID'), new Date())).get(alice)).toBeGreaterThan(1);
      const entries = await feed().read(alice, { after: 0, unackedOnly: false, limit: 10 });
      expect(entries.filter((e) => e.message.order_id === orderId).map((e) => e.message.status)).toEqual([
        'DELIVERED',
      ]);
      expect((await feed().append([alice], of('REFUNDED', 8), new Date())).has(alice)).toBe(true);
    });

    it('keeps both statuses of one commit, which share a stream version (picked up and delivered at once)', async () => {
      const alice = user();
      const orderId = randomUUID();
      const of = (status: string, previous: string): LiveUpdateContent => ({
        ...update(status),
        order_id: orderId,
        previous_status: previous,
        version: 9,
      });
      await feed().append([alice], of('IN_DELIVERY', 'READY'), new Date());
      await feed().append([alice], of('DELIVERED', 'IN_DELIVERY'), new Date());
      const entries = await feed().read(alice, { after: 0, unackedOnly: false, limit: 10 });
      expect(entries.map((e) => e.message.status)).toEqual(['IN_DELIVERY', 'DELIVERED']);
    });

    it('appends a batch as one append after another would: positions in order, stale updates left out', async () => {
      const [alice, bob, carol] = [user(), user(), user()];
      const orderId = randomUUID();
      const of = (status: string): LiveUpdateContent => ({ ...update(status), order_id: orderId });
      const earlier = update('PAID');
      await feed().append([alice], earlier, new Date());
      const [paid, delivered, late, other, again] = [
        of('PAID'),
        of('DELIVERED'),
        of('IN_DELIVERY'),
        update('CONFIRMED'),
        earlier,
      ];
      const results = await feed().appendMany(
        [
          { userIds: [alice, bob], content: paid },
          { userIds: [bob, alice, alice], content: delivered },
          { userIds: [alice, bob], content: late }, // no further than DELIVERED, just before it
          { userIds: [carol, alice], content: other },
          { userIds: [alice], content: again }, // in alice's feed already: keeps its position
          { userIds: [], content: update('READY') },
        ],
        new Date(),
      );
      expect(results.map((r) => Object.fromEntries(r))).toEqual([
        { [alice]: 2, [bob]: 1 },
        { [alice]: 3, [bob]: 2 },
        {},
        { [alice]: 4, [carol]: 1 },
        { [alice]: 1 },
        {},
      ]);
      const statuses = async (who: string) =>
        (await feed().read(who, { after: 0, unackedOnly: false, limit: 10 })).map((e) => e.message.status);
      expect(await statuses(alice)).toEqual(['PAID', 'PAID', 'DELIVERED', 'CONFIRMED']);
      expect(await statuses(bob)).toEqual(['PAID', 'DELIVERED']);
      // What the batch recorded holds for later appends: IN_DELIVERY stays stale, positions go on.
      expect((await feed().append([bob], of('IN_DELIVERY'), new Date())).has(bob)).toBe(false);
      expect((await feed().append([alice], update('READY'), new Date())).get(alice)).toBe(5);
      expect(await feed().appendMany([], new Date())).toEqual([]);
    });

    it("appends only a fresh event's first append when given a processed-message mark sent with it", async () => {
      const [alice, bob] = [user(), user()];
      const [seen, once, twice] = [update('PAID'), update('CONFIRMED'), update('READY')];
      await storage().read.processed.markProcessed('live-contract', seen.event_id);
      const results = await storage().transaction(async (tx) => {
        const fresh = await tx.processed.markProcessedManyWithNext('live-contract', [
          seen.event_id,
          once.event_id,
          twice.event_id,
          twice.event_id,
        ]);
        const given = await tx.liveFeed.appendMany(
          [
            { userIds: [alice], content: seen }, // processed before: a redelivery
            { userIds: [alice, bob], content: once },
            { userIds: [bob], content: twice },
            { userIds: [alice], content: twice }, // the second copy in the batch
          ],
          new Date(),
          fresh,
        );
        // The write left with nothing yet: a read in the same transaction sends it first.
        const inTransaction = await tx.liveFeed.read(bob, { after: 0, unackedOnly: false, limit: 10 });
        return { given, inTransaction: inTransaction.map((e) => e.message.status) };
      });
      expect(results.given.map((r) => Object.fromEntries(r))).toEqual([
        {},
        { [alice]: 1, [bob]: 1 },
        { [bob]: 2 },
        {},
      ]);
      expect(results.inTransaction).toEqual(['CONFIRMED', 'READY']);
      const statuses = async (who: string) =>
        (await feed().read(who, { after: 0, unackedOnly: false, limit: 10 })).map((e) => e.message.status);
      expect(await statuses(alice)).toEqual(['CONFIRMED']);
      expect(await statuses(bob)).toEqual(['CONFIRMED', 'READY']);
      // Marked as processed with the feed's commit, and the next append goes on from there.
      expect(await storage().read.processed.markProcessed('live-contract', twice.event_id)).toBe(false);
      expect((await feed().append([alice], update('CANCELLED'), new Date())).get(alice)).toBe(2);
    });

    it('writes nothing, the processed mark neither, when the transaction it was sent in rolls back', async () => {
      const alice = user();
      const content = update('PAID');
      const failure = new Error('the work failed after the append');
      await expect(
        storage().transaction(async (tx) => {
          const fresh = await tx.processed.markProcessedManyWithNext('live-contract', [content.event_id]);
          await tx.liveFeed.appendMany([{ userIds: [alice], content }], new Date(), fresh);
          throw failure;
        }),
      ).rejects.toBe(failure);
      expect(await feed().read(alice, { after: 0, unackedOnly: false, limit: 10 })).toEqual([]);
      expect(await storage().read.processed.markProcessed('live-contract', content.event_id)).toBe(true);
      expect((await feed().append([alice], content, new Date())).get(alice)).toBe(1);
    });

    it('gives one entry and one position to an event appended twice in a batch', async () => {
      const [alice, bob] = [user(), user()];
      const paid = update('PAID');
      const given = await feed().appendMany(
        [
          { userIds: [alice], content: paid },
          { userIds: [alice, bob], content: paid },
        ],
        new Date(),
      );
      expect(given.map((r) => Object.fromEntries(r))).toEqual([{ [alice]: 1 }, { [alice]: 1, [bob]: 1 }]);
      expect((await feed().append([alice], update('READY'), new Date())).get(alice)).toBe(2);
    });

    it('gives an event in the feed already its position, also when its mark says it is new', async () => {
      const alice = user();
      const paid = update('PAID');
      await feed().append([alice], paid, new Date());
      const [given] = await storage().transaction(async (tx) => {
        const fresh = await tx.processed.markProcessedManyWithNext('live-contract', [paid.event_id]);
        return tx.liveFeed.appendMany([{ userIds: [alice], content: paid }], new Date(), fresh);
      });
      expect(Object.fromEntries(given!)).toEqual({ [alice]: 1 });
      expect((await feed().append([alice], update('READY'), new Date())).get(alice)).toBe(2);
    });

    it('gives an event raced by several transactions for one user one entry, and none fails', async () => {
      const alice = user();
      const paid = update('PAID');
      const { won, lost } = await race(storage(), 6, async (tx) => {
        const given = await tx.liveFeed.append([alice], paid, new Date());
        await sleep(5);
        return given.get(alice);
      });
      expect(lost).toEqual([]);
      expect(won).toEqual([1, 1, 1, 1, 1, 1]);
      expect(await feed().read(alice, { after: 0, unackedOnly: false, limit: 10 })).toHaveLength(1);
    });

    it('fails the commit, and rolls the processed mark back, when the write sent with it fails', async () => {
      const alice = user();
      // PostgreSQL's jsonb refuses a NUL character: only the entries' write, sent with the COMMIT, fails.
      const refused = { ...update('READY'), reason: 'nul \u0000 in it' };
      await expect(
        storage().transaction(async (tx) => {
          const fresh = await tx.processed.markProcessedManyWithNext('live-contract', [refused.event_id]);
          return tx.liveFeed.appendMany([{ userIds: [alice], content: refused }], new Date(), fresh);
        }),
      ).rejects.toThrow(/sent ahead of this one failed/);
      expect(await storage().read.processed.markProcessed('live-contract', refused.event_id)).toBe(true);
      expect(await feed().read(alice, { after: 0, unackedOnly: false, limit: 10 })).toEqual([]);
      expect((await feed().append([alice], update('PAID'), new Date())).get(alice)).toBe(1);
    });

    it('skips an update overtaken by one another transaction committed while it waited for the user', async () => {
      const alice = user();
      const orderId = randomUUID();
      const of = (status: string): LiveUpdateContent => ({ ...update(status), order_id: orderId });
      await feed().append([alice], of('READY'), new Date());
      const held = signal();
      const firstAppended = signal();
      const first = storage().transaction(async (tx) => {
        await tx.liveFeed.append([alice], of('DELIVERED'), new Date());
        firstAppended.fire();
        await held.promise; // alice's counter stays locked: the second waits for it
      });
      await firstAppended.promise;
      const second = storage().transaction((tx) =>
        tx.liveFeed.appendMany([{ userIds: [alice], content: of('IN_DELIVERY') }], new Date()),
      );
      await sleep(50);
      held.fire();
      await first;
      const [late] = await second;
      expect(late!.has(alice)).toBe(false);
      const entries = await feed().read(alice, { after: 0, unackedOnly: false, limit: 10 });
      expect(entries.map((e) => e.message.status)).toEqual(['READY', 'DELIVERED']);
    });

    it('hands out distinct positions when batches for the same users race, new users among them', async () => {
      const [alice, bob, carol] = [user(), user(), user()];
      await feed().append([bob], update(), new Date());
      const { won, lost } = await race(storage(), 8, async (tx, i) => {
        const users = i % 2 === 0 ? [alice, bob, carol] : [carol, bob, alice];
        const results = await tx.liveFeed.appendMany(
          [
            { userIds: users, content: update() },
            { userIds: users.slice(1), content: update() },
          ],
          new Date(),
        );
        await sleep(5);
        return results;
      });
      expect(lost).toEqual([]);
      const given = (who: string) =>
        won
          .flatMap((results) => results.flatMap((r) => (r.has(who) ? [r.get(who)!] : [])))
          .sort((a, b) => a - b);
      const entries = async (who: string) =>
        (await feed().read(who, { after: 0, unackedOnly: false, limit: 50 })).map((e) => e.position);
      expect(await entries(bob)).toEqual(Array.from({ length: 17 }, (_, i) => i + 1));
      expect(given(bob)).toEqual(Array.from({ length: 16 }, (_, i) => i + 2));
      for (const who of [alice, carol]) {
        const positions = await entries(who);
        expect(positions).toEqual([...given(who)]);
        expect(new Set(positions).size).toBe(positions.length);
        expect(positions.length).toBeGreaterThanOrEqual(8);
      }
    });

    it('deletes entries past retention and never reuses their positions', async () => {
      const alice = user();
      const old = new Date(Date.UTC(1990, 0, 1));
      await feed().append([alice], update('PAID'), old);
      await feed().append([alice], update('CONFIRMED'), old);
      expect(await feed().deleteCreatedBefore(new Date(Date.UTC(1990, 0, 2)))).toBeGreaterThanOrEqual(2);
      expect(await feed().read(alice, { after: 0, unackedOnly: false, limit: 10 })).toEqual([]);
      expect((await feed().append([alice], update('READY'), new Date())).get(alice)).toBe(3);
    });
  });
}
