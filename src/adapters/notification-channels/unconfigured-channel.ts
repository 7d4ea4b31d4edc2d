import type {
  DeliveryOutcome,
  EmailChannel,
  PushChannel,
  PushPlatform,
} from '../../shared/ports/notification-channel.ts';

const notConfigured = (what: string): DeliveryOutcome => ({
  outcome: 'failed',
  provider: { error_code: 'NOT_CONFIGURED', message: `${what} is not configured in this process` },
});

/**
 * Production mode without a provider for a channel: nothing is captured (there is no dev inbox
 * there), so each attempt is a permanent failure that the receipts and the logs show.
 */
export class UnconfiguredEmailChannel implements EmailChannel {
  async send(): Promise<DeliveryOutcome> {
    return notConfigured('e-mail (SMTP_URL)');
  }
}

export class UnconfiguredPushChannel implements PushChannel {
  constructor(readonly platform: PushPlatform) {}

  async send(): Promise<DeliveryOutcome> {
    return notConfigured(`push for ${this.platform}`);
  }
}
