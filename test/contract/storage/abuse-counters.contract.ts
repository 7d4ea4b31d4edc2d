import { randomUUID } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import type { LoginFailureStore, RateLimitCounters } from '../../../src/shared/ports/abuse-counters.ts';

const T0 = Date.UTC(2030, 0, 1);
const at = (ms: number) => new Date(T0 + ms);

/** `RateLimitCounters`: fixed windows shared by every API process. */
export function rateLimitCountersContract(counters: () => RateLimitCounters): void {
  describe('rate-limit counters', () => {
    it('adds hits inside a window, several keys at once, and starts a new window once it ended', async () => {
      const [a, b] = [`ip:${randomUUID()}`, `user:${randomUUID()}`];
      expect(await counters().increment([{ key: a, hits: 1, windowMs: 1000 }], at(0))).toEqual([
        { key: a, count: 1, windowEndsAt: at(1000) },
      ]);
      const both = await counters().increment(
        [
          { key: a, hits: 2, windowMs: 1000 },
          { key: b, hits: 1, windowMs: 1000 },
        ],
        at(500),
      );
      expect(new Map(both.map((c) => [c.key, c]))).toEqual(
        new Map([
          [a, { key: a, count: 3, windowEndsAt: at(1000) }],
          [b, { key: b, count: 1, windowEndsAt: at(1500) }],
        ]),
      );
      // The window's end is its own: the next hit starts afresh.
      expect(await counters().increment([{ key: a, hits: 1, windowMs: 1000 }], at(1000))).toEqual([
        { key: a, count: 1, windowEndsAt: at(2000) },
      ]);
      expect(await counters().increment([{ key: b, hits: 1, windowMs: 1000 }], at(1499))).toEqual([
        { key: b, count: 2, windowEndsAt: at(1500) },
      ]);
    });

    it('loses no hit to concurrent callers, whatever order they name the keys in', async () => {
      const [a, b] = [`ip:${randomUUID()}`, `user:${randomUUID()}`];
      const callers = 40;
      const answers = await Promise.all(
        Array.from({ length: callers }, (_, i) =>
          counters().increment(
            (i % 2 ? [a, b] : [b, a]).map((key) => ({ key, hits: 1, windowMs: 60_000 })),
            at(10),
          ),
        ),
      );
      for (const key of [a, b]) {
        const counts = answers.map((answer) => answer.find((c) => c.key === key)?.count);
        // Each caller saw its own count: one after another, none twice, none skipped.
        expect(counts.sort((x, y) => (x ?? 0) - (y ?? 0))).toEqual(
          Array.from({ length: callers }, (_, i) => i + 1),
        );
      }
    });

    it('deletes the windows that ended, and only those', async () => {
      const [ended, running] = [`ip:${randomUUID()}`, `ip:${randomUUID()}`];
      await counters().increment([{ key: ended, hits: 5, windowMs: 1000 }], at(-10_000));
      await counters().increment([{ key: running, hits: 5, windowMs: 60_000 }], at(-10_000));
      expect(await counters().deleteEnded(at(0))).toBeGreaterThanOrEqual(1);
      const [again] = await counters().increment([{ key: running, hits: 1, windowMs: 60_000 }], at(0));
      expect(again?.count).toBe(6);
      const [fresh] = await counters().increment([{ key: ended, hits: 1, windowMs: 1000 }], at(0));
      expect(fresh?.count).toBe(1);
    });
  });
}

/** `LoginFailureStore`: failed logins per username or address, shared by every API process. */
export function loginFailuresContract(failures: () => LoginFailureStore): void {
  describe('login failures', () => {
    it('counts failures per key, forgets them after a quiet while, and clears one key', async () => {
      const [user, ip] = [`user:${randomUUID()}`, `ip:${randomUUID()}`];
      await failures().addFailure([user, ip], at(0), at(-3_600_000));
      await failures().addFailure([user], at(1000), at(-3_599_000));
      expect(await failures().read([user, ip, `user:${randomUUID()}`])).toEqual(
        new Map([
          [user, { failures: 2, lastFailureAt: at(1000) }],
          [ip, { failures: 1, lastFailureAt: at(0) }],
        ]),
      );
      // The last failure is older than what is remembered: this one is the first again.
      await failures().addFailure([user, ip], at(5000), at(2000));
      expect(await failures().read([user, ip])).toEqual(
        new Map([
          [user, { failures: 1, lastFailureAt: at(5000) }],
          [ip, { failures: 1, lastFailureAt: at(5000) }],
        ]),
      );
      await failures().clear(user);
      expect([...(await failures().read([user, ip])).keys()]).toEqual([ip]);
    });

    it('loses no failure to concurrent logins, in any process', async () => {
      const [user, ip] = [`user:${randomUUID()}`, `ip:${randomUUID()}`];
      await Promise.all(
        Array.from({ length: 30 }, (_, i) =>
          failures().addFailure(i % 2 ? [user, ip] : [ip, user], at(i), at(-3_600_000)),
        ),
      );
      const known = await failures().read([user, ip]);
      expect(known.get(user)?.failures).toBe(30);
      expect(known.get(ip)?.failures).toBe(30);
    });

    it('deletes keys whose last failure is older than a cutoff', async () => {
      const [old, recent] = [`ip:${randomUUID()}`, `ip:${randomUUID()}`];
      await failures().addFailure([old], at(-100_000), at(-200_000));
      await failures().addFailure([recent], at(0), at(-200_000));
      expect(await failures().deleteBefore(at(-50_000))).toBeGreaterThanOrEqual(1);
      expect([...(await failures().read([old, recent])).keys()]).toEqual([recent]);
    });
  });
}
