import { type Kysely, sql } from 'kysely';
import type {
  FoodPointInput,
  FoodPointStore,
  Ingredients,
  StockedFoodPoint,
} from '../../contexts/fulfilment/index.ts';
import type { Database } from './schema.ts';

/** Food points, stock, recipes and kitchen staff. Capacity and stock change by conditional UPDATEs only. */
export class PostgresFoodPointStore implements FoodPointStore {
  constructor(private readonly db: Kysely<Database>) {}

  async upsert(point: FoodPointInput): Promise<void> {
    const row = toRow(point);
    await this.db
      .insertInto('food_points')
      .values(row)
      .onConflict((oc) =>
        oc.column('id').doUpdateSet({
          name: row.name,
          lat: row.lat,
          lon: row.lon,
          accepts_delivery: row.accepts_delivery,
          capacity: row.capacity,
          updated_at: sql<Date>`now()`,
        }),
      )
      .execute();
  }

  async insertIfAbsent(point: FoodPointInput): Promise<boolean> {
    const result = await this.db
      .insertInto('food_points')
      .values(toRow(point))
      .onConflict((oc) => oc.column('id').doNothing())
      .executeTakeFirst();
    return Number(result.numInsertedOrUpdatedRows ?? 0) > 0;
  }

  async get(id: string): Promise<StockedFoodPoint | undefined> {
    return (await this.#points(id))[0];
  }

  list(): Promise<StockedFoodPoint[]> {
    return this.#points();
  }

  async setStock(pointId: string, stock: Ingredients): Promise<void> {
    for (const [ingredient, quantity] of Object.entries(stock).sort(([a], [b]) => (a < b ? -1 : 1))) {
      await this.db
        .insertInto('food_point_stock')
        .values({ food_point_id: pointId, ingredient, quantity })
        .onConflict((oc) => oc.columns(['food_point_id', 'ingredient']).doUpdateSet({ quantity }))
        .execute();
    }
  }

  /** Upsert, not delete-then-insert: processes seeding demo data at once must not collide. */
  async setRecipe(productId: string, ingredients: Ingredients): Promise<void> {
    const names = Object.keys(ingredients);
    let stale = this.db.deleteFrom('product_recipes').where('product_id', '=', productId);
    if (names.length > 0) stale = stale.where('ingredient', 'not in', names);
    await stale.execute();
    const rows = Object.entries(ingredients).map(([ingredient, quantity]) => ({
      product_id: productId,
      ingredient,
      quantity,
    }));
    if (rows.length === 0) return;
    await this.db
      .insertInto('product_recipes')
      .values(rows)
      .onConflict((oc) =>
        oc
          .columns(['product_id', 'ingredient'])
          .doUpdateSet((eb) => ({ quantity: eb.ref('excluded.quantity') })),
      )
      .execute();
  }

  async recipe(productId: string): Promise<Ingredients | undefined> {
    return (await this.recipesFor([productId]))[productId];
  }

  async recipesFor(productIds: readonly string[]): Promise<Record<string, Ingredients>> {
    if (productIds.length === 0) return {};
    const rows = await this.db
      .selectFrom('product_recipes')
      .select(['product_id', 'ingredient', 'quantity'])
      .where('product_id', 'in', [...new Set(productIds)])
      .execute();
    const recipes: Record<string, Ingredients> = {};
    for (const row of rows) {
      recipes[row.product_id] = { ...recipes[row.product_id], [row.ingredient]: row.quantity };
    }
    return recipes;
  }

  async assignStaff(userId: string, pointId: string): Promise<void> {
    await this.db
      .insertInto('kitchen_staff')
      .values({ user_id: userId, food_point_id: pointId })
      .onConflict((oc) => oc.column('user_id').doUpdateSet({ food_point_id: pointId }))
      .execute();
  }

  async staffOf(pointId: string): Promise<string[]> {
    const rows = await this.db
      .selectFrom('kitchen_staff')
      .select('user_id')
      .where('food_point_id', '=', pointId)
      .orderBy('user_id')
      .execute();
    return rows.map((r) => r.user_id);
  }

  async pointOfStaff(userId: string): Promise<string | undefined> {
    const row = await this.db
      .selectFrom('kitchen_staff')
      .select('food_point_id')
      .where('user_id', '=', userId)
      .executeTakeFirst();
    return row?.food_point_id;
  }

  async reserve(pointId: string, needs: Ingredients): Promise<boolean> {
    // The slot first: its row lock serialises reservations at this point, and `in_kitchen <
    // capacity` is re-checked on the latest row version after waiting for that lock.
    const slot = await this.db
      .updateTable('food_points')
      .set({ in_kitchen: sql<number>`in_kitchen + 1` })
      .where('id', '=', pointId)
      .whereRef('in_kitchen', '<', 'capacity')
      .executeTakeFirst();
    if (Number(slot.numUpdatedRows) === 0) return false;
    const taken: Ingredients = {};
    for (const [ingredient, quantity] of sortedEntries(needs)) {
      if (quantity <= 0) continue;
      const updated = await this.db
        .updateTable('food_point_stock')
        .set({ quantity: sql<number>`quantity - ${quantity}` })
        .where('food_point_id', '=', pointId)
        .where('ingredient', '=', ingredient)
        .where('quantity', '>=', quantity)
        .executeTakeFirst();
      if (Number(updated.numUpdatedRows) === 0) {
        // All or none: give back what this call took (the rows stay locked by this transaction).
        await this.returnIngredients(pointId, taken);
        await this.releaseSlot(pointId);
        return false;
      }
      taken[ingredient] = quantity;
    }
    return true;
  }

  async releaseSlot(pointId: string): Promise<void> {
    await this.db
      .updateTable('food_points')
      .set({ in_kitchen: sql<number>`in_kitchen - 1` })
      .where('id', '=', pointId)
      .where('in_kitchen', '>', 0)
      .execute();
  }

  async returnIngredients(pointId: string, ingredients: Ingredients): Promise<void> {
    for (const [ingredient, quantity] of sortedEntries(ingredients)) {
      if (quantity <= 0) continue;
      await this.db
        .insertInto('food_point_stock')
        .values({ food_point_id: pointId, ingredient, quantity })
        .onConflict((oc) =>
          oc
            .columns(['food_point_id', 'ingredient'])
            .doUpdateSet({ quantity: sql<number>`food_point_stock.quantity + ${quantity}` }),
        )
        .execute();
    }
  }

  async #points(id?: string): Promise<StockedFoodPoint[]> {
    let query = this.db
      .selectFrom('food_points')
      .select(['id', 'name', 'lat', 'lon', 'accepts_delivery', 'capacity', 'in_kitchen'])
      .orderBy('id');
    if (id !== undefined) query = query.where('id', '=', id);
    const points = await query.execute();
    if (points.length === 0) return [];
    let stockQuery = this.db
      .selectFrom('food_point_stock')
      .select(['food_point_id', 'ingredient', 'quantity']);
    if (id !== undefined) stockQuery = stockQuery.where('food_point_id', '=', id);
    const stock = await stockQuery.orderBy('ingredient').execute();
    return points.map((p) => ({
      id: p.id,
      name: p.name,
      location: { lat: Number(p.lat), lon: Number(p.lon) },
      accepts_delivery: p.accepts_delivery,
      capacity: p.capacity,
      in_kitchen: p.in_kitchen,
      stock: Object.fromEntries(
        stock.filter((s) => s.food_point_id === p.id).map((s) => [s.ingredient, s.quantity]),
      ),
    }));
  }
}

const toRow = (point: FoodPointInput) => ({
  id: point.id,
  name: point.name,
  lat: point.location.lat,
  lon: point.location.lon,
  accepts_delivery: point.accepts_delivery,
  capacity: point.capacity,
});

/** Ingredients in name order, so two transactions never lock the same stock rows in opposite orders. */
const sortedEntries = (ingredients: Ingredients) =>
  Object.entries(ingredients).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
