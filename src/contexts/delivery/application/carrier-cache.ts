import { TtlCache } from '../../../shared/ttl-cache.ts';
import type { Carrier } from '../domain/carrier.ts';

/**
 * Carriers (with their webhook secrets) as last read, kept in process for `ttlMs` so a webhook
 * does not read its carrier from the database every time. This process's own changes
 * (`ManageCarriers`) forget the carrier at once; another process's take effect here within
 * `ttlMs`: a retired secret is still accepted for at most that long. A signature that fails
 * against a cached carrier is checked again against a fresh read, so a new secret works at once.
 * `ttlMs` 0 turns the cache off.
 */
export class CarrierCache {
  readonly #cache: TtlCache<string, Carrier>;

  constructor(
    readonly ttlMs = 5_000,
    now: () => number = () => performance.now(),
  ) {
    this.#cache = new TtlCache(ttlMs, now);
  }

  get(carrierId: string): Carrier | undefined {
    return this.#cache.get(carrierId);
  }

  put(carrier: Carrier): void {
    this.#cache.set(carrier.carrier_id, carrier);
  }

  forget(carrierId: string): void {
    this.#cache.forget(carrierId);
  }
}
