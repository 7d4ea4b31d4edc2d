import { type Kysely, sql } from 'kysely';
import type { CustomerDirectory } from '../../contexts/billing/index.ts';
import type { Database } from './schema.ts';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/**
 * A customer is known when the built-in identity provider has them as a user, or when they
 * placed an order (users of an external provider are not in `users`; their first order is
 * what orderflow knows of them). Both lookups are indexed.
 */
export class PostgresCustomerDirectory implements CustomerDirectory {
  constructor(private readonly db: Kysely<Database>) {}

  async isKnown(customerId: string): Promise<boolean> {
    if (UUID.test(customerId)) {
      const user = await this.db
        .selectFrom('users')
        .select('id')
        .where('id', '=', customerId)
        .executeTakeFirst();
      if (user) return true;
    }
    const order = await this.db
      .selectFrom('events')
      .select('event_id')
      .where('event_type', '=', 'OrderCreated')
      .where(sql<string>`data ->> 'customer_id'`, '=', customerId)
      .limit(1)
      .executeTakeFirst();
    return order !== undefined;
  }
}
