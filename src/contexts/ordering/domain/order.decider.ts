import type { Decider } from '../../../shared/decider.ts';
import { decide, type OrderCommand } from './order.decide.ts';
import type { OrderEvent } from './order.events.ts';
import { evolve, initialOrderState, type OrderState } from './order.evolve.ts';

/** The order's decider as one value (what the command handler and the domain tests run). */
export const orderDecider: Decider<OrderCommand, OrderEvent, OrderState> = {
  decide,
  evolve,
  initialState: initialOrderState,
};
