import { IntegrationEventTypes } from '../../../shared/envelope.ts';
import { DomainError } from '../../../shared/errors.ts';
import type { DeliveredMessage } from '../../../shared/ports/message-bus.ts';
import type { OrderCommandHandler } from './order-command-handler.ts';
import { parseOrderMessage } from './order-message.parser.ts';

export const AUTO_CONFIRM_CONSUMER = 'auto-confirm';
export const AUTO_CONFIRM_TOPICS = [IntegrationEventTypes.orderStatusUpdated];

/**
 * Confirms an order as soon as it is paid (seed 004's confirmation, automated; on by
 * default). Idempotent without a dedupe table: a second delivery finds the order no longer
 * PAID and changes nothing.
 */
export function autoConfirmPaidOrders(commands: OrderCommandHandler) {
  return async (message: DeliveredMessage): Promise<void> => {
    const parsed = parseOrderMessage(message.envelope);
    if (parsed?.event_type !== IntegrationEventTypes.orderStatusUpdated) return;
    const data = parsed.envelope.data;
    if (data.current_status !== 'PAID') return;
    try {
      await commands.execute(
        data.order_id,
        (_order, now) => ({ type: 'ConfirmOrder', by: { id: 'auto-confirm', kind: 'system' }, now }),
        {
          correlation_id: message.headers.correlation_id ?? message.envelope.event_id,
          actor_id: 'auto-confirm',
        },
      );
    } catch (error) {
      // Already confirmed or cancelled meanwhile: nothing to do.
      if (error instanceof DomainError && error.code === 'ORDER_INVALID_TRANSITION') return;
      throw error;
    }
  };
}
