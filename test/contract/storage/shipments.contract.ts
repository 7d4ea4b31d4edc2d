import { randomUUID } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import type { Shipment, ShipmentUpdate } from '../../../src/contexts/delivery/index.ts';
import { contractCarrier } from './carriers.contract.ts';
import { type CurrentFixture, race, sleep } from './storage-fixture.ts';

/** `ShipmentStore`: one shipment per order, its reports, and the (carrier, webhook-id) replay guard. */
export function shipmentsContract(current: CurrentFixture): void {
  describe('shipments', () => {
    const shipments = () => current().storage.read.shipments;

    const newShipment = async (): Promise<Shipment> => {
      const carrier = contractCarrier();
      await current().storage.read.carriers.create(carrier);
      return {
        order_id: randomUUID(),
        carrier_id: carrier.carrier_id,
        tracking_number: null,
        created_by: 'admin',
        created_at: '2030-01-01T00:00:00.000Z',
      };
    };
    const report = (shipment: Shipment, webhookId: string, status = 'SHIPPED'): ShipmentUpdate => ({
      carrier_id: shipment.carrier_id,
      webhook_id: webhookId,
      order_id: shipment.order_id,
      carrier_status: status,
      mapped_status: 'IN_DELIVERY',
      tracking_number: 'TRK1',
      occurred_at: '2030-01-01T01:00:00.000Z',
      received_at: '2030-01-01T01:00:01.000Z',
      outcome: 'APPLIED',
    });

    it('creates one shipment per order and sets its tracking number', async () => {
      const shipment = await newShipment();
      expect(await shipments().create(shipment)).toBe(true);
      expect(await shipments().create({ ...shipment, created_by: 'other' })).toBe(false);
      expect(await shipments().get(shipment.order_id)).toEqual(shipment);
      await shipments().setTrackingNumber(shipment.order_id, 'TRK-9');
      expect(await shipments().get(shipment.order_id)).toMatchObject({ tracking_number: 'TRK-9' });
      expect(await shipments().get(randomUUID())).toBeUndefined();
      expect(await shipments().get('not-a-uuid')).toBeUndefined();
    });

    it('records each webhook id of a carrier once, and keeps the history in arrival order', async () => {
      const shipment = await newShipment();
      await shipments().create(shipment);
      expect(await shipments().seen(shipment.carrier_id, 'w1')).toBe(false);
      expect(await shipments().record(report(shipment, 'w2', 'DELIVERED'))).toBe(true);
      expect(await shipments().record(report(shipment, 'w1'))).toBe(true);
      expect(await shipments().record(report(shipment, 'w1', 'OTHER'))).toBe(false);
      expect(await shipments().seen(shipment.carrier_id, 'w1')).toBe(true);
      expect(await shipments().history(shipment.order_id)).toEqual([
        report(shipment, 'w2', 'DELIVERED'),
        report(shipment, 'w1'),
      ]);
    });

    it('holds a shipment locked for update until the unit of work ends', async () => {
      const shipment = await newShipment();
      await shipments().create(shipment);
      let inside = 0;
      let overlapped = false;
      const { lost } = await race(current().storage, 5, async (tx) => {
        await tx.shipments.getForUpdate(shipment.order_id);
        inside++;
        if (inside > 1) overlapped = true;
        await sleep(10);
        inside--;
      });
      expect(lost).toEqual([]);
      expect(overlapped).toBe(false);
    });
  });
}
