import { type Kysely, sql } from 'kysely';

// Fulfilment (seed 001): food points with their capacity and ingredient stock, recipes, kitchen
// staff, the orders a kitchen holds (and the ones waiting for one) and couriers' last locations.
// `in_kitchen` and `quantity` are changed only by conditional UPDATEs, so the checks below are
// a last line of defence: no race can take a point past its capacity or an ingredient below 0.
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    create table food_points (
      id text primary key,
      name text not null,
      lat double precision not null,
      lon double precision not null,
      accepts_delivery boolean not null,
      capacity integer not null check (capacity >= 0),
      in_kitchen integer not null default 0 check (in_kitchen >= 0),
      updated_at timestamptz not null default now()
    )`.execute(db);
  await sql`
    create table food_point_stock (
      food_point_id text not null references food_points (id),
      ingredient text not null,
      quantity integer not null check (quantity >= 0),
      primary key (food_point_id, ingredient)
    )`.execute(db);
  await sql`
    create table product_recipes (
      product_id text not null,
      ingredient text not null,
      quantity integer not null check (quantity > 0),
      primary key (product_id, ingredient)
    )`.execute(db);
  await sql`
    create table kitchen_staff (
      user_id text primary key,
      food_point_id text not null references food_points (id)
    )`.execute(db);
  await sql`
    create table fulfilment_orders (
      order_id text primary key,
      status text not null,
      food_point_id text references food_points (id),
      items jsonb not null,
      destination jsonb,
      ingredients jsonb not null default '{}',
      holds_slot boolean not null default false,
      ingredients_reserved boolean not null default false,
      waiting_since timestamptz not null,
      assigned_at timestamptz,
      courier_id text,
      carrier text,
      updated_at timestamptz not null default now()
    )`.execute(db);
  await sql`create index fulfilment_orders_status on fulfilment_orders (status, waiting_since)`.execute(db);
  await sql`create index fulfilment_orders_point on fulfilment_orders (food_point_id, assigned_at)`.execute(
    db,
  );
  // Orders confirmed before fulfilment existed join the waiting list (with the full timeout
  // ahead of them), as if their CONFIRMED message had just arrived.
  await sql`
    insert into fulfilment_orders (order_id, status, items, destination, waiting_since)
    select c.data ->> 'order_id', 'WAITING', c.data -> 'items',
      case when jsonb_typeof(c.data -> 'delivery' -> 'lat') = 'number'
             and jsonb_typeof(c.data -> 'delivery' -> 'lon') = 'number'
           then jsonb_build_object('lat', c.data -> 'delivery' -> 'lat', 'lon', c.data -> 'delivery' -> 'lon')
      end,
      now()
    from events c
    where c.event_type = 'OrderCreated'
      and (
        select e.event_type from events e
        where e.stream_id = c.stream_id
          and e.event_type in ('OrderPaid', 'OrderConfirmed', 'FoodPointAssigned', 'OrderReady',
                               'OrderPickedUp', 'OrderDelivered', 'OrderCancelled')
        order by e.version desc limit 1
      ) = 'OrderConfirmed'
    on conflict do nothing`.execute(db);
  await sql`
    create table courier_locations (
      courier_id text primary key,
      lat double precision not null,
      lon double precision not null,
      updated_at timestamptz not null default now()
    )`.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  for (const table of [
    'courier_locations',
    'fulfilment_orders',
    'kitchen_staff',
    'product_recipes',
    'food_point_stock',
    'food_points',
  ]) {
    await sql`drop table if exists ${sql.table(table)}`.execute(db);
  }
}
