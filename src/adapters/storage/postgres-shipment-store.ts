import { type Kysely, type Selectable, sql } from 'kysely';
import {
  type Shipment,
  type ShipmentStore,
  type ShipmentUpdate,
  WebhookReplayed,
} from '../../contexts/delivery/index.ts';
import type { Later } from '../../shared/ports/unit-of-work.ts';
import { heldFailure, sendAnsweredLater, sendWithNext, sendWrittenOrRefused } from './deferred-begin.ts';
import type { Database } from './schema.ts';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const SHIPMENT_COLUMNS = ['order_id', 'carrier_id', 'tracking_number', 'created_by', 'created_at'] as const;

export class PostgresShipmentStore implements ShipmentStore {
  constructor(private readonly db: Kysely<Database>) {}

  async create(shipment: Shipment): Promise<boolean> {
    const inserted = await this.db
      .insertInto('shipments')
      .values({ ...shipment, created_at: new Date(shipment.created_at) })
      .onConflict((oc) => oc.column('order_id').doNothing())
      .returning('order_id')
      .executeTakeFirst();
    return inserted !== undefined;
  }

  async get(orderId: string): Promise<Shipment | undefined> {
    if (!UUID.test(orderId)) return undefined;
    const row = await this.db
      .selectFrom('shipments')
      .select(SHIPMENT_COLUMNS)
      .where('order_id', '=', orderId)
      .executeTakeFirst();
    return row && toShipment(row);
  }

  async lock(orderId: string): Promise<Later<Shipment | undefined>> {
    if (!UUID.test(orderId)) return { answer: async () => undefined };
    return sendWithNext(
      this.db,
      this.db.selectFrom('shipments').select(SHIPMENT_COLUMNS).where('order_id', '=', orderId).forUpdate(),
      ([row]) => row && toShipment(row),
    );
  }

  async setTrackingNumber(orderId: string, trackingNumber: string): Promise<void> {
    await sendAnsweredLater(
      this.db,
      sql`update shipments set tracking_number = ${trackingNumber} where order_id = ${orderId}`,
      heldFailure,
    );
  }

  async seen(carrierId: string, webhookId: string): Promise<boolean> {
    const row = await this.db
      .selectFrom('shipment_updates')
      .select('webhook_id')
      .where('carrier_id', '=', carrierId)
      .where('webhook_id', '=', webhookId)
      .executeTakeFirst();
    return row !== undefined;
  }

  async record(update: ShipmentUpdate): Promise<void> {
    // A replay inserts nothing, and refuses what follows it (the record may leave with the unit
    // of work's next statement).
    await sendWrittenOrRefused(
      this.db,
      this.db
        .insertInto('shipment_updates')
        .values({
          ...update,
          occurred_at: new Date(update.occurred_at),
          received_at: new Date(update.received_at),
        })
        .onConflict((oc) => oc.columns(['carrier_id', 'webhook_id']).doNothing())
        .returning(sql`1`.as('one')),
      () => new WebhookReplayed(update.carrier_id, update.webhook_id),
    );
  }

  async history(orderId: string): Promise<ShipmentUpdate[]> {
    if (!UUID.test(orderId)) return [];
    const rows = await this.db
      .selectFrom('shipment_updates')
      .select([
        'carrier_id',
        'webhook_id',
        'order_id',
        'carrier_status',
        'mapped_status',
        'tracking_number',
        'occurred_at',
        'received_at',
        'outcome',
      ])
      .where('order_id', '=', orderId)
      .orderBy('seq')
      .execute();
    return rows.map((row) => ({
      ...row,
      mapped_status: row.mapped_status as ShipmentUpdate['mapped_status'],
      outcome: row.outcome as ShipmentUpdate['outcome'],
      occurred_at: row.occurred_at.toISOString(),
      received_at: row.received_at.toISOString(),
    }));
  }
}

const toShipment = (
  row: Pick<Selectable<Database['shipments']>, (typeof SHIPMENT_COLUMNS)[number]>,
): Shipment => ({
  ...row,
  created_at: row.created_at.toISOString(),
});
