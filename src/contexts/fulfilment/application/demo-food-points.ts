import { DEMO_USER_IDS } from '../../identity/index.ts';
import type { Ingredients } from '../domain/food-point.ts';
import type { FoodPointInput, FulfilmentStores } from './ports.ts';

/** The point where the demo user `kitchen` works: where orders without a delivery location go. */
export const DEMO_DEFAULT_FOOD_POINT_ID = 'fp-mitte';

/** A few kitchens around Berlin (seed 001's food points). */
export const DEMO_FOOD_POINTS: readonly FoodPointInput[] = [
  {
    id: 'fp-mitte',
    name: 'Mitte Kitchen',
    location: { lat: 52.52, lon: 13.405 },
    accepts_delivery: true,
    capacity: 10,
  },
  {
    id: 'fp-kreuzberg',
    name: 'Kreuzberg Kitchen',
    location: { lat: 52.4986, lon: 13.403 },
    accepts_delivery: true,
    capacity: 5,
  },
  {
    id: 'fp-charlottenburg',
    name: 'Charlottenburg Deli',
    location: { lat: 52.5167, lon: 13.3041 },
    accepts_delivery: false,
    capacity: 5,
  },
];

/** One unit of each demo product (src/contexts/catalog/application/demo-products.ts). */
export const DEMO_RECIPES: Readonly<Record<string, Ingredients>> = {
  'sandwich-club': { bread: 2, chicken: 1, bacon: 1, lettuce: 1, tomato: 1 },
  'sandwich-blt': { bread: 2, bacon: 2, lettuce: 1, tomato: 1 },
  'sandwich-veggie': { bread: 2, cheese: 1, lettuce: 1, tomato: 2 },
  'soup-tomato': { tomato: 3, cream: 1 },
  'drink-lemonade': { lemon: 1, sugar: 1 },
  'cookie-choc': { dough: 1, chocolate: 1 },
  'cake-limited': { dough: 1, cheese: 2, sugar: 1 },
};

const PANTRY: Ingredients = {
  bread: 400,
  chicken: 100,
  bacon: 200,
  lettuce: 200,
  tomato: 500,
  cheese: 200,
  cream: 100,
  lemon: 200,
  sugar: 300,
  dough: 100,
  chocolate: 100,
};

/** Ingredient stock per demo point (Kreuzberg has no bacon: BLT and club orders go elsewhere). */
export const DEMO_STOCK: Readonly<Record<string, Ingredients>> = {
  'fp-mitte': PANTRY,
  'fp-kreuzberg': { ...PANTRY, bacon: 0 },
  'fp-charlottenburg': PANTRY,
};

/** Kitchen staff: user id → point. */
export const DEMO_KITCHEN_STAFF: Readonly<Record<string, string>> = {
  [DEMO_USER_IDS.kitchen]: DEMO_DEFAULT_FOOD_POINT_ID,
};

/**
 * Seeds the demo points, their stock, recipes and kitchen staff: only what is missing, so a
 * restart keeps stock that was used and settings an admin changed.
 */
export async function seedDemoFulfilment(stores: Pick<FulfilmentStores, 'foodPoints'>): Promise<number> {
  let points = 0;
  for (const point of DEMO_FOOD_POINTS) {
    if (!(await stores.foodPoints.insertIfAbsent(point))) continue;
    points++;
    await stores.foodPoints.setStock(point.id, DEMO_STOCK[point.id] ?? {});
  }
  for (const [productId, recipe] of Object.entries(DEMO_RECIPES)) {
    if (!(await stores.foodPoints.recipe(productId))) await stores.foodPoints.setRecipe(productId, recipe);
  }
  for (const [userId, pointId] of Object.entries(DEMO_KITCHEN_STAFF)) {
    if (!(await stores.foodPoints.pointOfStaff(userId))) await stores.foodPoints.assignStaff(userId, pointId);
  }
  return points;
}
