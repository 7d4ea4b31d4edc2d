import { Webhook } from 'standardwebhooks';
import { describe, expect, it } from 'vitest';
import { DomainError } from '../../../shared/errors.ts';
import type { UnitOfWork } from '../../../shared/ports/unit-of-work.ts';
import type { OrderCommandHandler } from '../../ordering/index.ts';
import { type Carrier, DEFAULT_STATUS_MAPPING } from '../domain/carrier.ts';
import { CarrierCache } from './carrier-cache.ts';
import type { DeliveryStores } from './ports.ts';
import { ReceiveCarrierUpdate } from './receive-carrier-update.ts';

const OLD = 'whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw';
const NEW = 'whsec_b3JkZXJmbG93LWRlbW8tY2Fycmllci1zaWduaW5nISE=';
const now = new Date('2030-01-01T12:00:00Z');
const body = '{"order_id":"x","status":"SHIPPED"}';
const carrier = (...secrets: string[]): Carrier => ({
  carrier_id: 'acme',
  display_name: 'Acme',
  secrets: secrets.map((secret, i) => ({ secret_id: `s${i}`, secret, created_at: '' })),
  status_mapping: DEFAULT_STATUS_MAPPING,
  created_at: '',
  updated_at: '',
});
const signed = (secret: string) => ({
  'webhook-id': 'msg_1',
  'webhook-timestamp': String(Math.floor(now.getTime() / 1000)),
  'webhook-signature': new Webhook(secret).sign('msg_1', now, body),
});

/** The use case over a carrier store that counts its reads and whose carrier a test changes. */
function receiver(ttlMs: number) {
  let time = 0;
  const state = { stored: carrier(OLD) as Carrier | undefined, reads: 0 };
  const storage = {
    read: {
      carriers: {
        get: async () => {
          state.reads++;
          return state.stored;
        },
      },
    },
  } as unknown as UnitOfWork<DeliveryStores>;
  const cache = new CarrierCache(ttlMs, () => time);
  const use = new ReceiveCarrierUpdate(storage, {} as OrderCommandHandler, { now: () => now }, 5, cache);
  const check = async (secret: string) => {
    try {
      await use.authenticate('acme', signed(secret), Buffer.from(body));
      return 'ACCEPTED';
    } catch (error) {
      if (error instanceof DomainError) return error.code;
      throw error;
    }
  };
  return { state, cache, check, advance: (ms: number) => (time += ms) };
}

describe('carriers cached for webhooks', () => {
  it('reads a carrier once per TTL, then again', async () => {
    const { state, check, advance } = receiver(5000);
    expect(await check(OLD)).toBe('ACCEPTED');
    expect(await check(OLD)).toBe('ACCEPTED');
    expect(state.reads).toBe(1);
    advance(5000);
    expect(await check(OLD)).toBe('ACCEPTED');
    expect(state.reads).toBe(2);
  });

  it('takes a secret added elsewhere at once, and a secret retired elsewhere within the TTL', async () => {
    const { state, check, advance } = receiver(5000);
    expect(await check(OLD)).toBe('ACCEPTED');
    state.stored = carrier(OLD, NEW);
    // Not in the cached carrier: read again, and accepted.
    expect(await check(NEW)).toBe('ACCEPTED');
    expect(state.reads).toBe(2);
    state.stored = carrier(NEW);
    // Retired in another process: still accepted until the cached carrier expires …
    expect(await check(OLD)).toBe('ACCEPTED');
    advance(5000);
    // … then refused.
    expect(await check(OLD)).toBe('WEBHOOK_SIGNATURE_INVALID');
  });

  it('forgets a carrier this process changed, and does not cache an unknown one or with TTL 0', async () => {
    const { state, cache, check } = receiver(5000);
    expect(await check(OLD)).toBe('ACCEPTED');
    state.stored = carrier(NEW);
    cache.forget('acme');
    expect(await check(OLD)).toBe('WEBHOOK_SIGNATURE_INVALID');
    state.stored = undefined;
    cache.forget('acme');
    expect(await check(NEW)).toBe('WEBHOOK_CARRIER_UNKNOWN');
    state.stored = carrier(NEW);
    expect(await check(NEW)).toBe('ACCEPTED');

    const off = receiver(0);
    expect(await off.check(OLD)).toBe('ACCEPTED');
    expect(await off.check(OLD)).toBe('ACCEPTED');
    expect(off.state.reads).toBe(2);
  });
});
