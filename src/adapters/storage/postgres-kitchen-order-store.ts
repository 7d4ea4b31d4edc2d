import { type Kysely, type Selectable, sql } from 'kysely';
import type {
  GeoPoint,
  KitchenOrder,
  KitchenOrderStatus,
  KitchenOrderStore,
  OrderOfPoint,
  PickupJob,
} from '../../contexts/fulfilment/index.ts';
import type { OrderLine } from '../../contexts/ordering/index.ts';
import type { Later } from '../../shared/ports/unit-of-work.ts';
import { sendWithNext } from './deferred-begin.ts';
import type { Database } from './schema.ts';

type Row = Selectable<Database['fulfilment_orders']>;

/** Fulfilment's orders (waiting list, kitchens' queues, couriers' jobs) and couriers' locations. */
export class PostgresKitchenOrderStore implements KitchenOrderStore {
  constructor(private readonly db: Kysely<Database>) {}

  async save(order: KitchenOrder): Promise<void> {
    const row = {
      order_id: order.order_id,
      status: order.status,
      food_point_id: order.food_point_id,
      items: JSON.stringify(order.items),
      destination: order.destination === null ? null : JSON.stringify(order.destination),
      ingredients: JSON.stringify(order.ingredients),
      holds_slot: order.holds_slot,
      ingredients_reserved: order.ingredients_reserved,
      waiting_since: new Date(order.waiting_since),
      assigned_at: order.assigned_at === null ? null : new Date(order.assigned_at),
      courier_id: order.courier_id,
      carrier: order.carrier,
    };
    const { order_id: _id, waiting_since: _w, ...changes } = row;
    await this.db
      .insertInto('fulfilment_orders')
      .values(row)
      .onConflict((oc) => oc.column('order_id').doUpdateSet({ ...changes, updated_at: sql<Date>`now()` }))
      .execute();
  }

  async get(orderId: string): Promise<KitchenOrder | undefined> {
    const row = await this.db
      .selectFrom('fulfilment_orders')
      .selectAll()
      .where('order_id', '=', orderId)
      .executeTakeFirst();
    return row && toOrder(row);
  }

  async staffOfOrders(orders: readonly OrderOfPoint[]): Promise<string[][]> {
    if (orders.length === 0) return [];
    // The point named, else the one the kitchen order is assigned to: one read for all of them.
    const { rows } = await sql<{ i: string | number; user_id: string }>`
      select k.i, s.user_id
        from unnest(${orders.map((o) => o.order_id)}::text[], ${orders.map((o) => o.food_point_id ?? null)}::text[])
             with ordinality as k(order_id, food_point_id, i)
        left join fulfilment_orders o on k.food_point_id is null and o.order_id = k.order_id
        join kitchen_staff s on s.food_point_id = coalesce(k.food_point_id, o.food_point_id)
       order by k.i, s.user_id`.execute(this.db);
    const staff = orders.map((): string[] => []);
    for (const row of rows) staff[Number(row.i) - 1]!.push(row.user_id);
    return staff;
  }

  async getForUpdate(orderId: string): Promise<KitchenOrder | undefined> {
    return (await this.lock(orderId)).answer();
  }

  async lock(orderId: string): Promise<Later<KitchenOrder | undefined>> {
    return sendWithNext(
      this.db,
      this.db.selectFrom('fulfilment_orders').selectAll().where('order_id', '=', orderId).forUpdate(),
      ([row]) => row && toOrder(row),
    );
  }

  async getManyForUpdate(orderIds: readonly string[]): Promise<Map<string, KitchenOrder>> {
    if (orderIds.length === 0) return new Map();
    // In order id order: two batches sharing orders wait for each other instead of deadlocking.
    const rows = await this.db
      .selectFrom('fulfilment_orders')
      .selectAll()
      .where('order_id', 'in', [...new Set(orderIds)])
      .orderBy('order_id')
      .forUpdate()
      .execute();
    return new Map(rows.map((row) => [row.order_id, toOrder(row)]));
  }

  async waiting(limit: number): Promise<KitchenOrder[]> {
    const rows = await this.db
      .selectFrom('fulfilment_orders')
      .selectAll()
      .where('status', '=', 'WAITING')
      .orderBy('waiting_since')
      .orderBy('order_id')
      .limit(limit)
      .execute();
    return rows.map(toOrder);
  }

  async countWaiting(): Promise<number> {
    const row = await this.db
      .selectFrom('fulfilment_orders')
      .select((eb) => eb.fn.countAll<string>().as('n'))
      .where('status', '=', 'WAITING')
      .executeTakeFirstOrThrow();
    return Number(row.n);
  }

  async atPoint(pointId: string, limit: number): Promise<KitchenOrder[]> {
    const rows = await this.db
      .selectFrom('fulfilment_orders')
      .selectAll()
      .where('food_point_id', '=', pointId)
      .where('status', 'in', ['ASSIGNED', 'READY'])
      .orderBy('assigned_at', 'desc')
      .orderBy('order_id', 'desc')
      .limit(limit)
      .execute();
    return rows.map(toOrder);
  }

  async readyForPickup(limit: number, near?: GeoPoint): Promise<PickupJob[]> {
    let query = this.db
      .selectFrom('fulfilment_orders as o')
      .innerJoin('food_points as p', 'p.id', 'o.food_point_id')
      .selectAll('o')
      .select(['p.lat', 'p.lon', 'p.name as food_point_name'])
      .where('o.status', '=', 'READY');
    if (near) {
      // Haversine's inner term: it grows with the great-circle distance, so ordering by it is
      // ordering by distance (the kilometres are computed for the few rows returned).
      const lat = sql`${near.lat}::double precision`;
      const lon = sql`${near.lon}::double precision`;
      query = query.orderBy(
        sql`power(sin(radians(p.lat - ${lat}) / 2), 2)
          + cos(radians(${lat})) * cos(radians(p.lat)) * power(sin(radians(p.lon - ${lon}) / 2), 2)`,
      );
    }
    const rows = await query.orderBy('o.assigned_at').orderBy('o.order_id').limit(limit).execute();
    return rows.map(({ lat, lon, food_point_name, ...row }) => ({
      ...toOrder(row),
      pickup: { lat: Number(lat), lon: Number(lon) },
      food_point_name,
    }));
  }

  async setCourierLocation(courierId: string, location: GeoPoint): Promise<void> {
    await this.db
      .insertInto('courier_locations')
      .values({ courier_id: courierId, lat: location.lat, lon: location.lon })
      .onConflict((oc) =>
        oc
          .column('courier_id')
          .doUpdateSet({ lat: location.lat, lon: location.lon, updated_at: sql<Date>`now()` }),
      )
      .execute();
  }

  async courierLocation(courierId: string): Promise<GeoPoint | undefined> {
    const row = await this.db
      .selectFrom('courier_locations')
      .select(['lat', 'lon'])
      .where('courier_id', '=', courierId)
      .executeTakeFirst();
    return row && { lat: Number(row.lat), lon: Number(row.lon) };
  }
}

function toOrder(row: Row): KitchenOrder {
  return {
    order_id: row.order_id,
    status: row.status as KitchenOrderStatus,
    food_point_id: row.food_point_id,
    items: row.items as OrderLine[],
    destination: row.destination,
    ingredients: row.ingredients,
    holds_slot: row.holds_slot,
    ingredients_reserved: row.ingredients_reserved,
    waiting_since: row.waiting_since.toISOString(),
    assigned_at: row.assigned_at?.toISOString() ?? null,
    courier_id: row.courier_id,
    carrier: row.carrier,
  };
}
