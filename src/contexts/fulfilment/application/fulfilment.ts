import type { Clock } from '../../../shared/clock.ts';
import type { IdGenerator } from '../../../shared/ids.ts';
import type { UnitOfWork } from '../../../shared/ports/unit-of-work.ts';
import type { OrderCommandHandler } from '../../ordering/index.ts';
import { CourierJobs } from './courier-jobs.ts';
import { type AssignerOptions, FoodPointAssigner } from './food-point-assigner.ts';
import { type FulfilmentConsumerOptions, fulfilmentConsumer } from './fulfilment.consumer.ts';
import { KitchenOrders } from './kitchen-orders.ts';
import { FoodPointAdmin } from './manage-food-points.ts';
import type { FulfilmentStores, OrderOfPoint } from './ports.ts';

export type FulfilmentOptions = AssignerOptions;

/** The fulfilment context's use cases over one storage, wired to ordering's command handler. */
export function createFulfilment(
  storage: UnitOfWork<FulfilmentStores>,
  commands: OrderCommandHandler,
  clock: Clock,
  ids: IdGenerator,
  options: FulfilmentOptions,
) {
  const assigner = new FoodPointAssigner(storage, commands, clock, ids, options);
  const freed = () => assigner.capacityFreed();
  return {
    assigner,
    admin: new FoodPointAdmin(storage, freed),
    kitchen: new KitchenOrders(storage, commands),
    couriers: new CourierJobs(storage, commands, freed),
    consumer: (options: FulfilmentConsumerOptions = {}) => fulfilmentConsumer(storage, assigner, options),
    /** The point a kitchen user works at (undefined when none), for who may see which order. */
    pointOfStaff: (userId: string) => storage.read.foodPoints.pointOfStaff(userId),
    /**
     * The kitchen staff of the point each order is (or was) assigned to — none before
     * assignment — so they follow its status changes live: the message's point, when it names
     * one, else the kitchen order's. One read for all of them, in their order.
     */
    kitchenStaffOf: (orders: readonly OrderOfPoint[]): Promise<string[][]> =>
      storage.read.kitchenOrders.staffOfOrders(orders),
  };
}

export type Fulfilment = ReturnType<typeof createFulfilment>;
