import { type Kysely, type Selectable, sql } from 'kysely';
import type { Carrier, CarrierSecret, CarrierStore, StatusMapping } from '../../contexts/delivery/index.ts';
import type { Database } from './schema.ts';

type Row = Selectable<Database['carriers']>;

export class PostgresCarrierStore implements CarrierStore {
  constructor(private readonly db: Kysely<Database>) {}

  async create(carrier: Carrier): Promise<boolean> {
    const inserted = await this.db
      .insertInto('carriers')
      .values({
        carrier_id: carrier.carrier_id,
        display_name: carrier.display_name,
        secrets: JSON.stringify(carrier.secrets),
        status_mapping: JSON.stringify(carrier.status_mapping),
        created_at: new Date(carrier.created_at),
        updated_at: new Date(carrier.updated_at),
      })
      .onConflict((oc) => oc.column('carrier_id').doNothing())
      .returning('carrier_id')
      .executeTakeFirst();
    return inserted !== undefined;
  }

  async get(carrierId: string): Promise<Carrier | undefined> {
    const row = await this.db
      .selectFrom('carriers')
      .selectAll()
      .where('carrier_id', '=', carrierId)
      .executeTakeFirst();
    return row && toCarrier(row);
  }

  async list(): Promise<Carrier[]> {
    const rows = await this.db.selectFrom('carriers').selectAll().orderBy('carrier_id').execute();
    return rows.map(toCarrier);
  }

  async update(
    carrierId: string,
    change: { display_name?: string; status_mapping?: StatusMapping },
    at: string,
  ): Promise<boolean> {
    const result = await this.db
      .updateTable('carriers')
      .set({
        ...(change.display_name === undefined ? {} : { display_name: change.display_name }),
        ...(change.status_mapping === undefined
          ? {}
          : { status_mapping: JSON.stringify(change.status_mapping) }),
        updated_at: new Date(at),
      })
      .where('carrier_id', '=', carrierId)
      .executeTakeFirst();
    return Number(result.numUpdatedRows) > 0;
  }

  async addSecret(carrierId: string, secret: CarrierSecret): Promise<boolean> {
    const result = await this.db
      .updateTable('carriers')
      .set({
        secrets: sql`secrets || ${JSON.stringify([secret])}::jsonb`,
        updated_at: new Date(secret.created_at),
      } as never)
      .where('carrier_id', '=', carrierId)
      .executeTakeFirst();
    return Number(result.numUpdatedRows) > 0;
  }

  async removeSecret(carrierId: string, secretId: string): Promise<boolean> {
    const result = await this.db
      .updateTable('carriers')
      .set({
        secrets: sql`coalesce((
          select jsonb_agg(s order by n) from jsonb_array_elements(secrets) with ordinality as e(s, n)
          where s ->> 'secret_id' <> ${secretId}), '[]'::jsonb)`,
        updated_at: sql`now()`,
      } as never)
      .where('carrier_id', '=', carrierId)
      .where(sql<boolean>`secrets @> ${JSON.stringify([{ secret_id: secretId }])}::jsonb`)
      .executeTakeFirst();
    return Number(result.numUpdatedRows) > 0;
  }
}

const toCarrier = (row: Row): Carrier => ({
  carrier_id: row.carrier_id,
  display_name: row.display_name,
  secrets: row.secrets,
  status_mapping: row.status_mapping as StatusMapping,
  created_at: row.created_at.toISOString(),
  updated_at: row.updated_at.toISOString(),
});
