import type { OrderCommandHandler, RequestContext } from '../../src/contexts/ordering/index.ts';
import { DomainError } from '../../src/shared/errors.ts';

/**
 * Drives a paid order to READY with ordering's own commands (confirm if needed, assign a food
 * point, mark ready), tolerating anyone else moving it on meanwhile (auto-confirm, an assigner).
 */
export async function driveToReady(
  commands: OrderCommandHandler,
  orderId: string,
  context: RequestContext,
  { foodPointId = 'test-point', confirm = true } = {},
): Promise<void> {
  for (let attempt = 0; attempt < 200; attempt++) {
    const { state } = await commands.load(orderId);
    if (!state.exists) throw new Error(`order ${orderId} not found`);
    try {
      switch (state.status) {
        case 'READY':
          return;
        case 'PAID':
          if (confirm) {
            await commands.execute(
              orderId,
              (_s, now) => ({ type: 'ConfirmOrder', by: { id: 'test', kind: 'admin' }, now }),
              context,
            );
          } else {
            await new Promise((resolve) => setTimeout(resolve, 25));
          }
          break;
        case 'CONFIRMED':
          await commands.execute(
            orderId,
            (_s, now) => ({ type: 'AssignFoodPoint', food_point_id: foodPointId, now }),
            context,
          );
          break;
        case 'ASSIGNED':
          await commands.execute(orderId, (_s, now) => ({ type: 'MarkReady', now }), context);
          break;
        default:
          throw new Error(`order ${orderId} is ${state.status}; it cannot become READY`);
      }
    } catch (error) {
      // Someone else (auto-confirm, an assigner) moved it first: look again.
      if (
        !(error instanceof DomainError) ||
        !['ORDER_INVALID_TRANSITION', 'CONCURRENCY_CONFLICT'].includes(error.code)
      )
        throw error;
    }
  }
  throw new Error(`order ${orderId} did not become READY`);
}
