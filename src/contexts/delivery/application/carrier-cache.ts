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
  readonly #entries = new Map<string, { carrier: Carrier; until: number }>();

  constructor(
    readonly ttlMs = 5_000,
    private readonly now: () => number = () => performance.now(),
  ) {}

  get(carrierId: string): Carrier | undefined {
    const entry = this.#entries.get(carrierId);
    if (!entry) return undefined;
    if (entry.until > this.now()) return entry.carrier;
    this.#entries.delete(carrierId);
    return undefined;
  }

  put(carrier: Carrier): void {
    if (this.ttlMs <= 0) return;
    this.#entries.set(carrier.carrier_id, { carrier, until: this.now() + this.ttlMs });
  }

  forget(carrierId: string): void {
    this.#entries.delete(carrierId);
  }
}
