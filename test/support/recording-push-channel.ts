import type {
  DeliveryOutcome,
  PushChannel,
  PushMessage,
  PushPlatform,
} from '../../src/shared/ports/notification-channel.ts';

/**
 * A push channel that records what it was asked to send and answers what the test planned:
 * per token, a queue of outcomes (then `delivered`). Stands in for FCM/APNs in the
 * notifications context's tests; the adapters are tested against local provider fakes.
 */
export class RecordingPushChannel implements PushChannel {
  readonly sent: PushMessage[] = [];
  readonly #planned = new Map<string, DeliveryOutcome[]>();

  constructor(readonly platform: PushPlatform) {}

  answer(token: string, ...outcomes: DeliveryOutcome[]): void {
    this.#planned.set(token, [...(this.#planned.get(token) ?? []), ...outcomes]);
  }

  async send(message: PushMessage): Promise<DeliveryOutcome> {
    this.sent.push(message);
    const next = this.#planned.get(message.token)?.shift();
    return (
      next ?? {
        outcome: 'delivered',
        provider: { status: 200, message_id: `${this.platform}-${this.sent.length}` },
      }
    );
  }

  to(token: string): PushMessage[] {
    return this.sent.filter((m) => m.token === token);
  }
}
