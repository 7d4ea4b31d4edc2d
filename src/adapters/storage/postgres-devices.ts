import { type Kysely, type Selectable, sql } from 'kysely';
import type { Device, DeviceState, DeviceStore } from '../../contexts/profile/index.ts';
import type { PushPlatform } from '../../shared/ports/notification-channel.ts';
import type { Database } from './schema.ts';
import { uuidKey } from './uuid-key.ts';

export class PostgresDevices implements DeviceStore {
  constructor(private readonly db: Kysely<Database>) {}

  async register(
    device: { id: string; user_id: string; platform: PushPlatform; token: string },
    at: Date,
  ): Promise<Device> {
    // One statement, so two registrations of one token race safely: the later one owns it.
    const row = await this.db
      .insertInto('devices')
      .values({ ...device, state: 'active', disabled_reason: null, created_at: at, updated_at: at })
      .onConflict((oc) =>
        oc.column('token').doUpdateSet({
          user_id: device.user_id,
          platform: device.platform,
          // Moving to another user is a new registration: it counts from now.
          created_at: sql`case when devices.user_id = ${device.user_id} then devices.created_at else ${at} end`,
          updated_at: at,
        }),
      )
      .returningAll()
      .executeTakeFirstOrThrow();
    return toDevice(row);
  }

  async get(deviceId: string): Promise<Device | undefined> {
    return (await this.getMany([deviceId])).get(deviceId);
  }

  async getMany(deviceIds: readonly string[]): Promise<Map<string, Device>> {
    if (deviceIds.length === 0) return new Map();
    const rows = await this.db
      .selectFrom('devices')
      .selectAll()
      .where(sql<boolean>`id = any(${deviceIds}::uuid[])`)
      .execute();
    // Answered under the ids as given (see uuidKey).
    const found = new Map(rows.map((row) => [uuidKey(row.id), toDevice(row)]));
    const devices = new Map<string, Device>();
    for (const id of deviceIds) {
      const device = found.get(uuidKey(id));
      if (device) devices.set(id, device);
    }
    return devices;
  }

  listByUser(userId: string): Promise<Device[]> {
    return this.listByUsers([userId]);
  }

  async listByUsers(userIds: readonly string[]): Promise<Device[]> {
    if (userIds.length === 0) return [];
    const rows = await this.db
      .selectFrom('devices')
      .selectAll()
      .where('user_id', 'in', userIds)
      .orderBy('created_at')
      .orderBy('id')
      .execute();
    return rows.map(toDevice);
  }

  async remove(deviceId: string, userId: string): Promise<boolean> {
    const result = await this.db
      .deleteFrom('devices')
      .where('id', '=', deviceId)
      .where('user_id', '=', userId)
      .executeTakeFirst();
    return Number(result.numDeletedRows) > 0;
  }

  async disable(deviceId: string, reason: string, at: Date): Promise<void> {
    await this.db
      .updateTable('devices')
      .set({ state: 'disabled', disabled_reason: reason, updated_at: at })
      .where('id', '=', deviceId)
      .execute();
  }
}

function toDevice(row: Selectable<Database['devices']>): Device {
  return {
    id: row.id,
    user_id: row.user_id,
    platform: row.platform as PushPlatform,
    token: row.token,
    state: row.state as DeviceState,
    disabled_reason: row.disabled_reason,
    created_at: row.created_at.toISOString(),
    updated_at: row.updated_at.toISOString(),
  };
}
