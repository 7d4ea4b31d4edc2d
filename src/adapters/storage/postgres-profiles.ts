import type { Kysely, Selectable } from 'kysely';
import {
  DEFAULT_CHANNELS,
  type Locale,
  type Profile,
  type ProfileStore,
} from '../../contexts/profile/index.ts';
import type { Database } from './schema.ts';

export class PostgresProfiles implements ProfileStore {
  constructor(private readonly db: Kysely<Database>) {}

  async get(userId: string): Promise<Profile | undefined> {
    const row = await this.db
      .selectFrom('profiles')
      .selectAll()
      .where('user_id', '=', userId)
      .executeTakeFirst();
    return row ? toProfile(row) : undefined;
  }

  async getMany(userIds: readonly string[]): Promise<Map<string, Profile>> {
    if (userIds.length === 0) return new Map();
    const rows = await this.db
      .selectFrom('profiles')
      .selectAll()
      .where('user_id', 'in', [...userIds])
      .execute();
    return new Map(rows.map((row) => [row.user_id, toProfile(row)]));
  }

  async save(profile: Profile, at: Date): Promise<void> {
    const values = {
      display_name: profile.display_name,
      email: profile.email,
      locale: profile.locale,
      channels: JSON.stringify(profile.channels),
      updated_at: at,
    };
    await this.db
      .insertInto('profiles')
      .values({ user_id: profile.user_id, ...values })
      .onConflict((oc) => oc.column('user_id').doUpdateSet(values))
      .execute();
  }
}

function toProfile(row: Selectable<Database['profiles']>): Profile {
  return {
    user_id: row.user_id,
    display_name: row.display_name,
    email: row.email,
    locale: row.locale as Locale,
    channels: { ...DEFAULT_CHANNELS, ...row.channels },
  };
}
