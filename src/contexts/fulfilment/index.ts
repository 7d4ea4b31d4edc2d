/** The fulfilment context (seed 001): food points, assignment, the kitchen and courier apps. */

export { CourierJobs, type OfferedJob } from './application/courier-jobs.ts';
export {
  DEMO_DEFAULT_FOOD_POINT_ID,
  DEMO_FOOD_POINTS,
  DEMO_RECIPES,
  seedDemoFulfilment,
} from './application/demo-food-points.ts';
export {
  type AssignerOptions,
  type AssignmentOutcome,
  destinationOf,
  FoodPointAssigner,
  NO_KITCHEN_REASON,
  type RetryResult,
} from './application/food-point-assigner.ts';
export {
  FULFILMENT_CONSUMER,
  FULFILMENT_TOPICS,
  fulfilmentConsumer,
} from './application/fulfilment.consumer.ts';
export { createFulfilment, type Fulfilment, type FulfilmentOptions } from './application/fulfilment.ts';
export { type HandOverInput, handOverToCarrier } from './application/hand-over.ts';
export { KitchenOrders } from './application/kitchen-orders.ts';
export { FoodPointAdmin } from './application/manage-food-points.ts';
export type {
  FoodPointInput,
  FoodPointStore,
  FulfilmentStores,
  KitchenOrder,
  KitchenOrderStatus,
  KitchenOrderStore,
  OrderOfPoint,
  PickupJob,
  StaffMember,
} from './application/ports.ts';
export {
  chooseFoodPoint,
  type Destination,
  distanceKm,
  type FoodPoint,
  type GeoPoint,
  type Ingredients,
  ingredientsFor,
  type StockedFoodPoint,
} from './domain/food-point.ts';
