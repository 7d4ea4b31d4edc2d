import { DomainError } from '../../../shared/errors.ts';
import type { UnitOfWork } from '../../../shared/ports/unit-of-work.ts';
import type { Ingredients, StockedFoodPoint } from '../domain/food-point.ts';
import type { FoodPointInput, FulfilmentStores } from './ports.ts';

const pointNotFound = (id: string) =>
  new DomainError('FOOD_POINT_NOT_FOUND', `food point ${id} not found`, { food_point_id: id });

/**
 * Admins manage food points (location, delivery switch, capacity), their ingredient stock,
 * kitchen staff and the products' recipes. Anything that may free capacity or add stock calls
 * `onCapacityFreed`, so waiting orders are tried again soon.
 */
export class FoodPointAdmin {
  constructor(
    private readonly storage: UnitOfWork<FulfilmentStores>,
    private readonly onCapacityFreed: () => void = () => {},
  ) {}

  list(): Promise<StockedFoodPoint[]> {
    return this.storage.read.foodPoints.list();
  }

  async get(id: string): Promise<StockedFoodPoint & { staff: string[] }> {
    const point = await this.storage.read.foodPoints.get(id);
    if (!point) throw pointNotFound(id);
    return { ...point, staff: await this.storage.read.foodPoints.staffOf(id) };
  }

  /** Creates or updates a point; answers whether it was new. */
  async put(point: FoodPointInput): Promise<{ created: boolean; point: StockedFoodPoint }> {
    const created = await this.storage.read.foodPoints.insertIfAbsent(point);
    if (!created) await this.storage.read.foodPoints.upsert(point);
    this.onCapacityFreed();
    return { created, point: (await this.storage.read.foodPoints.get(point.id))! };
  }

  async setStock(pointId: string, stock: Ingredients): Promise<StockedFoodPoint> {
    if (!(await this.storage.read.foodPoints.get(pointId))) throw pointNotFound(pointId);
    await this.storage.read.foodPoints.setStock(pointId, stock);
    this.onCapacityFreed();
    return (await this.storage.read.foodPoints.get(pointId))!;
  }

  /** Ties a kitchen user to the point (an earlier assignment of theirs is replaced). */
  async assignStaff(pointId: string, userId: string): Promise<void> {
    if (!(await this.storage.read.foodPoints.get(pointId))) throw pointNotFound(pointId);
    await this.storage.read.foodPoints.assignStaff(userId, pointId);
  }

  async recipe(productId: string): Promise<Ingredients> {
    const recipe = await this.storage.read.foodPoints.recipe(productId);
    if (!recipe)
      throw new DomainError('RECIPE_NOT_FOUND', `product ${productId} has no recipe`, {
        product_id: productId,
      });
    return recipe;
  }

  /** Sets the product's recipe: the ingredients one unit needs. The product must exist. */
  async setRecipe(productId: string, ingredients: Ingredients): Promise<Ingredients> {
    const [product] = await this.storage.read.products.findMany([productId]);
    if (!product)
      throw new DomainError('PRODUCT_NOT_FOUND', `product ${productId} not found`, { product_id: productId });
    await this.storage.read.foodPoints.setRecipe(productId, ingredients);
    this.onCapacityFreed();
    return ingredients;
  }
}
