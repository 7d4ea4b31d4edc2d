import { randomUUID } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { type Carrier, DEFAULT_STATUS_MAPPING } from '../../../src/contexts/delivery/index.ts';
import type { CurrentFixture } from './storage-fixture.ts';

export const contractCarrier = (id = `c-${randomUUID().slice(0, 8)}`): Carrier => ({
  carrier_id: id,
  display_name: `Carrier ${id}`,
  secrets: [
    { secret_id: 's1', secret: 'whsec_MDEyMzQ1Njc4OWFiY2RlZg==', created_at: '2030-01-01T00:00:00.000Z' },
  ],
  status_mapping: DEFAULT_STATUS_MAPPING,
  created_at: '2030-01-01T00:00:00.000Z',
  updated_at: '2030-01-01T00:00:00.000Z',
});

/** `CarrierStore`: carriers, their secrets (rotation) and status mapping. */
export function carriersContract(current: CurrentFixture): void {
  describe('carriers', () => {
    const carriers = () => current().storage.read.carriers;

    it('creates a carrier once and reads it back as written', async () => {
      const carrier = contractCarrier();
      expect(await carriers().create(carrier)).toBe(true);
      expect(await carriers().create({ ...carrier, display_name: 'other' })).toBe(false);
      expect(await carriers().get(carrier.carrier_id)).toEqual(carrier);
      expect(await carriers().get(`missing-${randomUUID()}`)).toBeUndefined();
      expect((await carriers().list()).map((c) => c.carrier_id)).toContain(carrier.carrier_id);
    });

    it('updates name and mapping, and says when there is no such carrier', async () => {
      const carrier = contractCarrier();
      await carriers().create(carrier);
      const at = '2030-02-01T00:00:00.000Z';
      expect(
        await carriers().update(carrier.carrier_id, { status_mapping: { PICKED: 'IN_DELIVERY' } }, at),
      ).toBe(true);
      expect(await carriers().update(carrier.carrier_id, { display_name: 'Renamed' }, at)).toBe(true);
      expect(await carriers().get(carrier.carrier_id)).toMatchObject({
        display_name: 'Renamed',
        status_mapping: { PICKED: 'IN_DELIVERY' },
        updated_at: at,
      });
      expect(await carriers().update(`missing-${randomUUID()}`, { display_name: 'x' }, at)).toBe(false);
    });

    it('adds secrets in order and retires one by id', async () => {
      const carrier = contractCarrier();
      await carriers().create(carrier);
      const second = {
        secret_id: 's2',
        secret: 'whsec_ZmVkY2JhOTg3NjU0MzIxMA==',
        created_at: '2030-03-01T00:00:00.000Z',
      };
      expect(await carriers().addSecret(carrier.carrier_id, second)).toBe(true);
      expect((await carriers().get(carrier.carrier_id))?.secrets).toEqual([...carrier.secrets, second]);
      expect(await carriers().removeSecret(carrier.carrier_id, 's1')).toBe(true);
      expect(await carriers().removeSecret(carrier.carrier_id, 's1')).toBe(false);
      expect((await carriers().get(carrier.carrier_id))?.secrets).toEqual([second]);
      expect(await carriers().addSecret(`missing-${randomUUID()}`, second)).toBe(false);
    });
  });
}
