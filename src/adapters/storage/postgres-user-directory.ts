import type { Kysely } from 'kysely';
import type { Role, UserDirectory, UserRecord } from '../../contexts/identity/index.ts';
import type { Database } from './schema.ts';

export class PostgresUserDirectory implements UserDirectory {
  constructor(private readonly db: Kysely<Database>) {}

  async findByUsername(username: string): Promise<UserRecord | undefined> {
    const row = await this.db
      .selectFrom('users')
      .selectAll()
      .where('username', '=', username)
      .executeTakeFirst();
    return row && { ...row, roles: row.roles as Role[] };
  }

  async findById(id: string): Promise<UserRecord | undefined> {
    // Ids of users from an external identity provider need not be UUIDs; they are not here.
    if (!UUID.test(id)) return undefined;
    const row = await this.db.selectFrom('users').selectAll().where('id', '=', id).executeTakeFirst();
    return row && { ...row, roles: row.roles as Role[] };
  }

  /** Name and e-mail of those of `ids` who are users here (order-info's customer lookup). */
  async findMany(
    ids: readonly string[],
  ): Promise<Map<string, { full_name: string | null; email: string | null }>> {
    // Ids of users from an external identity provider need not be UUIDs; they are not here.
    const uuids = ids.filter((id) => UUID.test(id));
    if (uuids.length === 0) return new Map();
    const rows = await this.db
      .selectFrom('users')
      .select(['id', 'full_name', 'email'])
      .where('id', 'in', uuids)
      .execute();
    return new Map(rows.map(({ id, ...who }) => [id, who]));
  }

  /** Inserts unless the username exists (demo seeding keeps changed passwords). */
  async insertIfAbsent(user: UserRecord): Promise<boolean> {
    const result = await this.db
      .insertInto('users')
      .values({ ...user, roles: JSON.stringify(user.roles) })
      .onConflict((oc) => oc.doNothing())
      .executeTakeFirst();
    return Number(result.numInsertedOrUpdatedRows ?? 0) > 0;
  }
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
